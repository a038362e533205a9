package parley.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The run's counters, summed over every participant. Written by the sender thread, the receiver
 * thread and the signaling threads at once (each counter a {@link LongAdder}); {@link #snapshot}
 * reads them all, not atomically as a whole (a sample may be a packet or two out).
 */
final class Stats {
    /** SRTP and SRTCP datagrams the participants sent (the server's ingress), and their bytes. */
    final LongAdder sentPackets = new LongAdder();
    final LongAdder sentBytes = new LongAdder();
    /** Datagrams the socket did not take (its send buffer full). */
    final LongAdder sendDrops = new LongAdder();
    /** SRTP and SRTCP datagrams received and decrypted (the server's egress), and their bytes. */
    final LongAdder receivedPackets = new LongAdder();
    final LongAdder receivedBytes = new LongAdder();
    /** RTP packets on the slots' media SSRCs: expected from the sequence numbers, and received (unique). */
    final LongAdder expected = new LongAdder();
    final LongAdder received = new LongAdder();
    /** RTP packets on RTX SSRCs (retransmissions and probes). */
    final LongAdder rtxPackets = new LongAdder();
    /** RTP packets on SSRCs the answer did not name. */
    final LongAdder unknownSsrcPackets = new LongAdder();
    final LongAdder undecryptable = new LongAdder();
    final LongAdder framesReceived = new LongAdder();
    final LongAdder keyframesReceived = new LongAdder();
    final LongAdder audioPacketsReceived = new LongAdder();
    final LongAdder plisReceived = new LongAdder();
    final LongAdder firsReceived = new LongAdder();
    final LongAdder nacksReceived = new LongAdder();
    final LongAdder plisSent = new LongAdder();
    final LongAdder feedbackSent = new LongAdder();
    final LongAdder framesSent = new LongAdder();
    final LongAdder layerPauses = new LongAdder();
    /** Transports rebuilt after {@code media-failed}. */
    final LongAdder mediaRebuilds = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    /** Counts one signaling {@code error} by code; true the first time this code is seen. */
    boolean error(String code) {
        boolean[] first = {false};
        errors.computeIfAbsent(code, c -> {
            first[0] = true;
            return new LongAdder();
        }).increment();
        return first[0];
    }

    Snapshot snapshot(long nanos) {
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((code, n) -> errorCounts.put(code, n.sum()));
        return new Snapshot(nanos, sentPackets.sum(), sentBytes.sum(), sendDrops.sum(), receivedPackets.sum(),
                receivedBytes.sum(), expected.sum(), received.sum(), rtxPackets.sum(), unknownSsrcPackets.sum(),
                undecryptable.sum(), framesReceived.sum(), keyframesReceived.sum(), audioPacketsReceived.sum(),
                plisReceived.sum() + firsReceived.sum(), nacksReceived.sum(), plisSent.sum(), feedbackSent.sum(),
                framesSent.sum(), layerPauses.sum(), mediaRebuilds.sum(), Map.copyOf(errorCounts));
    }

    /** The counters at one moment ({@code nanos} on {@link System#nanoTime}'s clock). */
    record Snapshot(long nanos, long sentPackets, long sentBytes, long sendDrops, long receivedPackets,
                    long receivedBytes, long expected, long received, long rtxPackets, long unknownSsrcPackets,
                    long undecryptable, long framesReceived, long keyframesReceived, long audioPacketsReceived,
                    long keyframeRequestsReceived, long nacksReceived, long plisSent, long feedbackSent,
                    long framesSent, long layerPauses, long mediaRebuilds, Map<String, Long> errors) {
        Snapshot {
            errors = Map.copyOf(errors);
        }

        /** Lost packets in percent of expected between {@code before} and this. */
        double lossPercent(Snapshot before) {
            long exp = expected - before.expected;
            long lost = exp - (received - before.received);
            return exp <= 0 ? 0 : Math.max(0, 100.0 * lost / exp);
        }

        double seconds(Snapshot before) {
            return Math.max(1e-9, (nanos - before.nanos) / 1e9);
        }
    }
}
