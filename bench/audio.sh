#!/bin/sh
# Server-side audio benchmark (see bench/java/parley/bench/AudioBench.java): CPU per 20 ms frame for
# Opus, G.711, resampling and mixing with minus-one outputs, and phone callers / captioned speakers per core.
set -e
cd "$(dirname "$0")/.."
. ./scripts/java-env.sh
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
exec "$JAVA_HOME/bin/java" -Xmx512m -XX:+UseSerialGC \
    -cp "target/classes:target/test-classes:$(cat target/cp.txt)" parley.bench.AudioBench "$@"
