package parley.signal;

/** Accepts new connections. parley.web calls accept() on each WebSocket upgrade. */
public interface ConnectionAcceptor {
    Connection accept(Outbound out);

    /**
     * What a client should know before it joins, as a JSON object served at
     * {@code /server.json} (docs/protocol.md, "Before joining"); nothing about any room.
     */
    default String joinRules() {
        return "{\"hostPolicy\":\"none\"}";
    }
}
