#!/bin/sh
# Load generator (see bench/java/parley/bench/load/): synthetic participants join a Parley room
# over the real protocol, send simulcast VP8 and Opus, receive what the server forwards, and
# report joins, rates, loss and the server's CPU. bench/load.sh --help prints the flags.
# The media is encoded once with ffmpeg (Debian's, with libvpx and libopus) into target/load-fixtures.
set -e
cd "$(dirname "$0")/.."
. ./scripts/java-env.sh
for a in "$@"; do
  if [ "$a" = "-h" ] || [ "$a" = "--help" ]; then NEED_FFMPEG=no; fi
done
if [ "$NEED_FFMPEG" != no ] && ! command -v ffmpeg >/dev/null 2>&1 && [ ! -d target/load-fixtures ]; then
  echo "bench/load.sh needs ffmpeg once to encode its media: apt-get install ffmpeg" >&2
  exit 1
fi
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2
exec "$JAVA_HOME/bin/java" -Xmx1g -XX:+UseParallelGC \
    -cp "target/classes:target/test-classes:$(cat target/cp.txt)" parley.bench.load.LoadMain "$@"
