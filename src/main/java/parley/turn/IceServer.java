package parley.turn;

import java.util.List;

/**
 * One entry of a browser's RTCConfiguration.iceServers. Never log one: the credential lets
 * its holder use the relay until the time in the username.
 *
 * @param urls       TURN URIs of one coturn ({@code turn:} or {@code turns:})
 * @param username   {@code <expiry in Unix seconds>:<random id>}
 * @param credential base64 of HMAC-SHA1(the shared secret, username)
 */
public record IceServer(List<String> urls, String username, String credential) {
    public IceServer {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) throw new IllegalArgumentException("no TURN URI (expected: at least one)");
    }

    @Override
    public String toString() {
        return "IceServer[urls=" + urls + ", username=(set), credential=(set)]";
    }
}
