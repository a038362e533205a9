package parley.bench.load;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import parley.media.dtls.DtlsCertificate;

/**
 * What every participant of one run shares: the options, the counters, the media, the DTLS
 * certificate, the sender thread and the receiver threads, the timer thread, the WebSocket client, and the
 * addresses of the server's host (the only ones media is sent to). All of it thread-safe.
 */
record LoadContext(LoadOptions options, Stats stats, MediaFixtures fixtures, DtlsCertificate certificate, Pacer pacer,
                   List<Receiver> receivers, ScheduledExecutorService timer, WebSocketClient webSockets, List<InetAddress> serverHosts,
                   Publisher.SpeakerTurns turns) {
    LoadContext {
        receivers = List.copyOf(receivers);
        serverHosts = List.copyOf(serverHosts);
    }
}
