#!/usr/bin/env bash
# Fails on public API changes that break callers: jsii-diff between compat/baseline.tgz (see
# compat-baseline.sh) and this build's .jsii. Extra arguments go to jsii-diff.
set -euo pipefail
[ -f compat/baseline.tgz ] || { echo "no compat/baseline.tgz: run 'npx projen compat:baseline' after a build" >&2; exit 1; }
# Inside the project, so jsii-diff resolves the dependencies' assemblies from its node_modules.
work=$(mktemp -d -p "$PWD" .compat-baseline.XXXXXX)
trap 'rm -rf "$work"' EXIT
tar -xzf compat/baseline.tgz -C "$work"
jsii-diff "$work" . --keys --error-on all --ignore-file .compatignore "$@"
