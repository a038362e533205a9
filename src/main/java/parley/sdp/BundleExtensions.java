package parley.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * In one BUNDLE group a header extension id must mean one thing on every m-line (RFC 8843
 * §9.2), because the receiver parses extensions before it knows the m-line. aiortc 1.4.0
 * offers id 2 for audio level on audio and for abs-send-time on video, then fails on the
 * first audio packet whose one-byte level it reads as a three-byte time. So an id that names
 * two URIs is left out of the answer on every m-line.
 */
final class BundleExtensions {
    private BundleExtensions() {}

    /** The offer without the extmaps whose id names more than one URI across live m-lines. */
    static SdpOffer withoutConflicts(SdpOffer offer) {
        Set<Integer> conflicting = conflictingIds(offer);
        if (conflicting.isEmpty()) return offer;
        List<MediaSection> media = new ArrayList<>();
        for (MediaSection m : offer.media()) media.add(withoutIds(m, conflicting));
        return new SdpOffer(offer.sessionId(), offer.iceUfrag(), offer.icePwd(), offer.fingerprint(), offer.setup(),
                offer.bundleMids(), media);
    }

    static Set<Integer> conflictingIds(SdpOffer offer) {
        Map<Integer, String> uriById = new HashMap<>();
        Set<Integer> conflicting = new HashSet<>();
        for (MediaSection m : offer.liveSections()) {
            for (Extmap e : m.extmaps()) {
                String previous = uriById.putIfAbsent(e.id(), e.uri());
                if (previous != null && !previous.equals(e.uri())) conflicting.add(e.id());
            }
        }
        return conflicting;
    }

    private static MediaSection withoutIds(MediaSection m, Set<Integer> ids) {
        List<Extmap> kept = m.extmaps().stream().filter(e -> !ids.contains(e.id())).toList();
        if (kept.size() == m.extmaps().size()) return m;
        return new MediaSection(m.index(), m.lineNumber(), m.media(), m.kind(), m.port(), m.protocol(), m.formats(),
                m.mid(), m.direction(), m.rtcpMux(), m.rtcpRsize(), m.bundleOnly(), m.codecs(), kept, m.rids(),
                m.simulcast(), m.ssrcs(), m.fidGroups(), m.msid(), m.iceDtls());
    }
}
