package parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;
import parley.signal.Connection;
import parley.signal.Outbound;

/** The bridge between a Jetty session and signal's Connection, against a recording fake session. */
class SignalSocketTest {
    /** What the socket did to its session; callbacks of sends are completed by the test. */
    static final class FakeSession {
        final List<String> sent = new ArrayList<>();
        final List<Callback> sendCallbacks = new ArrayList<>();
        final List<String> closes = new ArrayList<>();
        int pings;

        Session proxy() {
            return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                    (self, method, args) -> switch (method.getName()) {
                        case "sendText" -> {
                            sent.add((String) args[0]);
                            sendCallbacks.add((Callback) args[1]);
                            yield null;
                        }
                        case "sendPing" -> {
                            pings++;
                            yield null;
                        }
                        case "close" -> {
                            closes.add(args[0] + " " + args[1]);
                            yield null;
                        }
                        case "isOpen" -> true;
                        case "toString" -> "FakeSession";
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    /** Records what signal would see. */
    static final class RecordingConnection implements Connection {
        final List<String> events = new ArrayList<>();

        @Override
        public void onText(String text) {
            events.add("text " + text);
        }

        @Override
        public void onPong() {
            events.add("pong");
        }

        @Override
        public void onClose() {
            events.add("close");
        }
    }

    final FakeSession session = new FakeSession();
    final RecordingConnection connection = new RecordingConnection();
    Outbound outbound;

    SignalSocket open() {
        SignalSocket socket = new SignalSocket(out -> {
            outbound = out;
            return connection;
        });
        socket.onWebSocketOpen(session.proxy());
        return socket;
    }

    @Test
    void acceptorGetsTheSocketAsOutboundAndTextsInOrder() {
        SignalSocket socket = open();
        assertSame(socket, outbound);
        socket.onWebSocketText("a");
        socket.onWebSocketText("b");
        assertEquals(List.of("text a", "text b"), connection.events);
    }

    @Test
    void pingsGoOutAndPongsComeInUntilTheEnd() {
        SignalSocket socket = open();
        outbound.ping();
        assertEquals(1, session.pings);
        socket.onWebSocketPong(java.nio.ByteBuffer.allocate(0));
        assertEquals(List.of("pong"), connection.events);
        outbound.close(1000, "idle");
        outbound.ping();
        assertEquals(1, session.pings, "no ping after a close");
    }

    @Test
    void sendQueuesWithoutWaiting() {
        SignalSocket socket = open();
        outbound.send("{\"type\":\"pong\"}");
        outbound.send("{\"type\":\"pong\"}");
        assertEquals(2, session.sent.size());
        assertEquals(30, socket.backlogChars());
        session.sendCallbacks.forEach(Callback::succeed);
        assertEquals(0, socket.backlogChars());
    }

    @Test
    void slowReaderIsClosedWith1008AndLaterSendsAreDropped() {
        SignalSocket socket = open();
        String chunk = "x".repeat(64 * 1024);
        for (int i = 0; i < 16; i++) outbound.send(chunk);   // exactly 1 MiB queued: still fine
        assertEquals(List.of(), session.closes);
        outbound.send("y");                                  // one char over the limit
        assertEquals(List.of("1008 too slow to read"), session.closes);
        assertEquals(16, session.sent.size());
        outbound.send("z");
        assertEquals(16, session.sent.size(), "nothing is queued after the close");
        assertEquals(SignalSocket.MAX_BACKLOG_CHARS, socket.backlogChars());
    }

    @Test
    void failedWritesAlsoLeaveTheBacklog() {
        SignalSocket socket = open();
        outbound.send("abc");
        session.sendCallbacks.get(0).fail(new java.io.IOException("reset"));
        assertEquals(0, socket.backlogChars());
    }

    @Test
    void binaryFrameCloses1003() {
        SignalSocket socket = open();
        boolean[] done = new boolean[1];
        socket.onWebSocketBinary(ByteBuffer.allocate(3), Callback.from(() -> done[0] = true, x -> {}));
        assertEquals(List.of("1003 binary frames are not accepted"), session.closes);
        assertEquals(true, done[0], "the frame's buffer is released");
    }

    @Test
    void closeIsReportedOnceWhateverComesFirst() {
        SignalSocket socket = open();
        socket.onWebSocketError(new java.io.IOException("reset"));
        socket.onWebSocketClose(1006, "abnormal", Callback.NOOP);
        socket.onWebSocketText("late");
        assertEquals(List.of("close"), connection.events);
    }

    @Test
    void outboundCloseClosesTheSession() {
        open();
        outbound.close(1008, "rate-limited");
        assertEquals(List.of("1008 rate-limited"), session.closes);
        outbound.send("after");
        assertEquals(List.of(), session.sent);
    }

    @Test
    void failingAcceptorCloses1011() {
        SignalSocket socket = new SignalSocket(out -> {
            throw new IllegalStateException("full");
        });
        socket.onWebSocketOpen(session.proxy());
        socket.onWebSocketText("ignored");
        socket.onWebSocketClose(1011, "server error", Callback.NOOP);
        assertEquals(List.of("1011 server error"), session.closes);
    }
}
