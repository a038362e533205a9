package parley.app;

import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;
import parley.room.MediaPlane;
import parley.signal.ConnectionAcceptor;

/**
 * PLACEHOLDER wiring of signaling (the lead fixes it at merge). Intended body:
 * <pre>{@code
 * return new SignalServer(new SignalConfig(... c.allModerators(), c.hostPolicy(), c.hostSecret(), c.jwtKey() ...),
 *         media, clock, timers);
 * }</pre>
 */
final class SignalServers {
    /** WebSocket close code 1011: the server met a condition that prevented it from serving. */
    private static final int SERVER_ERROR = 1011;

    private SignalServers() {}

    static ConnectionAcceptor create(Config c, MediaPlane media, InstantSource clock, ScheduledExecutorService timers) {
        return out -> {
            out.close(SERVER_ERROR, "signaling not wired");
            return new parley.signal.Connection() {
                @Override
                public void onText(String text) {}

                @Override
                public void onClose() {}
            };
        };
    }
}
