package parley.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Offers captured from real clients (see src/test/resources/parley/sdp) and small hand-written
 * ones. The captured files are verbatim except fd00::2 became 2001:db8::2.
 */
final class SdpFixtures {
    /** Chromium 156 headless: mic + camera sendonly (rids q;h;f), audio + 2 video recvonly. */
    static final String CHROME = "chrome-156-offer.sdp";
    /** The same Chromium after one answer and stopping the mid 4 transceiver. */
    static final String CHROME_STOPPED = "chrome-156-reoffer-stopped.sdp";
    /** Firefox ESR 153, same page: bundle-only m-lines, extmap directions, ssrc lines with rids. */
    static final String FIREFOX = "firefox-esr-153-offer.sdp";
    /** The same Firefox after one answer and stopping mid 4. */
    static final String FIREFOX_STOPPED = "firefox-esr-153-reoffer-stopped.sdp";
    /** aiortc 1.4.0 (Debian 12): audio + video sendonly, audio + video recvonly, ICE per m-line. */
    static final String AIORTC = "aiortc-1.4.0-offer.sdp";

    static final String FINGERPRINT =
            "0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9:0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9";

    private SdpFixtures() {}

    static String read(String name) {
        try (InputStream in = SdpFixtures.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("no test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SdpOffer parse(String name) throws SdpException {
        return SdpParser.parseOffer(read(name));
    }

    /** The server of every answer test: one IPv4 and one IPv6 host address on port 10000. */
    static ServerInfo server() {
        try {
            return new ServerInfo("Srv1", "ServerPassword0123456789", FINGERPRINT,
                    List.of(InetAddress.getByName("203.0.113.7"), InetAddress.getByName("2001:db8::7")),
                    10000, 4611731400430051336L, 2);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lines joined with CRLF, with a final CRLF. */
    static String sdp(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    /** A small valid offer: session lines, then {@code mediaLines}. */
    static String offerWith(String... mediaLines) {
        List<String> lines = new ArrayList<>(List.of("v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "a=group:BUNDLE 0", "a=ice-ufrag:abcd", "a=ice-pwd:abcdefghijklmnopqrstuv",
                "a=fingerprint:sha-256 " + FINGERPRINT, "a=setup:actpass"));
        lines.addAll(List.of(mediaLines));
        return sdp(lines.toArray(String[]::new));
    }

    /** The lines of {@code sdp}'s m-section with {@code mid}, its m= line first. */
    static List<String> section(String sdp, String mid) {
        List<String> current = null;
        for (String line : sdp.split("\r\n")) {
            if (line.startsWith("m=")) {
                if (current != null && current.contains("a=mid:" + mid)) return current;
                current = new ArrayList<>();
            }
            if (current != null) current.add(line);
        }
        if (current != null && current.contains("a=mid:" + mid)) return current;
        throw new AssertionError("no m-section with mid " + mid + " in\n" + sdp);
    }

    /** The lines of {@code section} that start with {@code prefix}. */
    static List<String> linesStarting(List<String> section, String prefix) {
        return section.stream().filter(l -> l.startsWith(prefix)).toList();
    }
}
