#!/usr/bin/env bash
# Accepts the current build's public API as the compatibility baseline: copies the jsii
# assembly (.jsii) and the package.json fields jsii-diff reads (name, version, jsii section,
# dependencies, so it can load the assemblies of cdktf, constructs and the providers) into
# compat/baseline/. Run after `npx projen compile`, and commit the result with a "Changes"
# entry in README.md that names the break.
set -euo pipefail
[ -f .jsii ] || { echo "no .jsii: run 'npx projen compile' first" >&2; exit 1; }
mkdir -p compat/baseline
cp .jsii compat/baseline/.jsii
node -e '
const pkg = require("./package.json");
const keep = ["name", "version", "jsii", "dependencies", "peerDependencies", "bundledDependencies"];
const out = Object.fromEntries(keep.filter((k) => pkg[k] !== undefined).map((k) => [k, pkg[k]]));
require("fs").writeFileSync("compat/baseline/package.json", JSON.stringify(out, null, 2) + "\n");
'
echo "compat/baseline/ now holds the public API of this build"
