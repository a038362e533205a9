package parley.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import parley.media.codec.Vp8;
import parley.media.rtcp.Fir;
import parley.media.rtcp.Pli;
import parley.media.rtcp.Rtcp;
import parley.media.rtcp.RtcpCompound;
import parley.media.rtcp.RtcpException;
import parley.media.rtp.Bytes;
import parley.media.rtp.HeaderExtensions;
import parley.media.rtp.RtpException;
import parley.media.rtp.RtpPacket;

/**
 * What one participant receives, after decryption: per receive slot (by the SSRC the answer gave
 * it) packets, loss from sequence gaps ({@link SeqTracker}), VP8 frames and keyframes; the
 * transport-wide sequence numbers for {@link TwccReporter}; and the server's RTCP: PLI and FIR for
 * our camera layers become keyframes ({@link Publisher#requestKeyframe}), NACKs are counted (not
 * answered: we keep no packet cache). A video slot that started carrying someone new and has not
 * given a keyframe within {@link #PLI_AFTER_MS} ms is sent a PLI, at most once per that time.
 *
 * <p>Thread-safety: the receiver thread calls {@link #rtp}, {@link #rtcp} and {@link #tick};
 * {@link #setSlots} comes before media flows; {@link #forwarded} from the signaling thread
 * touches only volatile fields.
 */
final class Inbound implements MediaPeer.Sink {
    static final long PLI_AFTER_MS = 1000;
    private static final long PLI_AFTER_NANOS = PLI_AFTER_MS * 1_000_000;
    /**
     * The server names a slot's new track in {@code forwarding} when it starts forwarding its
     * keyframe, and the WebSocket may well deliver that after the keyframe's UDP packets: a keyframe
     * this long before the message counts as the new track's.
     */
    private static final long KEYFRAME_BEFORE_FORWARDING_NANOS = 300_000_000;

    /** Told once, at the first decrypted RTP packet (the participant's join is then complete). */
    interface FirstMedia {
        void firstRtp(long nowNanos);
    }

    /** One receive slot. Counters are the receiver thread's; the forwarding fields are volatile. */
    static final class Slot {
        final String mid;
        final boolean video;
        final int ssrc;
        final int rtxSsrc;
        final SeqTracker seq = new SeqTracker();
        long packets;
        long lastKeyframeNanos;
        long lastPliNanos;
        volatile String trackId;
        volatile long forwardedAtNanos;

        Slot(String mid, boolean video, int ssrc, int rtxSsrc) {
            this.mid = mid;
            this.video = video;
            this.ssrc = ssrc;
            this.rtxSsrc = rtxSsrc;
        }
    }

    private final Stats stats;
    private final Publisher publisher;
    private final FirstMedia firstMedia;
    private final TwccReporter twcc;
    private final RtcpCompound compound = new RtcpCompound();
    private final byte[] out = new byte[MediaPeer.BUFFER_BYTES];
    private volatile List<Slot> slots = List.of();
    private volatile int[] sortedSsrcs = new int[0];
    private volatile Slot[] bySsrc = new Slot[0];
    private MediaPeer peer;
    private boolean receivedRtp;
    private long nextFeedbackNanos;

    Inbound(Stats stats, Publisher publisher, FirstMedia firstMedia) {
        this.stats = stats;
        this.publisher = publisher;
        this.firstMedia = firstMedia;
        this.twcc = new TwccReporter(publisher.audioSsrc());
    }

    /** The peer that RTCP feedback goes out through; before media flows. */
    void setPeer(MediaPeer peer) {
        this.peer = peer;
    }

    /** The receive slots of the answer; before media flows. */
    void setSlots(List<Slot> newSlots) {
        List<Slot> copy = List.copyOf(newSlots);
        Slot[] sorted = copy.toArray(Slot[]::new);
        Arrays.sort(sorted, (a, b) -> Integer.compare(a.ssrc, b.ssrc));
        int[] ssrcs = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) ssrcs[i] = sorted[i].ssrc;
        slots = copy;
        bySsrc = sorted;
        sortedSsrcs = ssrcs;
    }

    List<Slot> slots() {
        return slots;
    }

    /** Slots that carry someone now: {audio, video}. */
    int[] filledSlots() {
        int[] filled = new int[2];
        for (Slot s : slots) if (s.trackId != null) filled[s.video ? 1 : 0]++;
        return filled;
    }

    /** A {@code forwarding} entry: slot {@code mid} now carries {@code trackId} (null: nothing). */
    void forwarded(String mid, String trackId, long nowNanos) {
        for (Slot s : slots) {
            if (s.mid.equals(mid) && !Objects.equals(s.trackId, trackId)) {
                s.trackId = trackId;
                s.forwardedAtNanos = nowNanos;
            }
        }
    }

    @Override
    public void rtp(byte[] b, int len, long nowNanos) {
        try {
            RtpPacket.validate(b, 0, len);
        } catch (RtpException e) {
            return;
        }
        int twccAt = HeaderExtensions.find(b, 0, len, OfferWriter.TRANSPORT_CC_ID);
        if (twccAt >= 0 && twccAt + 2 <= len) twcc.record(Bytes.u16(b, twccAt), nowNanos / 1000);
        if (!receivedRtp) {
            receivedRtp = true;
            firstMedia.firstRtp(nowNanos);
        }
        int ssrc = RtpPacket.ssrc(b, 0);
        int i = Arrays.binarySearch(sortedSsrcs, ssrc);
        if (i < 0) {
            if (isRtx(ssrc)) stats.rtxPackets.increment();
            else stats.unknownSsrcPackets.increment();
            return;
        }
        Slot slot = bySsrc[i];
        slot.packets++;
        long expectedBefore = slot.seq.expected();
        if (slot.seq.record(RtpPacket.sequenceNumber(b, 0))) stats.received.increment();
        stats.expected.add(slot.seq.expected() - expectedBefore);
        if (!slot.video) {
            stats.audioPacketsReceived.increment();
            return;
        }
        int payload = RtpPacket.payloadOffset(b, 0);
        int payloadLength = RtpPacket.payloadLength(b, 0, len);
        if (RtpPacket.payloadType(b, 0) == OfferWriter.VP8_PT && Vp8.isStartOfFrame(b, payload, payloadLength)) {
            stats.framesReceived.increment();
            if (Vp8.isKeyframe(b, payload, payloadLength)) {
                stats.keyframesReceived.increment();
                slot.lastKeyframeNanos = nowNanos;
            }
        }
    }

    private boolean isRtx(int ssrc) {
        for (Slot s : bySsrc) if (s.rtxSsrc == ssrc && ssrc != 0) return true;
        return false;
    }

    @Override
    public void rtcp(byte[] b, int len, long nowNanos) {
        try {
            compound.reset(b, 0, len);
            while (compound.next()) {
                int type = compound.type();
                int fmt = compound.count();
                int off = compound.offset();
                if (type == Rtcp.PSFB && fmt == Rtcp.FMT_PLI) {
                    stats.plisReceived.increment();
                    publisher.requestKeyframe(Pli.parse(b, off, compound.length()).mediaSsrc());
                } else if (type == Rtcp.PSFB && fmt == Rtcp.FMT_FIR) {
                    stats.firsReceived.increment();
                    for (Fir.Entry e : Fir.parse(b, off, compound.length()).entries()) publisher.requestKeyframe(e.ssrc());
                } else if (type == Rtcp.RTPFB && fmt == Rtcp.FMT_NACK) {
                    stats.nacksReceived.increment();
                }
            }
        } catch (RtcpException e) {
            // a malformed compound: the rest of it is skipped, as a browser would
        }
    }

    /** Periodic work on the receiver thread: transport-cc feedback, and PLIs for slots still without a keyframe. */
    void tick(long nowNanos) {
        if (peer == null || !peer.isConnected() || nowNanos < nextFeedbackNanos) return;
        nextFeedbackNanos = nowNanos + TwccReporter.INTERVAL_MS * 1_000_000;
        stats.feedbackSent.add(twcc.flush(out, (buf, n) -> peer.sendRtcp(buf, n)));
        List<Slot> pli = new ArrayList<>(0);
        for (Slot s : slots) {
            boolean waiting = s.video && s.trackId != null
                    && s.lastKeyframeNanos < s.forwardedAtNanos - KEYFRAME_BEFORE_FORWARDING_NANOS;
            if (waiting && nowNanos - s.forwardedAtNanos > PLI_AFTER_NANOS && nowNanos - s.lastPliNanos > PLI_AFTER_NANOS) {
                pli.add(s);
            }
        }
        for (Slot s : pli) {
            s.lastPliNanos = nowNanos;
            int n = Pli.write(out, 0, publisher.audioSsrc(), s.ssrc);
            if (peer.sendRtcp(out, n)) stats.plisSent.increment();
        }
    }
}
