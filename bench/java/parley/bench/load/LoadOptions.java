package parley.bench.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * How a load run is configured, from {@code bench/load.sh}'s flags ({@link #parse}) or built in a
 * test ({@link #of} and the {@code with...} copies).
 *
 * @param url          the server, {@code https://HOST:PORT} (or {@code http://} with --plain-http)
 * @param room         the room to fill
 * @param participants how many synthetic participants join
 * @param seconds      how long to measure once everyone has joined; 0 = until {@link LoadRun#stop}
 * @param speakers     how many participants take turns talking (3 s each); the others are silent
 * @param viewTiles    how many cameras each shows as 180p tiles (plus the speaker at 720p)
 * @param rampMs       time between two participants' joins
 * @param serverPid    the server's process id for CPU and memory, or 0 to find the TCP port's listener
 * @param fixtures     where the encoded media is cached (made with ffmpeg when missing)
 * @param noRecv       offer no receive slots at all (publish only: for servers before receive slots)
 * @param joinTimeoutMs how long a participant may take to join and connect media
 * @param server       which server speaks at the URL: Parley (WebSocket signaling) or Janus (its videoroom plugin over HTTP)
 * @param publishers   0: everyone publishes and receives (a meeting); P above 0: a fan-out, the first P
 *                     participants only publish, the others only receive every publisher's top layer and audio
 * @param warmupSeconds how long to wait once everyone has joined before the measured window starts
 *                     (join keyframes and bandwidth estimates settle meanwhile)
 */
public record LoadOptions(URI url, String room, int participants, int seconds, int speakers, int viewTiles,
                          int rampMs, long serverPid, Path fixtures, boolean noRecv, int joinTimeoutMs, Server server,
                          int publishers, int warmupSeconds) {
    /** The server under load. */
    public enum Server { PARLEY, JANUS }

    static final int MAX_PARTICIPANTS = 1000;
    /** A video slot per tile and one for the speaker, within the server's 32. */
    static final int MAX_VIEW_TILES = 31;
    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    static final String USAGE = """
            Usage: bench/load.sh --url https://HOST:PORT --room NAME --participants N --seconds S [options]

            Fills a Parley room with synthetic participants that speak the real protocol (WebSocket
            signaling, ICE, DTLS, SRTP), each sending three-layer simulcast VP8 and Opus and receiving
            what the server forwards. Prints a table every 2 s and, as its last line, one JSON object.

              --url URL            the server (https://HOST:PORT; media goes only to HOST)
              --room NAME          room name (1-64 of A-Z a-z 0-9 - _)
              --participants N     synthetic participants (1-1000)
              --seconds S          how long to measure once all have joined (at least 1)
              --speakers K         participants taking turns to talk, 3 s each (default 1)
              --view-tiles T       cameras each shows as 180p tiles, plus the speaker at 720p (default 25, max 31)
              --ramp-ms MS         time between two joins (default 100)
              --server-pid PID     the server's pid for CPU and memory (default: the process listening on the URL's port)
              --fixtures DIR       cache of the encoded media (default target/load-fixtures; made with ffmpeg)
              --no-recv            offer no receive slots (publish only; for servers before receive slots)
              --join-timeout-ms MS how long one join may take (default 20000)
              --publishers P       a fan-out: only the first P participants publish (and receive nothing);
                                   the others publish nothing and receive every publisher's 720p layer and
                                   up to 3 microphones (default 0: everyone publishes and receives)
              --warmup-seconds W   wait W s after everyone joined before measuring (default 0)
              --server S           parley (default) or janus: Janus 1.1's videoroom plugin over its HTTP API,
                                   --url http://HOST:PORT/janus; needs --publishers
              -h, --help           this text
            """;

    public LoadOptions {
        if (url == null || url.getHost() == null || url.getPort() < 0
                || !(url.getScheme().equals("https") || url.getScheme().equals("http"))) {
            throw new IllegalArgumentException("--url " + url + " (expected: https://HOST:PORT)");
        }
        if (room == null || !ROOM.matcher(room).matches()) {
            throw new IllegalArgumentException("--room " + room + " (expected: 1-64 of A-Z a-z 0-9 - _)");
        }
        check("--participants", participants, 1, MAX_PARTICIPANTS);
        check("--seconds", seconds, 0, 86_400);
        check("--speakers", speakers, 0, participants);
        check("--view-tiles", viewTiles, 0, MAX_VIEW_TILES);
        check("--ramp-ms", rampMs, 0, 60_000);
        check("--join-timeout-ms", joinTimeoutMs, 1000, 600_000);
        if (serverPid < 0) throw new IllegalArgumentException("--server-pid " + serverPid + " (expected: a process id)");
        if (fixtures == null) throw new IllegalArgumentException("--fixtures missing (expected: a folder)");
        if (server == null) throw new IllegalArgumentException("--server missing (expected: parley or janus)");
        check("--publishers", publishers, 0, participants);
        check("--warmup-seconds", warmupSeconds, 0, 3600);
        if (server == Server.JANUS && publishers == 0) {
            throw new IllegalArgumentException("--server janus with --publishers 0 (expected: a fan-out, --publishers 1.." + participants + ")");
        }
    }

    /** Defaults for a test: until stopped, one speaker, 25 tiles, 100 ms ramp. */
    public static LoadOptions of(URI url, String room, int participants) {
        return new LoadOptions(url, room, participants, 0, Math.min(1, participants), 25, 100, 0,
                Path.of("target", "load-fixtures"), false, 20_000, Server.PARLEY, 0, 0);
    }

    public LoadOptions withSeconds(int s) {
        return new LoadOptions(url, room, participants, s, speakers, viewTiles, rampMs, serverPid, fixtures, noRecv,
                joinTimeoutMs, server, publishers, warmupSeconds);
    }

    public LoadOptions withSpeakers(int k) {
        return new LoadOptions(url, room, participants, seconds, k, viewTiles, rampMs, serverPid, fixtures, noRecv,
                joinTimeoutMs, server, publishers, warmupSeconds);
    }

    public LoadOptions withViewTiles(int t) {
        return new LoadOptions(url, room, participants, seconds, speakers, t, rampMs, serverPid, fixtures, noRecv,
                joinTimeoutMs, server, publishers, warmupSeconds);
    }

    public LoadOptions withRampMs(int ms) {
        return new LoadOptions(url, room, participants, seconds, speakers, viewTiles, ms, serverPid, fixtures, noRecv,
                joinTimeoutMs, server, publishers, warmupSeconds);
    }

    public LoadOptions withServerPid(long pid) {
        return new LoadOptions(url, room, participants, seconds, speakers, viewTiles, rampMs, pid, fixtures, noRecv,
                joinTimeoutMs, server, publishers, warmupSeconds);
    }

    public LoadOptions withNoRecv(boolean on) {
        return new LoadOptions(url, room, participants, seconds, speakers, viewTiles, rampMs, serverPid, fixtures, on,
                joinTimeoutMs, server, publishers, warmupSeconds);
    }

    /** A fan-out: the first {@code p} participants only publish, the others only receive. */
    public LoadOptions withPublishers(int p) {
        return new LoadOptions(url, room, participants, seconds, speakers, viewTiles, rampMs, serverPid, fixtures, noRecv,
                joinTimeoutMs, server, p, warmupSeconds);
    }

    public LoadOptions withServer(Server s) {
        return new LoadOptions(url, room, participants, seconds, speakers, viewTiles, rampMs, serverPid, fixtures, noRecv,
                joinTimeoutMs, s, publishers, warmupSeconds);
    }

    /** Whether participant {@code index} sends media (in a meeting everyone does; in a fan-out the first P). */
    boolean publishes(int index) {
        return publishers == 0 || index < publishers;
    }

    /** Whether participant {@code index} receives media. */
    boolean receives(int index) {
        return !noRecv && (publishers == 0 || index >= publishers);
    }

    /** Parses the command line; throws {@link IllegalArgumentException} naming the flag, the value and what was expected. */
    public static LoadOptions parse(String... args) {
        URI url = null;
        String room = null;
        Integer participants = null;
        Integer seconds = null;
        LoadOptions d = of(URI.create("https://localhost:8443"), "x", MAX_PARTICIPANTS);
        Integer speakers = null;
        int tiles = d.viewTiles();
        int ramp = d.rampMs();
        long pid = 0;
        Path fixtures = d.fixtures();
        boolean noRecv = false;
        int joinTimeout = d.joinTimeoutMs();
        Server server = Server.PARLEY;
        int publishers = 0;
        int warmup = 0;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--no-recv")) {
                noRecv = true;
                continue;
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " without a value (or unknown)");
            String v = args[++i];
            switch (flag) {
                case "--url" -> url = uri(v);
                case "--room" -> room = v;
                case "--participants" -> participants = integer(flag, v);
                case "--seconds" -> seconds = integer(flag, v);
                case "--speakers" -> speakers = integer(flag, v);
                case "--view-tiles" -> tiles = integer(flag, v);
                case "--ramp-ms" -> ramp = integer(flag, v);
                case "--server-pid" -> pid = integer(flag, v);
                case "--fixtures" -> fixtures = Path.of(v);
                case "--join-timeout-ms" -> joinTimeout = integer(flag, v);
                case "--publishers" -> publishers = integer(flag, v);
                case "--warmup-seconds" -> warmup = integer(flag, v);
                case "--server" -> server = server(v);
                default -> throw new IllegalArgumentException("unknown flag " + flag + " (expected: see --help)");
            }
        }
        if (url == null || room == null || participants == null || seconds == null) {
            throw new IllegalArgumentException("--url, --room, --participants and --seconds are required");
        }
        if (seconds < 1) throw new IllegalArgumentException("--seconds " + seconds + " (expected: at least 1)");
        return new LoadOptions(url, room, participants, seconds, speakers == null ? Math.min(1, participants) : speakers, tiles, ramp, pid,
                fixtures, noRecv, joinTimeout, server, publishers, warmup);
    }

    private static Server server(String v) {
        return switch (v) {
            case "parley" -> Server.PARLEY;
            case "janus" -> Server.JANUS;
            default -> throw new IllegalArgumentException("--server " + v + " (expected: parley or janus)");
        };
    }

    /** The signaling endpoint: wss://HOST:PORT/ws (ws:// for http). */
    URI webSocketUri() {
        return URI.create((url.getScheme().equals("https") ? "wss" : "ws") + "://" + url.getHost() + ":" + url.getPort() + "/ws");
    }

    /** The page's origin, which the server requires in the WebSocket upgrade. */
    String origin() {
        return url.getScheme() + "://" + url.getHost() + ":" + url.getPort();
    }

    private static URI uri(String v) {
        try {
            return new URI(v);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url " + v + " (expected: https://HOST:PORT)", e);
        }
    }

    private static int integer(String flag, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " " + v + " (expected: a whole number)", e);
        }
    }

    private static void check(String flag, long v, long min, long max) {
        if (v < min || v > max) throw new IllegalArgumentException(flag + " " + v + " (expected: " + min + ".." + max + ")");
    }
}
