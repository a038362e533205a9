package parley.sfu;

import java.util.Map;
import parley.media.rtp.HeaderExtensions;
import parley.media.rtp.RtpPacket;

/**
 * Which producer layer each SSRC a peer sends on belongs to: announced ones (a=ssrc lines)
 * and ones learnt from the first packet by its mid and rid (or repaired rid for RTX), else its
 * payload type. Also turns RTX packets back into originals. Loop thread only; lookups allocate nothing.
 */
final class SsrcRoutes {
    private final LongMap<Layer.SsrcRoute> routes = new LongMap<>();
    private final Map<String, Producer> producersByMid;
    private final IncomingExtensions extensions;

    SsrcRoutes(Map<String, Producer> producersByMid, IncomingExtensions extensions) {
        this.producersByMid = producersByMid;
        this.extensions = extensions;
    }

    /** The route of a known SSRC, or null. */
    Layer.SsrcRoute get(long ssrc) {
        return routes.get(ssrc);
    }

    /** The route of an SSRC, learnt from this packet if it is new; null when it leads nowhere. */
    Layer.SsrcRoute route(long ssrc, byte[] buf, int off, int len) {
        Layer.SsrcRoute route = routes.get(ssrc);
        return route != null ? route : learn(ssrc, buf, off, len);
    }

    private Layer.SsrcRoute learn(long ssrc, byte[] buf, int off, int len) {
        String mid = extensions.mid() > 0 ? HeaderExtensions.mid(buf, off, len, extensions.mid()) : null;
        int pt = RtpPacket.payloadType(buf, off);
        Producer p = mid != null ? producersByMid.get(mid) : byPayloadType(pt);
        if (p == null) return null;
        boolean rtx = pt == p.rtxPayloadType();
        String rid = null;
        if (rtx && extensions.repairedRid() > 0) rid = HeaderExtensions.rid(buf, off, len, extensions.repairedRid());
        if (!rtx && extensions.rid() > 0) rid = HeaderExtensions.rid(buf, off, len, extensions.rid());
        int layer = rid == null ? firstLayer(p, rtx) : p.layerOfRid(rid);
        if (layer < 0) return null;
        return bind(p, layer, ssrc, rtx);
    }

    private static int firstLayer(Producer p, boolean rtx) {
        for (int i = 0; i < p.layers().length; i++) {
            Layer s = p.layers()[i];
            if (!rtx && s == null) return i;
            if (rtx && s != null && s.rtxSsrc() < 0) return i;
        }
        return -1;
    }

    /** Registers an SSRC (primary or RTX) for a producer's layer; also used for SDP a=ssrc lines. */
    Layer.SsrcRoute bind(Producer p, int layer, long ssrc, boolean rtx) {
        Layer s = p.layers()[layer];
        if (rtx) {
            if (s == null) return null;
            s.rtxSsrc(ssrc);
            routes.put(ssrc, s.rtxRoute());
            return s.rtxRoute();
        }
        if (s != null) routes.remove(s.ssrc()); // the sender restarted the layer with a new SSRC
        s = new Layer(p, layer, ssrc);
        p.layers()[layer] = s;
        routes.put(ssrc, s.primaryRoute());
        return s.primaryRoute();
    }

    /** Forgets the SSRCs of a producer that is gone. */
    void forget(Producer p) {
        for (Layer s : p.layers()) {
            if (s == null) continue;
            routes.remove(s.ssrc());
            if (s.rtxSsrc() >= 0) routes.remove(s.rtxSsrc());
        }
    }

    private Producer byPayloadType(int pt) {
        Producer found = null;
        for (Producer p : producersByMid.values()) {
            if (p.payloadType() == pt || p.rtxPayloadType() == pt) {
                if (found != null) return null; // ambiguous without a mid
                found = p;
            }
        }
        return found;
    }

    /** Turns an RTX packet (RFC 4588) back into the original in place; -1 for padding probes. */
    static int unwrapRtx(Layer s, byte[] buf, int off, int len) {
        int po = RtpPacket.payloadOffset(buf, off);
        int pl = RtpPacket.payloadLength(buf, off, len);
        if (pl < 2) return -1;
        int originalSeq = ((buf[po] & 0xff) << 8) | (buf[po + 1] & 0xff);
        System.arraycopy(buf, po + 2, buf, po, pl - 2);
        buf[off] &= (byte) ~0x20; // padding (if any) was cut off
        RtpPacket.setSequenceNumber(buf, off, originalSeq);
        RtpPacket.setSsrc(buf, off, (int) s.ssrc());
        RtpPacket.setPayloadType(buf, off, s.producer().payloadType());
        return po - off + pl - 2;
    }
}
