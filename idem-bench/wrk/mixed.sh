#!/usr/bin/env bash
# Identify calls and lookups at the same time (BENCHMARKS.md, "Lookups while identify calls go on"):
#   idem-bench/wrk/mixed.sh IDEM_JAR RATE LOOKUP_RATE [CONNECTIONS] [LOOKUP_WARMUP_S]
# Starts `serve` on a fresh data directory; offers RATE identify calls/s for 30 s of warm-up and 30 s
# measured (as rate.sh does); from second 33 - LOOKUP_WARMUP_S + 2 looks up people created so far at
# LOOKUP_RATE/s over CONNECTIONS connections (default 4) for LOOKUP_WARMUP_S (default 2) + 20 s.
# Prints the lookups' latency (with the longest of each second), then the identify calls', then how
# many lookups left the selector thread (see README, metrics).
set -u
JAR=$1; RATE=$2; LR=$3; LC=${4:-4}; LWARM=${5:-2}
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="$ROOT/idem-bench/target/idem-bench.jar"
D=$(mktemp -d); PORT=$((7300 + RANDOM % 500))
W=$(java -jar "$JAR" keys create --name w --scope write --data "$D" 2>/dev/null | tail -1)
R=$(java -jar "$JAR" keys create --name r --scope read --data "$D" 2>/dev/null | tail -1)
SERVE_DEFAULT=$(sed -n 's/^SERVE_OPTS="\(.*\)"$/\1/p' "$ROOT/idem")
# shellcheck disable=SC2086
java ${OPTS:-$SERVE_DEFAULT} -jar "$JAR" serve --port $PORT --data "$D" > "$D/server.log" 2>&1 &
S=$!
for _ in $(seq 1 600); do curl -s -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.5; done
java -jar "$BENCH" rate-load identify --port $PORT --key "$W" --rate "$RATE" --window $((RATE * 2)) --from 0 \
  --warmup 30 --seconds 30 > "$D/identify.txt" &
C=$!
sleep $((33 - LWARM + 2))
java -jar "$BENCH" rate-load lookup --port $PORT --key "$R" --rate "$LR" --persons "${PERSONS:-40000}" \
  --warmup "$LWARM" --seconds 20 --connections "$LC" --series | grep -v '^next'
wait $C
grep -v '^next' "$D/identify.txt" | grep -E "^identify|^latency"
curl -s "http://127.0.0.1:$PORT/metrics" | grep -E "^idem_http_lookups_|^idem_store_journal_" | tr '\n' ' '; echo
kill $S; wait $S 2>/dev/null; rm -rf "$D"
