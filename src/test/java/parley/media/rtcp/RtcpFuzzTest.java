package parley.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** 100 000 random and mutated datagrams: parsing throws RtcpException or nothing, never anything else. */
class RtcpFuzzTest {
    private static final int ROUNDS = 100_000;

    @Test
    void randomDatagramsThrowOnlyRtcpException() {
        SplittableRandom random = new SplittableRandom(2024);
        byte[][] seeds = {RtcpFixtures.chromeSrSdesRemb(), RtcpFixtures.firefoxCompound(),
            RtcpFixtures.capturedTransportCc(), RtcpFixtures.pionTransportCc()};
        RtcpCompound compound = new RtcpCompound();
        int parsed = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] b = round % 3 == 0 ? randomDatagram(random) : mutate(random, seeds[round % seeds.length]);
            try {
                compound.reset(b, 0, b.length);
                while (compound.next()) {
                    parseAny(b, compound.type(), compound.count(), compound.offset(), compound.length());
                    parsed++;
                }
            } catch (RtcpException expected) {
                // The one allowed failure.
            }
        }
        assertTrue(parsed > 10_000, "packets parsed: " + parsed);
    }

    private static void parseAny(byte[] b, int type, int count, int off, int len) throws RtcpException {
        switch (type) {
            case Rtcp.SR -> parseReport(b, off, len, true);
            case Rtcp.RR -> parseReport(b, off, len, false);
            case Rtcp.SDES -> Sdes.parse(b, off, len);
            case Rtcp.BYE -> Bye.parse(b, off, len);
            case Rtcp.RTPFB -> {
                if (count == Rtcp.FMT_NACK) {
                    GenericNack.parse(b, off, len);
                } else if (count == Rtcp.FMT_TRANSPORT_CC) {
                    TransportCc.parse(b, off, len);
                }
            }
            case Rtcp.PSFB -> {
                if (count == Rtcp.FMT_PLI) {
                    Pli.parse(b, off, len);
                } else if (count == Rtcp.FMT_FIR) {
                    Fir.parse(b, off, len);
                } else if (Remb.isRemb(b, off, len)) {
                    Remb.parse(b, off, len);
                }
            }
            default -> { }
        }
    }

    /** The allocation-free block reader accepts exactly what the record parser accepts. */
    private static void parseReport(byte[] b, int off, int len, boolean sr) throws RtcpException {
        boolean readerAccepts;
        try {
            ReportBlock.firstBlockOffset(b, off, len);
            readerAccepts = true;
        } catch (RtcpException e) {
            readerAccepts = false;
        }
        try {
            if (sr) {
                SenderReport.parse(b, off, len);
            } else {
                ReceiverReport.parse(b, off, len);
            }
        } catch (RtcpException e) {
            assertFalse(readerAccepts, "firstBlockOffset accepted what parse refused: " + e.getMessage());
            throw e;
        }
        assertTrue(readerAccepts, "firstBlockOffset refused what parse accepted");
    }

    /** A random datagram of random packets that mostly carry valid headers, so parsers get exercised. */
    private static byte[] randomDatagram(SplittableRandom random) {
        byte[] b = new byte[4 * random.nextInt(1, 20) + (random.nextInt(8) == 0 ? random.nextInt(4) : 0)];
        random.nextBytes(b);
        int at = 0;
        while (at + 4 <= b.length) {
            int words = random.nextInt(0, (b.length - at) / 4);
            b[at] = (byte) (0x80 | b[at] & 0x3F);
            b[at + 1] = (byte) (200 + random.nextInt(7));
            b[at + 2] = 0;
            b[at + 3] = (byte) words;
            at += 4 * (words + 1);
        }
        return b;
    }

    private static byte[] mutate(SplittableRandom random, byte[] seed) {
        byte[] b = Arrays.copyOf(seed, random.nextInt(4) == 0 ? random.nextInt(seed.length + 1) : seed.length);
        for (int i = random.nextInt(1, 5); i > 0 && b.length > 0; i--) {
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        return b;
    }
}
