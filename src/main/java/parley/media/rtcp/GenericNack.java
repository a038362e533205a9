package parley.media.rtcp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import parley.media.rtp.Bytes;
import parley.media.rtp.SeqNum;

/**
 * Generic NACK (RFC 4585 §6.2.1): transport-layer feedback FMT 1 listing lost RTP sequence numbers.
 *
 * <pre>
 * |V=2|P|  FMT=1  |   PT=205      |          length               |
 * |                  SSRC of packet sender                        |
 * |                  SSRC of media source                         |
 * |            PID                |             BLP               |  (one or more)
 * </pre>
 * PID is a lost sequence number; bit i of BLP (least significant first) marks PID + i + 1 lost too.
 *
 * @param lostSeqs the lost sequence numbers in the order the packet lists them
 */
public record GenericNack(int senderSsrc, int mediaSsrc, List<Integer> lostSeqs) {
    private static final int PAIR_SIZE = 4;
    private static final int BLP_BITS = 16;

    public GenericNack {
        lostSeqs = List.copyOf(lostSeqs);
        if (lostSeqs.isEmpty()) {
            throw new IllegalArgumentException("NACK without sequence numbers (expected: at least one)");
        }
        for (int seq : lostSeqs) {
            Unsigned.check(seq, 0xFFFF, "NACK sequence number");
        }
    }

    public static GenericNack parse(byte[] b, int off, int len) throws RtcpException {
        List<Integer> lost = new ArrayList<>();
        forEachLost(b, off, len, lost::add);
        return new GenericNack(Rtcp.senderSsrc(b, off), Rtcp.mediaSsrc(b, off), lost);
    }

    /**
     * Passes every sequence number the NACK at {@code off} names to {@code lost}, in packet order,
     * without allocating (given a non-capturing or reused consumer). Validates before the first call.
     */
    public static void forEachLost(byte[] b, int off, int len, IntConsumer lost) throws RtcpException {
        int end = Rtcp.feedbackEnd(b, off, len, Rtcp.RTPFB, Rtcp.FMT_NACK,
                Rtcp.FEEDBACK_HEADER_LENGTH + PAIR_SIZE, "NACK");
        int pairsEnd = end - (end - off - Rtcp.FEEDBACK_HEADER_LENGTH) % PAIR_SIZE;
        for (int at = off + Rtcp.FEEDBACK_HEADER_LENGTH; at < pairsEnd; at += PAIR_SIZE) {
            int pid = Bytes.u16(b, at);
            int blp = Bytes.u16(b, at + 2);
            lost.accept(pid);
            for (int bit = 0; bit < BLP_BITS; bit++) {
                if ((blp & 1 << bit) != 0) {
                    lost.accept(SeqNum.add(pid, bit + 1));
                }
            }
        }
    }

    public int size() {
        return size(toArray(lostSeqs), lostSeqs.size());
    }

    /** Writes the packet; returns {@link #size()}. */
    public int write(byte[] b, int off) {
        return write(b, off, senderSsrc, mediaSsrc, toArray(lostSeqs), lostSeqs.size());
    }

    /** Bytes {@link #write(byte[], int, int, int, int[], int)} will take for these numbers. */
    public static int size(int[] seqs, int count) {
        return Rtcp.FEEDBACK_HEADER_LENGTH + PAIR_SIZE * pairs(null, 0, seqs, count);
    }

    /**
     * Writes a NACK for {@code seqs[0 .. count)} without allocating; returns the bytes written. Numbers
     * in ascending (wrapping) order pack best: each PID/BLP pair covers a PID and the 16 after it.
     * Any order is correct; repeats are written once when adjacent in the same pair.
     */
    public static int write(byte[] b, int off, int senderSsrc, int mediaSsrc, int[] seqs, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("NACK with " + count + " sequence numbers (expected: at least one)");
        }
        int size = size(seqs, count);
        Rtcp.writeHeader(b, off, Rtcp.FMT_NACK, Rtcp.RTPFB, size);
        Bytes.put32(b, off + Rtcp.OFF_SENDER_SSRC, senderSsrc);
        Bytes.put32(b, off + Rtcp.OFF_MEDIA_SSRC, mediaSsrc);
        pairs(b, off + Rtcp.FEEDBACK_HEADER_LENGTH, seqs, count);
        return size;
    }

    /** Groups seqs into PID/BLP pairs, writing them at {@code at} unless {@code b} is null; returns the pair count. */
    private static int pairs(byte[] b, int at, int[] seqs, int count) {
        int pairs = 0;
        int pid = -1;
        int blp = 0;
        for (int i = 0; i < count; i++) {
            int seq = seqs[i] & 0xFFFF;
            int distance = pid < 0 ? -1 : SeqNum.diff(seq, pid);
            if (distance == 0) {
                continue;
            }
            if (distance > 0 && distance <= BLP_BITS) {
                blp |= 1 << (distance - 1);
                continue;
            }
            if (pid >= 0) {
                putPair(b, at + PAIR_SIZE * (pairs - 1), pid, blp);
            }
            pid = seq;
            blp = 0;
            pairs++;
        }
        putPair(b, at + PAIR_SIZE * (pairs - 1), pid, blp);
        return pairs;
    }

    private static void putPair(byte[] b, int at, int pid, int blp) {
        if (b != null) {
            Bytes.put16(b, at, pid);
            Bytes.put16(b, at + 2, blp);
        }
    }

    private static int[] toArray(List<Integer> seqs) {
        return seqs.stream().mapToInt(Integer::intValue).toArray();
    }
}
