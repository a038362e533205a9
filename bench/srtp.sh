#!/bin/sh
# SRTP benchmark (see bench/java/parley/bench/SrtpBench.java): ns and bytes per protect/unprotect.
set -e
cd "$(dirname "$0")/.."
. ./scripts/java-env.sh
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC \
    -cp "target/classes:target/test-classes:$(cat target/cp.txt)" parley.bench.SrtpBench "$@"
