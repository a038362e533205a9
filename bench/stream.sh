#!/bin/sh
# Live streaming benchmark (see bench/java/parley/record/StreamBench.java): CPU and memory per
# concurrent stream (the stream's thread, its ffmpeg encoder's CPU and RSS, the JVM's CPU and
# heap), alone and beside server recordings, with the load average next to each row (the
# machine may be shared); and how many streams fit.
# Usage: bench/stream.sh [meeting seconds, default 30] [rows, default 1,2,1+2,2+2]
#        a row is S (S streams at once) or S+R (S streams and R recordings at once)
exec "$(dirname "$0")/record.sh" --stream "$@"
