# Sourced by ./parley, ./run-tests and .ci/run: finds a JDK of version 25 or later
# (batched media I/O uses the FFM API; the build targets 25).
# The default java on Debian 12 is 17; Temurin 25 ships in /usr/lib/jvm.
if [ -z "$JAVA_HOME" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
  for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/java-25-openjdk-amd64; do
    if [ -x "$d/bin/java" ]; then JAVA_HOME="$d"; break; fi
  done
fi
if [ -z "$JAVA_HOME" ]; then echo "Parley needs a JDK 25 or later (set JAVA_HOME)" >&2; exit 1; fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
