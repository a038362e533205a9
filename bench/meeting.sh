#!/bin/sh
# A whole meeting on this machine, measured: starts Parley (the release jar, with Java Flight
# Recorder on), fills one room with bench/load.sh, then prints the load generator's JSON line
# and where the server's CPU went (JFR's hot methods).
# Usage: bench/meeting.sh [participants] [seconds] [extra bench/load.sh flags...]
#   e.g. bench/meeting.sh 100 60
set -e
cd "$(dirname "$0")/.."
. ./scripts/java-env.sh
N=${1:-25}
S=${2:-30}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift
HTTP_PORT=${PARLEY_BENCH_HTTP_PORT:-18443}
MEDIA_PORT=${PARLEY_BENCH_MEDIA_PORT:-20000}
OUT=target/meeting-bench
mkdir -p "$OUT"
mvn -q -B package -DskipTests
"$JAVA_HOME/bin/java" -Xmx2g -XX:StartFlightRecording=name=meeting,settings=profile \
    -jar target/parley.jar --max-connections-per-ip 0 --max-websockets-per-ip 100000 --websocket-rate-per-ip 10000 --http-port "$HTTP_PORT" --media-port "$MEDIA_PORT" --bind 127.0.0.1 \
    --media-bind 127.0.0.1 --public-ip 127.0.0.1 >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for i in $(seq 1 120); do
  grep -q "Parley is up" "$OUT/server.log" 2>/dev/null && break
  kill -0 $SERVER 2>/dev/null || { cat "$OUT/server.log" >&2; exit 1; }
  sleep 0.5
done
sh bench/load.sh --url "https://127.0.0.1:$HTTP_PORT" --room "bench-$N" --participants "$N" --seconds "$S" \
    --server-pid "$SERVER" "$@" | tee "$OUT/load.txt"
"$JAVA_HOME/bin/jcmd" $SERVER JFR.dump name=meeting filename="$PWD/$OUT/server.jfr" >/dev/null
kill -TERM $SERVER 2>/dev/null || true
trap - EXIT
echo
echo "Where the server's time went (JFR samples from start to the end of the load, $OUT/server.jfr):"
"$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 1 "$OUT/server.jfr" >"$OUT/samples.txt"
"$JAVA_HOME/bin/jfr" print --events jdk.NativeMethodSample --stack-depth 2 "$OUT/server.jfr" >"$OUT/native.txt"
echo "  threads running Java code (samples):"
grep 'sampledThread' "$OUT/samples.txt" | sed 's/.*= "\([^"]*\)".*/\1/; s/[0-9]*$//' | sort | uniq -c | sort -rn | head -6
echo "  the media thread in native code (samples; epoll is waiting, send and receive are system calls):"
grep -A4 "parley-media" "$OUT/native.txt" | grep 'line:' | sed 's/^ *//; s/ *line:.*//' | sort | uniq -c | sort -rn | head -4
echo "  Java methods on top of the stack (all threads):"
grep 'line:' "$OUT/samples.txt" | sed 's/^ *//; s/ *line:.*//' | sort | uniq -c | sort -rn | head -20
