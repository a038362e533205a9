package parley.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import parley.media.ice.IceCredentials;

/**
 * What a synthetic participant needs from the server's SDP answer: the server's ICE credentials,
 * DTLS fingerprint and host candidates, and for each receive slot the SSRC (and RTX SSRC) it
 * will carry ({@code a=ssrc} and {@code a=ssrc-group:FID} in the slot's m-line). A line-oriented
 * reading of an answer Parley wrote, not a general SDP parser.
 *
 * @param ice         the server's ufrag and pwd
 * @param fingerprint the server's sha-256 fingerprint (colon-separated hex as written)
 * @param candidates  the host candidates' addresses and ports, in order
 * @param slots       per accepted m-line that the server sends on (sendonly), its mid and SSRCs
 * @param rejected    mids answered with port 0
 */
record AnswerReader(IceCredentials ice, String fingerprint, List<Candidate> candidates, List<SlotSsrcs> slots,
                    List<String> rejected) {
    record Candidate(InetAddress address, int port) {}

    /** A receive slot's SSRCs; {@code rtxSsrc} is 0 without RTX. */
    record SlotSsrcs(String mid, int ssrc, int rtxSsrc) {}

    AnswerReader {
        candidates = List.copyOf(candidates);
        slots = List.copyOf(slots);
        rejected = List.copyOf(rejected);
    }

    static AnswerReader parse(String sdp) throws IOException {
        String ufrag = null;
        String pwd = null;
        String fingerprint = null;
        List<Candidate> candidates = new ArrayList<>();
        List<SlotSsrcs> slots = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        Section section = null;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                finish(section, slots, rejected);
                section = new Section(line);
            } else if (line.startsWith("a=ice-ufrag:") && ufrag == null) {
                ufrag = value(line);
            } else if (line.startsWith("a=ice-pwd:") && pwd == null) {
                pwd = value(line);
            } else if (line.startsWith("a=fingerprint:sha-256 ") && fingerprint == null) {
                fingerprint = value(line).substring("sha-256 ".length()).trim();
            } else if (line.startsWith("a=candidate:")) {
                Candidate c = candidate(line);
                if (c != null && !candidates.contains(c)) candidates.add(c);
            } else if (section != null) {
                section.attribute(line);
            }
        }
        finish(section, slots, rejected);
        if (ufrag == null || pwd == null || fingerprint == null || candidates.isEmpty()) {
            throw new IOException("answer without " + (ufrag == null || pwd == null ? "a=ice-ufrag/a=ice-pwd"
                    : fingerprint == null ? "a=fingerprint:sha-256" : "a UDP host candidate"));
        }
        return new AnswerReader(new IceCredentials(ufrag, pwd), fingerprint, candidates, slots, rejected);
    }

    /** The SSRCs of each slot by mid. */
    Map<String, SlotSsrcs> slotsByMid() {
        Map<String, SlotSsrcs> byMid = new HashMap<>();
        for (SlotSsrcs s : slots) byMid.put(s.mid(), s);
        return byMid;
    }

    /**
     * Where to send media, given the addresses the --url host resolves to (the load generator sends
     * to no other): the first candidate on one of them, else the first of them with the first
     * candidate's port.
     */
    InetSocketAddress target(List<InetAddress> hostAddresses) {
        for (Candidate c : candidates) {
            if (hostAddresses.contains(c.address())) return new InetSocketAddress(c.address(), c.port());
        }
        return new InetSocketAddress(hostAddresses.get(0), candidates.get(0).port());
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).trim();
    }

    /** "a=candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host"; null for TCP or unparseable. */
    private static Candidate candidate(String line) throws IOException {
        String[] f = value(line).split(" ");
        if (f.length < 8 || !f[2].equalsIgnoreCase("udp")) return null;
        try {
            return new Candidate(InetAddress.getByName(f[4]), Integer.parseInt(f[5]));
        } catch (NumberFormatException e) {
            throw new IOException("candidate port '" + f[5] + "' (expected: a number)", e);
        }
    }

    private static void finish(Section s, List<SlotSsrcs> slots, List<String> rejected) {
        if (s == null || s.mid == null) return;
        if (s.port == 0) {
            rejected.add(s.mid);
        } else if (s.sendonly && s.ssrc != 0) {
            slots.add(new SlotSsrcs(s.mid, s.ssrc, s.rtxSsrc));
        }
    }

    /** One m-line being read. */
    private static final class Section {
        final int port;
        String mid;
        boolean sendonly;
        int ssrc;
        int rtxSsrc;

        Section(String mLine) {
            String[] f = mLine.split(" ");
            this.port = f.length > 1 ? Integer.parseInt(f[1]) : 0;
        }

        void attribute(String line) {
            if (line.startsWith("a=mid:")) {
                mid = value(line);
            } else if (line.equals("a=sendonly")) {
                sendonly = true;
            } else if (line.startsWith("a=ssrc-group:FID ")) {
                String[] f = line.substring("a=ssrc-group:FID ".length()).trim().split(" ");
                ssrc = (int) Long.parseLong(f[0]);
                if (f.length > 1) rtxSsrc = (int) Long.parseLong(f[1]);
            } else if (line.startsWith("a=ssrc:") && ssrc == 0) {
                String id = line.substring("a=ssrc:".length());
                ssrc = (int) Long.parseLong(id.substring(0, id.indexOf(' ') < 0 ? id.length() : id.indexOf(' ')));
            }
        }
    }
}
