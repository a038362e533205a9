package parley.media.srtp;

import java.util.Objects;

/**
 * One direction of one DTLS-SRTP association: the sending side ({@code protect*}) or the
 * receiving side ({@code unprotect*}), for every SSRC on it. Packets are transformed in place.
 *
 * <pre>
 * SRTP (RFC 3711 §3.1)
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |       contributing source (CSRC) identifiers (CC of them)     |
 * |       header extension (if X): profile, length, words ...     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       payload ... (encrypted)                                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       authentication tag (10 bytes AES-CM, 16 bytes GCM)      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * SRTCP (RFC 3711 §3.4, RFC 7714 §9.3)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|   RC    |      PT       |            length             |
 * |                        SSRC of sender                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       rest of the compound RTCP packet ... (encrypted)        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |E|                  SRTCP index (AES-CM here)                  |
 * |       authentication tag                                      |
 * |E|                  SRTCP index (GCM here)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The header with its CSRCs and extension is authenticated but not encrypted (for GCM it is the
 * associated data, RFC 7714 §8.2); RFC 7714 header extension encryption is not supported.
 *
 * <p>Per SSRC it keeps the rollover counter, the highest sequence number, replay windows of
 * 960 indices for SRTP and SRTCP, and the next SRTCP index to send. The
 * packet index is estimated exactly as RFC 3711 §3.3.1 says, and on the receiving side the ROC
 * and the replay window move only after the packet authenticated. State for a new SSRC is
 * created (allocating) on its first protected or authenticated packet; at most {@code maxSsrcs}
 * SSRCs are kept, so a flood of new SSRCs is refused. Otherwise protect and unprotect allocate
 * nothing.
 *
 * <p>Not thread-safe: the caller owns each context from one thread at a time (in Parley, the
 * transport's packet loop).
 */
public final class SrtpContext {
    /** Default bound on SSRCs per context, enough for a browser's audio, simulcast video and RTX. */
    public static final int DEFAULT_MAX_SSRCS = 64;

    private static final int RTP_HEADER_LENGTH = 12;
    private static final int RTP_SEQ_OFFSET = 2;
    private static final int RTP_SSRC_OFFSET = 8;
    private static final int RTP_CSRC_LENGTH = 4;
    private static final int RTP_EXTENSION_HEADER_LENGTH = 4;
    private static final int RTCP_HEADER_LENGTH = 8;
    private static final int RTCP_SSRC_OFFSET = 4;
    private static final int VERSION_2 = 2;

    private final SrtpProfile profile;
    private final PacketCrypto rtp;
    private final PacketCrypto rtcp;
    private final SsrcTable streams;

    SrtpContext(SrtpProfile profile, PacketCrypto rtp, PacketCrypto rtcp, int maxSsrcs) {
        this.profile = Objects.requireNonNull(profile);
        this.rtp = rtp;
        this.rtcp = rtcp;
        this.streams = new SsrcTable(maxSsrcs);
    }

    /** A context for the master key and salt one side of a DTLS-SRTP export gives, for up to 64 SSRCs. */
    public static SrtpContext create(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
        return create(profile, masterKey, masterSalt, DEFAULT_MAX_SSRCS);
    }

    /**
     * A context for up to {@code maxSsrcs} SSRCs. A sending context towards a receiver of many
     * forwarded streams needs more than the default.
     */
    public static SrtpContext create(SrtpProfile profile, byte[] masterKey, byte[] masterSalt, int maxSsrcs) {
        checkLength("master key", masterKey.length, profile.keyLength());
        checkLength("master salt", masterSalt.length, profile.saltLength());
        return new SrtpContext(profile,
                PacketCrypto.derive(profile, masterKey, masterSalt, false),
                PacketCrypto.derive(profile, masterKey, masterSalt, true),
                maxSsrcs);
    }

    public SrtpProfile profile() {
        return profile;
    }

    /**
     * Encrypts the RTP packet buf[off, off+len) in place and appends the tag.
     *
     * <p>The keystream is a function of SSRC and packet index only, so protecting two different
     * packets under one SSRC and sequence number (within a rollover) would reuse it, and for GCM
     * also expose the hash key: send an old sequence number again only with the same bytes (a
     * retransmission of the packet as first sent).
     *
     * @return the SRTP length, len + {@link SrtpProfile#srtpOverhead()}; the caller guarantees
     *     buf has that room
     * @throws IllegalArgumentException if the packet is not a well-formed RTP packet
     * @throws IllegalStateException if this is a new SSRC and the context already has maxSsrcs
     */
    public int protectRtp(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len + profile.srtpOverhead(), buf.length);
        int headerLength;
        try {
            headerLength = rtpHeaderLength(buf, off, len);
        } catch (SrtpException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        int ssrc = Bytes.getInt(buf, off + RTP_SSRC_OFFSET);
        int seq = Bytes.getUnsignedShort(buf, off + RTP_SEQ_OFFSET);
        SsrcState state = stateForSending(ssrc);
        long index = state.estimateIndex(seq);
        if (index < 0) {
            // a sequence number from before the stream's first: the receiver drops it whatever we do
            index = seq;
        } else {
            state.advanceRtp(index);
        }
        rtp.protectRtp(buf, off, headerLength, len, ssrc, index);
        return len + profile.srtpOverhead();
    }

    /**
     * Authenticates the SRTP packet buf[off, off+len), checks it is no replay, and decrypts it in
     * place.
     *
     * @return the RTP length, without the tag
     */
    public int unprotectRtp(byte[] buf, int off, int len) throws SrtpException {
        Objects.checkFromIndexSize(off, len, buf.length);
        int tagLength = profile.tagLength();
        if (len < RTP_HEADER_LENGTH + tagLength) {
            throw new SrtpException("SRTP packet length " + len + " (expected: at least "
                    + RTP_HEADER_LENGTH + " + tag " + tagLength + ")");
        }
        int rtpLength = len - tagLength;
        int headerLength = rtpHeaderLength(buf, off, rtpLength);
        int ssrc = Bytes.getInt(buf, off + RTP_SSRC_OFFSET);
        int seq = Bytes.getUnsignedShort(buf, off + RTP_SEQ_OFFSET);
        SsrcState state = stateForReceiving(ssrc);
        long index = state == null ? seq : state.estimateIndex(seq);
        if (index < 0) {
            throw new SrtpException("SRTP replay: sequence number " + seq
                    + " (expected: not before the stream's first packet)");
        }
        if (state != null) {
            checkReplay("SRTP", state.rtpReplay, index);
        }
        rtp.unprotectRtp(buf, off, headerLength, rtpLength, ssrc, index);
        if (state == null) {
            state = streams.add(ssrc);
        }
        state.advanceRtp(index);
        state.rtpReplay.accept(index);
        return rtpLength;
    }

    /**
     * Encrypts the RTCP packet buf[off, off+len) in place (E flag set) and appends the SRTCP index
     * and tag. The index counts per SSRC from 0.
     *
     * @return the SRTCP length, len + {@link SrtpProfile#srtcpOverhead()}; the caller guarantees
     *     buf has that room
     * @throws IllegalArgumentException if the packet is shorter than an RTCP header or not version 2
     * @throws IllegalStateException if this is a new SSRC and the context already has maxSsrcs
     */
    public int protectRtcp(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len + profile.srtcpOverhead(), buf.length);
        if (len < RTCP_HEADER_LENGTH || version(buf, off) != VERSION_2) {
            throw new IllegalArgumentException("RTCP packet length " + len + ", version " + version(buf, off)
                    + " (expected: at least " + RTCP_HEADER_LENGTH + ", version 2)");
        }
        int ssrc = Bytes.getInt(buf, off + RTCP_SSRC_OFFSET);
        int index = stateForSending(ssrc).takeSrtcpIndex();
        return rtcp.protectRtcp(buf, off, len, ssrc, index);
    }

    /**
     * Authenticates the SRTCP packet buf[off, off+len), checks it is no replay, and decrypts it in
     * place if its E flag is set.
     *
     * @return the RTCP length, without SRTCP index and tag
     */
    public int unprotectRtcp(byte[] buf, int off, int len) throws SrtpException {
        Objects.checkFromIndexSize(off, len, buf.length);
        int overhead = profile.srtcpOverhead();
        if (len < RTCP_HEADER_LENGTH + overhead) {
            throw new SrtpException("SRTCP packet length " + len + " (expected: at least " + RTCP_HEADER_LENGTH
                    + " + index " + SrtpProfile.SRTCP_INDEX_LENGTH + " + tag " + profile.tagLength() + ")");
        }
        if (version(buf, off) != VERSION_2) {
            throw new SrtpException("SRTCP version " + version(buf, off) + " (expected: 2)");
        }
        int word = Bytes.getInt(buf, off + profile.srtcpIndexOffset(len));
        boolean encrypted = word < 0;
        int index = word & 0x7fff_ffff;
        int ssrc = Bytes.getInt(buf, off + RTCP_SSRC_OFFSET);
        SsrcState state = stateForReceiving(ssrc);
        if (state != null) {
            checkReplay("SRTCP", state.rtcpReplay, index);
        }
        int rtcpLength = rtcp.unprotectRtcp(buf, off, len, ssrc, index, encrypted);
        if (state == null) {
            state = streams.add(ssrc);
        }
        state.rtcpReplay.accept(index);
        return rtcpLength;
    }

    /**
     * Forgets an SSRC's state, freeing its place under maxSsrcs. On a receiving context this also
     * forgets which of its packets were seen, so call it only for a stream that has ended (RTCP
     * BYE, track removed) and whose packets will be dropped before reaching this context.
     */
    public void removeSsrc(int ssrc) {
        streams.remove(ssrc);
    }

    /** How many SSRCs this context keeps state for. */
    public int ssrcCount() {
        return streams.size();
    }

    /** For tests: the rollover counter of an SSRC, or -1 if unknown. */
    long rolloverCounter(int ssrc) {
        SsrcState state = streams.get(ssrc);
        return state == null ? -1 : state.rolloverCounter();
    }

    /** For tests (RFC 7714 §17 starts at index 0x5d4): the next SRTCP index sent for an SSRC. */
    void setNextSrtcpIndex(int ssrc, int index) {
        stateForSending(ssrc).setNextSrtcpIndex(index);
    }

    private SsrcState stateForSending(int ssrc) {
        SsrcState state = streams.get(ssrc);
        if (state != null) {
            return state;
        }
        if (streams.isFull()) {
            throw new IllegalStateException("SRTP SSRC count " + streams.size() + " (expected: below maxSsrcs "
                    + streams.capacity() + "; create the sending context with a larger maxSsrcs)");
        }
        return streams.add(ssrc);
    }

    /** The SSRC's state, null if new (created only once a packet authenticates). */
    private SsrcState stateForReceiving(int ssrc) throws SrtpException {
        SsrcState state = streams.get(ssrc);
        if (state == null && streams.isFull()) {
            throw new SrtpException("SRTP SSRC count " + streams.size() + " for a new SSRC (expected: below "
                    + streams.capacity() + ")");
        }
        return state;
    }

    private static void checkReplay(String protocol, ReplayWindow window, long index) throws SrtpException {
        switch (window.check(index)) {
            case ReplayWindow.SEEN -> throw new SrtpException(protocol + " replay: index " + index + " already seen");
            case ReplayWindow.TOO_OLD -> throw new SrtpException(protocol + " replay: index " + index
                    + " too old (expected: above " + (window.highest() - ReplayWindow.SIZE) + ", the highest "
                    + window.highest() + " minus the window " + ReplayWindow.SIZE + ")");
            default -> { }
        }
    }

    /** Header length with CSRCs and extension (RFC 3550 §5.1, §5.3.1), checked against len. */
    private static int rtpHeaderLength(byte[] buf, int off, int len) throws SrtpException {
        if (len < RTP_HEADER_LENGTH) {
            throw new SrtpException("SRTP packet length " + len + " (expected: at least " + RTP_HEADER_LENGTH + ")");
        }
        if (version(buf, off) != VERSION_2) {
            throw new SrtpException("SRTP version " + version(buf, off) + " (expected: 2)");
        }
        int headerLength = RTP_HEADER_LENGTH + (buf[off] & 0x0f) * RTP_CSRC_LENGTH;
        boolean extension = (buf[off] & 0x10) != 0;
        if (extension && headerLength + RTP_EXTENSION_HEADER_LENGTH <= len) {
            int words = Bytes.getUnsignedShort(buf, off + headerLength + 2);
            headerLength += RTP_EXTENSION_HEADER_LENGTH + words * 4;
        } else if (extension) {
            headerLength += RTP_EXTENSION_HEADER_LENGTH;
        }
        if (headerLength > len) {
            throw new SrtpException("SRTP header length " + headerLength + " (expected: at most " + len
                    + ", the packet length without tag)");
        }
        return headerLength;
    }

    private static int version(byte[] buf, int off) {
        return (buf[off] & 0xff) >>> 6;
    }

    private static void checkLength(String what, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("SRTP " + what + " length " + actual + " (expected: " + expected + ")");
        }
    }
}
