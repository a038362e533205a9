package parley.sfu;

import parley.media.transport.MediaLoop;

/**
 * The RTCP of one peer: reads what it sends (sender reports, NACKs, keyframe requests)
 * and writes what the server owes it (receiver reports on its streams, sender reports on
 * the streams it receives, transport-wide congestion feedback, PLIs).
 * Loop thread only; writes into one reused buffer.
 */
final class RtcpSender {
    static final long REPORT_INTERVAL_MS = 1000;
    static final long TWCC_INTERVAL_MS = 100;
    /** Seconds from 1900 (NTP era 0) to 1970. */
    private static final long NTP_UNIX_OFFSET_S = 2_208_988_800L;

    private final SfuPeer peer;
    private final byte[] out = new byte[MediaLoop.MAX_DATAGRAM + MediaLoop.SEND_HEADROOM];
    private long nextReportMs;
    private long nextTwccMs;

    RtcpSender(SfuPeer peer) {
        this.peer = peer;
    }

    void onRtcp(byte[] buf, int off, int len, long nowMs) {
        int p = off;
        int end = off + len;
        while (p + 4 <= end) {
            int first = buf[p] & 0xff;
            int pt = buf[p + 1] & 0xff;
            int words = ((buf[p + 2] & 0xff) << 8) | (buf[p + 3] & 0xff);
            int size = (words + 1) * 4;
            if ((first >> 6) != 2 || p + size > end) {
                peer.counters().rtcpDropped.increment();
                return;
            }
            int fmt = first & 0x1f;
            switch (pt) {
                case 200 -> onSenderReport(buf, p, size, nowMs);
                case 205 -> { if (fmt == 1) onNack(buf, p, size, nowMs); }
                case 206 -> { if (fmt == 1 || fmt == 4) onKeyframeRequest(buf, p, size, fmt, nowMs); }
                default -> { } // RR, SDES, BYE, REMB, TWCC from receivers: not used yet
            }
            p += size;
        }
    }

    private void onSenderReport(byte[] b, int p, int size, long nowMs) {
        if (size < 28) return;
        long ssrc = u32(b, p + 4);
        IncomingStream.SsrcRoute r = peer.ssrcRoutes.get(ssrc);
        if (r == null || r.rtx()) return;
        long ntpMiddle = ((u32(b, p + 8) & 0xffff) << 16) | (u32(b, p + 12) >>> 16);
        r.stream().stats.onSenderReport(ntpMiddle, nowMs);
    }

    /** RFC 4585 §6.2.1: FCI entries of PID + BLP, each naming up to 17 lost packets. */
    private void onNack(byte[] b, int p, int size, long nowMs) {
        if (size < 16) return;
        Consumer c = peer.consumersBySsrc.get(u32(b, p + 8));
        peer.counters().nacksReceived.increment();
        if (c == null) return;
        for (int q = p + 12; q + 4 <= p + size; q += 4) {
            int pid = ((b[q] & 0xff) << 8) | (b[q + 1] & 0xff);
            int blp = ((b[q + 2] & 0xff) << 8) | (b[q + 3] & 0xff);
            c.retransmit(pid, nowMs);
            for (int i = 0; i < 16; i++) {
                if ((blp & (1 << i)) != 0) c.retransmit((pid + i + 1) & 0xffff, nowMs);
            }
        }
    }

    /** PLI names the media SSRC in the header; FIR (RFC 5104 §4.3.1) in its FCI. */
    private void onKeyframeRequest(byte[] b, int p, int size, int fmt, long nowMs) {
        if (size < 12) return;
        long media = fmt == 1 ? u32(b, p + 8) : size >= 20 ? u32(b, p + 12) : -1;
        Consumer c = peer.consumersBySsrc.get(media);
        if (c != null) c.producer.requestKeyframe(Math.max(0, c.currentLayer), nowMs);
    }

    void sendPli(long mediaSsrc) {
        if (!peer.isConnected()) return;
        out[0] = (byte) 0x81; // V=2, FMT=1
        out[1] = (byte) 206;
        out[2] = 0;
        out[3] = 2;
        put32(out, 4, peer.localSsrc);
        put32(out, 8, mediaSsrc);
        peer.transport().sendRtcp(out, 0, 12);
    }

    void tick(long nowMs) {
        if (nowMs >= nextTwccMs) {
            nextTwccMs = nowMs + TWCC_INTERVAL_MS;
            int n = peer.twcc.writeFeedback(out, 0, peer.localSsrc, peer.twcc.mediaSsrc(), nowMs);
            if (n > 0) peer.transport().sendRtcp(out, 0, n);
        }
        if (nowMs >= nextReportMs) {
            nextReportMs = nowMs + REPORT_INTERVAL_MS;
            sendReports(nowMs);
        }
    }

    /**
     * One compound packet: a receiver report with a block per incoming stream, a sender
     * report per consumer, then SDES with our CNAME. Split if it would exceed the MTU.
     */
    private void sendReports(long nowMs) {
        int p = writeReceiverReport(0, nowMs);
        for (Consumer c : peer.consumersByMid.values()) {
            if (c.packetsSent == 0) continue;
            if (p + 28 + 20 > 1200) {
                p = flushWithSdes(p);
            }
            p = writeSenderReport(p, c, nowMs);
        }
        flushWithSdes(p);
    }

    private int flushWithSdes(int p) {
        if (p == 0) return 0;
        p = writeSdes(p);
        peer.transport().sendRtcp(out, 0, p);
        return writeReceiverReport(0, -1);
    }

    private int writeReceiverReport(int p, long nowMs) {
        int start = p;
        p += 8;
        int blocks = 0;
        if (nowMs >= 0) {
            for (Producer prod : peer.producersByMid.values()) {
                for (IncomingStream s : prod.layers) {
                    if (s == null || !s.stats.started() || blocks == 31) continue;
                    p = writeReportBlock(p, s, nowMs);
                    blocks++;
                }
            }
        }
        out[start] = (byte) (0x80 | blocks);
        out[start + 1] = (byte) 201;
        int words = (p - start) / 4 - 1;
        out[start + 2] = (byte) (words >> 8);
        out[start + 3] = (byte) words;
        put32(out, start + 4, peer.localSsrc);
        return p;
    }

    private int writeReportBlock(int p, IncomingStream s, long nowMs) {
        put32(out, p, s.ssrc);
        long lost = s.stats.cumulativeLost() & 0xffffff;
        put32(out, p + 4, ((long) s.stats.fractionLostAndAdvance() << 24) | lost);
        put32(out, p + 8, s.stats.extendedMax());
        put32(out, p + 12, s.stats.jitter());
        put32(out, p + 16, s.stats.lastSrNtp32());
        put32(out, p + 20, s.stats.delaySinceLastSr(nowMs));
        return p + 24;
    }

    private int writeSenderReport(int p, Consumer c, long nowMs) {
        long unixMs = peer.router.loop.wallClockMs(nowMs);
        long ntpSeconds = unixMs / 1000 + NTP_UNIX_OFFSET_S;
        long ntpFraction = ((unixMs % 1000) << 32) / 1000;
        out[p] = (byte) 0x80;
        out[p + 1] = (byte) 200;
        out[p + 2] = 0;
        out[p + 3] = 6;
        put32(out, p + 4, c.ssrc);
        put32(out, p + 8, ntpSeconds);
        put32(out, p + 12, ntpFraction);
        put32(out, p + 16, c.rtpTimestampAt(nowMs));
        put32(out, p + 20, c.packetsSent);
        put32(out, p + 24, c.octetsSent);
        return p + 28;
    }

    /** SDES with one CNAME chunk for our local SSRC (RFC 3550 §6.5). */
    private int writeSdes(int p) {
        byte[] cname = peer.cname();
        int itemLen = 2 + cname.length;
        int chunk = 4 + itemLen + 1;
        int padded = (chunk + 3) & ~3;
        out[p] = (byte) 0x81;
        out[p + 1] = (byte) 202;
        int words = (4 + padded) / 4 - 1;
        out[p + 2] = (byte) (words >> 8);
        out[p + 3] = (byte) words;
        put32(out, p + 4, peer.localSsrc);
        out[p + 8] = 1; // CNAME
        out[p + 9] = (byte) cname.length;
        System.arraycopy(cname, 0, out, p + 10, cname.length);
        for (int i = p + 10 + cname.length; i < p + 4 + padded; i++) out[i] = 0;
        return p + 4 + padded;
    }

    static long u32(byte[] b, int p) {
        return ((b[p] & 0xffL) << 24) | ((b[p + 1] & 0xffL) << 16) | ((b[p + 2] & 0xffL) << 8) | (b[p + 3] & 0xffL);
    }

    static void put32(byte[] b, int p, long v) {
        b[p] = (byte) (v >> 24);
        b[p + 1] = (byte) (v >> 16);
        b[p + 2] = (byte) (v >> 8);
        b[p + 3] = (byte) v;
    }
}
