#!/usr/bin/env bash
# HTTP benchmark: starts `auditcover serve --demo` on a fresh temporary data directory (rate limits
# off, so one wrk client is not throttled) and measures with wrk on loopback:
#   0. a warm-up of quotes at 64 connections, long enough for the JIT to compile the pricing path;
#   1. quotes: GET /api/quotes (a pure read of the published view), 2 threads, 16, 32 and 64 connections;
#   2. durable cover purchases: POST /api/covers with unique Idempotency-Keys, 64 connections.
# Each run ends with one summary line (requests/s, p50, p99); target for quotes at 64 connections (issue 16):
# >= 30,000 req/s and p99 <= 5 ms.
# Usage: bench/http.sh [seconds per run, default 15] [warm-up seconds, default 30]
#   (or WARM_UP=seconds; CONNECTIONS="64" to run only 64). Needs wrk (apt-get install -y wrk).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-15}"
warm_up="${2:-${WARM_UP:-30}}"
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
# One line from wrk's --latency output: requests/s, p50 and p99, so the figure to compare with the target stands out.
summary() {
  awk -v label="$1" '$1 == "Requests/sec:" { rate = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
    END { printf "%s: %s req/s, p50 %s, p99 %s\n", label, rate, p50, p99 }'
}

echo "== warm-up: quotes, 64 connections, ${warm_up}s (for the JIT; not measured)"
wrk -t2 -c64 -d"${warm_up}s" "$quote" >/dev/null
summaries=()
for connections in ${CONNECTIONS:-16 32 64}; do
  echo "== quotes, $connections connections, ${seconds}s"
  out="$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$quote")"
  echo "$out"
  summaries+=("$(echo "$out" | summary "quotes, $connections connections, after a ${warm_up}s warm-up")")
done

token="$("$here/auditcover" bench sign-in "http://127.0.0.1:$port" | tail -1)"
echo "== durable cover purchases, 64 connections, ${seconds}s"
out="$(TOKEN="$token" RUN="run$(date +%s)" wrk -t2 -c64 -d"${seconds}s" --latency -s "$here/bench/purchase.lua" "http://127.0.0.1:$port")"
echo "$out"
summaries+=("$(echo "$out" | summary "durable cover purchases, 64 connections")")
curl -fs "http://127.0.0.1:$port/api/log/head"; echo
echo "== summary (target for quotes at 64 connections: >= 30,000 req/s, p99 <= 5 ms)"
printf '%s\n' "${summaries[@]}"
