package parley.app;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import parley.room.RoomGuards;
import parley.signal.AdmissionLimits;
import parley.turn.IceTransportPolicy;
import parley.turn.TurnConfig;
import parley.web.AllowedHosts;
import parley.web.Branding;
import parley.web.ConnectionLimits;

/**
 * Every setting of a Parley process, read once at start from flags, then {@code PARLEY_*}
 * environment variables, then defaults (see {@link Flags} and {@code --help}). Immutable.
 *
 * @param httpPort       TCP port of the web server; 0 for any free port
 * @param bind           local address of the web server
 * @param plainHttp      serve plain HTTP (behind a TLS reverse proxy) instead of HTTPS
 * @param cert           PEM certificate chain, or null for a self-signed certificate made at start
 * @param key            PEM private key of {@code cert}, or null
 * @param mediaPort      UDP port of the media plane; 0 for any free port
 * @param mediaTcpPort   TCP port for ICE-TCP: a port number, {@code MediaLoop.TCP_SAME_AS_UDP} (0) or {@code MediaLoop.TCP_OFF} (-1)
 * @param mediaBind      local address of the media socket
 * @param mediaIo        how the media port moves datagrams (batched system calls or plain NIO)
 * @param mediaThreads   threads of the media plane: the loop, plus that many less one encrypting and sending
 * @param mediaNice      the nice value the media thread asks for, -20 to 19 (0: unchanged)
 * @param publicIps      addresses announced as ICE candidates, never empty
 * @param frameAncestors CSP frame-ancestors sources, {@code 'none'} by default
 * @param allModerators  everyone who joins is a moderator
 * @param e2ee           end-to-end encryption of rooms: never, when the room's opener asks, or always
 * @param hostPolicy     who may open a new room
 * @param hostSecret     the secret of {@link HostPolicy#SECRET}, else null
 * @param jwtKey         the HS256 key of {@link HostPolicy#JWT}, else null
 * @param logLevel       root log level
 * @param staticDir      a folder that replaces the built-in web client (development), or null
 * @param turn           the operator's coturn and the ICE transport policy, or null without --turn
 * @param allowedHosts   --allowed-hosts as given (empty: the default, which needs the certificate; see Main)
 * @param limits         connections, request-head deadline and WebSocket upgrades per client address
 * @param admission      wrong passwords and host keys, knocks and avatars (the guards at each meeting's door)
 * @param recordings     the folder server recordings go to, or null: the server does not record
 * @param recordingRoomNames put room names in recording file names (else a random id and the date only)
 * @param recordingUpload an rclone destination ("remote:path") recordings are moved to, or null
 * @param captionsModel  a Vosk model folder for live captions, or null: no captions
 * @param captionsBy     who may turn captions on and off
 * @param sip            phone dial-in (--sip-port, --sip-allow, --sip-numbers), or null: no dial-in
 * @param branding       the operator's name, logo, colours and start-page text (--branding), or Parley's own
 * @param streamTo       the hosts live streams may go to (--stream-to; "*" any), empty: the server does not stream
 */
public record Config(
        int httpPort, InetAddress bind, boolean plainHttp, Path cert, Path key,
        int mediaPort, int mediaTcpPort, InetAddress mediaBind, MediaIo mediaIo, int mediaThreads, int mediaNice, List<InetAddress> publicIps,
        String frameAncestors, boolean allModerators, E2ee e2ee,
        HostPolicy hostPolicy, String hostSecret, String jwtKey,
        LogLevel logLevel, Path staticDir, TurnConfig turn,
        List<String> allowedHosts, ConnectionLimits limits, AdmissionLimits admission,
        Path recordings, boolean recordingRoomNames, String recordingUpload,
        Path captionsModel, CaptionsBy captionsBy, SipFlags sip,
        Branding branding, List<String> streamTo) {

    /** --sip-port (0 picks a free port), --sip-allow and --sip-numbers as given. */
    public record SipFlags(int port, List<String> allow, List<String> numbers) {
        public SipFlags {
            allow = List.copyOf(allow);
            numbers = List.copyOf(numbers);
        }
    }

    /** Who may open a new room (the first join of a room name). */
    public enum HostPolicy { NONE, SECRET, JWT }

    /** --e2ee: rooms are never end-to-end encrypted (off), when whoever opens them asks (optional), or always (required). */
    public enum E2ee { OFF, OPTIONAL, REQUIRED }

    /** --media-io: batched where the platform allows (auto), demanded (batched), or one call per datagram (nio). */
    public enum MediaIo { AUTO, BATCHED, NIO }

    /** Root log level; Jetty stays at WARN or quieter whatever this says. */
    public enum LogLevel { ERROR, WARN, INFO, DEBUG, TRACE }

    static final int MIN_HOST_SECRET_CHARS = 16;
    /** RFC 7518 section 3.2: an HS256 key has at least 256 bits. */
    static final int MIN_JWT_KEY_BYTES = 32;

    public Config {
        if (bind == null || mediaBind == null) throw new ConfigException("no bind address");
        if (mediaIo == null) throw new ConfigException("no media I/O");
        publicIps = List.copyOf(publicIps);
        if (publicIps.isEmpty()) throw new ConfigException("--public-ip: no address to announce (expected: at least one)");
        if ((cert == null) != (key == null)) {
            throw new ConfigException("--cert and --key go together (got only " + (cert == null ? "--key" : "--cert") + ")");
        }
        if (plainHttp && cert != null) {
            throw new ConfigException("--cert/--key and --plain-http exclude each other (the TLS proxy holds the certificate)");
        }
        if (frameAncestors == null || frameAncestors.isBlank() || frameAncestors.matches(".*[;,\\p{Cntrl}].*")) {
            throw new ConfigException("--frame-ancestors '" + frameAncestors + "' (expected: CSP sources without ';' or ',')");
        }
        checkHostPolicy(hostPolicy, hostSecret, jwtKey);
        if (logLevel == null) throw new ConfigException("no log level");
        if (e2ee == null) throw new ConfigException("no e2ee mode");
        if (captionsBy == null) throw new ConfigException("no captions-by");
        if (branding == null) throw new ConfigException("no branding");
        allowedHosts = List.copyOf(allowedHosts);
        streamTo = List.copyOf(streamTo);
        if (limits == null) throw new ConfigException("no connection limits");
        if (admission == null) throw new ConfigException("no admission limits");
        if (recordings == null && (recordingRoomNames || recordingUpload != null)) {
            throw new ConfigException("--recording-names room and --recording-upload need --recordings (the folder recordings are made in)");
        }
        if (recordingUpload != null && !recordingUpload.matches("[^:\\s]*:.*")) {
            throw new ConfigException("--recording-upload '" + recordingUpload + "' (expected: an rclone destination remote:path)");
        }
    }

    /** --captions-by. */
    public enum CaptionsBy { MODERATORS, ANYONE }

    /** --recording-names. */
    public enum RecordingNames { RANDOM, ROOM }

    private static void checkHostPolicy(HostPolicy policy, String hostSecret, String jwtKey) {
        if (policy == null) throw new ConfigException("no host policy");
        if (hostSecret != null && policy != HostPolicy.SECRET) {
            throw new ConfigException("--host-secret is set but --host-policy is " + name(policy) + " (expected: secret)");
        }
        if (jwtKey != null && policy != HostPolicy.JWT) {
            throw new ConfigException("--jwt-key is set but --host-policy is " + name(policy) + " (expected: jwt)");
        }
        if (policy == HostPolicy.SECRET && (hostSecret == null || hostSecret.length() < MIN_HOST_SECRET_CHARS)) {
            throw new ConfigException("--host-policy secret needs --host-secret of at least " + MIN_HOST_SECRET_CHARS
                    + " characters (got " + (hostSecret == null ? "none" : hostSecret.length()) + ")");
        }
        if (policy == HostPolicy.JWT
                && (jwtKey == null || jwtKey.getBytes(StandardCharsets.UTF_8).length < MIN_JWT_KEY_BYTES)) {
            throw new ConfigException("--host-policy jwt needs --jwt-key of at least " + MIN_JWT_KEY_BYTES
                    + " bytes (got " + (jwtKey == null ? "none" : jwtKey.getBytes(StandardCharsets.UTF_8).length) + ")");
        }
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Reads the command line and this process's environment; finds the machine's addresses. */
    public static Config parse(String[] args) {
        return parse(args, System.getenv(), HostAddresses::interfaceAddresses);
    }

    /**
     * Reads {@code args} and {@code env}; {@code interfaceAddresses} gives the default of
     * --public-ip. Throws {@link ConfigException} with a message for the operator.
     */
    public static Config parse(String[] args, Map<String, String> env, Supplier<List<InetAddress>> interfaceAddresses) {
        return from(Flags.read(args, env), interfaceAddresses);
    }

    private static Config from(FlagValues v, Supplier<List<InetAddress>> interfaceAddresses) {
        InetAddress mediaBind = v.address("media-bind");
        List<InetAddress> publicIps = v.addresses("public-ip");
        if (publicIps.isEmpty()) publicIps = defaultPublicIps(mediaBind, interfaceAddresses.get());
        return new Config(
                v.port("http-port"), v.address("bind"), v.bool("plain-http"), v.file("cert"), v.file("key"),
                v.port("media-port"), mediaTcpPort(v), mediaBind, v.choice("media-io", MediaIo.class),
                v.integer("media-threads", 1, 16), v.integer("media-nice", -20, 19), publicIps,
                frameAncestors(v.string("frame-ancestors")), v.bool("all-moderators"),
                v.choice("e2ee", E2ee.class),
                v.choice("host-policy", HostPolicy.class), v.string("host-secret"), v.string("jwt-key"),
                v.choice("log-level", LogLevel.class), v.folder("static-dir"), turn(v),
                allowedHosts(v), limits(v), admission(v),
                v.folder("recordings"), v.choice("recording-names", RecordingNames.class) == RecordingNames.ROOM,
                v.string("recording-upload"),
                v.folder("captions-model"), v.choice("captions-by", CaptionsBy.class),
                sip(v),
                branding(v), v.strings("stream-to"));
    }

    /** --branding: the folder read and checked now, so a mistake stops the start with its reason. */
    private static Branding branding(FlagValues v) {
        Path folder = v.folder("branding");
        if (folder == null) return Branding.BUILT_IN;
        try {
            return Branding.load(folder);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--branding " + folder + ": " + e.getMessage());
        }
    }

    /** --sip-port off (or unset): null; else the trunks allowed to call must be named. */
    private static SipFlags sip(FlagValues v) {
        String s = v.string("sip-port");
        List<String> allow = v.strings("sip-allow");
        if (s == null || s.strip().equalsIgnoreCase("off")) {
            if (!allow.isEmpty()) throw new ConfigException("--sip-allow is set but --sip-port is off (expected: both or neither)");
            return null;
        }
        int port = v.port("sip-port");
        if (allow.isEmpty()) throw new ConfigException("--sip-port needs --sip-allow (the addresses of your SIP trunks or PBXs)");
        try {
            parley.sip.TrunkAllowList.of(allow);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--sip-allow: " + e.getMessage());
        }
        return new SipFlags(port, allow, v.strings("sip-numbers"));
    }

    /** --turn, --turn-secret, --turn-ttl and --ice-transport-policy: all or nothing, relay only with a relay. */
    private static TurnConfig turn(FlagValues v) {
        List<String> uris = v.strings("turn");
        String secret = v.string("turn-secret");
        IceTransportPolicy policy = v.choice("ice-transport-policy", IceTransportPolicy.class);
        if (uris.isEmpty()) {
            if (secret != null) throw new ConfigException("--turn-secret is set but --turn is not (expected: both or neither)");
            if (policy == IceTransportPolicy.RELAY) {
                throw new ConfigException("--ice-transport-policy relay needs --turn (without a relay, no media could flow)");
            }
            return null;
        }
        if (secret == null) throw new ConfigException("--turn needs --turn-secret (coturn's static-auth-secret)");
        int secretBytes = secret.getBytes(StandardCharsets.UTF_8).length;
        if (secretBytes < TurnConfig.MIN_SECRET_BYTES) {
            throw new ConfigException("--turn-secret has " + secretBytes + " bytes (expected: at least "
                    + TurnConfig.MIN_SECRET_BYTES + ", e.g. from openssl rand -hex 32)");
        }
        Duration ttl = v.duration("turn-ttl", TurnConfig.MIN_TTL, TurnConfig.MAX_TTL);
        try {
            return new TurnConfig(uris, secret, ttl, policy);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--turn: " + e.getMessage());
        }
    }

    /** --media-tcp-port: unset follows --media-port (its number, or the UDP port's when that is 0); 0 or off is none. */
    private static int mediaTcpPort(FlagValues v) {
        String s = v.string("media-tcp-port");
        if (s == null) return v.port("media-port") == 0 ? parley.media.transport.MediaLoop.TCP_SAME_AS_UDP : v.port("media-port");
        if (s.strip().equalsIgnoreCase("off")) return parley.media.transport.MediaLoop.TCP_OFF;
        int port = v.port("media-tcp-port");
        return port == 0 ? parley.media.transport.MediaLoop.TCP_OFF : port;
    }

    private static List<String> allowedHosts(FlagValues v) {
        List<String> hosts = v.strings("allowed-hosts");
        try {
            AllowedHosts.of(hosts);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--allowed-hosts: " + e.getMessage());
        }
        return hosts;
    }

    private static ConnectionLimits limits(FlagValues v) {
        int max = v.isSet("max-connections") ? v.integer("max-connections", 1, 1_000_000)
                : ConnectionLimits.defaultMaxConnections(ConnectionLimits.openFileLimit());
        return new ConnectionLimits(Duration.ofSeconds(v.integer("request-head-timeout", 1, 3600)), max,
                v.integer("max-connections-per-ip", 0, 1_000_000), v.integer("max-websockets-per-ip", 1, 1_000_000),
                v.integer("websocket-rate-per-ip", 1, 10_000));
    }

    /** The guards at each meeting's door: --wrong-passwords-per-ip to --room-avatar-rate. */
    private static AdmissionLimits admission(FlagValues v) {
        RoomGuards room = new RoomGuards(v.budget("wrong-passwords-per-room", 1_000), v.integer("password-queue-per-room", 1, 100_000),
                v.budget("knocks-per-ip", 1_000), v.integer("lobby-share-per-ip", 1, 100),
                v.integer("room-avatar-chars", 1, 64 << 20), v.integer("room-avatar-rate", 1, 64 << 20));
        return new AdmissionLimits(v.budget("wrong-passwords-per-ip", 1_000), v.budget("wrong-host-keys-per-ip", 1_000),
                v.budget("wrong-host-keys", 100_000), v.integer("host-key-queue", 1, 1_000_000), room);
    }

    /** The media socket's own address if it is bound to one, else the interfaces of its address family. */
    static List<InetAddress> defaultPublicIps(InetAddress mediaBind, List<InetAddress> interfaces) {
        if (!mediaBind.isAnyLocalAddress()) return List.of(mediaBind);
        boolean ipv6 = mediaBind instanceof Inet6Address;
        return interfaces.stream().filter(a -> ipv6 || !(a instanceof Inet6Address)).toList();
    }

    /** Lets the operator write the keywords without CSP's quotes: none is 'none', self is 'self'. */
    private static String frameAncestors(String sources) {
        return switch (sources.strip().toLowerCase(Locale.ROOT)) {
            case "none" -> "'none'";
            case "self" -> "'self'";
            default -> sources.strip();
        };
    }

    /** Like the record's but without the secrets, so that a config can be logged or printed. */
    @Override
    public String toString() {
        return "Config[httpPort=" + httpPort + ", bind=" + bind.getHostAddress() + ", plainHttp=" + plainHttp
                + ", cert=" + cert + ", key=" + key + ", mediaPort=" + mediaPort + ", mediaTcpPort=" + mediaTcpPort
                + ", mediaBind=" + mediaBind.getHostAddress() + ", mediaIo=" + mediaIo + ", mediaThreads=" + mediaThreads + ", mediaNice=" + mediaNice + ", publicIps=" + publicIps.size() + " addresses"
                + ", frameAncestors=" + frameAncestors + ", allModerators=" + allModerators + ", e2ee=" + name(e2ee)
                + ", hostPolicy=" + name(hostPolicy) + ", hostSecret=" + (hostSecret == null ? "none" : "(set)")
                + ", jwtKey=" + (jwtKey == null ? "none" : "(set)") + ", logLevel=" + name(logLevel)
                + ", staticDir=" + staticDir + ", turn=" + (turn == null ? "none" : turn)
                + ", allowedHosts=" + allowedHosts.size() + " entries, limits=" + limits + ", admission=" + admission
                + ", recordings=" + recordings + ", recordingRoomNames=" + recordingRoomNames
                + ", recordingUpload=" + (recordingUpload == null ? "none" : "(set)")
                + ", captionsModel=" + captionsModel + ", captionsBy=" + name(captionsBy)
                + ", sip=" + (sip == null ? "off" : "port " + sip.port() + ", " + sip.allow().size() + " trunks")
                + ", branding=" + branding + ", streamTo=" + streamTo.size() + " hosts]";
    }
}
