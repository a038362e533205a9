#!/bin/sh
# Forwarding benchmark (see bench/java/parley/bench/ForwardBench.java): CPU and bytes
# allocated per forwarded packet on the media thread, at several fan-outs.
# Usage: bench/forward.sh [packetsPerRun] [fanOut...]   e.g. bench/forward.sh 20000 1 5 20 50
set -e
cd "$(dirname "$0")/.."
. ./scripts/java-env.sh
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
exec "$JAVA_HOME/bin/java" -Xmx1g -XX:+UseSerialGC --add-exports java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
    -cp "target/classes:target/test-classes:$(cat target/cp.txt)" parley.bench.ForwardBench "$@"
