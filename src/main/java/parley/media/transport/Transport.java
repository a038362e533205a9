package parley.media.transport;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import parley.media.dtls.DtlsCertificate;
import parley.media.dtls.DtlsException;
import parley.media.dtls.DtlsServer;
import parley.media.dtls.SrtpKeys;
import parley.media.ice.IceCredentials;
import parley.media.ice.IceLiteAgent;
import parley.media.rtp.RtpPacket;
import parley.media.srtp.SrtpContext;
import parley.media.srtp.SrtpException;
import parley.media.srtp.SrtpProfile;

/**
 * One client's ICE-lite + DTLS-SRTP association on the shared media port (all its
 * tracks, BUNDLE and rtcp-mux). Loop thread only, except where a method says otherwise.
 */
public final class Transport {
    /** SRTP profiles offered in DTLS use_srtp, best first: AES-CM allocates nothing per packet. */
    private static final List<Integer> SRTP_PROFILES = List.of(0x0001, 0x0007);
    /**
     * SSRCs the sending context keeps state for: one receiver gets every other participant's
     * tracks (and their RTX), and SSRCs of removed consumers are freed by {@link #forgetOutgoingSsrc}.
     */
    static final int MAX_OUTGOING_SSRCS = 4096;
    /** DTLS record header (RFC 6347 §4.1): type, version, epoch, sequence number, length. */
    private static final int DTLS_RECORD_HEADER = 13;
    private static final int DTLS_LENGTH_OFFSET = 11;

    private final MediaLoop loop;
    private final Demultiplexer demux;
    private final IceCredentials local;
    private final IceLiteAgent ice;
    private final DtlsServer dtls;
    private final TransportListener listener;
    /**
     * Every client address that passed a check, each with the socket of its first valid check
     * (one pair per address: the demultiplexer maps an address to one transport, not to a pair).
     */
    private final List<CandidatePair> pairs = new ArrayList<>();
    private final SplittableRandom testRandom = new SplittableRandom();
    /** Where media goes: the ICE agent's selected address with its pair's socket; null before the first check. */
    private CandidatePair selected;
    private SrtpContext srtpIn;
    /** Where this transport's outgoing SRTP context lives and its packets are encrypted; null: the loop itself. */
    private final Sealer sealer;
    private SrtpContext srtpOut;
    private boolean closed;
    private double testDropRate;

    /** Creates and registers the transport; call on the loop thread. */
    public Transport(MediaLoop loop, IceCredentials local, String remoteUfrag, String remotePwd,
            DtlsCertificate cert, String fingerprintAlgorithm, String fingerprintHex,
            TransportListener listener) throws DtlsException {
        this(loop, local, remoteUfrag, remotePwd, cert, fingerprintAlgorithm, fingerprintHex, listener,
                IceLiteAgent.DEFAULT_CONSENT_TIMEOUT_MS);
        register();
    }

    /**
     * Creates a transport on any thread (the DTLS setup is not the media loop's work); it
     * receives nothing until {@link #register()} runs on the loop.
     */
    public static Transport prepare(MediaLoop loop, IceCredentials local, String remoteUfrag, String remotePwd,
            DtlsCertificate cert, String fingerprintAlgorithm, String fingerprintHex,
            TransportListener listener) throws DtlsException {
        return new Transport(loop, local, remoteUfrag, remotePwd, cert, fingerprintAlgorithm, fingerprintHex,
                listener, IceLiteAgent.DEFAULT_CONSENT_TIMEOUT_MS);
    }

    /** Makes the transport reachable by its ICE ufrag. Loop thread. */
    public void register() {
        demux.register(local.ufrag(), this);
    }

    /** {@link #register()}, returning this (tests). */
    Transport registered() {
        register();
        return this;
    }

    /** As above with another ICE consent timeout (tests: a short one). */
    Transport(MediaLoop loop, IceCredentials local, String remoteUfrag, String remotePwd,
            DtlsCertificate cert, String fingerprintAlgorithm, String fingerprintHex,
            TransportListener listener, long consentTimeoutMs) throws DtlsException {
        this.loop = loop;
        this.demux = loop.demux();
        this.local = local;
        this.listener = listener;
        this.sealer = loop.assignSealer();
        this.ice = new IceLiteAgent(local, new IceCredentials(remoteUfrag, remotePwd),
                consentTimeoutMs, loop.nowMs());
        this.dtls = new DtlsServer(cert, fingerprintAlgorithm, fingerprintHex,
                this::sendDtls, new DtlsServer.Listener() {
                    @Override
                    public void onConnected(SrtpKeys keys) {
                        loop.execute(() -> installKeys(keys));
                    }

                    @Override
                    public void onFailed(String reason) {
                        loop.execute(() -> fail("dtls: " + reason));
                    }
                }, SRTP_PROFILES);
    }

    public IceCredentials localCredentials() {
        return local;
    }

    public boolean isConnected() {
        return srtpOut != null && selected != null && !closed;
    }

    /** Test hook: drops this fraction of outgoing RTP at random (the loss end-to-end test). */
    public void setTestDropRate(double rate) {
        this.testDropRate = rate;
    }

    /** Test hook: a downlink bottleneck of {@code rateBps} with a queue of {@code maxQueueMs} (0 removes it). */
    public void setTestDownlink(long rateBps, long maxQueueMs) {
        this.testShaper = rateBps > 0 ? new TestShaper(rateBps, maxQueueMs) : null;
    }

    private TestShaper testShaper;

    /** A STUN request from {@code from} that arrived on {@code via}. */
    void onStun(byte[] buf, int off, int len, InetSocketAddress from, MediaSocket via, long nowMs) {
        if (closed) return;
        IceLiteAgent.Result r = ice.handle(buf, off, len, from, nowMs);
        if (r.response() == null) {
            loop.counters().stunDropped.increment();
            return;
        }
        // RFC 8445 §7.2.5.2.1: the response comes from the address the request was sent to.
        loop.send(r.response(), 0, r.response().length, via, from);
        if (r.outcome() != IceLiteAgent.Outcome.ACCEPTED) return; // 487 role conflict: not a working path
        CandidatePair pair = pairOf(from);
        if (pair == null) {
            pair = new CandidatePair(via, from);
            pairs.add(pair);
            demux.bindAddress(from, this);
        }
        if (r.selected() || selected == null) selected = pair;
    }

    /**
     * A check on an ICE-TCP connection (RFC 6544), answered on that connection. The first one a
     * connection carries must pass: then the connection becomes this transport's.
     *
     * @return whether the check was accepted
     */
    boolean onTcpStun(byte[] buf, int off, int len, TcpLink link, long nowMs) {
        if (closed) return false;
        // The ICE agent tells UDP and TCP sources apart by address alone; a browser's TCP and UDP
        // candidates on the same address and port number would be taken for one (not seen in practice).
        IceLiteAgent.Result r = ice.handle(buf, off, len, link.remote(), nowMs);
        if (r.outcome() != IceLiteAgent.Outcome.ACCEPTED) {
            if (r.response() == null) loop.counters().stunDropped.increment();
            else if (link.transport() == this) sendPlain(r.response(), 0, r.response().length, pairOf(link));
            return false;
        }
        CandidatePair pair = pairOf(link);
        if (pair == null) {
            if (link.transport() != null || !link.port().mayMatch(tcpPairs())) return false;
            link.attach(this, sealer != null ? sealer.tcpSends() : loop.tcpSends());
            pair = CandidatePair.over(link);
            pairs.add(pair);
        }
        sendPlain(r.response(), 0, r.response().length, pair);
        if (r.selected() || selected == null) selected = pair;
        return true;
    }

    private int tcpPairs() {
        int n = 0;
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).tcp() != null) n++;
        }
        return n;
    }

    /** The UDP pair of a client address, or null. */
    private CandidatePair pairOf(InetSocketAddress remote) {
        for (int i = 0; i < pairs.size(); i++) {
            CandidatePair p = pairs.get(i);
            if (p.tcp() == null && p.remote().equals(remote)) return p;
        }
        return null;
    }

    private CandidatePair pairOf(TcpLink link) {
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).tcp() == link) return pairs.get(i);
        }
        return null;
    }

    /**
     * Sends what needs no encryption (STUN answers, DTLS) on a pair: a datagram, or a frame on a
     * TCP connection from the connection's writer thread (through the sealer's ring when there is one).
     */
    private void sendPlain(byte[] buf, int off, int len, CandidatePair pair) {
        if (pair.tcp() == null) loop.send(buf, off, len, pair);
        else if (sealer != null) sealer.sendPlain(buf, off, len, pair);
        else loop.tcpSends().send(pair.tcp(), buf, off, len);
    }

    /** The pair media goes out on, or null; loop thread (tests). */
    CandidatePair selectedPair() {
        return selected;
    }

    void onDtls(byte[] buf, int off, int len) {
        if (closed || !wellFormedDtls(buf, off, len)) {
            loop.counters().dtlsDropped.increment();
            return;
        }
        dtls.receive(buf, off, len);
    }

    /** Whether the datagram is a whole number of DTLS records (truncated ones never reach the DTLS thread). */
    private static boolean wellFormedDtls(byte[] buf, int off, int len) {
        int p = off;
        int end = off + len;
        while (p < end) {
            if (end - p < DTLS_RECORD_HEADER) return false;
            int recordLength = ((buf[p + DTLS_LENGTH_OFFSET] & 0xff) << 8) | (buf[p + DTLS_LENGTH_OFFSET + 1] & 0xff);
            p += DTLS_RECORD_HEADER + recordLength;
        }
        return p == end;
    }

    void onSrtp(byte[] buf, int off, int len, long nowMs) {
        if (srtpIn == null || closed) {
            loop.counters().srtpDropped.increment();
            return;
        }
        boolean rtcp = RtpPacket.isRtcp(buf, off, len);
        try {
            if (rtcp) {
                int n = srtpIn.unprotectRtcp(buf, off, len);
                listener.onRtcp(buf, off, n, nowMs);
            } else {
                int n = srtpIn.unprotectRtp(buf, off, len);
                listener.onRtp(buf, off, n, nowMs);
            }
        } catch (SrtpException e) {
            loop.counters().srtpDropped.increment();
        }
    }

    /** Another transport validated {@code a}: this one no longer sends there. */
    void forgetAddress(InetSocketAddress a) {
        forget(pairOf(a));
    }

    /** The TCP connection closed: nothing more goes there. Until another pair is checked, nothing is sent. */
    void forgetTcp(TcpLink link) {
        forget(pairOf(link));
    }

    private void forget(CandidatePair pair) {
        if (pair == null) return;
        pairs.remove(pair);
        if (pair == selected) selected = pairs.isEmpty() ? null : pairs.getLast();
    }

    /**
     * Encrypts in place and sends; {@code buf} needs {@link MediaLoop#SEND_HEADROOM} spare bytes.
     * A packet that cannot be protected (malformed, or too many SSRCs) is counted and dropped, so
     * that one receiver's problem never stops a forwarding loop over the others.
     */
    public void sendRtp(byte[] buf, int off, int len) {
        if (!isConnected()) return;
        if (testDropRate > 0 && testRandom.nextDouble() < testDropRate) {
            loop.counters().testDropped.increment();
            return;
        }
        if (testShaper != null) testShaper.offer(buf, off, len, loop.counters());
        else protectAndSend(buf, off, len, false);
    }

    /** Encrypts in place and sends one compound RTCP packet; failures are counted as for RTP. */
    public void sendRtcp(byte[] buf, int off, int len) {
        if (isConnected()) protectAndSend(buf, off, len, true);
    }

    private void protectAndSend(byte[] buf, int off, int len, boolean rtcp) {
        if (sealer != null) {
            sealer.seal(srtpOut, rtcp, buf, off, len, selected);
            return;
        }
        int n;
        try {
            n = rtcp ? srtpOut.protectRtcp(buf, off, len) : srtpOut.protectRtp(buf, off, len);
        } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
            loop.counters().sendErrors.increment();
            return;
        }
        if (selected.tcp() != null) loop.tcpSends().send(selected.tcp(), buf, off, n);
        else loop.send(buf, off, n, selected);
    }

    /** Frees the sending state of an SSRC the server no longer sends on (a removed consumer). */
    public void forgetOutgoingSsrc(long ssrc) {
        if (srtpOut == null) return;
        if (sealer != null) sealer.forget(srtpOut, (int) ssrc);
        else srtpOut.removeSsrc((int) ssrc);
    }

    /** Consent freshness (RFC 7675); call from a loop ticker. */
    public void tick(long nowMs) {
        if (testShaper != null) {
            testShaper.drain(nowMs, (b, n) -> {
                if (isConnected()) protectAndSend(b, 0, n, false);
            });
        }
        if (!closed && ice.consentExpired(nowMs)) {
            selected = null; // RFC 7675 §5.1: nothing more is sent, not even a DTLS close_notify
            fail("ice consent expired");
        }
    }

    /**
     * DTLS records from the handshake thread are handed over to the loop, which owns the socket;
     * on the loop itself (the close_notify of {@link #close}) they go out at once.
     */
    private void sendDtls(byte[] buf, int off, int len) {
        if (loop.inLoop()) {
            sendDtlsNow(buf, off, len);
            return;
        }
        byte[] copy = java.util.Arrays.copyOfRange(buf, off, off + len);
        loop.execute(() -> {
            if (!closed) sendDtlsNow(copy, 0, copy.length);
        });
    }

    private void sendDtlsNow(byte[] buf, int off, int len) {
        if (selected != null) sendPlain(buf, off, len, selected);
    }

    private void installKeys(SrtpKeys k) {
        if (closed) return;
        SrtpProfile p;
        try {
            p = SrtpProfile.fromId(k.profileId());
        } catch (SrtpException e) {
            fail("dtls: " + e.getMessage());
            return;
        }
        srtpIn = SrtpContext.create(p, k.clientWriteKey(), k.clientWriteSalt());
        srtpOut = SrtpContext.create(p, k.serverWriteKey(), k.serverWriteSalt(), MAX_OUTGOING_SSRCS);
        listener.onConnected(loop.nowMs());
    }

    private void fail(String reason) {
        if (closed) return;
        close();
        listener.onClosed(reason);
    }

    /** Frees everything and sends a DTLS close_notify if connected; idempotent. Loop thread. */
    public void close() {
        if (closed) return;
        closed = true;
        dtls.close(); // sends close_notify through sendDtls, on this thread
        demux.unregister(local.ufrag(), this);
        List<CandidatePair> was = List.copyOf(pairs);
        pairs.clear();
        selected = null;
        // With a sealer the close_notify above may still be in its ring: lost with the connection, which is allowed.
        for (CandidatePair p : was) {
            if (p.tcp() != null) p.tcp().close();
        }
    }
}
