package parley.sfu;

import parley.sdp.ExtensionUris;
import parley.sdp.NegotiatedSection;

/**
 * The header extension ids a peer uses in what it sends us (one set for the whole BUNDLE:
 * RFC 8843 gives an id one meaning across m-lines), 0 where not negotiated. Loop thread only.
 */
final class IncomingExtensions {
    private int mid;
    private int rid;
    private int repairedRid;
    private int audioLevel;
    private int transportCc;

    /** Takes the ids of one negotiated section; an id the section lacks keeps its value. */
    void adopt(NegotiatedSection n) {
        mid = pick(mid, n.extId(ExtensionUris.MID));
        rid = pick(rid, n.extId(ExtensionUris.RTP_STREAM_ID));
        repairedRid = pick(repairedRid, n.extId(ExtensionUris.REPAIRED_RTP_STREAM_ID));
        audioLevel = pick(audioLevel, n.extId(ExtensionUris.AUDIO_LEVEL));
        transportCc = pick(transportCc, n.extId(ExtensionUris.TRANSPORT_CC));
    }

    private static int pick(int current, int offered) {
        return offered > 0 ? offered : current;
    }

    int mid() {
        return mid;
    }

    int rid() {
        return rid;
    }

    int repairedRid() {
        return repairedRid;
    }

    int audioLevel() {
        return audioLevel;
    }

    int transportCc() {
        return transportCc;
    }

    /** Tests: a peer made without negotiation. */
    void audioLevel(int id) {
        audioLevel = id;
    }
}
