package parley.sdp;

/**
 * The RTCP feedback negotiated for a primary codec (RFC 4585, RFC 5104, transport-cc, REMB).
 *
 * @param nack        generic NACK ("nack")
 * @param pli         picture loss indication ("nack pli")
 * @param fir         full intra request ("ccm fir")
 * @param transportCc transport-wide congestion control feedback ("transport-cc")
 * @param remb        receiver estimated max bitrate ("goog-remb")
 */
public record Feedback(boolean nack, boolean pli, boolean fir, boolean transportCc, boolean remb) {
    static Feedback of(Codec c) {
        return new Feedback(c.hasFeedback("nack"), c.hasFeedback("nack pli"), c.hasFeedback("ccm fir"),
                c.hasFeedback("transport-cc"), c.hasFeedback("goog-remb"));
    }
}
