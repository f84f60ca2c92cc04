#!/usr/bin/env bash
# HTTP benchmark: starts `auditcover serve --demo` on a fresh temporary data directory (rate limits
# off, so one wrk client is not throttled) and measures with wrk on loopback:
#   1. quotes: GET /api/quotes (a pure read of the published view), 2 threads, 32 and 64 connections;
#   2. durable cover purchases: POST /api/covers with unique Idempotency-Keys, 64 connections.
# Usage: bench/http.sh [seconds per run, default 15]. Needs wrk (apt-get install -y wrk).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-15}"
port="${PORT:-18990}"
data="$(mktemp -d)"
command -v wrk >/dev/null || { echo "bench/http.sh: needs wrk (apt-get install -y wrk)" >&2; exit 1; }

"$here/auditcover" serve --demo --data "$data" --port "$port" --rate-limit 0 --tick-seconds 3600 >"$data/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/ready" >/dev/null || { cat "$data/serve.log" >&2; exit 1; }
echo "machine: $(nproc) cores, $(uname -sr); server log in $data/serve.log"

quote="http://127.0.0.1:$port/api/quotes?pool_id=blue-chip&protocol_id=lendwell&amount=1000&asset=USDC&period_days=90"
echo "== warm-up"
wrk -t2 -c32 -d5s "$quote" >/dev/null
for connections in ${CONNECTIONS:-16 32 64}; do
  echo "== quotes, $connections connections, ${seconds}s"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$quote"
done

token="$("$here/auditcover" bench sign-in "http://127.0.0.1:$port" | tail -1)"
echo "== durable cover purchases, 64 connections, ${seconds}s"
TOKEN="$token" RUN="run$(date +%s)" wrk -t2 -c64 -d"${seconds}s" --latency -s "$here/bench/purchase.lua" "http://127.0.0.1:$port"
curl -fs "http://127.0.0.1:$port/api/log/head"; echo
