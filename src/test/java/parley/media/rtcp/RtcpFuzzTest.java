package parley.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated datagrams: parsing throws RtcpException or nothing, never anything else.
 * The {@code @FuzzTest} runs its seeds (src/test/resources/parley/media/rtcp/RtcpFuzzTestInputs) in
 * every test run and is fuzzed by bench/fuzz.sh.
 */
class RtcpFuzzTest {
    private static final int ROUNDS = 100_000;
    private static final RtcpCompound COMPOUND = new RtcpCompound();
    /** Room for any packet a record writes (an RTCP length field covers at most 256 KiB); reused. */
    private static final byte[] OUT = new byte[1 << 18];

    /**
     * One decrypted compound RTCP datagram: every packet of every type we read (SR, RR, SDES, BYE,
     * NACK, transport-cc, PLI, FIR, REMB) parses or throws RtcpException, the allocation-free
     * readers agree with the parsers, and what parsed writes back to bytes that parse the same.
     */
    @FuzzTest
    void compound(byte[] b) {
        try {
            COMPOUND.reset(b, 0, b.length);
            while (COMPOUND.next()) {
                int off = COMPOUND.offset();
                int len = COMPOUND.length();
                try {
                    parseAny(b, COMPOUND.type(), COMPOUND.count(), off, len);
                    Object parsed = parseRecord(b, COMPOUND.type(), COMPOUND.count(), off, len);
                    if (parsed != null) assertEquals(normal(parsed), normal(reparse(parsed)));
                } catch (RtcpException malformedPacket) {
                    // One bad packet: the next one is still read (its header was valid).
                }
            }
        } catch (RtcpException expected) {
            // A bad header ends the walk.
        }
    }

    /** The record of a packet of a type that has one, or null. */
    private static Object parseRecord(byte[] b, int type, int count, int off, int len) throws RtcpException {
        return switch (type) {
            case Rtcp.SR -> SenderReport.parse(b, off, len);
            case Rtcp.RR -> ReceiverReport.parse(b, off, len);
            case Rtcp.SDES -> Sdes.parse(b, off, len);
            case Rtcp.BYE -> Bye.parse(b, off, len);
            case Rtcp.RTPFB -> count == Rtcp.FMT_NACK ? GenericNack.parse(b, off, len)
                    : count == Rtcp.FMT_TRANSPORT_CC ? TransportCc.parse(b, off, len) : null;
            case Rtcp.PSFB -> count == Rtcp.FMT_PLI ? Pli.parse(b, off, len)
                    : count == Rtcp.FMT_FIR ? Fir.parse(b, off, len)
                    : Remb.isRemb(b, off, len) ? Remb.parse(b, off, len) : null;
            default -> null;
        };
    }

    /**
     * A NACK's meaning is its set of sequence numbers: the writer packs them into as few PID/BLP
     * pairs as it can, so a number the sender repeated in two pairs comes back once.
     */
    private static Object normal(Object parsed) {
        return parsed instanceof GenericNack n ? new TreeSet<>(n.lostSeqs()) : parsed;
    }

    /** Writes the record and parses it again. */
    private static Object reparse(Object parsed) throws RtcpException {
        byte[] out = OUT;
        int n = switch (parsed) {
            case SenderReport p -> p.write(out, 0);
            case ReceiverReport p -> p.write(out, 0);
            case Sdes p -> p.write(out, 0);
            case Bye p -> p.write(out, 0);
            case GenericNack p -> p.write(out, 0);
            case TransportCc p -> p.write(out, 0);
            case Pli p -> p.write(out, 0);
            case Fir p -> p.write(out, 0);
            case Remb p -> p.write(out, 0);
            default -> throw new AssertionError(parsed.getClass());
        };
        RtcpCompound one = new RtcpCompound().reset(out, 0, n);
        assertTrue(one.next());
        assertEquals(n, one.length(), "written size");
        return parseRecord(out, one.type(), one.count(), 0, n);
    }

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
                    GenericNack.forEachLost(b, off, len, seq -> { });
                    GenericNack.parse(b, off, len);
                } else if (count == Rtcp.FMT_TRANSPORT_CC) {
                    TransportCc.forEach(b, off, len, (seq, timeUs) -> { });
                    TransportCc.parse(b, off, len);
                }
            }
            case Rtcp.PSFB -> {
                if (count == Rtcp.FMT_PLI) {
                    Pli.parse(b, off, len);
                } else if (count == Rtcp.FMT_FIR) {
                    Fir.parse(b, off, len);
                } else if (Remb.isRemb(b, off, len)) {
                    Remb.bitrateBps(b, off);
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
