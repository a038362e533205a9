package parley.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A client's parsed SDP offer. The ICE and DTLS values are those of the transport the
 * offerer bundles on: from the BUNDLE group's first (tagged) m-line, else from the session
 * level, else from the first m-line that has them (browsers write them per m-line).
 *
 * @param sessionId   the o= line's session id as written
 * @param iceUfrag    the client's ICE username fragment; null only if no m-line is live
 * @param icePwd      the client's ICE password; null only if no m-line is live
 * @param fingerprint the client's DTLS certificate fingerprint; null only if no m-line is live
 * @param setup       the client's a=setup ("actpass" from browsers), or null if not written
 * @param bundleMids  the a=group:BUNDLE mids in order; empty if there is no BUNDLE group
 * @param media       every m-line in order
 */
public record SdpOffer(String sessionId, String iceUfrag, String icePwd, Fingerprint fingerprint, String setup,
                       List<String> bundleMids, List<MediaSection> media) {
    public SdpOffer {
        bundleMids = List.copyOf(bundleMids);
        media = List.copyOf(media);
    }

    /** The m-line with this mid. */
    public Optional<MediaSection> section(String mid) {
        for (MediaSection m : media) if (mid.equals(m.mid())) return Optional.of(m);
        return Optional.empty();
    }

    /** The m-lines that are not stopped, in order. */
    public List<MediaSection> liveSections() {
        List<MediaSection> live = new ArrayList<>();
        for (MediaSection m : media) if (!m.stopped()) live.add(m);
        return List.copyOf(live);
    }
}
