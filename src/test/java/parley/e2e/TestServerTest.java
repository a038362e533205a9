package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The server helper with a stand-in server: ports, URLs, readiness, log capture, shutdown. */
class TestServerTest {
    @Test
    void startsWaitsForThePortCapturesLogsAndStops() {
        AtomicBoolean stopped = new AtomicBoolean();
        ServerSpec spec = ServerSpec.onFreePorts(List.of("127.0.0.1", "10.77.9.1"));

        try (ServerHandle server = TestServer.start(spec, s -> standIn(s, stopped))) {
            LoggerFactory.getLogger("parley.standin").info("listening on port {}", server.httpPort());

            assertEquals("https://127.0.0.1:" + spec.httpPort() + "/", server.baseUrl().toString());
            assertEquals("wss://127.0.0.1:" + spec.httpPort() + "/ws", server.wsUrl());
            assertEquals("https://10.77.9.1:" + spec.httpPort() + "/velvet-otter", server.roomUrl("10.77.9.1", "velvet-otter"));
            assertTrue(server.logs().text().contains("INFO parley.standin - listening on port"), server.logs().text());
            server.logs().assertNoneContain("velvet-otter");
            AssertionError leak = assertThrows(AssertionError.class, () -> server.logs().assertNoneContain("port"));
            assertTrue(leak.getMessage().contains("listening on port"), leak.getMessage());
        }
        assertTrue(stopped.get(), "stand-in server not stopped");
    }

    /** Listens on the HTTPS port like the real server would. */
    private static AutoCloseable standIn(ServerSpec spec, AtomicBoolean stopped) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress("127.0.0.1", spec.httpPort()));
        return () -> {
            socket.close();
            stopped.set(true);
        };
    }
}
