#!/usr/bin/env bash
# Accepts the current build's public API as the compatibility baseline: packs the jsii assembly
# (.jsii) and the package.json fields jsii-diff reads (name, version, jsii section, dependencies,
# so it can load the assemblies of cdktf, constructs and the providers) into
# compat/baseline.tgz. A tarball, not a folder: jsii-docgen would find a second `.jsii` of the
# same name and version in the tree and document the baseline instead of the build. Run after
# `npx projen compile`, and commit the result with a "Changes" entry in README.md naming the break.
set -euo pipefail
[ -f .jsii ] || { echo "no .jsii: run 'npx projen compile' first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp .jsii "$work/.jsii"
node -e '
const pkg = require("./package.json");
const keep = ["name", "version", "jsii", "dependencies", "peerDependencies", "bundledDependencies"];
const out = Object.fromEntries(keep.filter((k) => pkg[k] !== undefined).map((k) => [k, pkg[k]]));
require("fs").writeFileSync(process.argv[1] + "/package.json", JSON.stringify(out, null, 2) + "\n");
' "$work"
mkdir -p compat
# Reproducible: fixed owner, order and time, so an unchanged API gives an unchanged file.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2026-01-01 00:00Z' -C "$work" -cf - .jsii package.json | gzip -n -9 > compat/baseline.tgz
echo "compat/baseline.tgz now holds the public API of this build"
