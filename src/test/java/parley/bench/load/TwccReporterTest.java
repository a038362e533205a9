package parley.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.media.rtcp.RtcpException;
import parley.media.rtcp.TransportCc;

class TwccReporterTest {
    @Test
    void reportsArrivalsAndGapsOnceEach() throws RtcpException {
        TwccReporter r = new TwccReporter(42);
        List<TransportCc> sent = new ArrayList<>();
        TwccReporter.Output out = (b, n) -> {
            try {
                sent.add(TransportCc.parse(b, 0, n));
            } catch (RtcpException e) {
                throw new AssertionError(e);
            }
        };
        byte[] buf = new byte[1500];
        assertEquals(0, r.flush(buf, out), "nothing received yet");
        r.record(65534, 1_000_000);
        r.record(0, 1_001_000); // 65535 lost, across the wrap
        r.record(1, 1_002_000);
        assertEquals(1, r.flush(buf, out));
        TransportCc fb = sent.get(0);
        assertEquals(42, fb.senderSsrc());
        assertEquals(65534, fb.baseSeq());
        assertEquals(List.of(1_000_000L, TransportCc.NOT_RECEIVED, 1_001_000L, 1_002_000L), fb.arrivalTimesUs(),
                "reference time 960 ms (64 ms units), then 250 us deltas");
        r.record(65535, 1_003_000); // too late: already reported lost
        r.record(2, 1_004_000);
        assertEquals(1, r.flush(buf, out));
        assertEquals(2, sent.get(1).baseSeq());
        assertEquals(1, sent.get(1).arrivalTimesUs().size());
        assertEquals(1, sent.get(1).feedbackCount());
    }
}
