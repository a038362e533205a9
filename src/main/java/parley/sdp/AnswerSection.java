package parley.sdp;

import java.util.List;

/** The answer to one m-line of an offer, as {@link SdpAnswerWriter} writes it. */
public sealed interface AnswerSection {
    /**
     * A rejected m-line: port 0, its mid kept, and the offer's media, proto and first format so
     * that the m-line stays valid.
     *
     * @param media       offered media token ("video")
     * @param protocol    offered proto
     * @param format      the first offered format
     * @param mid         the offered mid, or null if it had none
     * @param formatCodec the rtpmap of {@code format}, or null if the offer had none
     */
    record Rejected(String media, String protocol, String format, String mid, Codec formatCodec)
            implements AnswerSection {
        public Rejected {
            if (media == null || protocol == null || format == null) throw new IllegalArgumentException("null field");
        }

        /** The rejection of {@code offered}. */
        public static Rejected of(MediaSection offered) {
            String format = offered.formats().isEmpty() ? "0" : offered.formats().get(0);
            Codec codec = null;
            for (Codec c : offered.codecs()) if (format.equals(Integer.toString(c.payloadType()))) codec = c;
            return new Rejected(offered.media(), offered.protocol(), format, offered.mid(), codec);
        }
    }

    /**
     * An accepted m-line.
     *
     * @param media      "audio" or "video"
     * @param protocol   the offered proto ("UDP/TLS/RTP/SAVPF")
     * @param mid        the offered mid
     * @param direction  the server's direction: recvonly, sendonly or inactive
     * @param codecs     chosen codecs with the feedback kept, primary first then its RTX
     * @param extmaps    accepted header extensions, with the answer's direction if the offer gave one
     * @param rtcpRsize  whether to write a=rtcp-rsize (only if offered)
     * @param recvRids   the rids the server receives (simulcast), empty if none
     * @param send       the stream the server sends (direction sendonly), else null
     */
    record Accepted(String media, String protocol, String mid, Direction direction, List<Codec> codecs,
                    List<Extmap> extmaps, boolean rtcpRsize, List<String> recvRids, SendStream send)
            implements AnswerSection {
        public Accepted {
            if (media == null || protocol == null || mid == null || direction == null) {
                throw new IllegalArgumentException("null field");
            }
            codecs = List.copyOf(codecs);
            extmaps = List.copyOf(extmaps);
            recvRids = List.copyOf(recvRids);
            if (codecs.isEmpty()) throw new IllegalArgumentException("no codec for accepted mid " + mid);
            if (direction == Direction.SENDRECV) throw new IllegalArgumentException("server never answers sendrecv");
            if ((direction == Direction.SENDONLY) != (send != null)) {
                throw new IllegalArgumentException("mid " + mid + ": a stream is needed exactly when sending");
            }
        }
    }
}
