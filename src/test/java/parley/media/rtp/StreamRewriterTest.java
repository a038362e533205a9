package parley.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamRewriterTest {
    private static final int OUT_SSRC = 0x0000CAFE;
    private static final int A = 0xAAAA;
    private static final int B = 0xBBBB;

    /**
     * Runs a script, one step a line: {@code op ssrc seq timestamp nowMs [outSeq outTs]}.
     * op: switch (switchSource), fwd (rewrite must forward with these numbers), refuse (rewrite
     * must return false and leave the packet alone), drop (drop()).
     */
    private static StreamRewriter run(StreamRewriter rewriter, String script) {
        for (String line : script.split("\n")) {
            String step = line.replaceAll("//.*", "").trim();
            if (step.isEmpty()) {
                continue;
            }
            String[] f = step.split("\\s+");
            int ssrc = Integer.parseInt(f[1], 16);
            int seq = Integer.parseInt(f[2]);
            long ts = Long.parseLong(f[3]);
            long nowMs = Long.parseLong(f[4]);
            byte[] p = packet(ssrc, seq, ts);
            switch (f[0]) {
                case "switch" -> rewriter.switchSource(p, 0, nowMs);
                case "drop" -> rewriter.drop(p, 0);
                case "refuse" -> {
                    assertFalse(rewriter.rewrite(p, 0, nowMs), line);
                    assertEquals(Hex.of(packet(ssrc, seq, ts)), Hex.of(p), line);
                }
                case "fwd" -> {
                    assertTrue(rewriter.rewrite(p, 0, nowMs), line);
                    assertEquals(Integer.parseInt(f[5]), RtpPacket.sequenceNumber(p, 0), "seq: " + line);
                    assertEquals(Long.parseLong(f[6]), RtpPacket.timestamp(p, 0), "ts: " + line);
                    assertEquals(OUT_SSRC, RtpPacket.ssrc(p, 0), line);
                }
                default -> throw new IllegalArgumentException(line);
            }
        }
        return rewriter;
    }

    static byte[] packet(int ssrc, int seq, long ts) {
        byte[] p = new byte[16];
        p[0] = (byte) 0x80;
        p[1] = 96;
        RtpPacket.setSequenceNumber(p, 0, seq);
        RtpPacket.setTimestamp(p, 0, ts);
        RtpPacket.setSsrc(p, 0, ssrc);
        return p;
    }

    @Test
    void firstSourcePassesThroughAcrossTheWrapWithGapsReorderingAndDuplicates() {
        run(new StreamRewriter(OUT_SSRC, 90_000), """
                refuse aaaa 65533 1000 0               // no source chosen yet
                switch aaaa 65533 1000 0
                fwd    aaaa 65533 1000 0  65533 1000
                fwd    aaaa 65535 1000 1  65535 1000   // 65534 lost: the gap stays for the receiver to NACK
                fwd    aaaa 0     4000 33 0     4000   // wrap
                fwd    aaaa 65534 1000 40 65534 1000   // late packet fills its own gap
                fwd    aaaa 0     4000 41 0     4000   // duplicate: same numbers again
                fwd    aaaa 3     7000 66 3     7000   // 1, 2 lost
                fwd    aaaa 2     7000 70 2     7000   // reordered
                refuse aaaa 65532 1000 71              // older than the switch point
                refuse bbbb 4     9000 72              // another SSRC
                """);
    }

    @Test
    void switchContinuesSequenceAndTimestampByElapsedTime() {
        run(new StreamRewriter(OUT_SSRC, 90_000), """
                switch aaaa 100   50000      0
                fwd    aaaa 100   50000      0   100  50000
                fwd    aaaa 101   53000      33  101  53000
                switch bbbb 9000  4294967000 66                    // keyframe of B, 33 ms later
                fwd    bbbb 9000  4294967000 66  102  55970        // last + 1; 53000 + 33 ms * 90 ticks
                fwd    bbbb 9002  200        99  104  56466        // B's timestamp wraps (+496); its gap (9001) stays
                refuse bbbb 8999  4294967000 99                    // before the switch point
                refuse aaaa 102   56000      99                    // the old source
                fwd    bbbb 9001  4294967000 99  103  55970        // late packet of B
                switch cccc 65535 0          99                    // same millisecond: 1 tick on
                fwd    cccc 65535 0          99  105  56467
                fwd    cccc 0     3000       120 106  59467
                """);
    }

    @Test
    void outgoingWrapsWhileIncomingDoesNot() {
        run(new StreamRewriter(OUT_SSRC, 48_000), """
                switch aaaa 65534 0    0
                fwd    aaaa 65534 0    0   65534 0
                fwd    aaaa 65535 960  20  65535 960
                switch bbbb 10    5000 40
                fwd    bbbb 10    5000 40  0     1920   // outgoing wraps to 0; 20 ms at 48 kHz = 960
                fwd    bbbb 11    5960 60  1     2880
                """);
    }

    @Test
    void dropClosesTheGapOfTheNewestPacketOnly() {
        run(new StreamRewriter(OUT_SSRC, 90_000), """
                switch aaaa 10 0    0
                fwd    aaaa 10 0    0  10 0
                drop   aaaa 11 3000 1                 // temporal layer above the target
                fwd    aaaa 12 6000 2  11 6000        // closes over 11
                drop   aaaa 14 9000 3                 // 13 missing: keeps its number (12), 14 closed over
                fwd    aaaa 15 9000 4  13 9000
                fwd    aaaa 13 9000 5  12 9000        // the late 13 gets the number reserved for it
                refuse aaaa 11 3000 6                 // dropped stays dropped
                fwd    aaaa 12 6000 7  11 6000        // retransmission of 12
                """);
    }

    @Test
    void answersNacksWithOutgoingNumbersAcrossSwitches() {
        StreamRewriter rewriter = run(new StreamRewriter(OUT_SSRC, 90_000), """
                switch aaaa 500  1000   0
                fwd    aaaa 500  1000   0  500 1000
                fwd    aaaa 501  1000   1  501 1000
                switch bbbb 7000 900000 34
                fwd    bbbb 7000 900000 34 502 3970   // 1000 + 33 ms * 90
                """);
        assertEquals(501, rewriter.outgoingToIncoming(501));
        assertEquals(A, rewriter.incomingSsrc(501));
        assertEquals(7000, rewriter.outgoingToIncoming(502));
        assertEquals(B, rewriter.incomingSsrc(502));
        assertEquals(-1, rewriter.outgoingToIncoming(503));   // not sent yet
        assertEquals(-1, rewriter.outgoingToIncoming(400));   // never sent

        byte[] cachedA = packet(A, 501, 1000);                  // from the packet cache of source A
        assertTrue(rewriter.rewriteResend(cachedA, 0, 501));
        assertEquals(Hex.of(outgoing(501, 1000)), Hex.of(cachedA));
        byte[] cachedB = packet(B, 7000, 900000);
        assertTrue(rewriter.rewriteResend(cachedB, 0, 502));
        assertEquals(Hex.of(outgoing(502, 3970)), Hex.of(cachedB));
        assertFalse(rewriter.rewriteResend(packet(A, 500, 1000), 0, 501));   // not the packet sent as 501
    }

    @Test
    void forgetsWhatFellOutOfTheHistory() {
        StreamRewriter rewriter = new StreamRewriter(OUT_SSRC, 90_000, 16);
        rewriter.switchSource(A, 0, 0, 0);
        for (int seq = 0; seq < 40; seq++) {
            assertTrue(rewriter.rewrite(packet(A, seq, 0), 0, seq));
        }
        assertEquals(39, rewriter.outgoingToIncoming(39));
        assertEquals(24, rewriter.outgoingToIncoming(24));
        assertEquals(-1, rewriter.outgoingToIncoming(23));
        assertFalse(rewriter.rewrite(packet(A, 20, 0), 0, 41));   // too old to know its number
        assertTrue(rewriter.rewrite(packet(A, 30, 0), 0, 41));
        assertEquals(39, rewriter.lastOutgoingSeq());
    }

    private static byte[] outgoing(int seq, long ts) {
        return packet(OUT_SSRC, seq, ts);
    }
}
