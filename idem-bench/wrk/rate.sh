#!/usr/bin/env bash
# The API load benchmark at a fixed offered rate (BENCHMARKS.md, "HTTP API load (issue 4)"):
#   idem-bench/wrk/rate.sh IDEM_JAR DATA_DIR RATE [SECONDS]
# Environment: OPTS (server JVM options; default `./idem serve`'s), LOOKUP (a lookup rate: also
# measure lookups with 1 and 4 connections), STORE (a postgresql://... URL instead of DATA_DIR).
#
# 1. creates a write and a read key; starts `serve` (GC log kept);
# 2. offers RATE identify calls/s for 30 s of warm-up (latencies not kept) then SECONDS more (default
#    30), measured from the moment each call was due (./bench rate-load); new people all the time,
#    each seen three times 2 s apart: created by email + device id, created by phone + document,
#    then merged by email + phone, so every second has the same mix of a third of each;
# 4. prints the server's CPU per call, its GC pauses, the client's CPU and the load average.
set -u
JAR=$1; DATA=$2; RATE=$3; SECS=${4:-30}
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="$ROOT/idem-bench/target/idem-bench.jar"
OUT=$(mktemp -d)
PORT=$((7300 + RANDOM % 500))
if [ -n "${STORE:-}" ]; then WHERE="--store $STORE"; else WHERE="--data $DATA"; fi
# shellcheck disable=SC2086
W=$(java -jar "$JAR" keys create --name "w$RANDOM" --scope write $WHERE 2>/dev/null | tail -1)
# shellcheck disable=SC2086
R=$(java -jar "$JAR" keys create --name "r$RANDOM" --scope read $WHERE 2>/dev/null | tail -1)
SERVE_DEFAULT=$(sed -n 's/^SERVE_OPTS="\(.*\)"$/\1/p' "$ROOT/idem")
# shellcheck disable=SC2086
java ${OPTS:-$SERVE_DEFAULT} -Xlog:gc:file="$OUT/gc.log" -jar "$JAR" serve --port $PORT $WHERE > "$OUT/server.log" 2>&1 &
S=$!
for _ in $(seq 1 600); do curl -s -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.5; done
cpu() { sed 's/.*) //' /proc/$1/stat | awk '{print $12 + $13}'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "== $(date -u +%H:%M:%S) rate $RATE/s, options [${OPTS:-$SERVE_DEFAULT}], load $(load)"
GC0=$(wc -l < "$OUT/gc.log")
T0=$(cpu $S)
# per-thread CPU (user + system, in clock ticks) of the server, to say where a call's CPU goes
threads() { for t in /proc/$S/task/*; do printf '%s|%s\n' "$(basename "$t") $(cat "$t/comm")" "$(sed 's/.*) //' "$t/stat" | awk '{print $12, $13}')"; done | sort; }
threads > "$OUT/threads0"
/usr/bin/time -f "client CPU %U s user, %S s system" -o "$OUT/client.txt" \
  java ${CLIENT_OPTS:-} -Xlog:gc:file="$OUT/client-gc.log" -jar "$BENCH" rate-load identify --port $PORT --key "$W" --rate "$RATE" --window $(( RATE * 2 )) \
  --from 0 --warmup 30 --seconds "$SECS" --series > "$OUT/identify.txt"
T1=$(cpu $S)
threads > "$OUT/threads1"
grep -v '^next' "$OUT/identify.txt"
N=$(grep -o 'connections: [0-9]*' "$OUT/identify.txt" | awk '{print $2}')
echo "server CPU $(( (T1 - T0) / 100 )) s over warm-up and run, $(( (T1 - T0) * 10000 * SECS / (N * (SECS + 30) + 1) )) us a call;\
 $(cat "$OUT/client.txt"); load $(load)"
tail -n +$((GC0 + 1)) "$OUT/gc.log" | awk '/Pause/ { n++; ms = $NF; sub("ms", "", ms); ms += 0; t += ms; if (ms > max) max = ms }
  END { printf "GC pauses during warm-up and run: %d, %.0f ms in all, longest %.1f ms\n", n, t, max }'
awk '/Pause/ { n++; ms = $NF; sub("ms", "", ms); ms += 0; t += ms; if (ms > max) max = ms }
  END { printf "client GC pauses: %d, %.0f ms in all, longest %.1f ms\n", n, t, max }' "$OUT/client-gc.log"
echo "server threads over warm-up and run, us of CPU a call (user + system), those above 1 us:"
awk -F'|' -v n="$N" -v s="$SECS" 'FNR == NR { before[$1] = $2; next }
  { split(before[$1], a, " "); split($2, b, " "); name = $1; sub(/^[0-9]+ /, "", name);
    f = 10000 * s / (n * (s + 30) + 1); u = (b[1] - a[1]) * f; y = (b[2] - a[2]) * f;
    if (u + y >= 1) printf "  %5.0f  %-24s (user %4.0f, system %4.0f)\n", u + y, name, u, y }' \
  "$OUT/threads0" "$OUT/threads1" | sort -n -r
if [ -n "${LOOKUP:-}" ]; then
  for c in 1 4; do
    # the people created so far: a third of the calls, less the last window's
    java -jar "$BENCH" rate-load lookup --port $PORT --key "$R" --rate "$LOOKUP" --persons $(( RATE * (30 + SECS) / 3 - RATE * 2 )) \
      --warmup 5 --seconds 20 --connections $c | grep -v '^next'
  done
fi
# the server's own view of identify calls (warm-up included): from the request's first byte read
# to its answer written, so the rest of a call's latency is the client's, the kernel's or a wait
# before the server read the request
curl -s "http://127.0.0.1:$PORT/metrics" | grep 'route="/v1/identify"' | grep _bucket > "$OUT/metrics.txt"
awk -F'[ "]' '{ n = $NF } /le="0.005"/ { a = n } /le="0.01"/ { b = n } /le="\+Inf"/ { t = n }
  END { if (t > 0) printf "server-side identify time (warm-up included): over 5 ms %.3f%%, over 10 ms %.3f%%\n", 100 * (t - a) / t, 100 * (t - b) / t }' "$OUT/metrics.txt"
kill $S; wait $S 2>/dev/null
echo "  (GC log, server log and client output kept in $OUT)"
