package parley.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.media.rtp.Hex;

/** SR, RR, report blocks, SDES and BYE: parse, check, write back, compare bytes. */
class ReportsTest {
    /** An SR with one report block (negative cumulative loss) written by hand from RFC 3550 §6.4.1. */
    private static final String SR_WITH_BLOCK = """
            81 c8 00 0c   // SR: RC=1, length 12 (52 bytes)
            ca fe ba be   // SSRC of sender
            83 aa 7e 80   // NTP seconds
            40 00 00 00   // NTP fraction (0.25 s)
            00 02 71 00   // RTP timestamp 160000
            00 00 00 2a   // packet count 42
            00 00 1a 40   // octet count 6720
            aa aa aa aa   // block: SSRC
            0c ff ff fd   // fraction lost 12/256, cumulative lost -3
            00 01 11 70   // extended highest sequence number 70000
            00 00 00 37   // jitter 55
            11 11 22 22   // last SR
            00 01 80 00   // delay since last SR 1.5 s
            """;

    @Test
    void chromeSenderReport() throws RtcpException {
        byte[] chrome = RtcpFixtures.chromeSrSdesRemb();
        SenderReport sr = SenderReport.parse(chrome, 0, chrome.length);
        assertEquals(new SenderReport(0xf12d7b4b, 0xe1e32043e53d102bL, 0xbf58f7efL, 9203, 7132021, List.of()), sr);
        byte[] out = new byte[sr.size()];
        assertEquals(28, sr.write(out, 0));
        assertArrayEquals(Arrays.copyOfRange(chrome, 0, 28), out);
    }

    @Test
    void senderReportWithBlock() throws RtcpException {
        byte[] b = Hex.bytes(SR_WITH_BLOCK);
        SenderReport sr = SenderReport.parse(b, 0, b.length);
        assertEquals(0x83aa7e80_40000000L, sr.ntpTimestamp());
        assertEquals(new ReportBlock(0xaaaaaaaa, 12, -3, 70000, 55, 0x11112222L, 0x18000), sr.reports().get(0));
        byte[] out = new byte[b.length];
        assertEquals(52, sr.write(out, 0));
        assertArrayEquals(b, out);
        byte[] primitive = new byte[b.length];
        int at = SenderReport.writeFixed(primitive, 0, 0xcafebabe, 0x83aa7e80_40000000L, 160000, 42, 6720, 1);
        ReportBlock.write(primitive, at, 0xaaaaaaaa, 12, -3, 70000, 55, 0x11112222L, 0x18000);
        assertArrayEquals(b, primitive);
    }

    @Test
    void firefoxReceiverReport() throws RtcpException {
        byte[] firefox = RtcpFixtures.firefoxCompound();
        ReceiverReport rr = ReceiverReport.parse(firefox, 0, firefox.length);
        assertEquals(new ReceiverReport(0x902f9e2e,
                List.of(new ReportBlock(0xbc5e9a40, 0, 0, 0x46e1, 273, 0x09f36432, 150137))), rr);
        byte[] out = new byte[rr.size()];
        assertEquals(32, rr.write(out, 0));
        assertArrayEquals(Arrays.copyOfRange(firefox, 0, 32), out);
    }

    @Test
    void reportBlocksReadWithoutParsing() throws RtcpException {
        byte[] b = Hex.bytes(SR_WITH_BLOCK);
        int at = ReportBlock.firstBlockOffset(b, 0, b.length);
        assertEquals(28, at);
        assertEquals(0x83aa7e80_40000000L, SenderReport.ntpTimestamp(b, 0));
        assertEquals(0xaaaaaaaa, ReportBlock.ssrc(b, at));
        assertEquals(0x11112222L, ReportBlock.lastSr(b, at));
        assertEquals(0x18000, ReportBlock.delaySinceLastSr(b, at));
        byte[] firefox = RtcpFixtures.firefoxCompound();
        int rrBlock = ReportBlock.firstBlockOffset(firefox, 0, 32);
        assertEquals(8, rrBlock);
        assertEquals(0x09f36432L, ReportBlock.lastSr(firefox, rrBlock));
        // RC=1 but only 28 bytes: the block does not fit.
        byte[] truncated = Hex.bytes("81 c8 00 06 ca fe ba be 83 aa 7e 80 40 00 00 00 00 02 71 00 00 00 00 2a 00 00 1a 40");
        RtcpException e = assertThrows(RtcpException.class, () -> ReportBlock.firstBlockOffset(truncated, 0, truncated.length));
        assertEquals("SR with 1 report blocks length 28 (expected: at least 52)", e.getMessage());
        byte[] pli = new byte[Pli.SIZE];
        Pli.write(pli, 0, 1, 2);
        assertThrows(RtcpException.class, () -> ReportBlock.firstBlockOffset(pli, 0, pli.length));
    }

    @Test
    void chromeAndFirefoxSdes() throws RtcpException {
        byte[] chrome = RtcpFixtures.chromeSrSdesRemb();
        Sdes sdes = Sdes.parse(chrome, 28, chrome.length - 28);
        assertEquals(new Sdes(List.of(new Sdes.Chunk(0xf12d7b4b, "/vmKQnGnUpO+p8dR"))), sdes);
        byte[] out = new byte[28];
        assertEquals(28, sdes.write(out, 0));
        assertArrayEquals(Arrays.copyOfRange(chrome, 28, 56), out);
        byte[] cname = "/vmKQnGnUpO+p8dR".getBytes(StandardCharsets.US_ASCII);
        byte[] primitive = new byte[Sdes.cnameSize(cname.length)];
        Sdes.writeCname(primitive, 0, 0xf12d7b4b, cname, 0, cname.length);
        assertArrayEquals(out, primitive);

        byte[] firefox = RtcpFixtures.firefoxCompound();
        Sdes fromFirefox = Sdes.parse(firefox, 32, 52);
        assertEquals("{9c00eb92-1afb-9d49-a47d-91f64eee69f5}", fromFirefox.chunks().get(0).cname());
        byte[] firefoxOut = new byte[fromFirefox.size()];
        fromFirefox.write(firefoxOut, 0);
        assertArrayEquals(Arrays.copyOfRange(firefox, 32, 84), firefoxOut);
    }

    @Test
    void sdesSkipsOtherItemsAndReadsSeveralChunks() throws RtcpException {
        byte[] b = Hex.bytes("""
                82 ca 00 07   // SDES: SC=2, length 7 (32 bytes)
                00 00 00 01   // chunk 1 SSRC
                06 03 61 62 63   // TOOL "abc": skipped
                01 01 78      // CNAME "x"
                00 00 00 00   // end, padding to the word
                00 00 00 02   // chunk 2 SSRC
                08 02 01 02   // PRIV item: skipped; no CNAME
                00 00 00 00   // end, padding
                """);
        assertEquals(new Sdes(List.of(new Sdes.Chunk(1, "x"), new Sdes.Chunk(2, ""))), Sdes.parse(b, 0, b.length));
    }

    @Test
    void byeWithAndWithoutReason() throws RtcpException {
        byte[] firefox = RtcpFixtures.firefoxCompound();
        Bye bye = Bye.parse(firefox, 84, 8);
        assertEquals(new Bye(List.of(0x902f9e2e), ""), bye);
        byte[] single = new byte[8];
        Bye.writeSingle(single, 0, 0x902f9e2e);
        assertArrayEquals(Arrays.copyOfRange(firefox, 84, 92), single);

        byte[] withReason = Hex.bytes("""
                82 cb 00 04   // BYE: SC=2, length 4
                00 00 00 01 00 00 00 02
                04 62 79 65 21 00 00 00   // reason "bye!", padding
                """);
        Bye parsed = Bye.parse(withReason, 0, withReason.length);
        assertEquals(new Bye(List.of(1, 2), "bye!"), parsed);
        byte[] out = new byte[parsed.size()];
        parsed.write(out, 0);
        assertArrayEquals(withReason, out);
    }

    @Test
    void parseRefusesTheWrongPacketType() {
        byte[] chrome = RtcpFixtures.chromeSrSdesRemb();
        assertThrows(RtcpException.class, () -> ReceiverReport.parse(chrome, 0, chrome.length));
        assertThrows(RtcpException.class, () -> Sdes.parse(chrome, 0, chrome.length));
    }
}
