#!/bin/sh
# Parley and Janus side by side (issue 8): the same load generator (bench/load.sh's, in its fan-out
# scenario) drives both servers with the same synthetic streams: P publishers each send three-layer
# VP8 simulcast (180p, 360p, 720p) and Opus, and F receive-only subscribers each receive every
# publisher's 720p layer and the first 3 microphones (Parley's audio slots; Janus is asked for the
# same). For F = 10, 20, 40, ... it runs the load against each server in turn and prints per server
# the egress packets per second, the server's CPU (% of one core, from /proc/PID), egress packets per
# second per core, and loss, then the ratio Parley / Janus; it stops after the first fan-out where
# either server loses more than 1 %, or at the cap. The last line is one JSON object.
#
# Usage: bench/versus-janus.sh [seconds per run, default 20] [largest fan-out, default 320]
#   environment: VERSUS_PUBLISHERS (default 4), VERSUS_WARMUP_SECONDS (default 10)
# Installs Debian's janus package when missing (apt-get). Both servers run with their production
# defaults; every setting changed is printed (see settings() below). Media stays on this machine:
# both servers use this machine's interface address (Janus gathers no loopback candidates).
set -e
cd "$(dirname "$0")/.."
. ./scripts/java-env.sh
SECONDS_PER_RUN=${1:-20}
MAX_FANOUT=${2:-320}
PUBLISHERS=${VERSUS_PUBLISHERS:-4}
# After everyone joined: time for the join keyframes (Janus asks every publisher for one per new
# subscriber) and Parley's bandwidth estimates to settle, so that both are measured in steady state.
WARMUP=${VERSUS_WARMUP_SECONDS:-10}
OUT=target/versus-janus
mkdir -p "$OUT"

if ! command -v janus >/dev/null 2>&1; then
  echo "installing Janus (Debian's janus package)..."
  apt-get install -y janus >"$OUT/apt.log" 2>&1 || { apt-get update >>"$OUT/apt.log" 2>&1 && apt-get install -y janus >>"$OUT/apt.log" 2>&1; }
fi
command -v ffmpeg >/dev/null 2>&1 || [ -d target/load-fixtures ] || apt-get install -y ffmpeg >"$OUT/apt-ffmpeg.log" 2>&1

# This machine's interface address: both servers announce it and the generator sends only to it.
ADDR=$(ip -4 -o addr show scope global 2>/dev/null | awk '{print $4}' | cut -d/ -f1 | head -n 1)
[ -n "$ADDR" ] || ADDR=$(hostname -I | awk '{print $1}')
[ -n "$ADDR" ] || { echo "no IPv4 interface address besides loopback" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("", 0)); print(s.getsockname()[1]); s.close()'; }
JANUS_HTTP=$(free_port); JANUS_WS=$(free_port); PARLEY_HTTP=$(free_port)
PARLEY_MEDIA=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("", 0)); print(s.getsockname()[1]); s.close()')

# Janus: the Debian package's configuration, copied, with only what running here needs changed.
CONF=$(mktemp -d /tmp/versus-janus-conf.XXXXXX)
cp /etc/janus/*.jcfg "$CONF/"
# nat.ice_enforce_list: gather candidates on this interface address only (default: every interface;
# Janus gathers no loopback candidates, and the generator sends media to this address only).
sed -i "s|^\t#ice_enforce_list = \"eth0\"\$|\tice_enforce_list = \"$ADDR\"|" "$CONF/janus.jcfg"
# The HTTP transport (on by default) on a free port instead of 8088.
sed -i "s|^\tport = 8088\t|\tport = $JANUS_HTTP\t|" "$CONF/janus.transport.http.jcfg"
# The WebSocket transport (on by default, unused here) on a free port instead of 8188, and the
# nanomsg transport's socket (on by default, unused) in our folder: no clash with another Janus.
sed -i "s|^\tws_port = 8188\t|\tws_port = $JANUS_WS\t|" "$CONF/janus.transport.websockets.jcfg"
sed -i "s|ipc:///tmp/janus.ipc|ipc://$CONF/janus.ipc|" "$CONF/janus.transport.nanomsg.jcfg"
grep -q "ice_enforce_list = \"$ADDR\"" "$CONF/janus.jcfg" && grep -q "port = $JANUS_HTTP" "$CONF/janus.transport.http.jcfg" \
  || { echo "could not edit Janus's configuration in $CONF" >&2; exit 1; }

settings() {
  echo "Settings changed from the defaults (everything else is each server's production default):"
  echo "  Janus 1.1.2 ($(command -v janus), configuration copied from /etc/janus to $CONF):"
  echo "    janus.jcfg nat.ice_enforce_list = \"$ADDR\"   (gather only this interface address; default: every interface)"
  echo "    janus.transport.http.jcfg general.port = $JANUS_HTTP   (a free port; default 8088)"
  echo "    janus.transport.websockets.jcfg general.ws_port = $JANUS_WS   (a free port; default 8188; unused here)"
  echo "    janus.transport.nanomsg.jcfg general.address = ipc://$CONF/janus.ipc   (default ipc:///tmp/janus.ipc; unused here)"
  echo "    command line: janus -F $CONF -C $CONF/janus.jcfg"
  echo "    the videoroom room is created through the API with publishers = $PUBLISHERS (its other settings default)"
  echo "  Parley (target/parley.jar, java -jar with no JVM flags):"
  echo "    --http-port $PARLEY_HTTP --media-port $PARLEY_MEDIA --bind $ADDR --media-bind $ADDR --public-ip $ADDR"
}

echo "building Parley's release jar and the load generator..."
mvn -q -B package -DskipTests >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log" >&2; exit 1; }
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >>"$OUT/build.log" 2>&1 \
  || { cat "$OUT/build.log" >&2; exit 1; }
CP="target/classes:target/test-classes:$(cat target/cp.txt)"

# Janus 1.1.2 from Debian aborts in GLib while exiting on SIGTERM (after "Bye!", see janus.log):
# no core file for that.
(ulimit -c 0; exec janus -F "$CONF" -C "$CONF/janus.jcfg") >"$OUT/janus.log" 2>&1 &
JANUS=$!
"$JAVA_HOME/bin/java" -jar target/parley.jar --max-connections-per-ip 0 --max-websockets-per-ip 100000 --websocket-rate-per-ip 10000 --http-port "$PARLEY_HTTP" --media-port "$PARLEY_MEDIA" --bind "$ADDR" \
    --media-bind "$ADDR" --public-ip "$ADDR" >"$OUT/parley.log" 2>&1 &
PARLEY=$!
trap 'kill $JANUS $PARLEY 2>/dev/null || true; rm -rf "$CONF"' EXIT
trap 'exit 130' INT TERM
for i in $(seq 1 120); do
  grep -q "Parley is up" "$OUT/parley.log" 2>/dev/null && curl -sf "http://$ADDR:$JANUS_HTTP/janus/info" >/dev/null 2>&1 && break
  kill -0 $JANUS 2>/dev/null || { cat "$OUT/janus.log" >&2; exit 1; }
  kill -0 $PARLEY 2>/dev/null || { cat "$OUT/parley.log" >&2; exit 1; }
  sleep 0.5
done

settings
echo
echo "Load: $PUBLISHERS publishers (3-layer VP8 simulcast 150/500/1500 kbit/s + Opus 32 kbit/s each), F receive-only"
echo "subscribers each receiving every publisher's 720p layer and 3 microphones; ${SECONDS_PER_RUN} s measured per run,"
echo "after everyone joined and ${WARMUP} s more passed (join keyframes, bandwidth estimates)."
echo "The load generator runs on the same $(nproc) cores as the servers: it decrypts every packet it receives, so at"
echo "high fan-outs it competes with the server for CPU (and its own losses count as the server's)."
echo "egress pps: packets the server sent to the generator's receivers; cpu: the server's, % of one core;"
echo "pps/core = egress pps / (cpu % / 100). gen cpu %: the generator's own CPU; gen drops: datagrams the kernel dropped"
echo "on the generator's full socket buffers during the run (counted as loss: the generator could not keep up)."
echo
printf '%7s %-7s %10s %8s %11s %8s %8s %7s %9s %9s\n' fan-out server "egress pps" "cpu %" "pps/core" "loss %" joined "rss MB" \
    "gen cpu %" "gen drops"

# run SERVER FANOUT: one load run; prints "pps cpu loss joined participants rss generator-cpu generator-drops"
run() {
  total=$(( PUBLISHERS + $2 ))
  if [ "$1" = janus ]; then url="http://$ADDR:$JANUS_HTTP/janus"; pid=$JANUS; else url="https://$ADDR:$PARLEY_HTTP"; pid=$PARLEY; fi
  "$JAVA_HOME/bin/java" -Xmx1g -XX:+UseParallelGC -cp "$CP" parley.bench.load.LoadMain --server "$1" --url "$url" \
      --room "versus-$1-$2" --participants "$total" --publishers "$PUBLISHERS" --seconds "$SECONDS_PER_RUN" \
      --ramp-ms 50 --warmup-seconds "$WARMUP" --server-pid "$pid" >"$OUT/$1-$2.txt" 2>"$OUT/$1-$2.err" || true
  tail -n 1 "$OUT/$1-$2.txt" | python3 -c '
import json, sys
try:
    r = json.loads(sys.stdin.read())
except ValueError:
    print("0 0 100 0 0 0 0 0"); sys.exit()
print(r.get("egress_pps") or 0, r.get("server_cpu_percent") or 0, r.get("loss_percent"), r.get("joined"), r.get("participants"),
      r.get("server_rss_mb"), r.get("generator_cpu_percent"), r.get("generator_socket_drops"))'
}

per_core() { python3 -c "import sys; p, c = float(sys.argv[1]), float(sys.argv[2]); print(round(p / (c / 100)) if c > 0 else 0)" "$1" "$2"; }

BEST=""
F=10
while [ "$F" -le "$MAX_FANOUT" ]; do
  set -- $(run parley $F); P_PPS=$1; P_CPU=$2; P_LOSS=$3; P_JOINED=$4/$5; P_RSS=$6; P_GCPU=$7; P_GDROPS=$8
  P_CORE=$(per_core "$P_PPS" "$P_CPU")
  printf '%7s %-7s %10s %8s %11s %8s %8s %7s %9s %9s\n' "$F" parley "$P_PPS" "$P_CPU" "$P_CORE" "$P_LOSS" "$P_JOINED" \
      "$P_RSS" "$P_GCPU" "$P_GDROPS"
  set -- $(run janus $F); J_PPS=$1; J_CPU=$2; J_LOSS=$3; J_JOINED=$4/$5; J_RSS=$6; J_GCPU=$7; J_GDROPS=$8
  J_CORE=$(per_core "$J_PPS" "$J_CPU")
  printf '%7s %-7s %10s %8s %11s %8s %8s %7s %9s %9s\n' "$F" janus "$J_PPS" "$J_CPU" "$J_CORE" "$J_LOSS" "$J_JOINED" \
      "$J_RSS" "$J_GCPU" "$J_GDROPS"
  RATIO=$(python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(round(a / b, 2) if b > 0 else 0)" "$P_CORE" "$J_CORE")
  printf '%7s %-7s %10s\n' "$F" ratio "${RATIO}x  (Parley / Janus, egress pps per core)"
  OK=$(python3 -c "import sys; print('yes' if float(sys.argv[1]) <= 1 and float(sys.argv[2]) <= 1 and sys.argv[3].split('/')[0] == sys.argv[3].split('/')[1] and sys.argv[4].split('/')[0] == sys.argv[4].split('/')[1] else 'no')" \
      "$P_LOSS" "$J_LOSS" "$P_JOINED" "$J_JOINED")
  [ "$OK" = yes ] || { echo "  stop: at fan-out $F a server lost more than 1 % (or not everyone joined)"; break; }
  BEST="$F $P_PPS $P_CPU $P_CORE $P_LOSS $J_PPS $J_CPU $J_CORE $J_LOSS $RATIO"
  F=$(( F * 2 ))
done
[ "$F" -le "$MAX_FANOUT" ] || echo "  stop: the cap of $MAX_FANOUT subscribers"
echo "(per-run output: $OUT/{parley,janus}-F.txt; server logs: $OUT/parley.log, $OUT/janus.log)"
python3 -c '
import json, sys
best = sys.argv[1].split()
out = {"publishers": int(sys.argv[2]), "seconds_per_run": int(sys.argv[3]), "warmup_seconds": int(sys.argv[5]), "address": sys.argv[4]}
if best:
    f, pp, pc, pk, pl, jp, jc, jk, jl, ratio = best
    out.update({"fanout": int(f), "parley_egress_pps": int(pp), "parley_cpu_percent": float(pc), "parley_loss_percent": float(pl),
                "janus_egress_pps": int(jp), "janus_cpu_percent": float(jc), "janus_loss_percent": float(jl),
                "parley_pps_per_core": int(pk), "janus_pps_per_core": int(jk), "ratio": float(ratio)})
else:
    out.update({"fanout": None, "parley_pps_per_core": None, "janus_pps_per_core": None, "ratio": None})
out["generator_shares_cores"] = True
print(json.dumps(out))' "$BEST" "$PUBLISHERS" "$SECONDS_PER_RUN" "$ADDR" "$WARMUP"
