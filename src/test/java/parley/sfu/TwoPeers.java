package parley.sfu;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import parley.media.dtls.DtlsCertificate;
import parley.media.transport.MediaCounters;
import parley.media.transport.MediaLoop;
import parley.sdp.SdpParser;

/**
 * Two peers set up by {@link Negotiation} from real offers on a real media loop (loopback port,
 * no DTLS): "ada" (Chrome) publishes mic and simulcast camera, "bob" (aiortc) subscribes to both.
 * RTP is fed to {@link SfuPeer#onRtp}; what their RtcpSenders write is captured instead of sent.
 */
final class TwoPeers implements AutoCloseable {
    static final long NOW = 10_000;
    static final long VIDEO_SSRC = 0xA1A1A1A1L;
    private static final long VIDEO_RTX_SSRC = 0xA2A2A2A2L;
    /** Chrome's offer: transport-cc 3, mid 4, rid 10, repaired rid 11; VP8 96 with RTX 97; opus 111. */
    private static final int TWCC_ID = 3;
    private static final int MID_ID = 4;
    static final int RID_ID = 10;
    private static final int REPAIRED_RID_ID = 11;

    final MediaLoop loop;
    final Router router;
    final Negotiator negotiator;
    final SfuPeer ada;
    final SfuPeer bob;
    final Consumer bobVideo;
    /** Chrome announces its audio SSRC in the offer (a=ssrc); simulcast video SSRCs are learnt from rids. */
    final long audioSsrc;
    final List<byte[]> fromAda = new ArrayList<>();
    final List<byte[]> fromBob = new ArrayList<>();
    private int transportSeq;

    TwoPeers() throws Exception {
        loop = new MediaLoop(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new MediaCounters());
        ServerIdentity identity = new ServerIdentity(DtlsCertificate.generate(),
                List.of(InetAddress.getLoopbackAddress()), loop.localPort(), new SecureRandom());
        negotiator = new Negotiator(loop, identity);
        // No ticker: the tests drive time themselves (a real-time plan would add keyframe requests).
        router = new Router(Router.clockOf(loop), loop.counters(), negotiator.listener, 7);
        var chrome = SdpParser.parseOffer(fixture("chrome-156-offer.sdp"));
        var aiortc = SdpParser.parseOffer(fixture("aiortc-1.4.0-offer.sdp"));
        ada = onLoop(() -> router.addPeer("ada"));
        bob = onLoop(() -> router.addPeer("bob"));
        negotiator.negotiate(ada, chrome, Map.of("0", "mic", "1", "camera"), Map.of());
        negotiator.negotiate(bob, aiortc, Map.of(), Map.of("2", "audio", "3", "video"));
        bobVideo = onLoop(() -> bob.consumersByMid().get("3"));
        // Bob's video slot carries Ada's camera (what the planner does at the next tick).
        run(() -> bobVideo.assign(ada.producersByMid().get("1"), 360, 0));
        audioSsrc = onLoop(() -> ada.producersByMid().get("0").layers()[0].ssrc());
        onLoop(() -> {
            ada.rtcp().sink((b, off, len) -> fromAda.add(Arrays.copyOfRange(b, off, off + len)));
            bob.rtcp().sink((b, off, len) -> fromBob.add(Arrays.copyOfRange(b, off, off + len)));
            return null;
        });
    }

    @Override
    public void close() {
        loop.close();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = TwoPeers.class.getResourceAsStream("/parley/sdp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    <T> T onLoop(Callable<T> task) throws Exception {
        return loop.call(task);
    }

    void run(Runnable task) throws Exception {
        loop.call(() -> {
            task.run();
            return null;
        });
    }

    /** An RTP packet as Chrome sends it: transport-wide seq, mid and (for video) rid or repaired rid. */
    byte[] rtp(int pt, int seq, long ssrc, String mid, int ridId, String rid, int... payload) {
        byte[] ext = new byte[32];
        int e = 0;
        ext[e++] = (byte) (TWCC_ID << 4 | 1);
        ext[e++] = (byte) (transportSeq >> 8);
        ext[e++] = (byte) transportSeq++;
        e = element(ext, e, MID_ID, mid);
        if (rid != null) e = element(ext, e, ridId, rid);
        int extLength = (e + 3) & ~3;
        byte[] p = new byte[12 + 4 + extLength + payload.length];
        p[0] = (byte) 0x90;                          // V=2, X=1
        p[1] = (byte) pt;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[7] = (byte) seq;                           // timestamp: anything
        p[8] = (byte) (ssrc >> 24);
        p[9] = (byte) (ssrc >> 16);
        p[10] = (byte) (ssrc >> 8);
        p[11] = (byte) ssrc;
        p[12] = (byte) 0xbe;                         // one-byte extension profile
        p[13] = (byte) 0xde;
        p[15] = (byte) (extLength / 4);
        System.arraycopy(ext, 0, p, 16, extLength);
        for (int i = 0; i < payload.length; i++) p[16 + extLength + i] = (byte) payload[i];
        return p;
    }

    private static int element(byte[] ext, int e, int id, String value) {
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        ext[e++] = (byte) (id << 4 | (v.length - 1));
        System.arraycopy(v, 0, ext, e, v.length);
        return e + v.length;
    }

    void video(int seq, long nowMs) throws Exception {
        byte[] p = rtp(96, seq, VIDEO_SSRC, "1", RID_ID, "q", 0x90, 0x80, 0x11, 0x00);   // VP8: S, I; picture id 17
        run(() -> ada.onRtp(p, 0, p.length, nowMs));
    }

    /** A retransmission on the RTX SSRC: the original sequence number first (RFC 4588). */
    void videoRtx(int rtxSeq, int originalSeq, long nowMs) throws Exception {
        byte[] p = rtp(97, rtxSeq, VIDEO_RTX_SSRC, "1", REPAIRED_RID_ID, "q",
                originalSeq >> 8, originalSeq & 0xff, 0x90, 0x80, 0x11, 0x00);
        run(() -> ada.onRtp(p, 0, p.length, nowMs));
    }

    void audio(int seq, long nowMs) throws Exception {
        byte[] p = rtp(111, seq, audioSsrc, "0", 0, null, 0xfc, 0x01);          // opus
        run(() -> ada.onRtp(p, 0, p.length, nowMs));
    }
}
