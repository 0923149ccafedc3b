#!/usr/bin/env bash
# One server run of the API load benchmark (BENCHMARKS.md, "HTTP API load (issue 4)"):
#   idem-bench/wrk/ab.sh JAR DATA_DIR "JVM OPTIONS" [identify seconds] [connections]
# creates a write and a read key in DATA_DIR, starts `serve` from JAR with the options and a GC log,
# runs identify.lua for 8 s (warm-up) then for the given seconds, then lookup.lua with 1 and with 4
# connections (10 s each; NOLOOKUP=1 skips them), and prints wrk's figures, the GC pauses during
# the measured identify run and the load average. Run it for two builds or option sets in turn
# (A, B, A, B) on copies of the same store: the machine is shared, so only interleaved runs compare.
set -u
JAR=$1; DATA=$2; OPTS=$3; SECS=${4:-20}; C=${5:-32}
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT=$(mktemp -d)
PORT=$((7300 + RANDOM % 500))
W=$(java -jar "$JAR" keys create --name "w$RANDOM" --scope write --data "$DATA" 2>/dev/null | tail -1)
R=$(java -jar "$JAR" keys create --name "r$RANDOM" --scope read --data "$DATA" 2>/dev/null | tail -1)
# shellcheck disable=SC2086
java $OPTS -Xlog:gc,gc+cpu:file="$OUT/gc.log" -jar "$JAR" serve --port $PORT --data "$DATA" > "$OUT/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 240); do curl -s -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.5; done
figures() {
  grep -E "Requests/sec|^ +50%|^ +90%|^ +99%" "$1" | awk '{printf "%s %s  ", $1, $2}'
  grep -E "Non-2xx" "$1" | awk '{printf "non-2xx: %s", $NF}'; echo
}
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "== $(date -u +%H:%M:%S) options [$OPTS] data $DATA load $(load)"
IDEM_KEY=$W RUN=w$RANDOM wrk -t1 -c"$C" -d8s -s "$HERE/identify.lua" "http://127.0.0.1:$PORT" > /dev/null
FROM=$(wc -l < "$OUT/gc.log")
IDEM_KEY=$W RUN=m$RANDOM wrk -t1 -c"$C" -d"${SECS}s" --latency -s "$HERE/identify.lua" "http://127.0.0.1:$PORT" > "$OUT/identify.txt"
echo -n "identify, $C connections: "; figures "$OUT/identify.txt"
tail -n +$((FROM + 1)) "$OUT/gc.log" | awk '/Pause/ { n++; ms = $NF; sub("ms", "", ms); ms += 0; t += ms; if (ms > max) max = ms }
  END { printf "  GC pauses during it: %d, %.0f ms in all, longest %.1f ms", n, t, max }'; echo "; load $(load)"
if [ -z "${NOLOOKUP:-}" ]; then
  for c in 1 4; do
    IDEM_KEY=$R wrk -t1 -c$c -d10s --latency -s "$HERE/lookup.lua" "http://127.0.0.1:$PORT" > "$OUT/lookup$c.txt"
    echo -n "lookup, $c connection(s): "; figures "$OUT/lookup$c.txt"
  done
  echo "  load $(load)"
fi
kill $SERVER; wait $SERVER 2>/dev/null
echo "  (GC log and wrk output kept in $OUT)"
