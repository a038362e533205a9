package parley.sfu;

import java.util.function.IntConsumer;
import parley.media.rtcp.Fir;
import parley.media.rtcp.GenericNack;
import parley.media.rtcp.Pli;
import parley.media.rtcp.ReceiverReport;
import parley.media.rtcp.ReportBlock;
import parley.media.rtcp.Rtcp;
import parley.media.rtcp.RtcpCompound;
import parley.media.rtcp.RtcpException;
import parley.media.rtcp.SenderReport;
import parley.media.rtp.Bytes;
import parley.media.transport.MediaLoop;
import parley.sfu.feedback.RttEstimator;

/**
 * The RTCP of one peer: reads what it sends (sender and receiver reports, NACKs, keyframe
 * requests, transport-cc feedback) and runs the stages that write what the server owes it,
 * assembled in one place ({@link #stages}): {@link NackRequests} every 20 ms,
 * {@link TransportFeedback} every 100 ms, {@link Reports} every second; and PLIs on demand.
 * Loop thread only; writes into reused buffers and allocates nothing per packet or tick in
 * steady state (keyframe requests aside).
 */
final class RtcpSender {
    /** Seconds from 1900 (NTP's era 0) to 1970. */
    private static final long NTP_UNIX_OFFSET_S = 2_208_988_800L;
    /** RTPFB format of transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01). */
    static final int FMT_TRANSPORT_CC = 15;
    /** Largest compound we write: with SRTCP overhead it stays under a 1280-byte IPv6 MTU. */
    static final int MAX_COMPOUND_BYTES = 1200;
    /** Where finished compound packets go: the peer's transport, or a test's capture. */
    @FunctionalInterface
    interface Sink {
        /** Sends {@code b[off, off + len)}; may encrypt in place (the buffer has SRTCP headroom). */
        void send(byte[] b, int off, int len);
    }

    /** The buffer the stages write compounds into (one at a time) and where they go. */
    static final class Out {
        final byte[] buffer = new byte[MediaLoop.MAX_DATAGRAM + MediaLoop.SEND_HEADROOM];
        Sink sink;

        void send(int len) {
            sink.send(buffer, 0, len);
        }
    }

    private final SfuPeer peer;
    private final Out out = new Out();
    /** PLIs have their own buffer: they can be requested while {@link #out} holds a compound being built. */
    private final byte[] pliOut = new byte[ReceiverReport.FIXED_SIZE + Pli.SIZE + MediaLoop.SEND_HEADROOM];
    private final RtcpCompound compound = new RtcpCompound();
    private final RttEstimator rtt = new RttEstimator();
    /** The receiver's NACK being answered, for the reused {@link #retransmitter}. */
    private Consumer nackTarget;
    private long nackNowMs;
    private final IntConsumer retransmitter = seq -> nackTarget.retransmit(seq, nackNowMs);
    private final NackRequests nacks;
    private final RtcpStage[] stages;
    private final long[] nextRunMs;

    RtcpSender(SfuPeer peer) {
        this.peer = peer;
        this.out.sink = (b, off, len) -> peer.transport().sendRtcp(b, off, len);
        this.nacks = new NackRequests(peer, out);
        this.stages = new RtcpStage[] {nacks, new TransportFeedback(peer, out), new Reports(peer, out)};
        this.nextRunMs = new long[stages.length];
    }

    /** Where compounds go: the peer's transport, or a test's capture. */
    void sink(Sink sink) {
        out.sink = sink;
    }

    /** Sequence numbers requested from this peer so far (tests, metrics). */
    long nackedPacketsRequested() {
        return nacks.requested();
    }

    long rttMsOr(long fallbackMs) {
        return rtt.rttMsOr(fallbackMs);
    }

    /** The round-trip time to this peer in ms from its reports on what it receives, or -1 while unknown. */
    long rttMs() {
        return rtt.rttMs();
    }

    void onRtcp(byte[] buf, int off, int len, long nowMs) {
        compound.reset(buf, off, len);
        while (true) {
            try {
                if (!compound.next()) {
                    return;
                }
            } catch (RtcpException e) {
                peer.counters().rtcpDropped.increment(); // a broken header: the rest cannot be framed
                return;
            }
            try {
                onPacket(buf, compound.type(), compound.count(), compound.offset(), compound.length(), nowMs);
            } catch (RtcpException e) {
                peer.counters().rtcpDropped.increment(); // one bad packet; the next may be fine
            }
        }
    }

    private void onPacket(byte[] b, int type, int fmt, int off, int len, long nowMs) throws RtcpException {
        switch (type) {
            case Rtcp.SR -> onSenderReport(b, off, len, nowMs);
            case Rtcp.RR -> onReportBlocks(b, off, ReportBlock.firstBlockOffset(b, off, len), nowMs);
            case Rtcp.RTPFB -> {
                if (fmt == Rtcp.FMT_NACK) onNack(b, off, len, nowMs);
                if (fmt == FMT_TRANSPORT_CC) peer.downlink().onFeedback(b, off, len, nowMs);
            }
            case Rtcp.PSFB -> {
                if (fmt == Rtcp.FMT_PLI) keyframeRequested(Pli.parse(b, off, len).mediaSsrc(), nowMs);
                if (fmt == Rtcp.FMT_FIR) onFir(b, off, len, nowMs);
            }
            default -> { } // SDES, BYE, REMB: not used
        }
    }

    /** Remembers the SR's NTP time for our RR's LSR/DLSR; its blocks (if it also receives) give the RTT. */
    private void onSenderReport(byte[] b, int off, int len, long nowMs) throws RtcpException {
        int blocks = ReportBlock.firstBlockOffset(b, off, len);
        Layer.SsrcRoute r = peer.ssrcRoutes().get(Rtcp.senderSsrc(b, off) & 0xFFFF_FFFFL);
        if (r != null && !r.rtx()) {
            r.layer().stats().onSenderReport(RttEstimator.middle32(SenderReport.ntpTimestamp(b, off)), nowMs);
            tapsSenderReport(r.layer(), SenderReport.ntpTimestamp(b, off), Bytes.u32(b, off + 16), nowMs);
        }
        onReportBlocks(b, off, blocks, nowMs);
    }

    /** Recorders and live streams align a sender's audio and video with its reports (NTP seconds since 1900, 32.32). */
    private static void tapsSenderReport(Layer layer, long ntp, long rtpTs, long nowMs) {
        TapSlot[] taps = layer.producer().taps();
        if (taps.length == 0) return;
        long ntpMs = ((ntp >>> 32) - NTP_UNIX_OFFSET_S) * 1000 + ((ntp & 0xFFFF_FFFFL) * 1000 >>> 32);
        for (TapSlot t : taps) t.onSenderReport(layer, ntpMs, rtpTs, nowMs);
    }

    /** Blocks about the streams we send this peer (our consumers' SSRCs) give the round-trip time. */
    private void onReportBlocks(byte[] b, int off, int firstBlock, long nowMs) {
        int count = Rtcp.count(b, off);
        for (int i = 0; i < count; i++) {
            int block = firstBlock + i * ReportBlock.SIZE;
            Consumer c = peer.consumersBySsrc().get(ReportBlock.ssrc(b, block) & 0xFFFF_FFFFL);
            if (c == null) continue;
            long nowNtp32 = RttEstimator.middle32(RttEstimator.ntpTimestamp(peer.router().clock().wallClockMs(nowMs)));
            rtt.onReportBlock(nowNtp32, ReportBlock.lastSr(b, block), ReportBlock.delaySinceLastSr(b, block));
        }
    }

    /** A receiver lost packets we sent it: answer from the producer's cache. */
    private void onNack(byte[] b, int off, int len, long nowMs) throws RtcpException {
        peer.counters().nacksReceived.increment();
        long media = Rtcp.mediaSsrc(b, off) & 0xFFFF_FFFFL;
        Consumer c = peer.consumersBySsrc().get(media);
        if (c == null || c.ssrc() != media) return; // unknown, or naming our RTX stream
        nackTarget = c;
        nackNowMs = nowMs;
        try {
            GenericNack.forEachLost(b, off, len, retransmitter);
        } finally {
            nackTarget = null;
        }
    }

    /** FIR (RFC 5104 §4.3.1) names the SSRCs in its entries; each of ours relays to the producer. */
    private void onFir(byte[] b, int off, int len, long nowMs) throws RtcpException {
        for (Fir.Entry e : Fir.parse(b, off, len).entries()) keyframeRequested(e.ssrc(), nowMs);
    }

    /** A receiver needs a keyframe: ask the producer (rate-limited there). */
    private void keyframeRequested(int mediaSsrc, long nowMs) {
        Consumer c = peer.consumersBySsrc().get(mediaSsrc & 0xFFFF_FFFFL);
        if (c != null) c.keyframeWanted(nowMs);
    }

    /** Sends a PLI for one of this peer's incoming SSRCs, after an empty RR so that it is a valid compound. */
    void sendPli(long mediaSsrc) {
        if (!peer.isConnected()) return;
        int p = ReceiverReport.writeFixed(pliOut, 0, (int) peer.localSsrc(), 0);
        p += Pli.write(pliOut, p, (int) peer.localSsrc(), (int) mediaSsrc);
        out.sink.send(pliOut, 0, p);
    }

    void tick(long nowMs) {
        for (int i = 0; i < stages.length; i++) {
            if (nowMs < nextRunMs[i]) continue;
            nextRunMs[i] = nowMs + stages[i].intervalMs();
            stages[i].run(nowMs);
        }
    }

    /** Runs the NACK stage now (tests). */
    void sendNacks(long nowMs) {
        nacks.run(nowMs);
    }

    /** Runs the transport-cc feedback stage now (tests). */
    void sendTransportCc() {
        stages[1].run(0);
    }

    /** Runs the report stage now (tests). */
    void sendReports(long nowMs) {
        stages[2].run(nowMs);
    }
}
