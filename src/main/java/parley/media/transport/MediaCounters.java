package parley.media.transport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the media plane, readable from any thread (tests, metrics). Never holds addresses. */
public final class MediaCounters {
    public final LongAdder packetsReceived = new LongAdder();
    public final LongAdder packetsSent = new LongAdder();
    public final LongAdder sendDropped = new LongAdder();
    public final LongAdder sendErrors = new LongAdder();
    public final LongAdder malformed = new LongAdder();
    public final LongAdder unknownSource = new LongAdder();
    public final LongAdder stunDropped = new LongAdder();
    public final LongAdder dtlsDropped = new LongAdder();
    public final LongAdder srtpDropped = new LongAdder();
    public final LongAdder rtpDropped = new LongAdder();
    public final LongAdder rtcpDropped = new LongAdder();
    public final LongAdder loopErrors = new LongAdder();
    public final LongAdder nacksReceived = new LongAdder();
    public final LongAdder nackedPacketsAnswered = new LongAdder();
    public final LongAdder nackedPacketsMissing = new LongAdder();
    public final LongAdder keyframeRequestsRelayed = new LongAdder();
    public final LongAdder rtpForwarded = new LongAdder();
    public final LongAdder testDropped = new LongAdder();
    /** Packets a sealer's full ring refused (--media-threads above 1: encryption fell behind forwarding). */
    public final LongAdder sealDropped = new LongAdder();
    /** Times a segmented send (UDP GSO) failed and segmentation was turned off for the port. */
    public final LongAdder segmentationOff = new LongAdder();
    /** View entries passed over because they name a track that is unknown, the receiver's own, not video, or muted (at each plan, a few times a second). */
    public final LongAdder viewEntriesSkipped = new LongAdder();
    /** Microphones published without the audio-level extension: they reach audio slots only when one is free. */
    public final LongAdder audioWithoutLevels = new LongAdder();
    /** Views replaced by a newer one before the media loop applied them. */
    public final LongAdder viewsCoalesced = new LongAdder();
    /** Connections accepted on the media TCP port (ICE-TCP). */
    public final LongAdder tcpAccepted = new LongAdder();
    /** TCP connections closed before or at their first frame: not a valid check, too long, idle, or too many pending. */
    public final LongAdder tcpRejected = new LongAdder();
    /** Whole frames a TCP connection's full send buffer refused (a receiver slower than its media). */
    public final LongAdder tcpFramesDropped = new LongAdder();

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (var f : MediaCounters.class.getFields()) {
            try {
                m.put(f.getName(), ((LongAdder) f.get(this)).sum());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return m;
    }
}
