#!/usr/bin/env bash
# Regenerates src/test/resources/contracts/*.json from the Solidity sources beside this script.
# Needs the npm package solc (the same version as the pragma): installed under .tools by .ci/run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
if [[ ! -d "$root/.tools/node_modules/solc" ]]; then
  npm install --no-save --prefix "$root/.tools" solc@0.8.37 >&2
fi
NODE_PATH="$root/.tools/node_modules" node "$here/build.js"
