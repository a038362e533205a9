package parley.e2e.ux;

import java.util.Map;

/**
 * Scripts the tests install into a tab before any page script runs (DevTools
 * Page.addScriptToEvaluateOnNewDocument), so they see everything from the first byte:
 * Content-Security-Policy violations, WebSockets, peer connection configurations, the
 * page's screen states and its screen-reader announcements. They only record; nothing of the page changes.
 */
final class Watch {
    /**
     * Sets up {@code window.__watch = {csp: [...], sockets: [...], socketUrls: [...],
     * rtcConfigs: [...], states: [...], announced: [...]}}: every securitypolicyviolation
     * event (directive and blocked URL), every WebSocket made (for a test that cuts one) and
     * its URL, every RTCPeerConnection configuration, each value html[data-state] takes,
     * and the text of everything added to the live region #announcer (which prunes old
     * announcements, so reading it later could miss some).
     */
    static final String SCRIPT = """
            (() => {
              const w = window.__watch = {csp: [], sockets: [], socketUrls: [], rtcConfigs: [], states: [], announced: []};
              document.addEventListener('securitypolicyviolation', (e) => w.csp.push(
                {directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber}), true);
              const NativeSocket = window.WebSocket;
              window.WebSocket = class extends NativeSocket {
                constructor(url, protocols) {
                  super(url, protocols);
                  w.sockets.push(this);
                  w.socketUrls.push(String(url));
                }
              };
              const NativePeer = window.RTCPeerConnection;
              window.RTCPeerConnection = class extends NativePeer {
                constructor(config, ...rest) {
                  super(config, ...rest);
                  w.rtcConfigs.push(JSON.parse(JSON.stringify(config ?? {})));
                }
              };
              // On the document, not its <html> or the live region: they do not exist yet.
              new MutationObserver((records) => {
                const s = document.documentElement?.dataset.state;
                if (s && w.states[w.states.length - 1] !== s) w.states.push(s);
                for (const r of records) {
                  if (r.type === 'childList' && r.target.id === 'announcer') r.addedNodes.forEach((n) => w.announced.push(n.textContent));
                }
              }).observe(document, {attributes: true, attributeFilter: ['data-state'], childList: true, subtree: true});
            })();
            """;

    private Watch() {}

    /** Installs {@link #SCRIPT} in the attendee's tab for every document loaded from now on. */
    static void install(Attendee attendee) {
        attendee.cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source", SCRIPT));
    }
}
