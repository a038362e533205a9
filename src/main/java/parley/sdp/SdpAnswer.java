package parley.sdp;

import java.util.List;
import java.util.Optional;

/**
 * The server's answer and what it negotiated.
 *
 * @param sdp          the answer text, CRLF line endings
 * @param sections     accepted m-lines (including inactive ones) in offer order
 * @param rejectedMids mids of live m-lines the answer rejected (decided so, or nothing acceptable
 *                     offered, e.g. only H.264); stopped m-lines are not listed
 */
public record SdpAnswer(String sdp, List<NegotiatedSection> sections, List<String> rejectedMids) {
    public SdpAnswer {
        sections = List.copyOf(sections);
        rejectedMids = List.copyOf(rejectedMids);
    }

    /** The accepted m-line with this mid. */
    public Optional<NegotiatedSection> section(String mid) {
        for (NegotiatedSection s : sections) if (s.mid().equals(mid)) return Optional.of(s);
        return Optional.empty();
    }
}
