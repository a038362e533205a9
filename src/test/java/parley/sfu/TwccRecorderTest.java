package parley.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.media.rtcp.RtcpException;
import parley.media.rtcp.TransportCc;

/** Transport-cc feedback from recorded arrivals, read back with the RTCP parser. */
class TwccRecorderTest {
    private static final int EXT_ID = 3;
    private static final long SENDER = 0x11111111L;
    /** The SSRC of the packets: the media source of the feedback. */
    private static final long MEDIA = 1;
    private final TwccRecorder twcc = new TwccRecorder();
    private final byte[] out = new byte[1500];

    /** An RTP packet whose only extension is the transport-wide sequence number. */
    static byte[] rtpWithTransportSeq(int twSeq) {
        return new byte[] {
            (byte) 0x90, 96, 0x00, 0x01,                 // V=2, X=1, PT 96, seq 1
            0, 0, 0, 0,                                  // timestamp
            0, 0, 0, 1,                                  // SSRC
            (byte) 0xbe, (byte) 0xde, 0x00, 0x01,        // one-byte extensions, 1 word
            (byte) (EXT_ID << 4 | 1), (byte) (twSeq >> 8), (byte) twSeq, 0,   // id 3, 2 bytes; pad
            0x55,                                        // payload
        };
    }

    private void arrive(int twSeq, long nowMs) {
        byte[] p = rtpWithTransportSeq(twSeq);
        twcc.record(p, 0, p.length, EXT_ID, nowMs);
    }

    private List<TransportCc> drain() throws RtcpException {
        List<TransportCc> packets = new ArrayList<>();
        int n;
        while ((n = twcc.writeFeedback(out, 0, SENDER)) > 0) {
            assertTrue(n <= TwccRecorder.MAX_FEEDBACK_BYTES, "feedback of " + n + " bytes");
            packets.add(TransportCc.parse(out, 0, n));
        }
        return packets;
    }

    @Test
    void arrivalsAndLossesSinceTheLastFeedback() throws RtcpException {
        for (int seq = 0; seq < 10; seq++) {
            if (seq != 3 && seq != 4) arrive(seq, 1000 + seq);   // 3 and 4 lost; one per ms
        }
        List<TransportCc> fb = drain();
        assertEquals(1, fb.size());
        TransportCc p = fb.get(0);
        assertEquals((int) SENDER, p.senderSsrc());
        assertEquals((int) MEDIA, p.mediaSsrc());
        assertEquals(0, p.baseSeq());
        assertEquals(0, p.feedbackCount());
        assertEquals(10, p.arrivalTimesUs().size());
        for (int seq = 0; seq < 10; seq++) {
            long expected = seq == 3 || seq == 4 ? TransportCc.NOT_RECEIVED : (1000 + seq) * 1000L;
            assertEquals(expected, p.arrivalTimesUs().get(seq), "seq " + seq);
        }

        arrive(3, 1015);                                          // too late: already reported lost
        arrive(10, 1020);
        List<TransportCc> next = drain();
        assertEquals(1, next.size());
        assertEquals(10, next.get(0).baseSeq());
        assertEquals(1, next.get(0).feedbackCount());
        assertEquals(List.of(1_020_000L), next.get(0).arrivalTimesUs());
    }

    @Test
    void nothingToReportWritesNothing() throws RtcpException {
        assertEquals(List.of(), drain());
        arrive(7, 5);
        assertEquals(1, drain().size());
        assertEquals(List.of(), drain());
    }

    @Test
    void sequenceNumbersWrap() throws RtcpException {
        arrive(65534, 1);
        arrive(65535, 2);
        arrive(1, 4);                                             // 0 lost
        TransportCc p = drain().get(0);
        assertEquals(65534, p.baseSeq());
        assertEquals(List.of(1000L, 2000L, TransportCc.NOT_RECEIVED, 4000L), p.arrivalTimesUs());
    }

    @Test
    void manyPacketsSplitUnderTheMtuWithoutGapsOrOverlaps() throws RtcpException {
        // Every third packet lost, arrivals jittering by 0..40 ms: mixed chunks, large deltas.
        for (int seq = 0; seq < 3000; seq++) {
            if (seq % 3 != 1) arrive(seq, 10_000 + seq / 2 + (seq * 37 % 41));
        }
        List<TransportCc> fb = drain();
        assertTrue(fb.size() > 1, "feedback packets: " + fb.size());
        int expectedBase = 0;
        for (int i = 0; i < fb.size(); i++) {
            TransportCc p = fb.get(i);
            assertEquals(expectedBase, p.baseSeq(), "packet " + i);
            assertEquals(i, p.feedbackCount());
            for (int k = 0; k < p.arrivalTimesUs().size(); k++) {
                int seq = expectedBase + k;
                long expected = seq % 3 == 1 ? TransportCc.NOT_RECEIVED : (10_000 + seq / 2 + (seq * 37 % 41)) * 1000L;
                assertEquals(expected, p.arrivalTimesUs().get(k), "seq " + seq);
            }
            expectedBase += p.arrivalTimesUs().size();
        }
        assertEquals(3000, expectedBase);
    }

    @Test
    void packetsWithoutTheExtensionAreIgnored() throws RtcpException {
        byte[] p = rtpWithTransportSeq(5);
        twcc.record(p, 0, p.length, 4, 1);                         // another id
        assertEquals(List.of(), drain());
    }
}
