package parley.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Framing SIP on a stream: by Content-Length, across reads, with keep-alives between messages. */
class StreamFramerTest {
    private static final String OPTIONS = SipFixtures.OPTIONS;
    private static final String INVITE = SipFixtures.invite("z9hG4bK1", "c1", SipFixtures.SDP_OFFER);

    private static void feed(StreamFramer f, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        f.append(b, 0, b.length);
    }

    @Test
    void aMessageSplitAcrossReadsComesOutWhole() throws Exception {
        StreamFramer f = new StreamFramer();
        int cut = INVITE.indexOf("m=audio");
        feed(f, INVITE.substring(0, 20));
        assertNull(f.next(), "the head has not ended");
        feed(f, INVITE.substring(20, cut));
        assertNull(f.next(), "the body is short of Content-Length");
        feed(f, INVITE.substring(cut));
        assertArrayEquals(INVITE.getBytes(StandardCharsets.UTF_8), f.next());
        assertNull(f.next());
    }

    @Test
    void twoMessagesInOneReadAndKeepAlivesBetween() throws Exception {
        StreamFramer f = new StreamFramer();
        feed(f, "\r\n\r\n" + OPTIONS + "\r\n\r\n" + INVITE);
        assertEquals(OPTIONS, new String(f.next(), StandardCharsets.UTF_8));
        assertEquals(INVITE, new String(f.next(), StandardCharsets.UTF_8));
        assertEquals(2, f.takePings(), "a double CRLF is a ping (RFC 5626)");
        assertEquals(0, f.takePings());
    }

    @Test
    void randomStreamsGiveMessagesOrSipExceptionsOnly() {
        java.util.Random random = new java.util.Random(12);
        byte[] seed = (OPTIONS + INVITE).getBytes(StandardCharsets.UTF_8);
        for (int run = 0; run < 2000; run++) {
            StreamFramer f = new StreamFramer();
            byte[] b = seed.clone();
            for (int i = random.nextInt(8); i >= 0; i--) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            try {
                for (int at = 0; at < b.length; ) {
                    int n = Math.min(Math.min(1 + random.nextInt(600), b.length - at), f.space());
                    if (n == 0) {
                        f.next();
                        break;
                    }
                    f.append(b, at, n);
                    at += n;
                    for (byte[] m; (m = f.next()) != null; ) assertTrue(m.length <= SipParser.MAX_MESSAGE);
                }
            } catch (SipException e) {
                assertTrue(e.status() == 400 || e.status() == 513, e.getMessage());
            }
        }
    }

    @Test
    void badFramingIsAnError() {
        StreamFramer noLength = new StreamFramer();
        feed(noLength, OPTIONS.replace("Content-Length: 0\r\n", ""));
        assertEquals("no Content-Length (required on TCP: RFC 3261 section 18.3)",
                assertThrows(SipException.class, noLength::next).getMessage());

        StreamFramer tooLong = new StreamFramer();
        feed(tooLong, OPTIONS.replace("Content-Length: 0", "Content-Length: 9000"));
        assertEquals(513, assertThrows(SipException.class, tooLong::next).status());

        StreamFramer noEnd = new StreamFramer();
        byte[] junk = new byte[noEnd.space()];
        java.util.Arrays.fill(junk, (byte) 'a');
        noEnd.append(junk, 0, junk.length);
        assertEquals(513, assertThrows(SipException.class, noEnd::next).status());

        StreamFramer notANumber = new StreamFramer();
        feed(notANumber, OPTIONS.replace("Content-Length: 0", "l: -1"));
        assertEquals(400, assertThrows(SipException.class, notANumber::next).status());
    }
}
