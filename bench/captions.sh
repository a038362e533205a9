#!/bin/sh
# Live captions benchmark (bench/java/parley/captions/CaptionsBench.java): CPU per captioned
# speaker (Opus decode + 48->16 kHz resample + Vosk, small US-English model) speaking, pausing
# and silent, and the server's caption delay from the end of speech to the final line.
# Needs espeak-ng. Usage: bench/captions.sh [seconds of audio per case, default 60]
set -e
cd "$(dirname "$0")/.."
. ./scripts/java-env.sh
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC \
    -cp "target/classes:target/test-classes:$(cat target/cp.txt)" parley.captions.CaptionsBench "$@"
