#!/bin/sh
# Server recording benchmark (see bench/java/parley/record/RecordBench.java): CPU and memory per
# concurrent recording (the tap's copies on the media loop, the recording's writer thread) and
# ffmpeg's composition time and CPU per minute of meeting; how many fit.
# Usage: bench/record.sh [meeting seconds, default 30] [recordings at once, default 1,2,4]
#        bench/record.sh --stream [meeting seconds, default 30] [rows, default 1,2,1+2,2+2]
#        (live streaming, the same as bench/stream.sh)
set -e
cd "$(dirname "$0")/.."
. ./scripts/java-env.sh
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC \
    -cp "target/classes:target/test-classes:$(cat target/cp.txt)" parley.record.RecordBench "$@"
