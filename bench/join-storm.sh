#!/bin/sh
# A join storm, measured: starts Parley (the release jar, default limits), then opens N
# WebSockets at once that join R rooms from ten client addresses (127.0.0.2 to 127.0.0.11)
# while two honest participants chat in their own room (from 127.0.0.1). Prints the join rate
# (joins/s), the storm's join latency p50/p99, the honest chat's latency p50/p99 and the CPU
# seconds the server used (bench/java/parley/bench/load/JoinStorm.java).
# Usage: bench/join-storm.sh [clients] [rooms]    e.g. bench/join-storm.sh 500 50
set -e
cd "$(dirname "$0")/.."
. ./scripts/java-env.sh
N=${1:-500}
R=${2:-50}
HTTP_PORT=${PARLEY_BENCH_HTTP_PORT:-18444}
MEDIA_PORT=${PARLEY_BENCH_MEDIA_PORT:-20002}
OUT=target/join-storm-bench
mkdir -p "$OUT"
mvn -q -B package -DskipTests
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2
"$JAVA_HOME/bin/java" -Xmx1g -jar target/parley.jar --http-port "$HTTP_PORT" --media-port "$MEDIA_PORT" \
    --bind 127.0.0.1 --media-bind 127.0.0.1 --public-ip 127.0.0.1 >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for i in $(seq 1 120); do
  grep -q "Parley is up" "$OUT/server.log" 2>/dev/null && break
  kill -0 $SERVER 2>/dev/null || { cat "$OUT/server.log" >&2; exit 1; }
  sleep 0.5
done
# Exit status 1 when a storm client did not join or an honest message took over 5 s.
status=0
"$JAVA_HOME/bin/java" -Xmx1g -cp "target/classes:target/test-classes:$(cat target/cp.txt)" \
    parley.bench.load.JoinStormMain --url "https://127.0.0.1:$HTTP_PORT" --clients "$N" --rooms "$R" \
    --addresses 10 --server-pid "$SERVER" >"$OUT/result.txt" || status=$?
cat "$OUT/result.txt"
exit $status
