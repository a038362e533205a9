package parley.signal;

/** Accepts new connections. parley.web calls accept() on each WebSocket upgrade. */
public interface ConnectionAcceptor {
    Connection accept(Outbound out);
}
