package parley.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import parley.media.rtp.Hex;

/** Generic NACK, PLI, FIR and REMB: parse, check, write back, compare bytes. */
class FeedbackTest {
    private static final String NACK_TWO_PAIRS = """
            81 cd 00 04   // RTPFB FMT 1, length 4
            00 00 00 01   // sender
            12 34 56 78   // media source
            ff fe 00 03   // PID 65534, BLP bits 0 and 1: 65535 and 0 (across the wrap)
            00 14 80 00   // PID 20, BLP bit 15: 36
            """;

    @Test
    void nackListsPidsAndBitmaskAcrossTheWrap() throws RtcpException {
        byte[] b = Hex.bytes(NACK_TWO_PAIRS);
        List<Integer> lost = new ArrayList<>();
        GenericNack.forEachLost(b, 0, b.length, lost::add);
        assertEquals(List.of(65534, 65535, 0, 20, 36), lost);
        GenericNack nack = GenericNack.parse(b, 0, b.length);
        assertEquals(new GenericNack(1, 0x12345678, List.of(65534, 65535, 0, 20, 36)), nack);
        byte[] out = new byte[nack.size()];
        assertEquals(20, nack.write(out, 0));
        assertArrayEquals(b, out);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1000 1001 1003          | 03 e8 00 05
            1000 1016               | 03 e8 80 00
            1000 1017               | 03 e8 00 00 03 f9 00 00
            7 7 8                   | 00 07 00 01
            65535 0 15              | ff ff 80 01
            5 3                     | 00 05 00 00 00 03 00 00
            """)
    void nackPacksSequenceNumbersIntoPairs(String seqs, String pairs) {
        int[] numbers = Arrays.stream(seqs.trim().split(" +")).mapToInt(Integer::parseInt).toArray();
        byte[] out = new byte[GenericNack.size(numbers, numbers.length)];
        assertEquals(out.length, GenericNack.write(out, 0, 1, 2, numbers, numbers.length));
        assertEquals(pairs, Hex.of(out, 12, out.length - 12));
        assertEquals("81 cd 00 0" + (out.length / 4 - 1), Hex.of(out, 0, 4));
    }

    @Test
    void firefoxPli() throws RtcpException {
        byte[] firefox = RtcpFixtures.firefoxCompound();
        Pli pli = Pli.parse(firefox, 92, 12);
        assertEquals(new Pli(0x902f9e2e, 0x902f9e2e), pli);
        byte[] out = new byte[Pli.SIZE];
        Pli.write(out, 0, 0x902f9e2e, 0x902f9e2e);
        assertArrayEquals(Arrays.copyOfRange(firefox, 92, 104), out);
    }

    @Test
    void fir() throws RtcpException {
        byte[] b = Hex.bytes("""
                84 ce 00 06   // PSFB FMT 4, length 6
                00 00 00 01   // sender
                00 00 00 00   // media source: unused
                aa bb cc dd   // entry 1: SSRC
                07 00 00 00   // seq nr 7, reserved
                11 22 33 44   // entry 2
                08 00 00 00   // seq nr 8
                """);
        Fir fir = Fir.parse(b, 0, b.length);
        assertEquals(new Fir(1, List.of(new Fir.Entry(0xaabbccdd, 7), new Fir.Entry(0x11223344, 8))), fir);
        byte[] out = new byte[fir.size()];
        fir.write(out, 0);
        assertArrayEquals(b, out);
        byte[] one = new byte[Fir.SIZE_ONE];
        Fir.write(one, 0, 1, 0xaabbccdd, 7);
        assertEquals("84 ce 00 04 00 00 00 01 00 00 00 00 aa bb cc dd 07 00 00 00", Hex.of(one));
    }

    @Test
    void chromeRemb() throws RtcpException {
        byte[] chrome = RtcpFixtures.chromeSrSdesRemb();
        assertTrue(Remb.isRemb(chrome, 56, 28));
        assertFalse(Remb.isRemb(chrome, 0, 28));
        Remb remb = Remb.parse(chrome, 56, 28);
        assertEquals(new Remb(0xf12d7b4b, 2_283_888, List.of(0x0cef370d, 0x2d073d1d)), remb);
        assertEquals(2_283_888, Remb.bitrateBps(chrome, 56));
        byte[] out = new byte[remb.size()];
        assertEquals(28, remb.write(out, 0));
        assertArrayEquals(Arrays.copyOfRange(chrome, 56, 84), out);
    }

    @ParameterizedTest(name = "{0} bps -> {1}")
    @CsvSource({
        "0,          00 00 00",
        "262143,     03 ff ff",          // largest mantissa, exponent 0
        "262144,     06 00 00",          // exponent 1, mantissa 131072
        "1000000000, 33 b9 ac",          // 1 Gbps: exponent 12, mantissa 244140 (rounds down to 999997440)
    })
    void rembBitrateEncoding(long bitrateBps, String bitrateBytes) {
        byte[] out = new byte[20];
        Remb.writeFixed(out, 0, 1, bitrateBps, 0);
        assertEquals("00 " + bitrateBytes, Hex.of(out, 16, 4));
    }

    @Test
    void rembRejectsBitratesPastSixtyThreeBits() {
        byte[] b = Hex.bytes("8f ce 00 04 00 00 00 01 00 00 00 00 52 45 4d 42 00 ff ff ff");   // exponent 63
        assertThrows(RtcpException.class, () -> Remb.parse(b, 0, b.length));
    }
}
