package parley.media.transport;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import parley.media.ice.StunMessage;

/**
 * Tells the datagrams on the one media port apart (RFC 7983 §7) and hands each to its
 * {@link Transport}: STUN by the USERNAME's local ufrag, everything else by the source
 * address that passed an ICE check. Loop thread only (not thread-safe).
 */
public final class Demultiplexer {
    private final MediaLoop loop;
    private final MediaCounters counters;
    private final Map<String, Transport> byUfrag = new HashMap<>();
    private final Map<InetSocketAddress, Transport> byAddress = new HashMap<>();

    Demultiplexer(MediaLoop loop, MediaCounters counters) {
        this.loop = loop;
        this.counters = counters;
    }

    MediaLoop loop() {
        return loop;
    }

    /** One datagram from {@code from}, received on the socket {@code via}. */
    void onDatagram(byte[] buf, int off, int len, InetSocketAddress from, MediaSocket via, long nowMs) {
        if (len < 1) {
            counters.malformed.increment();
            return;
        }
        int first = buf[off] & 0xff;
        if (first <= 3) {
            onStun(buf, off, len, from, via, nowMs);
            return;
        }
        Transport t = byAddress.get(from);
        if (t == null) {
            counters.unknownSource.increment();
            return;
        }
        dispatch(first, t, buf, off, len, nowMs);
    }

    /** DTLS or SRTP/SRTCP (RFC 7983), by the first byte, to a transport that passed a check. */
    private void dispatch(int first, Transport t, byte[] buf, int off, int len, long nowMs) {
        if (first >= 20 && first <= 63) t.onDtls(buf, off, len);
        else if (first >= 128 && first <= 191) t.onSrtp(buf, off, len, nowMs);
        else counters.malformed.increment();
    }

    /**
     * One RFC 4571 frame from an ICE-TCP connection. The connection itself routes it: a pending
     * one's first frame must be a STUN check that the transport named by its USERNAME accepts
     * (which makes the connection that transport's); after that everything goes to that transport,
     * STUN for another ufrag excepted.
     *
     * @return false when the connection must close (the caller closes and counts it)
     */
    boolean onTcpFrame(byte[] buf, int off, int len, TcpLink link, long nowMs) {
        Transport t = link.transport();
        int first = len < 1 ? -1 : buf[off] & 0xff;
        if (first >= 0 && first <= 3) {
            if (!StunMessage.isStun(buf, off, len)) {
                counters.stunDropped.increment();
                return t != null;
            }
            String ufrag = StunMessage.localUfrag(buf, off, len);
            Transport owner = ufrag == null ? null : byUfrag.get(ufrag);
            if (owner == null || (t != null && owner != t)) {
                counters.stunDropped.increment();
                return false;
            }
            // A first check must pass; a later bad one is dropped, as on UDP.
            return owner.onTcpStun(buf, off, len, link, nowMs) || t != null;
        }
        if (t == null) return false; // anything but a check first
        if (first < 0) counters.malformed.increment();
        else dispatch(first, t, buf, off, len, nowMs);
        return true;
    }

    private void onStun(byte[] buf, int off, int len, InetSocketAddress from, MediaSocket via, long nowMs) {
        if (!StunMessage.isStun(buf, off, len)) {
            counters.stunDropped.increment();
            return;
        }
        String ufrag = StunMessage.localUfrag(buf, off, len);
        Transport t = ufrag == null ? null : byUfrag.get(ufrag);
        if (t == null) {
            counters.stunDropped.increment();
            return;
        }
        t.onStun(buf, off, len, from, via, nowMs);
    }

    void register(String localUfrag, Transport t) {
        if (byUfrag.putIfAbsent(localUfrag, t) != null) throw new IllegalStateException("ufrag clash");
    }

    /** Called when an address passed the ICE check of {@code t}: its packets now reach {@code t}. */
    void bindAddress(InetSocketAddress a, Transport t) {
        Transport old = byAddress.put(a, t);
        if (old != null && old != t) old.forgetAddress(a);
    }

    void unregister(String localUfrag, Transport t) {
        byUfrag.remove(localUfrag, t);
        byAddress.values().removeIf(x -> x == t);
    }

    public int transportCount() {
        return byUfrag.size();
    }
}
