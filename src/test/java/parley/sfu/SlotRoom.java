package parley.sfu;

import java.util.ArrayList;
import java.util.List;
import parley.media.rtp.RtpPacket;
import parley.media.transport.MediaCounters;

/**
 * Test fixture: a router driven by hand (manual clock, no loop, no socket), with senders whose
 * producers and SSRCs are made directly and receivers whose slots record what they are sent.
 * Not thread-safe: one test thread plays the media loop.
 */
final class SlotRoom {
    static final int AUDIO_LEVEL_ID = 1;
    final Negotiator events = new Negotiator(null, null);
    final MediaCounters counters = new MediaCounters();
    long nowMs = 10_000;
    final Router router = new Router(new MediaClock() {
        @Override
        public long nowMs() {
            return SlotRoom.this.nowMs;
        }

        @Override
        public long wallClockMs(long nowMs) {
            return 1_700_000_000_000L + nowMs;
        }
    }, counters, events.listener, 3);
    private long nextSsrc = 0x1000;

    /** What a receiver was sent: RTP packets (decrypted form) by SSRC. */
    static final class FakeLink implements MediaLink {
        final List<byte[]> rtp = new ArrayList<>();

        @Override
        public void sendRtp(byte[] b, int off, int len) {
            byte[] copy = new byte[len];
            System.arraycopy(b, off, copy, 0, len);
            rtp.add(copy);
        }

        @Override
        public void sendRtcp(byte[] b, int off, int len) {}

        @Override
        public void forgetOutgoingSsrc(long ssrc) {}

        @Override
        public void tick(long nowMs) {}

        @Override
        public void close() {}

        /** Packets sent on one SSRC. */
        List<byte[]> on(long ssrc) {
            return rtp.stream().filter(p -> (RtpPacket.ssrc(p, 0) & 0xffffffffL) == ssrc).toList();
        }
    }

    SfuPeer peer(String id) {
        SfuPeer p = router.addPeer(id);
        p.attach(new FakeLink());
        p.extensions().audioLevel(AUDIO_LEVEL_ID);
        p.onConnected(nowMs);
        return p;
    }

    /** A camera with three simulcast layers (q, h, f), each bound to an SSRC. */
    Producer camera(SfuPeer owner) {
        Producer p = new Producer(router.newTrackId(), owner, "1", true, "camera", 96, -1, List.of("q", "h", "f"));
        register(owner, p);
        return p;
    }

    Producer mic(SfuPeer owner) {
        Producer p = new Producer(router.newTrackId(), owner, "0", false, "mic", 111, -1, List.of());
        register(owner, p);
        return p;
    }

    private void register(SfuPeer owner, Producer p) {
        owner.producersByMid().put(p.mid(), p);
        router.addProducer(p);
        for (int i = 0; i < p.layers().length; i++) owner.bindSsrc(p, i, nextSsrc++, false);
    }

    Consumer slot(SfuPeer receiver, String mid, boolean video) {
        Consumer c = new Consumer(receiver, mid, video, 0x5000 + Integer.parseInt(mid), -1, video ? 96 : 111, -1, 0, 0, 0);
        receiver.addConsumer(c);
        List<String> order = new ArrayList<>(receiver.slotOrder);
        order.add(mid);
        receiver.slotOrder = List.copyOf(order);
        return c;
    }

    /** One VP8 packet of a layer: a keyframe (with its picture size) or a delta frame. */
    void video(Producer p, int layer, int seq, boolean keyframe) {
        int height = p.layerHeight(layer);
        byte[] payload = keyframe
                ? new byte[] {(byte) 0x90, (byte) 0x80, 0x11, 0x00, 0, 0, (byte) 0x9d, 0x01, 0x2a,
                        (byte) (height * 16 / 9), (byte) ((height * 16 / 9) >> 8), (byte) height, (byte) (height >> 8)}
                : new byte[] {(byte) 0x90, (byte) 0x80, 0x12, 0x01, 0, 0};
        send(p.owner(), rtp(p.payloadType(), seq, seq * 3000L, p.layers()[layer].ssrc(), -1, payload));
    }

    /** One Opus packet with an RFC 6464 level (0 loudest .. 127 silence). */
    void audio(Producer p, int seq, int levelDbov) {
        send(p.owner(), rtp(p.payloadType(), seq, seq * 960L, p.layers()[0].ssrc(), levelDbov, new byte[] {(byte) 0xfc, 1, 2}));
    }

    private void send(SfuPeer owner, byte[] packet) {
        owner.onRtp(packet, 0, packet.length, nowMs);
    }

    /** Advances the clock in 10 ms ticks, as the media loop does. */
    void advance(long ms) {
        for (long t = 0; t < ms; t += 10) {
            nowMs += 10;
            router.tick(nowMs);
        }
    }

    static byte[] rtp(int pt, int seq, long ts, long ssrc, int audioLevel, byte[] payload) {
        int ext = audioLevel >= 0 ? 8 : 0;
        byte[] p = new byte[12 + ext + payload.length];
        p[0] = (byte) (audioLevel >= 0 ? 0x90 : 0x80);
        p[1] = (byte) pt;
        RtpPacket.setSequenceNumber(p, 0, seq);
        RtpPacket.setTimestamp(p, 0, ts);
        RtpPacket.setSsrc(p, 0, (int) ssrc);
        if (audioLevel >= 0) {
            p[12] = (byte) 0xbe;
            p[13] = (byte) 0xde;
            p[15] = 1;                                           // one 32-bit word of extensions
            p[16] = (byte) (AUDIO_LEVEL_ID << 4);                // id, length 1
            p[17] = (byte) (0x80 | audioLevel);                  // voice, level
        }
        System.arraycopy(payload, 0, p, 12 + ext, payload.length);
        return p;
    }

    static FakeLink link(SfuPeer p) {
        return (FakeLink) p.transport();
    }
}
