#!/bin/sh
# End-to-end encryption in the browser (bench/java/parley/bench/E2eeFrameBench.java): two headless
# Chromiums with 1280x720 fake cameras in an encrypted meeting; mean AES-GCM time per frame in the
# frame worker, as the worker measures it. Needs chromium and chromedriver (scripts/install-test-deps.sh).
set -e
cd "$(dirname "$0")/.."
. ./scripts/java-env.sh
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
exec "$JAVA_HOME/bin/java" -cp "target/classes:target/test-classes:$(cat target/cp.txt)" parley.bench.E2eeFrameBench "$@"
