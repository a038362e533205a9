package parley.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every flag Parley knows, how the command line and the environment are read into raw
 * values, and the help text (also the README's "Flags" table). To add a setting: add a
 * {@link Flag} here, a component to {@link Config} and one line to {@link Config#from}.
 */
final class Flags {
    static final List<Flag> ALL = List.of(
            Flag.value("http-port", "port", "8443",
                    "TCP port of the web server (HTTPS, or HTTP with --plain-http) and of WebSocket signaling; 0 picks a free port."),
            Flag.value("bind", "address", "0.0.0.0",
                    "Local address the web server listens on (:: for every IPv4 and IPv6 address)."),
            Flag.toggle("plain-http",
                    "Serve plain HTTP instead of HTTPS. Only behind a TLS reverse proxy that forwards WebSocket upgrades and X-Forwarded-Proto/-Host."),
            Flag.value("cert", "file", null,
                    "PEM certificate chain for HTTPS, leaf first (Let's Encrypt: fullchain.pem). Without --cert and --key, a self-signed certificate is made in memory at each start."),
            Flag.value("key", "file", null,
                    "PEM private key of --cert, unencrypted (Let's Encrypt: privkey.pem)."),
            Flag.value("media-port", "port", "10000",
                    "UDP port for all media (ICE, DTLS, SRTP) of every meeting."),
            new Flag("media-tcp-port", "port|off", null, "same as --media-port", false,
                    "TCP port for media of browsers that cannot reach the UDP port (ICE-TCP, passive candidates on the same addresses, used only when UDP fails); 0 or off: none."),
            Flag.value("media-bind", "address", "0.0.0.0",
                    "Local address of the media port (:: for IPv4 and IPv6). With a wildcard, Parley binds one socket per advertised local address, so every answer leaves from the address it was sent to."),
            Flag.value("media-io", "auto|batched|nio", "auto",
                    "How the media port moves packets: batched (Linux: recvmmsg, sendmmsg and UDP segmentation offload, a few system calls per round of forwarding), nio (one system call per packet, portable), or auto (batched where available, else nio, saying why in the log)."),
            Flag.value("media-threads", "n", "2",
                    "Threads of the media plane, 1 to 16: with 1, one thread receives, forwards, encrypts and sends; with n above 1, that thread receives and forwards, and n - 1 others encrypt (SRTP) and send, each for its share of the participants."),
            Flag.value("media-nice", "n", "-10",
                    "Scheduling priority (Linux nice value, -20 to 19) the media thread asks for, so that forwarding keeps its core while people join and the machine is busy; 0 leaves it alone. Below 0 needs root, CAP_SYS_NICE or systemd's LimitNICE; without them the log says so and nothing changes."),
            Flag.list("public-ip", "ip", "this machine's addresses",
                    "Address to announce as ICE candidate; repeat the flag or separate with commas. Set the public address on a host behind NAT."),
            Flag.value("frame-ancestors", "sources", "'none'",
                    "Pages that may show Parley in a frame (CSP frame-ancestors), e.g. \"'self' https://intranet.example.org\"."),
            Flag.toggle("all-moderators",
                    "Make everyone who joins a moderator."),
            Flag.value("e2ee", "off|optional|required", "optional",
                    "End-to-end encryption of meetings (docs/e2ee.md): never (off), when whoever opens the meeting asks for it (optional), or in every meeting (required). An encrypted meeting admits only browsers that can encrypt."),
            Flag.value("host-policy", "none|secret|jwt", "none",
                    "Who may open a new room: anyone (none), whoever gives --host-secret (secret), or whoever gives a JWT signed with --jwt-key (jwt)."),
            Flag.value("host-secret", "secret", null,
                    "The secret of --host-policy secret, at least 16 characters. Prefer the environment variable: flags show in ps."),
            Flag.value("jwt-key", "secret", null,
                    "The HS256 key of --host-policy jwt, at least 32 bytes. Prefer the environment variable: flags show in ps."),
            Flag.list("turn", "uri", "none",
                    "TURN URIs of a coturn you run with use-auth-secret (README, \"TURN (coturn)\"), e.g. turns:turn.example.org:443?transport=tcp,turn:turn.example.org:3478; repeat the flag or separate with commas. Admitted participants get credentials for it, so browsers that reach only TCP 443 still get audio and video."),
            Flag.value("turn-secret", "secret", null,
                    "coturn's static-auth-secret, at least 20 bytes (openssl rand -hex 32). Needed with --turn. Prefer the environment variable: flags show in ps."),
            Flag.value("turn-ttl", "duration", "12h",
                    "How long a TURN credential lets a browser open new relays (10m to 7d; s, m, h or d). A call in progress keeps its relay past it, and every join gets a fresh credential; 12h covers a whole day's meeting without making a leaked credential useful for long."),
            Flag.value("ice-transport-policy", "all|relay", "all",
                    "Which paths browsers may use for media: all (direct to the media port, the TURN relay when nothing else works) or relay (always through --turn: hides the media port's address from participants, or tests the relay)."),
            Flag.value("log-level", "error|warn|info|debug|trace", "info",
                    "How much to log. At info, warn and error, logs hold no addresses, room names, names or messages."),
            Flag.value("recordings", "folder", null,
                    "Lets moderators record meetings on the server (docs/protocol.md, \"Recording\"), into this existing folder: the only place Parley ever writes to. Needs ffmpeg. Without it, the server does not record."),
            Flag.value("recording-names", "random|room", "random",
                    "Recording file names: parley-<date>-<random id>.mp4 (random), or with the room's name in front (room)."),
            Flag.value("recording-upload", "remote:path", null,
                    "Uploads each recording with rclone (the operator's rclone configuration) to this destination, e.g. dropbox:meetings, and removes the server's copy once rclone confirmed the upload. A failed upload keeps the file in --recordings."),
            Flag.value("captions-model", "folder", null,
                    "Lets meetings have live captions (docs/protocol.md, \"Captions\"), recognised on this server from this Vosk model folder (e.g. vosk-model-small-en-us): no audio or text leaves it or is stored. Without it, the server has no captions."),
            Flag.value("captions-by", "moderators|anyone", "moderators",
                    "Who may turn a meeting's captions on and off."),
            Flag.value("sip-port", "port|off", "off",
                    "UDP and TCP port for phone dial-in over SIP from your trunk or PBX (README, \"Phone dial-in\"); off: no dial-in. Needs --sip-allow."),
            Flag.list("sip-allow", "address[/bits]", "none",
                    "Addresses or CIDR blocks of the SIP trunks or PBXs allowed to call in; every other sender gets 403. Repeat or separate with commas."),
            Flag.list("sip-numbers", "number", "none",
                    "The phone number(s) that reach this server's dial-in, shown with each room's PIN to everyone in the meeting, e.g. \"+49 30 1234567\"."),
            Flag.value("branding", "folder", null,
                    "Your product's name, logo, colour and start-page text instead of Parley's (README, \"Branding\"): a folder with branding.json, and optionally logo.svg or logo.png and welcome.txt. Checked at start."),
            Flag.list("stream-to", "host[:port]|*", "none",
                    "Lets moderators stream meetings live to RTMP(S) servers on these hosts (docs/protocol.md, \"Live streaming\"), e.g. a.rtmp.youtube.com,live.twitch.tv; * allows any host (a moderator could then make this server connect anywhere it can reach). Needs ffmpeg. Without it, the server does not stream. Repeat or separate with commas."),
            Flag.value("static-dir", "folder", null,
                    "Serve the web client from this folder instead of the built-in one, read afresh on each request (for development)."),
            Flag.list("allowed-hosts", "name", "localhost, this machine's names and addresses, --public-ip, the names in --cert; any with --plain-http",
                    "Host names (or *.domain, or IP addresses) that pages and WebSocket upgrades may be asked for; others get 421 (a guard against DNS rebinding). Repeat or separate with commas; * allows any. Behind a TLS proxy, set the public name."),
            Flag.value("request-head-timeout", "seconds", "20",
                    "A connection must finish its TLS handshake and send each whole request head within this time of opening (or of the previous response), or it is closed: slow-header clients cannot hold connections."),
            new Flag("max-connections", "n", null, "the open-file limit less 256", false,
                    "TCP connections open at once, everybody together. At the cap Parley stops accepting (the kernel queues newcomers) and serves who is connected."),
            Flag.value("max-connections-per-ip", "n", "256",
                    "TCP connections open at once from one client address (IPv6: one /64); more are closed at once. 0: no cap. Not applied with --plain-http (every connection comes from the proxy)."),
            Flag.value("max-websockets-per-ip", "n", "200",
                    "Signaling WebSockets open at once from one client address (a whole school behind one NAT address); one more gets HTTP 429 with Retry-After: 10."),
            Flag.value("websocket-rate-per-ip", "n", "10",
                    "WebSocket upgrades per second from one client address, with bursts of 10 times as many; one more gets HTTP 429 with Retry-After: 1. Behind a TLS proxy the address is X-Forwarded-For's."),
            Flag.value("wrong-passwords-per-ip", "burst:interval", "10:30s",
                    "Wrong room passwords one client address may give, across rooms: burst at once, then one per interval (s, m, h or d); beyond, a guess is refused unchecked (rate-limited)."),
            Flag.value("wrong-passwords-per-room", "burst:interval", "5:2s",
                    "Wrong password answers one room gives, whatever the number of guessers; other guesses wait their turn (a right password costs nothing)."),
            Flag.value("password-queue-per-room", "n", "100",
                    "Password guesses that may wait for their check in one room at once; one more is refused (rate-limited)."),
            Flag.value("wrong-host-keys-per-ip", "burst:interval", "10:30s",
                    "Wrong host keys (--host-policy secret or jwt) one client address may give; beyond, refused unchecked (rate-limited)."),
            Flag.value("wrong-host-keys", "burst:interval", "20:1s",
                    "Wrong host keys the server answers, everybody together; other keys wait their turn."),
            Flag.value("host-key-queue", "n", "1000",
                    "Joins with a host key that may wait for their check, server-wide; one more is refused (rate-limited)."),
            Flag.value("knocks-per-ip", "burst:interval", "5:5s",
                    "Knocks on one room's lobby from one client address; one more is refused (rate-limited)."),
            Flag.value("lobby-share-per-ip", "percent", "20",
                    "How much of a room's lobby (50 guests) one client address may fill, 1 to 100 %, at least one guest: one address cannot keep everybody else out."),
            Flag.value("room-avatar-chars", "n", "524288",
                    "All avatars of one room together, in characters (one avatar is at most 49152); an avatar beyond gets too-large. Also the avatar characters sent at once."),
            Flag.value("room-avatar-rate", "chars/s", "32768",
                    "Avatar characters one room sends to everyone per second after that burst; beyond, an avatar is not sent (the participant shows initials), so avatars cannot swamp a slow reader."));

    private static final Map<String, Flag> BY_NAME = byName();

    private Flags() {}

    private static Map<String, Flag> byName() {
        Map<String, Flag> map = new HashMap<>();
        for (Flag f : ALL) map.put(f.name(), f);
        return Map.copyOf(map);
    }

    static boolean helpRequested(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
    }

    /**
     * The raw value(s) of every flag: from the command line if given there, else from its
     * environment variable (empty counts as unset), else its default.
     */
    static FlagValues read(String[] args, Map<String, String> env) {
        Map<Flag, List<FlagValues.Setting>> fromArgs = readArgs(args);
        Map<Flag, List<FlagValues.Setting>> values = new LinkedHashMap<>();
        for (Flag flag : ALL) {
            List<FlagValues.Setting> given = fromArgs.get(flag);
            if (given == null) given = fromEnv(flag, env.get(flag.env()));
            if (given == null && flag.defaultValue() != null) {
                given = List.of(new FlagValues.Setting(flag.defaultValue(), "default of " + flag.flag()));
            }
            values.put(flag, given == null ? List.of() : given);
        }
        return new FlagValues(values);
    }

    private static List<FlagValues.Setting> fromEnv(Flag flag, String value) {
        if (value == null || value.isBlank()) return null;
        return split(flag, value.strip(), flag.env());
    }

    private static Map<Flag, List<FlagValues.Setting>> readArgs(String[] args) {
        Map<Flag, List<FlagValues.Setting>> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) throw new ConfigException("unexpected argument '" + arg + "' (expected: flags; see --help)");
            int eq = arg.indexOf('=');
            String name = arg.substring(2, eq < 0 ? arg.length() : eq);
            Flag flag = Optional.ofNullable(BY_NAME.get(name))
                    .orElseThrow(() -> new ConfigException("unknown flag --" + name + " (see --help)"));
            String value;
            if (eq >= 0) value = arg.substring(eq + 1);
            else if (flag.isToggle()) value = "true";
            else if (i + 1 < args.length) value = args[++i];
            else throw new ConfigException(flag.flag() + " needs a value <" + flag.argument() + ">");
            List<FlagValues.Setting> list = values.computeIfAbsent(flag, f -> new ArrayList<>());
            if (!list.isEmpty() && !flag.repeatable()) throw new ConfigException(flag.flag() + " given twice");
            list.addAll(split(flag, value, flag.flag()));
        }
        return values;
    }

    /** Repeatable flags also take comma-separated lists. */
    private static List<FlagValues.Setting> split(Flag flag, String value, String source) {
        if (!flag.repeatable()) return List.of(new FlagValues.Setting(value, source));
        List<FlagValues.Setting> list = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) list.add(new FlagValues.Setting(part.strip(), source));
        }
        return list;
    }

    /** The text of --help. */
    static String help() {
        StringBuilder b = new StringBuilder();
        b.append("Usage: parley [flags]\n\n")
                .append("Video meetings in the browser: HTTPS and WebSocket signaling on one TCP port, media on one UDP port.\n")
                .append("Each flag can also be set by its environment variable; the flag wins.\n\n");
        for (Flag f : ALL) {
            b.append("  ").append(f.usage()).append('\n')
                    .append("      ").append(f.help()).append('\n')
                    .append("      env ").append(f.env()).append(", default: ").append(f.shownDefault()).append('\n');
        }
        b.append("  -h, --help\n      Print this help and exit.\n");
        return b.toString();
    }

    /** The README's "Flags" table: the same text as {@link #help()}. */
    static String markdownTable() {
        StringBuilder b = new StringBuilder("| flag | environment | default | meaning |\n|---|---|---|---|\n");
        for (Flag f : ALL) {
            b.append("| `").append(f.usage().replace("|", "\\|")).append("` | `").append(f.env()).append("` | `")
                    .append(f.shownDefault()).append("` | ").append(f.help().replace("|", "\\|")).append(" |\n");
        }
        return b.append("| `-h`, `--help` | | | Print this help and exit. |\n").toString();
    }
}
