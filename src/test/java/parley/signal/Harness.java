package parley.signal;

import java.time.Duration;

/**
 * A {@link SignalServer} whose rooms run on the test's own thread, with a manual clock
 * and scheduler and a fake media plane: every call has had its full effect when it
 * returns, so tests need no waiting and no sleeping.
 */
final class Harness {
    final ManualScheduler time = new ManualScheduler();
    final FakeMediaPlane media = new FakeMediaPlane();
    final SignalServer server;

    Harness() {
        this(testConfig());
    }

    Harness(SignalConfig.Builder config) {
        server = new SignalServer(config.build(), media, time, time, Runnable::run);
    }

    /** Defaults, with cheap password hashing. */
    static SignalConfig.Builder testConfig() {
        return SignalConfig.builder().passwordIterations(1000);
    }

    TestClient client() {
        return new TestClient(server);
    }

    /** A client connecting from {@code address} ("192.0.2.7", "2001:db8::1"). */
    TestClient clientFrom(String address) {
        try {
            return new TestClient(server, java.net.InetAddress.getByName(address));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    /** A client that has joined {@code room} as {@code name}. */
    TestClient joined(String room, String name) {
        TestClient c = client();
        c.join(room, name, "");
        return c;
    }

    void advance(Duration d) {
        time.advance(d);
    }
}
