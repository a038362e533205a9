package parley.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A join storm: {@code clients} WebSockets open at once and join {@code rooms} rooms, spread
 * over several client addresses (127.0.0.x, as people behind a few NATs), while two honest
 * participants in their own room chat one message at a time and time each one from send to
 * receipt. All clients share one thread pool and Jetty's asynchronous WebSocket client, so the
 * storm is limited by the server, not by the clients. Used by JoinStormTest and bench/join-storm.sh.
 */
public final class JoinStorm {
    /** What to run. {@code url} is the server's https://host:port. */
    public record Options(URI url, int clients, int rooms, List<InetAddress> stormAddresses, InetAddress honestAddress,
            Duration deadline) {
        public Options {
            stormAddresses = List.copyOf(stormAddresses);
        }
    }

    /** What happened; latencies in milliseconds. */
    public record Report(int clients, int joined, List<String> failures, double joinSeconds, long joinP50Ms,
            long joinP99Ms, int chatSent, int chatReceived, long chatP50Ms, long chatP99Ms, long chatMaxMs) {
        public double joinsPerSecond() {
            return joinSeconds <= 0 ? 0 : joined / joinSeconds;
        }

        public String toText() {
            return String.format("storm: %d of %d joined in %.2f s (%.0f joins/s); join latency p50 %d ms, p99 %d ms; "
                    + "failures %d%s%nhonest chat: %d of %d received; latency p50 %d ms, p99 %d ms, max %d ms",
                    joined, clients, joinSeconds, joinsPerSecond(), joinP50Ms, joinP99Ms, failures.size(),
                    failures.isEmpty() ? "" : " (first: " + failures.get(0) + ")", chatReceived, chatSent, chatP50Ms,
                    chatP99Ms, chatMaxMs);
        }
    }

    private static final long CHAT_GAP_MS = 50;
    private static final long CHAT_WAIT_MS = 5_000;

    private JoinStorm() {}

    public static Report run(Options o) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(32, 4);
        pool.setName("storm");
        pool.start();
        List<WebSocketClient> clients = new ArrayList<>();
        try {
            Map<InetAddress, WebSocketClient> byAddress = new ConcurrentHashMap<>();
            for (InetAddress a : union(o.stormAddresses(), o.honestAddress())) {
                WebSocketClient c = client(a, pool);
                clients.add(c);
                byAddress.put(a, c);
            }
            return storm(o, byAddress);
        } finally {
            for (WebSocketClient c : clients) c.stop();
            pool.stop();
        }
    }

    private static List<InetAddress> union(List<InetAddress> addresses, InetAddress one) {
        List<InetAddress> all = new ArrayList<>(addresses);
        if (!all.contains(one)) all.add(one);
        return all;
    }

    private static WebSocketClient client(InetAddress source, QueuedThreadPool pool) throws Exception {
        HttpClient http = new HttpClient();
        http.setExecutor(pool);
        http.setBindAddress(new InetSocketAddress(source, 0));
        // The server's certificate is self-signed. One random generator per thread, as the
        // server has (parley.web.PerThreadRandom): 500 handshakes at once must not queue on a lock.
        http.setSslContextFactory(parley.web.PerThreadRandom.trustingClientTls());
        http.setMaxConnectionsPerDestination(10_000);
        http.setMaxRequestsQueuedPerDestination(10_000);
        WebSocketClient ws = new WebSocketClient(http);
        ws.setMaxTextMessageSize(4 << 20);
        ws.start();
        return ws;
    }

    private static Report storm(Options o, Map<InetAddress, WebSocketClient> clients) throws Exception {
        Chat chat = Chat.open(o, clients.get(o.honestAddress()));
        Thread chatter = Thread.ofPlatform().name("honest-chat").start(chat::run);
        Thread.sleep(500); // a few honest messages before the storm, as a baseline
        Queue joins = new Queue(o.clients());
        long start = System.nanoTime();
        for (int i = 0; i < o.clients(); i++) {
            InetAddress from = o.stormAddresses().get(i % o.stormAddresses().size());
            joins.start(clients.get(from), o, "storm-" + (i % o.rooms()), "Guest " + i);
        }
        joins.done.await(o.deadline().toMillis(), TimeUnit.MILLISECONDS);
        double seconds = (joins.lastJoinNanos.get() - start) / 1e9;
        Thread.sleep(1_000); // the honest pair keeps chatting a little after the storm
        chat.stop();
        chatter.join(CHAT_WAIT_MS + 1_000);
        chat.awaitStragglers();
        for (SignalSocket s : joins.sockets) s.close();
        chat.close();
        List<Long> joinMs = sorted(joins.latenciesMs);
        List<Long> chatMs = sorted(chat.latenciesMs);
        return new Report(o.clients(), joinMs.size(), List.copyOf(joins.failures), seconds, percentile(joinMs, 0.50),
                percentile(joinMs, 0.99), chat.sent.get(), chatMs.size(), percentile(chatMs, 0.50),
                percentile(chatMs, 0.99), chatMs.isEmpty() ? 0 : chatMs.get(chatMs.size() - 1));
    }

    /** The storm's clients: each connects, joins on open, and counts down on joined or failure. */
    private static final class Queue {
        final CountDownLatch done;
        final ConcurrentLinkedQueue<Long> latenciesMs = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<SignalSocket> sockets = new ConcurrentLinkedQueue<>();
        final AtomicReference<Long> lastJoinNanos = new AtomicReference<>(System.nanoTime());

        Queue(int clients) {
            done = new CountDownLatch(clients);
        }

        void start(WebSocketClient client, Options o, String room, String name) {
            long start = System.nanoTime();
            AtomicInteger once = new AtomicInteger();
            AtomicReference<SignalSocket> self = new AtomicReference<>();
            SignalSocket socket = new SignalSocket(m -> {
                String type = m.path("type").asText();
                if (type.equals("joined") && once.getAndIncrement() == 0) {
                    long now = System.nanoTime();
                    latenciesMs.add(TimeUnit.NANOSECONDS.toMillis(now - start));
                    lastJoinNanos.accumulateAndGet(now, Math::max);
                    done.countDown();
                } else if (type.equals("error") && once.getAndIncrement() == 0) {
                    failures.add("error " + m.path("code").asText());
                    done.countDown();
                }
            }, closed -> {
                if (once.getAndIncrement() == 0) {
                    failures.add("closed " + closed);
                    done.countDown();
                }
            });
            self.set(socket);
            sockets.add(socket);
            CompletableFuture<?> connected = connect(client, o.url(), socket);
            connected.whenComplete((session, failure) -> {
                if (failure != null) {
                    if (once.getAndIncrement() == 0) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        failures.add(cause.getClass().getSimpleName());
                        done.countDown();
                    }
                } else {
                    self.get().send(Map.of("type", "join", "room", room, "name", name));
                }
            });
        }
    }

    static CompletableFuture<?> connect(WebSocketClient client, URI url, SignalSocket socket) {
        URI ws = URI.create("wss://" + url.getHost() + ":" + url.getPort() + "/ws");
        ClientUpgradeRequest request = new ClientUpgradeRequest(ws);
        request.setHeader("Origin", "https://" + url.getHost() + ":" + url.getPort());
        try {
            return client.connect(socket, request);
        } catch (java.io.IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Alice and Bob in their own room: Alice sends, Bob receives, one message in flight (Alice
     * waits up to {@link #CHAT_WAIT_MS} for each). A message that comes later than that is late,
     * not lost: it counts as received, with its latency, if it arrives before the count.
     */
    private static final class Chat {
        final ConcurrentLinkedQueue<Long> latenciesMs = new ConcurrentLinkedQueue<>();
        final AtomicInteger sent = new AtomicInteger();
        private final Map<String, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.concurrent.BlockingQueue<String> bobInbox = new java.util.concurrent.LinkedBlockingQueue<>();
        private volatile boolean running = true;
        private SignalSocket alice;
        private SignalSocket bob;

        static Chat open(Options o, WebSocketClient client) throws Exception {
            Chat c = new Chat();
            String room = "honest-" + Long.toHexString(System.nanoTime());
            c.alice = c.join(client, o.url(), room, "Alice", m -> {});
            c.bob = c.join(client, o.url(), room, "Bob", m -> {
                if (m.path("type").asText().equals("chat")) {
                    String text = m.path("text").asText();
                    Long at = c.sentAt.remove(text);
                    if (at != null) c.latenciesMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - at));
                    c.bobInbox.add(text);
                }
            });
            return c;
        }

        private SignalSocket join(WebSocketClient client, URI url, String room, String name,
                java.util.function.Consumer<JsonNode> then) throws Exception {
            CompletableFuture<Void> joined = new CompletableFuture<>();
            SignalSocket s = new SignalSocket(m -> {
                if (m.path("type").asText().equals("joined")) joined.complete(null);
                then.accept(m);
            }, closed -> joined.completeExceptionally(new IllegalStateException(name + " closed: " + closed)));
            connect(client, url, s).get(10, TimeUnit.SECONDS);
            s.send(Map.of("type", "join", "room", room, "name", name));
            joined.get(10, TimeUnit.SECONDS);
            return s;
        }

        void run() {
            try {
                for (int i = 0; running; i++) {
                    String text = "ping " + i;
                    long now = System.nanoTime();
                    sentAt.put(text, now);
                    alice.send(Map.of("type", "chat", "text", text));
                    sent.incrementAndGet();
                    awaitAtBob(text, now);
                    Thread.sleep(CHAT_GAP_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** True when Bob gets {@code text} within the wait; a late earlier message is skipped. */
        private boolean awaitAtBob(String text, long sentAt) throws InterruptedException {
            long deadline = sentAt + TimeUnit.MILLISECONDS.toNanos(CHAT_WAIT_MS);
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                if (text.equals(bobInbox.poll(left, TimeUnit.NANOSECONDS))) return true;
            }
            return false;
        }

        void stop() {
            running = false;
        }

        /** Waits up to {@link #CHAT_WAIT_MS} for messages still on their way. */
        void awaitStragglers() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHAT_WAIT_MS);
            while (!sentAt.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
        }

        void close() {
            alice.close();
            bob.close();
        }
    }

    private static List<Long> sorted(java.util.Collection<Long> values) {
        List<Long> list = new ArrayList<>(values);
        Collections.sort(list);
        return list;
    }

    static long percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) return 0;
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
