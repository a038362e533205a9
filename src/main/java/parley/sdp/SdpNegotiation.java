package parley.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Answers a client's offer: the one call the SFU makes. The client is always the offerer; the
 * server decides per mid what each live m-line carries, and this class checks the decision
 * against the offer, applies {@link AnswerPolicy} and writes the answer. Stateless and
 * thread-safe.
 *
 * <pre>{@code
 * SdpOffer offer = SdpParser.parseOffer(text);
 * SdpAnswer answer = SdpNegotiation.answer(offer, server, mid -> switch (kindOf(mid)) {
 *     case SEND -> MidDecision.fromClient();
 *     case RECV -> MidDecision.toClient(new SendStream(ssrc, rtxSsrc, cname, participantId, trackId));
 *     default -> MidDecision.reject();
 * });
 * }</pre>
 */
public final class SdpNegotiation {
    private SdpNegotiation() {}

    /**
     * Answers {@code offer}. Stopped m-lines are rejected without asking {@code decide}; it is
     * called once for each live mid, in order, and may return {@link MidDecision.Reject}. The
     * first m-line of the BUNDLE group is never rejected (browsers would drop the bundle
     * transport): a Reject for it, or an unacceptable codec, is answered inactive.
     *
     * @throws SdpException when the offer cannot be answered as decided: DTLS setup passive, a
     *                      live m-line outside the BUNDLE group, a decision against the offered
     *                      direction (fromClient on recvonly, toClient on sendonly), a first
     *                      BUNDLE m-line with nothing acceptable
     */
    public static SdpAnswer answer(SdpOffer offer, ServerInfo server, Function<String, MidDecision> decide)
            throws SdpException {
        checkSetup(offer);
        offer = BundleExtensions.withoutConflicts(offer);
        List<AnswerSection> sections = new ArrayList<>();
        List<NegotiatedSection> negotiated = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (MediaSection m : offer.media()) {
            AnswerSection s = m.stopped() ? AnswerSection.Rejected.of(m) : decided(offer, m, decide.apply(m.mid()));
            if (s instanceof AnswerSection.Rejected && isTagged(offer, m)) s = keptInactive(m);
            sections.add(s);
            if (s instanceof AnswerSection.Accepted a) {
                negotiated.add(NegotiatedSection.of(m, a));
            } else if (!m.stopped()) {
                rejected.add(m.mid());
            }
        }
        return new SdpAnswer(SdpAnswerWriter.write(server, sections), negotiated, rejected);
    }

    /**
     * As {@link #answer(SdpOffer, ServerInfo, Function)} with decisions by mid; a live mid
     * missing from {@code decisions} is rejected.
     *
     * @throws SdpException also when {@code decisions} names a mid the offer does not have
     */
    public static SdpAnswer answer(SdpOffer offer, ServerInfo server, Map<String, MidDecision> decisions)
            throws SdpException {
        for (String mid : decisions.keySet()) {
            if (offer.section(mid).isEmpty()) {
                throw new SdpException("SDP offer has no mid " + SdpTokens.quote(mid) + " (expected: one of the offered mids)");
            }
        }
        return answer(offer, server, mid -> decisions.getOrDefault(mid, MidDecision.reject()));
    }

    /** Whether {@code m} is the offerer-tagged m-line: the first of the BUNDLE group, whose transport all share. */
    private static boolean isTagged(SdpOffer offer, MediaSection m) {
        return !m.stopped() && !offer.bundleMids().isEmpty() && offer.bundleMids().get(0).equals(m.mid());
    }

    /**
     * The tagged m-line answered inactive instead of rejected: Chrome fails an answer that
     * rejects it ("Failed to setup RTCP mux"), as its transport carries the whole bundle
     * (RFC 8843 section 7.3.3).
     */
    private static AnswerSection keptInactive(MediaSection m) throws SdpException {
        AnswerSection s = AnswerPolicy.choose(m, Direction.INACTIVE, null);
        if (s instanceof AnswerSection.Rejected) {
            throw SdpException.atLine(m.lineNumber(), "mid " + SdpTokens.quote(m.mid())
                    + " is the first in the BUNDLE group and offers nothing acceptable (expected: "
                    + AnswerPolicy.PROTOCOL + " with rtcp-mux and opus/48000/2 or VP8/90000)");
        }
        return s;
    }

    /** The server is always DTLS passive, so the client must be able to be active. */
    private static void checkSetup(SdpOffer offer) throws SdpException {
        String setup = offer.setup();
        if (setup != null && !setup.equals("actpass") && !setup.equals("active")) {
            throw new SdpException("SDP setup " + setup + " (expected: actpass or active; the server is passive)");
        }
    }

    private static AnswerSection decided(SdpOffer offer, MediaSection m, MidDecision decision) throws SdpException {
        if (decision == null || decision instanceof MidDecision.Reject) return AnswerSection.Rejected.of(m);
        if (!offer.bundleMids().contains(m.mid())) {
            throw new SdpException("SDP mid " + SdpTokens.quote(m.mid())
                    + " is not in the BUNDLE group (expected: every m-line bundled, bundlePolicy max-bundle)");
        }
        Direction offered = m.direction();
        return switch (decision) {
            case MidDecision.FromClient f -> {
                requireDirection(m, offered != Direction.RECVONLY, "sendonly, for a track the client sends");
                yield AnswerPolicy.choose(m, offered == Direction.INACTIVE ? Direction.INACTIVE : Direction.RECVONLY, null);
            }
            case MidDecision.ToClient t -> {
                requireDirection(m, offered != Direction.SENDONLY, "recvonly, for a track the server sends");
                Direction d = offered == Direction.INACTIVE ? Direction.INACTIVE : Direction.SENDONLY;
                yield AnswerPolicy.choose(m, d, d == Direction.SENDONLY ? t.stream() : null);
            }
            case MidDecision.Inactive i -> AnswerPolicy.choose(m, Direction.INACTIVE, null);
            case MidDecision.Reject r -> AnswerSection.Rejected.of(m);
        };
    }

    private static void requireDirection(MediaSection m, boolean ok, String expected) throws SdpException {
        if (!ok) {
            throw SdpException.atLine(m.lineNumber(), "mid " + SdpTokens.quote(m.mid()) + " is offered "
                    + m.direction().sdpName() + " (expected: " + expected + ")");
        }
    }
}
