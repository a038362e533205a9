package parley.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What the fault tests install in a Chromium before the page loads (DevTools
 * Page.addScriptToEvaluateOnNewDocument), and read back. They record; one of them routes.
 *
 * <p>{@link #RECORD}: {@code window.__faults = {events, ice}}: every {@code participant-joined}
 * and {@code participant-left} the page receives ({type, id, reason, replaces, at}) and every
 * iceConnectionState of its peer connections ([state, at]), times in epoch ms.
 *
 * <p>{@link #routeVia}: puts a relay in this browser's media path. The server announces its
 * media port on 127.0.0.1; this browser is told, in every answer it applies, that the port is
 * at the relay's address instead (the candidates of the answer are rewritten), so it sends its
 * checks and media to the relay, which forwards them to the server. Nothing else changes: the
 * server, its flags and the other browsers are as in production.
 */
final class FaultWatch {
    static final String RECORD = """
            (() => {
              const w = window.__faults = {events: [], ice: []};
              const NativeSocket = window.WebSocket;
              window.WebSocket = class extends NativeSocket {
                constructor(url, protocols) {
                  super(url, protocols);
                  this.addEventListener('message', (e) => {
                    let m;
                    try { m = JSON.parse(e.data); } catch { return; }
                    if (m.type === 'participant-left' || m.type === 'participant-joined') {
                      w.events.push({type: m.type, id: m.participantId ?? m.participant?.id ?? null,
                        reason: m.reason ?? null, replaces: m.replaces ?? null, at: Date.now()});
                    }
                  });
                }
              };
              const NativePeer = window.RTCPeerConnection;
              window.RTCPeerConnection = class extends NativePeer {
                constructor(...args) {
                  super(...args);
                  this.addEventListener('iceconnectionstatechange', () => w.ice.push([this.iceConnectionState, Date.now()]));
                }
              };
            })();
            """;

    private FaultWatch() {}

    /** Installs {@link #RECORD} for every document this browser loads from now on. */
    static void record(ChromiumSession browser) {
        cdp(browser, RECORD);
    }

    /** Makes this browser reach the server's media port (announced on 127.0.0.1) at {@code relay} instead. */
    static void routeVia(ChromiumSession browser, InetSocketAddress relay) {
        String rewrite = """
                (() => {
                  const native = RTCPeerConnection.prototype.setRemoteDescription;
                  RTCPeerConnection.prototype.setRemoteDescription = function (d, ...rest) {
                    if (d && typeof d.sdp === 'string') {
                      d = {type: d.type, sdp: d.sdp.replace(/ 127\\.0\\.0\\.1 (\\d+) typ host/g, (all, port) =>
                        Number(port) === %d ? ' %s %d typ host' : all)};
                    }
                    return native.call(this, d, ...rest);
                  };
                })();
                """.formatted(relay.getPort(), relay.getAddress().getHostAddress(), relay.getPort());
        cdp(browser, rewrite);
    }

    /** The participant-joined/-left events this page received about {@code participantId}. */
    static List<JsonNode> eventsAbout(Page page, String participantId) {
        List<JsonNode> out = new ArrayList<>();
        page.eval("window.__faults.events").forEach(e -> {
            if (participantId.equals(e.path("id").asText()) || participantId.equals(e.path("replaces").asText())) {
                out.add(e);
            }
        });
        return out;
    }

    /** When (epoch ms) this page was told that {@code participantId} left, if it was. */
    static Optional<Long> leftAt(Page page, String participantId) {
        return eventsAbout(page, participantId).stream()
                .filter(e -> "participant-left".equals(e.path("type").asText()))
                .map(e -> e.path("at").asLong()).findFirst();
    }

    /** The iceConnectionStates of this page's peer connections since {@code sinceMs}, e.g. "disconnected@+3100". */
    static List<String> iceStatesSince(Page page, long sinceMs) {
        List<String> out = new ArrayList<>();
        page.eval("window.__faults.ice").forEach(s -> {
            long at = s.get(1).asLong();
            if (at >= sinceMs) out.add(s.get(0).asText() + "@+" + (at - sinceMs));
        });
        return out;
    }

    /** The ice-ufrag of the page's current local description (changes with each ICE restart). */
    static String localUfrag(Page page) {
        return page.eval("(window.parley.pc?.localDescription?.sdp ?? '').match(/a=ice-ufrag:(\\S+)/)?.[1] ?? null")
                .asText();
    }

    private static void cdp(ChromiumSession browser, String source) {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source));
    }
}
