package parley.bench.load.janus;

import java.util.ArrayList;
import java.util.List;
import parley.media.ice.IceCredentials;

/**
 * A receive-only answer to the offer Janus's videoroom sends a subscriber: per m-line of the offer,
 * the same media, mid and payload types (with their rtpmap, fmtp and rtcp-fb lines) and header
 * extensions, {@code recvonly} where Janus sends (an {@code inactive} or rejected line stays so),
 * our ICE credentials and DTLS fingerprint, and {@code a=setup:active} (we are the DTLS client; Janus
 * offers actpass). One BUNDLE of the offer's accepted mids, rtcp-mux. Our host candidate is trickled
 * apart, not written here. Stateless.
 */
public final class SubscriberAnswer {
    private SubscriberAnswer() {}

    /** One m-line of the offer, as read. */
    private record Section(String media, int port, String mid, String direction, List<String> formats, List<String> kept) {}

    /**
     * @param offer       Janus's offer, lines ending in CRLF or LF
     * @param ice         our ICE credentials
     * @param fingerprint our certificate's SHA-256 fingerprint (colon-separated hex)
     * @return the answer, lines ending in CRLF
     */
    public static String write(String offer, IceCredentials ice, String fingerprint) {
        List<Section> sections = read(offer);
        StringBuilder s = new StringBuilder(1024 * (1 + sections.size()));
        s.append("v=0\r\no=- ").append(Math.abs((long) offer.hashCode())).append(" 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        s.append("a=group:BUNDLE");
        for (Section m : sections) if (m.port() != 0) s.append(' ').append(m.mid());
        s.append("\r\n");
        for (Section m : sections) {
            s.append("m=").append(m.media()).append(' ').append(m.port() == 0 ? 0 : 9).append(" UDP/TLS/RTP/SAVPF ")
                    .append(String.join(" ", m.formats())).append("\r\n");
            s.append("c=IN IP4 0.0.0.0\r\n");
            if (m.port() != 0) {
                s.append("a=ice-ufrag:").append(ice.ufrag()).append("\r\na=ice-pwd:").append(ice.pwd()).append("\r\n");
                s.append("a=fingerprint:sha-256 ").append(fingerprint).append("\r\na=setup:active\r\n");
            }
            s.append("a=mid:").append(m.mid()).append("\r\n");
            s.append("a=").append(answerDirection(m.direction())).append("\r\na=rtcp-mux\r\n");
            for (String line : m.kept()) s.append(line).append("\r\n");
        }
        return s.toString();
    }

    /** What we answer to a direction Janus offered: we only ever receive. */
    static String answerDirection(String offered) {
        return switch (offered) {
            case "sendonly", "sendrecv" -> "recvonly";
            default -> "inactive";
        };
    }

    private static List<Section> read(String offer) {
        List<Section> sections = new ArrayList<>();
        String[] m = null;
        String mid = null;
        String direction = "sendrecv";
        List<String> kept = new ArrayList<>();
        for (String line : offer.split("\r?\n")) {
            if (line.startsWith("m=")) {
                if (m != null) sections.add(section(m, mid, direction, kept));
                m = line.substring(2).split(" ");
                mid = null;
                direction = "sendrecv";
                kept = new ArrayList<>();
            } else if (m == null) {
                continue; // session level: nothing we copy
            } else if (line.startsWith("a=mid:")) {
                mid = line.substring("a=mid:".length()).trim();
            } else if (line.equals("a=sendonly") || line.equals("a=recvonly") || line.equals("a=inactive") || line.equals("a=sendrecv")) {
                direction = line.substring(2);
            } else if (line.startsWith("a=rtpmap:") || line.startsWith("a=fmtp:") || line.startsWith("a=rtcp-fb:")
                    || line.startsWith("a=extmap:")) {
                kept.add(line);
            }
        }
        if (m != null) sections.add(section(m, mid, direction, kept));
        return sections;
    }

    private static Section section(String[] m, String mid, String direction, List<String> kept) {
        if (m.length < 4 || mid == null) {
            throw new IllegalArgumentException("offer m-line '" + String.join(" ", m) + "' with mid " + mid
                    + " (expected: media, port, proto, formats and an a=mid)");
        }
        List<String> formats = List.of(m).subList(3, m.length);
        return new Section(m[0], Integer.parseInt(m[1]), mid, direction, List.copyOf(formats), List.copyOf(kept));
    }
}
