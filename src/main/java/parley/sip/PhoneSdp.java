package parley.sip;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SDP of a phone leg (RFC 3264 offer/answer, the plain-RTP subset a trunk uses): the first
 * audio m-line's address, port and payload types, and an answer that picks one codec: Opus
 * (opus/48000/2, RFC 7587) when offered, since it is what the meeting speaks; else the trunk's
 * first choice of PCMU and PCMA; plus telephone-event at the chosen codec's clock rate (or at
 * 8000) when offered.
 */
public final class PhoneSdp {
    public static final int MAX_LINES = 200;

    /** A payload type the offer named: number, encoding (upper case) and clock rate. */
    public record Codec(int pt, String name, int rate) {}

    /** What the answer needs of an offer. */
    public record Offer(InetAddress address, int port, List<Codec> codecs) {
        /** The first telephone-event payload type at {@code rate}, or -1. */
        public int telephoneEvent(int rate) {
            return codecs.stream().filter(c -> c.name().equals("TELEPHONE-EVENT") && c.rate() == rate)
                    .mapToInt(Codec::pt).findFirst().orElse(-1);
        }
    }

    /** The audio codecs Parley answers with, and their RTP clock rates. */
    public enum Audio {
        OPUS(48_000, 960), PCMU(8000, 160), PCMA(8000, 160);

        public final int rate, ticksPerFrame;

        Audio(int rate, int ticksPerFrame) {
            this.rate = rate;
            this.ticksPerFrame = ticksPerFrame;
        }
    }

    /** The codec chosen and its payload type; {@code telephoneEvent} -1 when the trunk has none. */
    public record Choice(int pt, Audio audio, int telephoneEvent, int telephoneEventRate) {
        public boolean alaw() {
            return audio == Audio.PCMA;
        }
    }

    private PhoneSdp() {}

    public static Offer parseOffer(byte[] body) throws SipException {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n");
        if (lines.length > MAX_LINES) throw new SipException(488, "offer of " + lines.length + " lines");
        String sessionAddr = null, mediaAddr = null;
        int port = -1;
        List<Integer> pts = new ArrayList<>();
        List<Codec> codecs = new ArrayList<>();
        boolean inAudio = false, seenAudio = false;
        for (String l : lines) {
            if (l.length() < 2 || l.charAt(1) != '=') continue;
            String v = l.substring(2).strip();
            switch (l.charAt(0)) {
                case 'c' -> {
                    String[] p = v.split(" ");
                    if (p.length < 3 || !p[0].equals("IN") || !(p[1].equals("IP4") || p[1].equals("IP6"))) {
                        throw new SipException(488, "connection line (expected: IN IP4 address)");
                    }
                    String addr = p[2].contains("/") ? p[2].substring(0, p[2].indexOf('/')) : p[2];
                    if (!seenAudio) sessionAddr = addr;
                    else if (inAudio) mediaAddr = addr;
                }
                case 'm' -> {
                    inAudio = false;
                    String[] p = v.split(" ");
                    if (!seenAudio && p.length >= 4 && p[0].equals("audio") && p[2].equals("RTP/AVP")) {
                        inAudio = seenAudio = true;
                        port = number(p[1], 65535);
                        for (int i = 3; i < p.length && pts.size() < 32; i++) pts.add(number(p[i], 127));
                    }
                }
                case 'a' -> {
                    if (inAudio && v.startsWith("rtpmap:")) {
                        int sp = v.indexOf(' ');
                        int slash = v.indexOf('/', Math.max(sp, 0));
                        if (sp < 0 || slash < 0) throw new SipException(488, "rtpmap (expected: pt name/rate)");
                        int pt = number(v.substring(7, sp), 127);
                        String rest = v.substring(slash + 1);
                        int slash2 = rest.indexOf('/');
                        int rate = number(slash2 < 0 ? rest : rest.substring(0, slash2), 1_000_000);
                        if (pts.contains(pt) && codecs.size() < 32) {
                            codecs.add(new Codec(pt, v.substring(sp + 1, slash).toUpperCase(Locale.ROOT), rate));
                        }
                    }
                }
                default -> { }
            }
        }
        if (!seenAudio) throw new SipException(488, "no audio m-line with RTP/AVP");
        for (int pt : pts) {
            if ((pt == 0 || pt == 8) && codecs.stream().noneMatch(c -> c.pt() == pt)) {
                codecs.add(new Codec(pt, pt == 0 ? "PCMU" : "PCMA", 8000)); // static payload types need no rtpmap
            }
        }
        String addr = mediaAddr != null ? mediaAddr : sessionAddr;
        if (addr == null) throw new SipException(488, "no connection address");
        List<Codec> ordered = new ArrayList<>();
        for (int pt : pts) codecs.stream().filter(c -> c.pt() == pt).findFirst().ifPresent(ordered::add);
        return new Offer(literal(addr), port, List.copyOf(ordered));
    }

    /** Opus at 48000 when offered, else the trunk's first G.711 payload type, else 488 Not Acceptable Here. */
    public static Choice choose(Offer offer) throws SipException {
        for (Codec c : offer.codecs()) {
            if (c.name().equals("OPUS") && c.rate() == 48_000) return withEvents(offer, c.pt(), Audio.OPUS);
        }
        for (Codec c : offer.codecs()) {
            if (c.rate() == 8000 && (c.name().equals("PCMU") || c.name().equals("PCMA"))) {
                return withEvents(offer, c.pt(), c.name().equals("PCMA") ? Audio.PCMA : Audio.PCMU);
            }
        }
        throw new SipException(488, "no Opus, PCMU or PCMA in the offer");
    }

    /** telephone-event at the codec's clock rate (RFC 4733 section 2.1), else at 8000. */
    private static Choice withEvents(Offer offer, int pt, Audio audio) {
        int te = offer.telephoneEvent(audio.rate);
        if (te >= 0) return new Choice(pt, audio, te, audio.rate);
        te = offer.telephoneEvent(8000);
        return new Choice(pt, audio, te, te < 0 ? -1 : 8000);
    }

    /** The answer: our address and RTP port, the chosen codec and telephone-event, 20 ms frames. */
    public static byte[] answer(Choice choice, InetAddress local, int port, long sessionId) {
        String ip = local.getAddress().length == 4 ? "IP4" : "IP6";
        StringBuilder sb = new StringBuilder()
                .append("v=0\r\n")
                .append("o=parley ").append(sessionId).append(" 1 IN ").append(ip).append(' ').append(local.getHostAddress()).append("\r\n")
                .append("s=Parley\r\n")
                .append("c=IN ").append(ip).append(' ').append(local.getHostAddress()).append("\r\n")
                .append("t=0 0\r\n")
                .append("m=audio ").append(port).append(" RTP/AVP ").append(choice.pt());
        if (choice.telephoneEvent() >= 0) sb.append(' ').append(choice.telephoneEvent());
        sb.append("\r\na=rtpmap:").append(choice.pt()).append(switch (choice.audio()) {
            case OPUS -> " opus/48000/2\r\na=fmtp:" + choice.pt() + " useinbandfec=1";
            case PCMA -> " PCMA/8000";
            case PCMU -> " PCMU/8000";
        }).append("\r\n");
        if (choice.telephoneEvent() >= 0) {
            sb.append("a=rtpmap:").append(choice.telephoneEvent()).append(" telephone-event/").append(choice.telephoneEventRate()).append("\r\n")
                    .append("a=fmtp:").append(choice.telephoneEvent()).append(" 0-15\r\n");
        }
        sb.append("a=ptime:20\r\na=sendrecv\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static int number(String s, int max) throws SipException {
        if (s.isEmpty() || s.length() > 7 || !s.chars().allMatch(Character::isDigit)) throw new SipException(488, "SDP number expected");
        int n = Integer.parseInt(s);
        if (n > max) throw new SipException(488, "SDP number " + n + " (expected at most " + max + ")");
        return n;
    }

    /** An address literal only: a host name in SDP would make us resolve names the network chose. */
    private static InetAddress literal(String s) throws SipException {
        try {
            return InetAddress.ofLiteral(s);
        } catch (IllegalArgumentException e) {
            throw new SipException(488, "connection address is not an IP literal");
        }
    }
}
