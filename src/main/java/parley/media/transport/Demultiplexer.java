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
        if (first >= 20 && first <= 63) t.onDtls(buf, off, len);
        else if (first >= 128 && first <= 191) t.onSrtp(buf, off, len, nowMs);
        else counters.malformed.increment();
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

    /** Only the ufrag: an ICE restart retired it, the transport and its addresses stay. */
    void unregisterUfrag(String localUfrag, Transport t) {
        byUfrag.remove(localUfrag, t);
    }

    void unregister(String localUfrag, Transport t) {
        byUfrag.remove(localUfrag, t);
        byAddress.values().removeIf(x -> x == t);
    }

    /** Transports reachable by STUN (one during an ICE restart has two ufrags, counted once). */
    public int transportCount() {
        return (int) byUfrag.values().stream().distinct().count();
    }
}
