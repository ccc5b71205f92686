#!/usr/bin/env bash
# CI only: the checkout must be exactly what the build and lint produce. A stale API.md,
# .projen file or package.json, or an eslint autofix that was never committed, fails the test
# command instead of being silently rewritten on the CI machine.
set -euo pipefail
[ -n "${CI:-}" ] || exit 0
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || exit 0
changed="$(git status --porcelain)"
if [ -n "$changed" ]; then
  echo "Generated files or lint fixes differ from the commit (run 'npx projen test' and commit them):"
  echo "$changed"
  git --no-pager diff --stat
  exit 1
fi
