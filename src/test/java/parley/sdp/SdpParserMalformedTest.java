package parley.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed offer fails with an SdpException that says what and where. */
class SdpParserMalformedTest {
    /** A valid offer; the table below breaks one thing in it. Line numbers are in the comments. */
    private static final List<String> BASE = List.of(
            "v=0",                                           // 1
            "o=- 1 2 IN IP4 127.0.0.1",                      // 2
            "s=-",                                           // 3
            "t=0 0",                                         // 4
            "a=group:BUNDLE 0 1",                            // 5
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",               // 6
            "c=IN IP4 0.0.0.0",                              // 7
            "a=ice-ufrag:abcd",                              // 8
            "a=ice-pwd:abcdefghijklmnopqrstuv",              // 9
            "a=fingerprint:sha-256 " + SdpFixtures.FINGERPRINT, // 10
            "a=setup:actpass",                               // 11
            "a=mid:0",                                       // 12
            "a=sendonly",                                    // 13
            "a=rtcp-mux",                                    // 14
            "a=rtpmap:111 opus/48000/2",                     // 15
            "m=video 9 UDP/TLS/RTP/SAVPF 96 97",             // 16
            "c=IN IP4 0.0.0.0",                              // 17
            "a=mid:1",                                       // 18
            "a=recvonly",                                    // 19
            "a=rtcp-mux",                                    // 20
            "a=rtpmap:96 VP8/90000",                         // 21
            "a=rtpmap:97 rtx/90000",                         // 22
            "a=fmtp:97 apt=96");                             // 23

    private static String base(UnaryOperator<List<String>> change) {
        return SdpFixtures.sdp(change.apply(new ArrayList<>(BASE)).toArray(String[]::new));
    }

    private static String replace(int lineNumber, String line) {
        return base(l -> { l.set(lineNumber - 1, line); return l; });
    }

    private static String delete(int lineNumber) {
        return base(l -> { l.remove(lineNumber - 1); return l; });
    }

    private static String insertAfter(int lineNumber, String... lines) {
        return base(l -> { l.addAll(lineNumber, List.of(lines)); return l; });
    }

    static Stream<Arguments> malformed() {
        String expectedOrigin = "(expected: o=<username> <session id> <version> IN IP4|IP6 <address>)";
        return Stream.of(
                Arguments.of(replace(15, "a=rtpmap:300 opus/48000/2"), "SDP line 15: rtpmap payload type 300 (expected: 0..127)"),
                Arguments.of(replace(15, "a=rtpmap:111 opus"),
                        "SDP line 15: rtpmap '111 opus' (expected: <payload type> <encoding>/<clock rate>[/<channels>])"),
                Arguments.of(replace(15, "a=rtpmap:111 opus/fast/2"), "SDP line 15: rtpmap clock rate 'fast' (expected: 1..2147483647)"),
                Arguments.of(insertAfter(15, "a=rtpmap:111 opus/48000/2"), "SDP line 16: second rtpmap for payload type 111 (expected: one)"),
                Arguments.of(insertAfter(15, "a=fmtp:abc x=1"), "SDP line 16: fmtp payload type 'abc' (expected: 0..127)"),
                Arguments.of(insertAfter(15, "a=rtcp-fb:111"),
                        "SDP line 16: rtcp-fb '111' (expected: <payload type> <feedback type> [<parameter>])"),
                Arguments.of(replace(23, "a=fmtp:97 apt=x"), "SDP line 23: rtx apt 'x' (expected: 0..127)"),
                Arguments.of(replace(6, "m=audio 9 UDP/TLS/RTP/SAVPF"),
                        "SDP line 6: m-line 'audio 9 UDP/TLS/RTP/SAVPF' (expected: <media> <port> <proto> <format>...)"),
                Arguments.of(replace(6, "m=audio 70000 UDP/TLS/RTP/SAVPF 111"), "SDP line 6: m-line port 70000 (expected: 0..65535)"),
                Arguments.of(replace(6, "m=audio 9 UDP/TLS/RTP/SAVPF opus"), "SDP line 6: m-line payload type 'opus' (expected: 0..127)"),
                Arguments.of(replace(6, "m=audio 9 UDP/TLS/RTP/SAVPF 111 111"), "SDP line 6: m-line format '111' listed twice"),
                Arguments.of(replace(1, "v=1"), "SDP line 1: 'v=1' (expected: v=0)"),
                Arguments.of(delete(2), "SDP line 2: 's=' line " + expectedOrigin),
                Arguments.of(replace(2, "o=- 1 2 IN IP4"), "SDP line 2: origin with 5 fields " + expectedOrigin),
                Arguments.of(replace(3, "s="), "SDP line 3: empty session name (expected: s=- or a name)"),
                Arguments.of(delete(4), "SDP line 5: m-line before any t= line (expected: t=0 0 first)"),
                Arguments.of(delete(8), "SDP has no a=ice-ufrag (expected: at session level or in m-line 1, mid '0')"),
                Arguments.of(delete(9), "SDP has no a=ice-pwd (expected: at session level or in m-line 1, mid '0')"),
                Arguments.of(delete(10), "SDP has no a=fingerprint (expected: at session level or in m-line 1, mid '0')"),
                Arguments.of(replace(10, "a=fingerprint:sha-256 " + SdpFixtures.FINGERPRINT.substring(3)),
                        "SDP line 10: fingerprint '1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E...'"
                                + " (expected: 32 hex bytes separated by colons for sha-256)"),
                Arguments.of(replace(10, "a=fingerprint:md5 AB:CD"),
                        "SDP line 10: fingerprint algorithm 'md5' (expected: sha-1, sha-224, sha-256, sha-384 or sha-512)"),
                Arguments.of(replace(10, "a=fingerprint:sha-256"),
                        "SDP line 10: fingerprint 'sha-256' (expected: <hash-function> <hex:hex:...>)"),
                Arguments.of(replace(8, "a=ice-ufrag:abc"),
                        "SDP line 8: ice-ufrag of 3 characters (expected: 4..256 of A-Z a-z 0-9 + /)"),
                Arguments.of(replace(9, "a=ice-pwd:abcdefghijklmnopqrstu!"),
                        "SDP line 9: ice-pwd of 22 characters (expected: 22..256 of A-Z a-z 0-9 + /)"),
                Arguments.of(replace(11, "a=setup:sideways"),
                        "SDP line 11: setup 'sideways' (expected: actpass, active, passive or holdconn)"),
                Arguments.of(delete(18), "SDP line 16: m-line 2 has no a=mid (expected: one on every m-line that is not stopped)"),
                Arguments.of(replace(18, "a=mid:0"), "SDP line 16: mid '0' used twice (expected: unique)"),
                Arguments.of(replace(18, "a=mid:abcdefghijklmnopq"),
                        "SDP line 18: mid 'abcdefghijklmnopq' (expected: 1..16 token characters)"),
                Arguments.of(replace(5, "a=group:BUNDLE 0 1 7"), "SDP BUNDLE group names mid '7', which no m-line has"),
                Arguments.of(insertAfter(5, "a=group:BUNDLE 1"), "SDP line 6: second BUNDLE group (expected: one, bundlePolicy max-bundle)"),
                Arguments.of(insertAfter(13, "a=recvonly"), "SDP line 14: second direction a=recvonly after a=sendonly (expected: one)"),
                Arguments.of(insertAfter(13, "a=msid:a b c"), "SDP line 14: msid 'a b c' (expected: <stream id> [<track id>])"),
                Arguments.of(insertAfter(14, "a=extmap:0 urn:ietf:params:rtp-hdrext:sdes:mid"), "SDP line 15: extmap id 0 (expected: 1..255)"),
                Arguments.of(insertAfter(14, "a=extmap:1 urn:a", "a=extmap:1 urn:b"), "SDP line 16: extmap id 1 used twice (expected: once)"),
                Arguments.of(insertAfter(14, "a=extmap:1/sideways urn:a"),
                        "SDP line 15: extmap direction '1/sideways' (expected: <id>/sendonly, recvonly, sendrecv or inactive)"),
                Arguments.of(insertAfter(22, "a=rid:abcdefghijklmnopq send"),
                        "SDP line 23: rid 'abcdefghijklmnopq' (expected: 1..16 of A-Z a-z 0-9 - _)"),
                Arguments.of(insertAfter(22, "a=rid:a sideways"), "SDP line 23: rid 'a sideways' (expected: <rid> send|recv [<restrictions>])"),
                Arguments.of(insertAfter(22, "a=rid:a send", "a=rid:a send"), "SDP line 24: second a=rid:a (expected: one per rid)"),
                Arguments.of(insertAfter(22, "a=rid:a send", "a=simulcast:send a;b"),
                        "SDP line 24: simulcast rid b has no a=rid:b send line (expected: one per simulcast rid)"),
                Arguments.of(insertAfter(22, "a=simulcast:a;b"),
                        "SDP line 23: simulcast 'a;b' (expected: send <rid>;<rid>... and/or recv <rid>;<rid>...)"),
                Arguments.of(insertAfter(15, "a=ssrc:4294967296 cname:x"), "SDP line 16: ssrc 4294967296 (expected: 0..4294967295)"),
                Arguments.of(insertAfter(15, "a=ssrc:1"), "SDP line 16: ssrc '1' (expected: <ssrc> <attribute>[:<value>])"),
                Arguments.of(insertAfter(15, "a=ssrc-group:FID 1 2 3"), "SDP line 16: ssrc-group FID with 3 ssrcs (expected: primary and rtx)"),
                Arguments.of(replace(7, "c IN IP4 0.0.0.0"), "SDP line 7: 'c IN IP4 0.0.0.0' (expected: <letter>=<value>)"),
                Arguments.of(replace(7, ""), "SDP line 7: '' (expected: <letter>=<value>)"),
                Arguments.of(replace(12, "a=mid:0\rx"),
                        "SDP line 12: control character 0xd at column 8 (expected: printable text, lines ending in CRLF or LF)"),
                Arguments.of(replace(12, "a=mid:\u00000"),
                        "SDP line 12: control character 0x0 at column 7 (expected: printable text, lines ending in CRLF or LF)"),
                Arguments.of(insertAfter(7, "z=0"), "SDP line 8: line type 'z' in a media section (expected: i, c, b, k or a)"),
                Arguments.of(insertAfter(4, "x=1"),
                        "SDP line 5: line type 'x' at session level (expected: i, u, e, p, c, b, t, r, z, k or a)"),
                Arguments.of(insertAfter(15, "a=x-long:" + "y".repeat(1100)), "SDP line 16: length 1109 (expected: at most 1024)"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedOfferSaysWhatAndWhere(String sdp, String message) {
        SdpException e = assertThrows(SdpException.class, () -> SdpParser.parseOffer(sdp));
        assertEquals(message, e.getMessage());
    }

    @Test
    void theBaseOfferIsValid() throws SdpException {
        assertEquals(2, SdpParser.parseOffer(base(l -> l)).media().size());
    }

    @Test
    void emptyAndMissingOffers() {
        assertEquals("SDP is empty (expected: v=0 first)",
                assertThrows(SdpException.class, () -> SdpParser.parseOffer("")).getMessage());
        assertEquals("SDP is missing (expected: an offer)",
                assertThrows(SdpException.class, () -> SdpParser.parseOffer(null)).getMessage());
    }

    @Test
    void oversizeOffer() {
        List<String> lines = new ArrayList<>(BASE);
        while (String.join("\r\n", lines).length() <= 65536) lines.add("a=x-filler:" + "f".repeat(1000));
        String sdp = SdpFixtures.sdp(lines.toArray(String[]::new));
        SdpException e = assertThrows(SdpException.class, () -> SdpParser.parseOffer(sdp));
        assertEquals("SDP size " + sdp.length() + " characters (expected: at most 65536)", e.getMessage());
    }

    @Test
    void limitsCanBeRaised() throws SdpException {
        String chrome = SdpFixtures.read(SdpFixtures.CHROME);
        assertThrows(SdpException.class, () -> SdpParser.parseOffer(chrome, new SdpLimits(8192, 32, 1024)));
        assertEquals(5, SdpParser.parseOffer(chrome, new SdpLimits(256 * 1024, 64, 1024)).media().size());
    }

    @Test
    void sixtyFourMLinesAreTheMost() throws SdpException {
        List<String> lines = new ArrayList<>(BASE);
        for (int i = 0; i < 62; i++) lines.add("m=audio 0 UDP/TLS/RTP/SAVPF 0"); // stopped: no mid needed
        assertEquals(64, SdpParser.parseOffer(SdpFixtures.sdp(lines.toArray(String[]::new))).media().size());
        lines.add("m=audio 0 UDP/TLS/RTP/SAVPF 0");
        SdpException e = assertThrows(SdpException.class,
                () -> SdpParser.parseOffer(SdpFixtures.sdp(lines.toArray(String[]::new))));
        assertEquals("SDP line " + lines.size() + ": m-line 65 (expected: at most 64)", e.getMessage());
    }

    @Test
    void anOfferWithOnlyStoppedMLinesNeedsNoCredentials() throws SdpException {
        SdpOffer offer = SdpParser.parseOffer(SdpFixtures.sdp("v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "m=video 0 UDP/TLS/RTP/SAVPF 120", "c=IN IP4 0.0.0.0", "a=inactive", "a=mid:4",
                "a=rtpmap:120 VP8/90000"));
        assertNull(offer.iceUfrag());
        assertNull(offer.fingerprint());
        assertEquals(List.of(), offer.liveSections());
    }

    @Test
    void theIcePasswordIsNeverQuoted() {
        String secret = "secretsecretsecretsecret-";
        SdpException e = assertThrows(SdpException.class, () -> SdpParser.parseOffer(replace(9, "a=ice-pwd:" + secret)));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
}
