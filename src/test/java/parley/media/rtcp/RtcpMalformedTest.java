package parley.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import parley.media.rtp.Hex;

/** Truncated and inconsistent packets of every type: an RtcpException that says what was wrong. */
class RtcpMalformedTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SR   | SR claims a block it lacks      | 81 c8 00 06 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 | SR with 1 report blocks length 28
            SR   | header only (fuzz finding)      | 80 c8 00 00 | SR with 0 report blocks length 4
            RR   | header only (fuzz finding)      | 80 c9 00 00 | RR with 0 report blocks length 4
            RR   | RR claims two blocks            | 82 c9 00 01 00 00 00 01 | RR with 2 report blocks length 8
            SDES | chunk without SSRC              | 81 ca 00 00 | SDES chunk 0 length 0
            SDES | item longer than the packet     | 81 ca 00 02 00 00 00 01 01 09 61 62 | SDES item 1 length 2
            SDES | items without the null octet    | 81 ca 00 02 00 00 00 01 01 02 61 62 | SDES item list of chunk 0 length 0
            SDES | CNAME not UTF-8                 | 81 ca 00 02 00 00 00 01 01 02 ff fe 00 00 | SDES CNAME of 2 bytes that are not UTF-8
            BYE  | sources past the end            | 82 cb 00 01 00 00 00 01 | BYE with 2 sources length 4 (expected: at least 8)
            BYE  | reason past the end             | 81 cb 00 02 00 00 00 01 09 61 62 63 | BYE reason length 3
            BYE  | reason not UTF-8                | 81 cb 00 02 00 00 00 01 02 ff fe 00 | BYE reason of 2 bytes that are not UTF-8
            NACK | no PID/BLP pair                 | 81 cd 00 02 00 00 00 01 00 00 00 02 | NACK length 12
            NACK | wrong FMT                       | 83 cd 00 03 00 00 00 01 00 00 00 02 00 01 00 00 | NACK FMT 3
            PLI  | too short                       | 81 ce 00 01 00 00 00 01 | PLI length 8
            PLI  | wrong packet type               | 81 cd 00 02 00 00 00 01 00 00 00 02 | PLI packet type 205
            FIR  | no entry                        | 84 ce 00 02 00 00 00 01 00 00 00 00 | FIR length 12
            REMB | not REMB                        | 8f ce 00 04 00 00 00 01 00 00 00 00 41 42 43 44 00 00 00 00 | REMB identifier
            REMB | SSRC count past the end         | 8f ce 00 05 00 00 00 01 00 00 00 00 52 45 4d 42 02 00 00 01 00 00 00 01 | REMB with 2 SSRCs
            """)
    void rejects(String type, String why, String hex, String message) {
        byte[] b = Hex.bytes(hex);
        RtcpException e = assertThrows(RtcpException.class, () -> parse(type, b), why);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    /**
     * Found while writing RtcpFuzzTest: 255 bytes that are not UTF-8 decoded to 255 U+FFFD, 765
     * bytes, which Sdes.Chunk refused with an IllegalArgumentException instead of an RtcpException.
     */
    @Test
    void longCnameThatIsNotUtf8IsAnRtcpException() {
        byte[] b = new byte[4 + 4 + 2 + 255 + 3]; // header, SSRC, CNAME item, null octet and padding
        Rtcp.writeHeader(b, 0, 1, Rtcp.SDES, b.length);
        b[8] = Sdes.CNAME;
        b[9] = (byte) 255;
        Arrays.fill(b, 10, 10 + 255, (byte) 0xFF);
        RtcpException e = assertThrows(RtcpException.class, () -> Sdes.parse(b, 0, b.length));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    /**
     * Found by fuzzing (RtcpFuzzTest.compound, bench/fuzz.sh): the same for a BYE reason, 163 bytes
     * of 0xA3 decoded to 339 bytes and Bye threw IllegalArgumentException.
     */
    @Test
    void longByeReasonThatIsNotUtf8IsAnRtcpException() {
        byte[] b = new byte[4 + 4 + 1 + 255];
        Rtcp.writeHeader(b, 0, 1, Rtcp.BYE, b.length);
        b[8] = (byte) 255;
        Arrays.fill(b, 9, b.length, (byte) 0xA3);
        RtcpException e = assertThrows(RtcpException.class, () -> Bye.parse(b, 0, b.length));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    static Object parse(String type, byte[] b) throws RtcpException {
        return switch (type) {
            case "SR" -> SenderReport.parse(b, 0, b.length);
            case "RR" -> ReceiverReport.parse(b, 0, b.length);
            case "SDES" -> Sdes.parse(b, 0, b.length);
            case "BYE" -> Bye.parse(b, 0, b.length);
            case "NACK" -> GenericNack.parse(b, 0, b.length);
            case "PLI" -> Pli.parse(b, 0, b.length);
            case "FIR" -> Fir.parse(b, 0, b.length);
            case "REMB" -> Remb.parse(b, 0, b.length);
            default -> throw new IllegalArgumentException(type);
        };
    }
}
