#!/bin/sh
# Forwarding benchmark (see bench/java/parley/bench/ForwardBench.java).
# Usage: bench/forward.sh [packetsPerRun] [fanOut...]   e.g. bench/forward.sh 20000 1 5 20 50
set -e
cd "$(dirname "$0")/.."
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
export PATH="$JAVA_HOME/bin:$PATH"
mvn -o -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
exec "$JAVA_HOME/bin/java" -Xmx1g -XX:+UseSerialGC \
    -cp "target/classes:target/test-classes:$(cat target/cp.txt)" parley.bench.ForwardBench "$@"
