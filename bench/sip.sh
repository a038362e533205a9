#!/bin/sh
# Phone dial-in benchmark (see bench/java/parley/sip/PhoneCallerBench.java): CPU of the SIP thread
# per phone caller, with real calls over loopback UDP, each hearing a meeting of 3 speakers.
# Usage: bench/sip.sh [seconds per step, default 10]
set -e
cd "$(dirname "$0")/.."
. ./scripts/java-env.sh
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
exec "$JAVA_HOME/bin/java" -Xmx512m -XX:+UseSerialGC \
    -cp "target/classes:target/test-classes:$(cat target/cp.txt)" parley.sip.PhoneCallerBench "$@"
