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
            }
            case Rtcp.PSFB -> {
                if (fmt == Rtcp.FMT_PLI) keyframeRequested(Pli.parse(b, off, len).mediaSsrc(), nowMs);
                if (fmt == Rtcp.FMT_FIR) onFir(b, off, len, nowMs);
            }
            default -> { } // SDES, BYE, REMB, transport-cc from receivers: not used yet
        }
    }

    /** Remembers the SR's NTP time for our RR's LSR/DLSR; its blocks (if it also receives) give the RTT. */
    private void onSenderReport(byte[] b, int off, int len, long nowMs) throws RtcpException {
        int blocks = ReportBlock.firstBlockOffset(b, off, len);
        IncomingStream.SsrcRoute r = peer.ssrcRoutes.get(Rtcp.senderSsrc(b, off) & 0xFFFF_FFFFL);
        if (r != null && !r.rtx()) {
            r.stream().stats.onSenderReport(RttEstimator.middle32(SenderReport.ntpTimestamp(b, off)), nowMs);
        }
        onReportBlocks(b, off, blocks, nowMs);
    }

    /** Blocks about the streams we send this peer (our consumers' SSRCs) give the round-trip time. */
    private void onReportBlocks(byte[] b, int off, int firstBlock, long nowMs) {
        int count = Rtcp.count(b, off);
        for (int i = 0; i < count; i++) {
            int at = firstBlock + i * ReportBlock.SIZE;
            Consumer c = peer.consumersBySsrc.get(ReportBlock.ssrc(b, at) & 0xFFFF_FFFFL);
            if (c == null) continue;
            long nowNtp32 = RttEstimator.middle32(RttEstimator.ntpTimestamp(peer.router.loop.wallClockMs(nowMs)));
            rtt.onReportBlock(nowNtp32, ReportBlock.lastSr(b, at), ReportBlock.delaySinceLastSr(b, at));
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
        if (c != null) c.producer.requestKeyframe(Math.max(0, c.currentLayer), nowMs);
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
        long rttMs = rtt.rttMsOr(NackGenerator.DEFAULT_RTT_MS);
        int p = 0;
        for (Producer prod : peer.producersByMid.values()) {
            for (IncomingStream s : prod.layers) {
                if (s == null || s.nack == null) continue;
                int n = s.nack.collect(nowMs, rttMs, nackSeqs);
                if (n == 0) continue;
                if (p > 0 && p + GenericNack.size(nackSeqs, n) > MAX_COMPOUND_BYTES) {
                    sink.send(out, 0, p);
                    p = 0;
                }
                if (p == 0) p = ReceiverReport.writeFixed(out, 0, (int) peer.localSsrc, 0);
                p += GenericNack.write(out, p, (int) peer.localSsrc, (int) s.ssrc, nackSeqs, n);
                nackedPacketsRequested += n;
            }
        }
        if (p > 0) sink.send(out, 0, p);
    }

    void sendTransportCc() {
        long media = firstIncomingSsrc();
        for (int i = 0; i < MAX_TWCC_PACKETS_PER_TICK; i++) {
            int n = peer.twcc.writeFeedback(out, 0, peer.localSsrc, media);
            if (n == 0) return;
            sink.send(out, 0, n);
        }
    }

    private long firstIncomingSsrc() {
        for (Producer p : peer.producersByMid.values()) {
            for (IncomingStream s : p.layers) if (s != null) return s.ssrc;
        }
        return 0;
    }

    /**
     * One compound: a receiver report with a block per incoming stream, a sender report per
     * consumer that sent something, then SDES with our CNAME. When the SRs would not fit, the
     * compound is sent and the rest continue in another (which starts with an SR).
     */
    void sendReports(long nowMs) {
        byte[] cname = peer.cname();
        int sdesSize = Sdes.cnameSize(cname.length);
        long ntp = RttEstimator.ntpTimestamp(peer.router.loop.wallClockMs(nowMs));
        int p = writeReceiverReport(nowMs);
        for (Consumer c : peer.consumersByMid.values()) {
            if (c.packetsSent == 0) continue;
            if (p + SenderReport.FIXED_SIZE + sdesSize > MAX_COMPOUND_BYTES) {
                p += Sdes.writeCname(out, p, (int) peer.localSsrc, cname, 0, cname.length);
                sink.send(out, 0, p);
                p = 0;
            }
            p += SenderReport.writeFixed(out, p, (int) c.ssrc, ntp, c.rtpTimestampAt(nowMs),
                    c.packetsSent & 0xFFFF_FFFFL, c.octetsSent & 0xFFFF_FFFFL, 0);
        }
        p += Sdes.writeCname(out, p, (int) peer.localSsrc, cname, 0, cname.length);
        sink.send(out, 0, p);
    }

    /** The RR at offset 0 with up to 31 blocks, one per incoming stream that has received packets. */
    private int writeReceiverReport(long nowMs) {
        int p = ReceiverReport.FIXED_SIZE;
        int blocks = 0;
        for (Producer prod : peer.producersByMid.values()) {
            for (IncomingStream s : prod.layers) {
                if (s == null || !s.stats.started() || blocks == MAX_REPORT_BLOCKS) continue;
                ReceiveStats st = s.stats;
                p += ReportBlock.write(out, p, (int) s.ssrc, st.fractionLostAndAdvance(), (int) st.cumulativeLost(),
                        st.extendedMax(), st.jitter(), st.lastSrNtp32(), st.delaySinceLastSr(nowMs));
                blocks++;
            }
        }
        ReceiverReport.writeFixed(out, 0, (int) peer.localSsrc, blocks);
        return p;
    }
}
