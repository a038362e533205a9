package parley.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Flags, environment variables, defaults, and the messages for bad values. */
class ConfigTest {
    static final List<InetAddress> INTERFACES = List.of(ip("192.0.2.10"), ip("2001:db8::10"), ip("127.0.0.1"));

    @TempDir
    Path temp;

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Config parse(Map<String, String> env, String... args) {
        return Config.parse(args, env, () -> INTERFACES);
    }

    static Config parse(String... args) {
        return parse(Map.of(), args);
    }

    static String error(Map<String, String> env, String... args) {
        return assertThrows(ConfigException.class, () -> parse(env, args)).getMessage();
    }

    static String error(String... args) {
        return error(Map.of(), args);
    }

    @Test
    void defaults() {
        Config c = parse();
        assertEquals(8443, c.httpPort());
        assertEquals(ip("0.0.0.0"), c.bind());
        assertFalse(c.plainHttp());
        assertNull(c.cert());
        assertNull(c.key());
        assertEquals(10000, c.mediaPort());
        assertEquals(ip("0.0.0.0"), c.mediaBind());
        assertEquals(List.of(ip("192.0.2.10"), ip("127.0.0.1")), c.publicIps(), "IPv4 only for an IPv4 socket");
        assertEquals("'none'", c.frameAncestors());
        assertFalse(c.allModerators());
        assertEquals(Config.HostPolicy.NONE, c.hostPolicy());
        assertNull(c.hostSecret());
        assertNull(c.jwtKey());
        assertEquals(Config.LogLevel.INFO, c.logLevel());
        assertNull(c.staticDir());
    }

    @Test
    void flagsInBothSpellings() throws IOException {
        Path cert = Files.writeString(temp.resolve("cert.pem"), "x");
        Path key = Files.writeString(temp.resolve("key.pem"), "x");
        Config c = parse("--http-port", "443", "--bind=127.0.0.1", "--cert", cert.toString(), "--key=" + key,
                "--media-port", "0", "--media-bind", "::", "--frame-ancestors", "self", "--all-moderators",
                "--log-level", "DEBUG", "--static-dir", temp.toString());
        assertEquals(443, c.httpPort());
        assertEquals(ip("127.0.0.1"), c.bind());
        assertEquals(cert, c.cert());
        assertEquals(key, c.key());
        assertEquals(0, c.mediaPort());
        assertEquals(INTERFACES, c.publicIps(), "IPv4 and IPv6 for a dual-stack socket");
        assertEquals("'self'", c.frameAncestors());
        assertTrue(c.allModerators());
        assertEquals(Config.LogLevel.DEBUG, c.logLevel());
        assertEquals(temp, c.staticDir());
    }

    @Test
    void mediaTcpPortFollowsTheMediaPortUnlessSetOrOff() {
        assertEquals(10000, parse().mediaTcpPort(), "the media port's number by default");
        assertEquals(12000, parse("--media-port", "12000").mediaTcpPort());
        assertEquals(parley.media.transport.MediaLoop.TCP_SAME_AS_UDP, parse("--media-port", "0").mediaTcpPort(),
                "whatever UDP port the kernel picks");
        assertEquals(443, parse("--media-tcp-port", "443").mediaTcpPort());
        assertEquals(parley.media.transport.MediaLoop.TCP_OFF, parse("--media-tcp-port", "off").mediaTcpPort());
        assertEquals(parley.media.transport.MediaLoop.TCP_OFF, parse("--media-tcp-port=0").mediaTcpPort());
        assertEquals(parley.media.transport.MediaLoop.TCP_OFF, parse(Map.of("PARLEY_MEDIA_TCP_PORT", "OFF")).mediaTcpPort());
        assertEquals("--media-tcp-port 'tcp' (expected: a port number from 0 to 65535)", error("--media-tcp-port", "tcp"));
    }

    @Test
    void publicIpRepeatsAndTakesCommaLists() {
        assertEquals(List.of(ip("203.0.113.5"), ip("198.51.100.1"), ip("2001:db8::1")),
                parse("--public-ip", "203.0.113.5", "--public-ip=198.51.100.1, 2001:db8::1").publicIps());
        assertEquals(List.of(ip("203.0.113.5"), ip("198.51.100.1")),
                parse(Map.of("PARLEY_PUBLIC_IP", "203.0.113.5,198.51.100.1")).publicIps());
    }

    @Test
    void mediaBoundToOneAddressAnnouncesIt() {
        assertEquals(List.of(ip("192.0.2.99")), parse("--media-bind", "192.0.2.99").publicIps());
    }

    @Test
    void environmentVariables() {
        Config c = parse(Map.of("PARLEY_HTTP_PORT", "9000", "PARLEY_PLAIN_HTTP", "true",
                "PARLEY_HOST_POLICY", "secret", "PARLEY_HOST_SECRET", "correct horse battery",
                "PARLEY_FRAME_ANCESTORS", "https://intranet.example.org", "PARLEY_CERT", ""));
        assertEquals(9000, c.httpPort());
        assertTrue(c.plainHttp());
        assertEquals(Config.HostPolicy.SECRET, c.hostPolicy());
        assertEquals("correct horse battery", c.hostSecret());
        assertEquals("https://intranet.example.org", c.frameAncestors());
        assertNull(c.cert(), "an empty variable counts as unset");
    }

    @Test
    void recordingIsOffWithoutAFolderAndItsOptionsNeedOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        assertEquals(null, parse().recordings());
        Config c = parse("--recordings", dir.toString(), "--recording-names=room", "--recording-upload", "dropbox:meetings");
        assertEquals(dir, c.recordings());
        assertTrue(c.recordingRoomNames());
        assertEquals("dropbox:meetings", c.recordingUpload());
        assertTrue(error(Map.of(), "--recording-upload", "dropbox:meetings").contains("need --recordings"));
        assertTrue(error(Map.of(), "--recordings", dir.resolve("missing").toString()).contains("an existing folder"));
        assertTrue(error(Map.of(), "--recordings", dir.toString(), "--recording-upload", "no-colon").contains("remote:path"));
    }

    @Test
    void flagWinsOverEnvironment() {
        assertEquals(8080, parse(Map.of("PARLEY_HTTP_PORT", "9000"), "--http-port", "8080").httpPort());
        assertFalse(parse(Map.of("PARLEY_PLAIN_HTTP", "true"), "--plain-http=false").plainHttp());
    }

    @Test
    void jwtPolicy() {
        String key = "k".repeat(32);
        Config c = parse(Map.of("PARLEY_JWT_KEY", key), "--host-policy", "jwt");
        assertEquals(Config.HostPolicy.JWT, c.hostPolicy());
        assertEquals(key, c.jwtKey());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--http-port x            | --http-port 'x' (expected: a port number from 0 to 65535)",
            "--http-port 65536        | --http-port '65536' (expected: a port number from 0 to 65535)",
            "--media-port -1          | --media-port '-1' (expected: a port number from 0 to 65535)",
            "--bind example.org       | --bind 'example.org' (expected: an IPv4 or IPv6 address)",
            "--bind 256.1.1.1         | --bind '256.1.1.1' (expected: an IPv4 or IPv6 address)",
            "--public-ip 1.2.3        | --public-ip '1.2.3' (expected: an IPv4 or IPv6 address)",
            "--media-bind ::g         | --media-bind '::g' (expected: an IPv4 or IPv6 address)",
            "--plain-http=yes         | --plain-http 'yes' (expected: true or false)",
            "--host-policy open       | --host-policy 'open' (expected: one of none, secret, jwt)",
            "--log-level verbose      | --log-level 'verbose' (expected: one of error, warn, info, debug, trace)",
            "--frame-ancestors a;b    | --frame-ancestors 'a;b' (expected: CSP sources without ';' or ',')",
            "--port 80                | unknown flag --port (see --help)",
            "8443                     | unexpected argument '8443' (expected: flags; see --help)",
            "--http-port              | --http-port needs a value <port>",
            "--bind 1.1.1.1 --bind ::  | --bind given twice",
            "--host-policy secret     | --host-policy secret needs --host-secret of at least 16 characters (got none)",
            "--host-policy jwt        | --host-policy jwt needs --jwt-key of at least 32 bytes (got none)",
            "--host-secret abcdefghijklm | --host-secret is set but --host-policy is none (expected: secret)",
            "--jwt-key abc            | --jwt-key is set but --host-policy is none (expected: jwt)",
            "--static-dir /no/such/dir | --static-dir '/no/such/dir' (expected: an existing folder)",
            "--cert /no/such.pem      | --cert '/no/such.pem' (expected: a readable file)"})
    void badFlags(String args, String message) {
        assertEquals(message, error(args.trim().split(" +")));
    }

    @Test
    void badEnvironmentNamesTheVariable() {
        assertEquals("PARLEY_MEDIA_PORT 'udp' (expected: a port number from 0 to 65535)",
                error(Map.of("PARLEY_MEDIA_PORT", "udp")));
    }

    @Test
    void shortSecretsAreRefusedWithoutEchoingThem() {
        String m = error("--host-policy", "secret", "--host-secret", "hunter2");
        assertEquals("--host-policy secret needs --host-secret of at least 16 characters (got 7)", m);
        assertEquals("--host-policy jwt needs --jwt-key of at least 32 bytes (got 6)",
                error("--host-policy", "jwt", "--jwt-key", "shorty"));
    }

    @Test
    void certAndKeyGoTogetherAndNotWithPlainHttp() throws IOException {
        Path cert = Files.writeString(temp.resolve("cert.pem"), "x");
        assertEquals("--cert and --key go together (got only --cert)", error("--cert", cert.toString()));
        assertEquals("--cert and --key go together (got only --key)", error("--key", cert.toString()));
        assertEquals("--cert/--key and --plain-http exclude each other (the TLS proxy holds the certificate)",
                error("--plain-http", "--cert", cert.toString(), "--key", cert.toString()));
    }

    @Test
    void toStringHidesSecrets() {
        String s = parse(Map.of("PARLEY_HOST_SECRET", "correct horse battery"), "--host-policy", "secret").toString();
        assertFalse(s.contains("correct horse"), s);
        assertTrue(s.contains("hostSecret=(set)"), s);
    }

    @Test
    void helpListsEveryFlagWithItsVariableAndDefault() {
        String help = Flags.help();
        for (String flag : List.of("--http-port <port>", "--bind <address>", "--plain-http", "--cert <file>",
                "--key <file>", "--media-port <port>", "--media-bind <address>", "--public-ip <ip>",
                "--frame-ancestors <sources>", "--all-moderators", "--host-policy <none|secret|jwt>",
                "--host-secret <secret>", "--jwt-key <secret>", "--log-level <error|warn|info|debug|trace>",
                "--static-dir <folder>", "--help")) {
            assertTrue(help.contains(flag), flag);
        }
        for (Flag f : Flags.ALL) {
            assertTrue(help.contains("env " + f.env() + ", default: " + f.shownDefault()), f.name());
        }
        assertTrue(help.contains("env PARLEY_HTTP_PORT, default: 8443"));
        assertTrue(Flags.helpRequested(new String[] {"--bind", "::", "-h"}));
    }

    /** The README's table is {@link Flags#markdownTable()}, so that it never drifts from --help. */
    @Test
    void readmeFlagsTableMatchesHelp() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(Flags.markdownTable()),
                "README.md's \"Flags\" table differs from --help; paste this:\n" + Flags.markdownTable());
    }
}
