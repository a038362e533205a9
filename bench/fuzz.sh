#!/bin/sh
# Coverage-guided fuzzing (Jazzer) of every @FuzzTest, one target after the other (or J at a time).
#
#   bench/fuzz.sh [--seconds N] [--ci [--jobs J]] [--list] [Class.method[:seconds] ...]
#
# Each target (all @FuzzTest methods by default) is fuzzed for N seconds (default 60, or its own
# :seconds) from its seeds
# (src/test/resources/<package>/<Class>Inputs/<method>) and its corpus (fuzz/corpus/<Class>.<method>),
# and one line per target says how many inputs ran. Without --ci, the corpus the run grew is
# minimised (libFuzzer -merge) back into fuzz/corpus and the executions are added to
# fuzz/execs.tsv, both meant to be committed. With --ci the repository is left as it was (the
# corpus grows in target/fuzz only). A crash, hang or out-of-memory is saved in
# target/fuzz/findings/<target>/ and makes the script exit 1 after the last target.
# --jobs J (with --ci only) fuzzes J targets at a time: CI's two cores halve its time.
set -e
cd "$(dirname "$0")/.."
. ./scripts/java-env.sh

seconds=60
ci=false
jobs=1
list=false
targets=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --ci) ci=true; shift ;;
    --jobs) jobs="$2"; shift 2 ;;
    --list) list=true; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown flag $1 (see --help)" >&2; exit 2 ;;
    *) targets="$targets $1"; shift ;;
  esac
done

# Every method annotated @FuzzTest, as Class.method, with its package in a second column.
all_targets() {
  grep -rl --include='*FuzzTest.java' '@FuzzTest' src/test/java | sort | while read -r file; do
    class=$(basename "$file" .java)
    package=$(sed -n 's/^package \(.*\);/\1/p' "$file")
    awk '/@FuzzTest/ { want = 1; next } want && /void / { sub(/\(.*/, ""); print $NF; want = 0 }' "$file" |
      while read -r method; do echo "$class.$method $package"; done
  done
}

if $list; then all_targets | cut -d' ' -f1; exit 0; fi
if [ "$jobs" -gt 1 ] && ! $ci; then echo "--jobs needs --ci" >&2; exit 2; fi
if [ -z "$targets" ]; then targets=$(all_targets | cut -d' ' -f1); fi

mkdir -p target/fuzz
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz/classpath.txt
classpath="target/test-classes:target/classes:$(cat target/fuzz/classpath.txt)"

# Coverage is measured in our classes and in the libraries that parse for us (DTLS records and
# handshake, JSON tokens, HTTP request heads); without these a fuzzer is blind inside them.
includes='parley.**:org.bouncycastle.tls.**:com.fasterxml.jackson.core.**:org.eclipse.jetty.http.**'

# Fuzzes one target (Class.method[:seconds]) and prints its line; returns 1 on a finding.
fuzz_one() {
  arg=$1
  target=${arg%%:*}
  budget=$seconds
  case "$arg" in *:*) budget=${arg#*:} ;; esac
  package=$(all_targets | awk -v t="$target" '$1 == t { print $2 }')
  if [ -z "$package" ]; then echo "no @FuzzTest named $target (see --list)" >&2; exit 2; fi
  class=${target%.*}
  method=${target#*.}
  kept="fuzz/corpus/$target"
  work="target/fuzz/work/$target"
  findings="target/fuzz/findings/$target"
  log="target/fuzz/logs/$target.log"
  rm -rf "$work" "$findings"
  mkdir -p "$work" "$findings" "$(dirname "$log")"
  if [ -d "$kept" ]; then cp -R "$kept/." "$work/"; fi
  # The agent attaches at run time (-XX:+EnableDynamicAgentLoading silences JDK 21+); the media
  # targets need the same native access as the server. -timeout: an input that runs 10 s is a hang.
  # A long run goes on after a finding (up to 10 distinct ones), a CI run stops at the first.
  keep_going=""
  $ci || keep_going="--keep_going=10"
  set +e
  "$JAVA_HOME/bin/java" -Xmx1g -XX:+UseSerialGC -XX:+EnableDynamicAgentLoading -Xshare:off \
      --add-exports java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
      -cp "$classpath" com.code_intelligence.jazzer.Jazzer \
      --target_class="$package.$class" --target_method="$method" --instrumentation_includes="$includes" \
      --reproducer_path="$findings" -artifact_prefix="$findings/" \
      -max_total_time="$budget" -timeout=10 -print_final_stats=1 $keep_going "$work" </dev/null >"$log" 2>&1
  status=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  # With --keep_going Jazzer may exit 0 after findings: the files it saved are what counts.
  found=$(find "$findings" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
  result=ok
  failed=0
  if [ "$status" -ne 0 ] || [ "$found" -gt 0 ]; then
    result="FAILED (exit $status, $found finding(s): see $log and $findings)"
    failed=1
  fi
  if ! $ci; then
    # Keep only inputs that add coverage: libFuzzer's merge writes a minimal set to a new folder.
    merged="target/fuzz/merged/$target"
    rm -rf "$merged" && mkdir -p "$merged"
    "$JAVA_HOME/bin/java" -Xmx1g -XX:+EnableDynamicAgentLoading -Xshare:off \
        --add-exports java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
        -cp "$classpath" com.code_intelligence.jazzer.Jazzer \
        --target_class="$package.$class" --target_method="$method" --instrumentation_includes="$includes" \
        -merge=1 -timeout=10 "$merged" "$work" </dev/null >"$log.merge" 2>&1
    rm -rf "$kept" && mkdir -p "$kept" && cp -R "$merged/." "$kept/"
    ledger=fuzz/execs.tsv
    [ -f "$ledger" ] || printf 'target\texecs\tseconds\n' >"$ledger"
    awk -F'\t' -v OFS='\t' -v t="$target" -v e="${execs:-0}" -v s="${took:-0}" '
      NR == 1 { print; next }
      $1 == t { $2 += e; $3 += s; found = 1 }
      { print }
      END { if (!found) print t, e, s }' "$ledger" >"$ledger.new" && mv "$ledger.new" "$ledger"
  fi
  corpus=$(find "$([ "$ci" = true ] && echo "$work" || echo "$kept")" -type f | wc -l)
  rate=$(awk -v e="${execs:-0}" -v s="${took:-0}" 'BEGIN { printf "%d", (s > 0 ? e / s : 0) }')
  printf '%-38s %12s %9s %10s %8s  %s\n' "$target" "${execs:-?}" "${took:-?}" "$rate" "$corpus" "$result"
  return $failed
}

printf '%-38s %12s %9s %10s %8s  %s\n' target execs seconds execs/s corpus result
rm -rf target/fuzz/lanes && mkdir -p target/fuzz/lanes
# --jobs J runs J targets at a time, each lane its own list (only with --ci: a long run writes
# the shared ledger and a machine's other users deserve a core).
i=0
for arg in $targets; do echo "$arg" >>"target/fuzz/lanes/$((i % jobs))"; i=$((i + 1)); done
for lane in target/fuzz/lanes/*; do
  (while read -r arg; do fuzz_one "$arg" || touch target/fuzz/lanes/failed; done <"$lane") &
done
wait
if ! $ci && [ -f fuzz/execs.tsv ]; then echo; echo "all runs so far (fuzz/execs.tsv):"; awk -F'\t' '{ printf "%-38s %14s %10s\n", $1, $2, $3 }' fuzz/execs.tsv; fi
[ ! -f target/fuzz/lanes/failed ]
