package parley.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's answer as its writer produces it (the sdp package's golden Chrome answer). */
class AnswerReaderTest {
    private static String golden() throws IOException {
        try (InputStream in = AnswerReaderTest.class.getResourceAsStream("/parley/sdp/chrome-156-answer.golden.sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsCredentialsCandidatesAndTheSlotsSsrcs() throws IOException {
        AnswerReader a = AnswerReader.parse(golden());
        assertEquals("Srv1", a.ice().ufrag());
        assertEquals("ServerPassword0123456789", a.ice().pwd());
        assertEquals("0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9:0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9",
                a.fingerprint());
        assertEquals(List.of(new AnswerReader.Candidate(InetAddress.getByName("203.0.113.7"), 10000),
                new AnswerReader.Candidate(InetAddress.getByName("2001:db8::7"), 10000)), a.candidates());
        assertEquals(List.of(new AnswerReader.SlotSsrcs("2", 1001, 0), new AnswerReader.SlotSsrcs("3", 2001, 2002)), a.slots(),
                "the sendonly m-lines, with the FID group's RTX");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertEquals(new InetSocketAddress(loopback, 10000), a.target(List.of(loopback)), "only to the --url host");
        InetAddress v6 = InetAddress.getByName("2001:db8::7");
        assertEquals(new InetSocketAddress(v6, 10000), a.target(List.of(loopback, v6)), "the host's address that is a candidate");
    }

    @Test
    void anAnswerWithoutCandidatesIsRefused() throws IOException {
        String none = golden().replaceAll("a=candidate:[^\\r\\n]*\\r?\\n", "");
        assertEquals("answer without a UDP host candidate", assertThrows(IOException.class, () -> AnswerReader.parse(none)).getMessage());
    }
}
