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
import parley.media.rtcp.Sdes;
import parley.media.rtcp.SenderReport;
import parley.media.transport.MediaLoop;
import parley.sfu.feedback.NackGenerator;
import parley.sfu.feedback.RttEstimator;

/**
 * The RTCP of one peer: reads what it sends (sender and receiver reports, NACKs, keyframe
 * requests) and writes what the server owes it: receiver reports on its streams, sender
 * reports on the streams it receives, NACKs for packets missing from its streams,
 * transport-wide congestion feedback and PLIs.
 * <p>
 * Every ~20 ms NACKs, every ~100 ms transport-cc feedback, every ~1 s a compound of one RR
 * (a block per incoming stream), one SR per consumer that sent something, and SDES with our
 * CNAME, split under {@link #MAX_COMPOUND_BYTES}. Loop thread only; writes into reused buffers
 * and allocates nothing per packet or tick in steady state (keyframe requests aside).
 */
final class RtcpSender {
    static final long REPORT_INTERVAL_MS = 1000;
    /** RTPFB format of transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01). */
    static final int FMT_TRANSPORT_CC = 15;
    static final long TWCC_INTERVAL_MS = 100;
    static final long NACK_INTERVAL_MS = 20;
    /** Largest compound we write: with SRTCP overhead it stays under a 1280-byte IPv6 MTU. */
    static final int MAX_COMPOUND_BYTES = 1200;
    private static final int MAX_REPORT_BLOCKS = 31;
    /** Numbers requested per stream per NACK tick at most; the rest wait for the next tick. */
    private static final int MAX_NACKED_PER_STREAM = 64;
    /** Transport-cc packets per tick at most (each covers hundreds of packets). */
    private static final int MAX_TWCC_PACKETS_PER_TICK = 8;

    /** Where finished compound packets go: the peer's transport, or a test's capture. */
    @FunctionalInterface
    interface Sink {
        /** Sends {@code b[off, off + len)}; may encrypt in place (the buffer has SRTCP headroom). */
        void send(byte[] b, int off, int len);
    }

    private final SfuPeer peer;
    private final byte[] out = new byte[MediaLoop.MAX_DATAGRAM + MediaLoop.SEND_HEADROOM];
    /** PLIs have their own buffer: they can be requested while {@link #out} holds a compound being built. */
    private final byte[] pliOut = new byte[ReceiverReport.FIXED_SIZE + Pli.SIZE + MediaLoop.SEND_HEADROOM];
    private final RtcpCompound compound = new RtcpCompound();
    private final RttEstimator rtt = new RttEstimator();
    private final int[] nackSeqs = new int[MAX_NACKED_PER_STREAM];
    /** The receiver's NACK being answered, for the reused {@link #retransmitter}. */
    private Consumer nackTarget;
    private long nackNowMs;
    private final IntConsumer retransmitter = seq -> nackTarget.retransmit(seq, nackNowMs);
    Sink sink;
    /**
     * The compound being built in {@link #out}: write position and state shared with the visitors
     * below, which walk the peer's maps with forEach (unlike a for loop, it allocates no iterator).
     */
    private int at;
    private int blocks;
    private long tickNowMs;
    private long tickRttMs;
    private long tickNtp;
    private final java.util.function.Consumer<Producer> nackVisitor = this::nackStreamsOf;
    private final java.util.function.Consumer<Producer> reportBlockVisitor = this::reportBlocksOf;
    private final java.util.function.Consumer<Consumer> senderReportVisitor = this::senderReportOf;
    private long nextReportMs;
    private long nextTwccMs;
    private long nextNackMs;
    /** Sequence numbers requested from this peer so far (tests, metrics). */
    long nackedPacketsRequested;

    RtcpSender(SfuPeer peer) {
        this.peer = peer;
        this.sink = (b, off, len) -> peer.transport().sendRtcp(b, off, len);
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
                if (fmt == FMT_TRANSPORT_CC) peer.downlink.onFeedback(b, off, len, nowMs);
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
        Layer.SsrcRoute r = peer.ssrcRoutes.get(Rtcp.senderSsrc(b, off) & 0xFFFF_FFFFL);
        if (r != null && !r.rtx()) {
            r.layer().stats.onSenderReport(RttEstimator.middle32(SenderReport.ntpTimestamp(b, off)), nowMs);
        }
        onReportBlocks(b, off, blocks, nowMs);
    }

    /** Blocks about the streams we send this peer (our consumers' SSRCs) give the round-trip time. */
    private void onReportBlocks(byte[] b, int off, int firstBlock, long nowMs) {
        int count = Rtcp.count(b, off);
        for (int i = 0; i < count; i++) {
            int block = firstBlock + i * ReportBlock.SIZE;
            Consumer c = peer.consumersBySsrc.get(ReportBlock.ssrc(b, block) & 0xFFFF_FFFFL);
            if (c == null) continue;
            long nowNtp32 = RttEstimator.middle32(RttEstimator.ntpTimestamp(peer.router.clock.wallClockMs(nowMs)));
            rtt.onReportBlock(nowNtp32, ReportBlock.lastSr(b, block), ReportBlock.delaySinceLastSr(b, block));
        }
    }

    /** A receiver lost packets we sent it: answer from the producer's cache. */
    private void onNack(byte[] b, int off, int len, long nowMs) throws RtcpException {
        peer.counters().nacksReceived.increment();
        long media = Rtcp.mediaSsrc(b, off) & 0xFFFF_FFFFL;
        Consumer c = peer.consumersBySsrc.get(media);
        if (c == null || c.ssrc != media) return; // unknown, or naming our RTX stream
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
        Consumer c = peer.consumersBySsrc.get(mediaSsrc & 0xFFFF_FFFFL);
        if (c != null) c.keyframeWanted(nowMs);
    }

    /** Sends a PLI for one of this peer's incoming SSRCs, after an empty RR so that it is a valid compound. */
    void sendPli(long mediaSsrc) {
        if (!peer.isConnected()) return;
        int p = ReceiverReport.writeFixed(pliOut, 0, (int) peer.localSsrc, 0);
        p += Pli.write(pliOut, p, (int) peer.localSsrc, (int) mediaSsrc);
        sink.send(pliOut, 0, p);
    }

    void tick(long nowMs) {
        if (nowMs >= nextNackMs) {
            nextNackMs = nowMs + NACK_INTERVAL_MS;
            sendNacks(nowMs);
        }
        if (nowMs >= nextTwccMs) {
            nextTwccMs = nowMs + TWCC_INTERVAL_MS;
            sendTransportCc();
        }
        if (nowMs >= nextReportMs) {
            nextReportMs = nowMs + REPORT_INTERVAL_MS;
            sendReports(nowMs);
        }
    }

    /**
     * Asks this peer for the packets missing from its video streams, one NACK per stream, all in
     * one compound after an empty RR. The spacing of retries is the peer's RTT if it also
     * receives from us, else {@link NackGenerator#DEFAULT_RTT_MS}.
     */
    void sendNacks(long nowMs) {
        tickNowMs = nowMs;
        tickRttMs = rtt.rttMsOr(NackGenerator.DEFAULT_RTT_MS);
        at = 0;
        peer.producersByMid.values().forEach(nackVisitor);
        if (at > 0) sink.send(out, 0, at);
    }

    private void nackStreamsOf(Producer prod) {
        for (Layer s : prod.layers) {
            if (s == null || s.nack == null) continue;
            int n = s.nack.collect(tickNowMs, tickRttMs, nackSeqs);
            if (n == 0) continue;
            if (at > 0 && at + GenericNack.size(nackSeqs, n) > MAX_COMPOUND_BYTES) {
                sink.send(out, 0, at);
                at = 0;
            }
            if (at == 0) at = ReceiverReport.writeFixed(out, 0, (int) peer.localSsrc, 0);
            at += GenericNack.write(out, at, (int) peer.localSsrc, (int) s.ssrc, nackSeqs, n);
            nackedPacketsRequested += n;
        }
    }

    void sendTransportCc() {
        for (int i = 0; i < MAX_TWCC_PACKETS_PER_TICK; i++) {
            int n = peer.twcc.writeFeedback(out, 0, peer.localSsrc);
            if (n == 0) return;
            sink.send(out, 0, n);
        }
    }

    /**
     * One compound: a receiver report with a block per incoming stream, a sender report per
     * consumer that sent something, then SDES with our CNAME. When the SRs would not fit, the
     * compound is sent and the rest continue in another (which starts with an SR).
     */
    void sendReports(long nowMs) {
        tickNowMs = nowMs;
        tickNtp = RttEstimator.ntpTimestamp(peer.router.clock.wallClockMs(nowMs));
        at = ReceiverReport.FIXED_SIZE;
        blocks = 0;
        peer.producersByMid.values().forEach(reportBlockVisitor);
        ReceiverReport.writeFixed(out, 0, (int) peer.localSsrc, blocks);
        peer.consumersByMid.values().forEach(senderReportVisitor);
        writeSdes();
        sink.send(out, 0, at);
    }

    /** Report blocks for the streams of one producer that have received packets, up to 31 in all. */
    private void reportBlocksOf(Producer prod) {
        for (Layer s : prod.layers) {
            if (s == null || !s.stats.started() || blocks == MAX_REPORT_BLOCKS) continue;
            ReceiveStats st = s.stats;
            at += ReportBlock.write(out, at, (int) s.ssrc, st.fractionLostAndAdvance(), (int) st.cumulativeLost(),
                    st.extendedMax(), st.jitter(), st.lastSrNtp32(), st.delaySinceLastSr(tickNowMs));
            blocks++;
        }
    }

    private void senderReportOf(Consumer c) {
        if (c.packetsSent == 0) return;
        if (at + SenderReport.FIXED_SIZE + Sdes.cnameSize(peer.cname().length) > MAX_COMPOUND_BYTES) {
            writeSdes();
            sink.send(out, 0, at);
            at = 0;
        }
        at += SenderReport.writeFixed(out, at, (int) c.ssrc, tickNtp, c.rtpTimestampAt(tickNowMs),
                c.packetsSent & 0xFFFF_FFFFL, c.octetsSent & 0xFFFF_FFFFL, 0);
    }

    private void writeSdes() {
        byte[] cname = peer.cname();
        at += Sdes.writeCname(out, at, (int) peer.localSsrc, cname, 0, cname.length);
    }
}
