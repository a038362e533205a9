package parley.sip;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * RFC 3261 transactions over UDP for a user agent server that also sends BYE, on an injected
 * clock ({@code nowMs} everywhere; {@link #tick} runs the timers):
 * <ul>
 * <li>a retransmitted request (same top-Via branch and method) gets the last response again and
 *     is not passed on (sections 17.2.1, 17.2.2);
 * <li>a final response to INVITE is retransmitted from T1, doubling up to T2, until its ACK
 *     (Timer G for non-2xx, matched by branch; section 13.3.1.4 for 2xx, matched by Call-ID and
 *     CSeq), and given up after 64·T1, when {@code ackTimeout} hears the Call-ID;
 * <li>a request Parley sends (BYE) is retransmitted (Timer E) until a response or 64·T1.
 * </ul>
 * Not thread-safe: the SIP thread owns it.
 */
public final class Transactions {
    public static final long T1 = 500, T2 = 4000, TIMEOUT = 64 * T1;
    public static final int MAX = 4096;

    /** Puts a message on the wire. */
    public interface Sender {
        void send(byte[] data, InetSocketAddress to);
    }

    private static final class Tx {
        final InetSocketAddress peer;
        final String callId;
        final long cseq;
        byte[] last;
        boolean retransmit;
        boolean invite2xx;
        long interval, next, expires;

        Tx(InetSocketAddress peer, String callId, long cseq, long expires) {
            this.peer = peer;
            this.callId = callId;
            this.cseq = cseq;
            this.expires = expires;
        }
    }

    private final Map<String, Tx> server = new HashMap<>();
    private final Map<String, Tx> client = new HashMap<>();
    private final Sender sender;
    private final Consumer<String> ackTimeout;
    private long retransmissions;

    public Transactions(Sender sender, Consumer<String> ackTimeout) {
        this.sender = sender;
        this.ackTimeout = ackTimeout;
    }

    private static String key(String branch, String method) {
        return branch + ' ' + ("ACK".equals(method) ? "INVITE" : method);
    }

    /**
     * A request arrived: true when it is new and the caller should handle it; false when it was a
     * retransmission (answered again here) or the ACK of a non-2xx final response (absorbed).
     * An ACK for a 2xx stops that 2xx's retransmission and is passed on (true).
     */
    public boolean receive(SipMessage req, InetSocketAddress peer, long nowMs) throws SipException {
        String branch = req.branch();
        if (req.method().equals("ACK")) {
            Tx tx = branch.isEmpty() ? null : server.get(key(branch, "INVITE"));
            if (tx != null && !tx.invite2xx) {
                tx.retransmit = false;
                return false;
            }
            for (Tx t : server.values()) {
                if (t.invite2xx && t.callId.equals(req.callId()) && t.cseq == req.cseq()) t.retransmit = false;
            }
            return true;
        }
        if (branch.isEmpty()) return true; // RFC 2543 peers: no matching, the dialog layer copes
        Tx tx = server.get(key(branch, req.method()));
        if (tx != null) {
            if (tx.last != null) sender.send(tx.last, peer);
            return false;
        }
        if (server.size() >= MAX) throw new SipException(503, "too many transactions");
        server.put(key(branch, req.method()), new Tx(peer, req.callId(), req.cseq(), nowMs + TIMEOUT));
        return true;
    }

    /** Sends a response to {@code req} and remembers it for retransmissions of the request. */
    public void respond(SipMessage req, SipMessage resp, InetSocketAddress peer, long nowMs) {
        byte[] bytes = resp.encode();
        sender.send(bytes, peer);
        if (req.branch().isEmpty()) return;
        Tx tx = server.get(key(req.branch(), req.method()));
        if (tx == null) return;
        tx.last = bytes;
        if (req.method().equals("INVITE") && resp.status() >= 200) {
            tx.retransmit = true;
            tx.invite2xx = resp.status() < 300;
            tx.interval = T1;
            tx.next = nowMs + T1;
            tx.expires = nowMs + TIMEOUT;
        }
    }

    /** Sends a request of Parley's own (BYE), retransmitted until its response. */
    public void request(SipMessage req, InetSocketAddress peer, long nowMs) {
        Tx tx = new Tx(peer, req.callId(), req.cseq(), nowMs + TIMEOUT);
        tx.last = req.encode();
        tx.retransmit = true;
        tx.interval = T1;
        tx.next = nowMs + T1;
        client.put(key(req.branch(), req.method()), tx);
        sender.send(tx.last, peer);
    }

    /** A response arrived: true when it answers a request Parley sent (whose retransmission stops). */
    public boolean receiveResponse(SipMessage resp) {
        Tx tx = client.get(key(resp.branch(), resp.cseqMethod()));
        if (tx == null) return false;
        if (resp.status() >= 200) client.remove(key(resp.branch(), resp.cseqMethod()));
        return true;
    }

    /** Runs the timers: retransmissions, and forgetting transactions 64·T1 after they ended. */
    public void tick(long nowMs) {
        tick(server, nowMs, true);
        tick(client, nowMs, false);
    }

    private void tick(Map<String, Tx> map, long nowMs, boolean isServer) {
        for (Iterator<Tx> it = map.values().iterator(); it.hasNext(); ) {
            Tx tx = it.next();
            if (nowMs >= tx.expires) {
                it.remove();
                if (isServer && tx.retransmit && tx.invite2xx) ackTimeout.accept(tx.callId);
                continue;
            }
            if (tx.retransmit && nowMs >= tx.next) {
                sender.send(tx.last, tx.peer);
                retransmissions++;
                tx.interval = Math.min(tx.interval * 2, T2);
                tx.next = nowMs + tx.interval;
            }
        }
    }

    public long retransmissions() {
        return retransmissions;
    }

    public int size() {
        return server.size() + client.size();
    }
}
