#!/bin/sh
# CPU cost of the meeting effects in Chromium (bench/java/parley/bench/EffectsBench.java): one
# headless Chromium with a 1280x720 fake camera in a meeting; CPU time of all its processes
# (renderer, GPU process with software WebGL, audio) over [seconds] (default 30) with no effect,
# with background blur, and with noise suppression. Needs chromium and chromedriver
# (scripts/install-test-deps.sh). Run it on an idle machine: the figures are CPU time, not wall time.
set -e
cd "$(dirname "$0")/.."
. ./scripts/java-env.sh
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
exec "$JAVA_HOME/bin/java" -cp "target/classes:target/test-classes:$(cat target/cp.txt)" parley.bench.EffectsBench "$@"
