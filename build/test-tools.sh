#!/usr/bin/env bash
# Installs what the tests run against when it is missing, so `mvn verify` works on a fresh machine:
# a local Ethereum node (anvil) and the Solidity compiler from npm into .tools/, Debian's chromium
# for the console's browser test, and Debian's PostgreSQL server for the shared event log's tests (they
# start a throwaway cluster of their own; the package's own cluster is not used). Maven calls this before compiling the tests (skipped with -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."

ANVIL_VERSION=1.7.1
SOLC_VERSION=0.8.37

if [[ ! -x .tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil || ! -d .tools/node_modules/solc ]]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "test-tools: npm is needed to install anvil and solc (apt-get install nodejs npm)" >&2
    exit 1
  fi
  echo "test-tools: installing anvil ${ANVIL_VERSION} and solc ${SOLC_VERSION} into .tools/" >&2
  npm install --no-save --no-audit --no-fund --prefix .tools "@foundry-rs/anvil-linux-amd64@${ANVIL_VERSION}" "solc@${SOLC_VERSION}" >&2
fi

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
if (( ${#missing[@]} > 0 )); then
  if [[ "$(id -u)" != 0 ]]; then
    echo "test-tools: the tests need Debian's ${missing[*]}: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "test-tools: installing Debian's ${missing[*]}" >&2
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2
fi
