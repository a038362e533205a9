package parley.e2e;

import java.util.List;
import java.util.Map;

/**
 * How an end-to-end test wants the Parley server under test configured.
 *
 * @param httpPort  HTTPS and WebSocket port (TLS with a generated self-signed certificate)
 * @param mediaPort the one UDP port of the media plane
 * @param publicIps the addresses the server advertises as ICE host candidates, e.g.
 *                  {@code 127.0.0.1} for Chromium and aiortc, a {@link NetNs#hostAddress()}
 *                  for Firefox in a namespace
 * @param settings  further configuration by name (e.g. {@code "hostToken" -> "s3cret"}),
 *                  mapped onto the server's configuration by {@link TestServer}
 */
public record ServerSpec(int httpPort, int mediaPort, List<String> publicIps, Map<String, String> settings) {
    public ServerSpec {
        if (httpPort < 1 || httpPort > 65535 || mediaPort < 1 || mediaPort > 65535) {
            throw new IllegalArgumentException("ports " + httpPort + "/" + mediaPort + " (expected: 1..65535)");
        }
        if (publicIps.isEmpty()) {
            throw new IllegalArgumentException("no public IP (expected: at least one ICE candidate address)");
        }
        publicIps = List.copyOf(publicIps);
        settings = Map.copyOf(settings);
    }

    /** Free ports, the given candidate addresses, no extra settings. */
    public static ServerSpec onFreePorts(List<String> publicIps) {
        return new ServerSpec(FreePorts.tcp(), FreePorts.udp(), publicIps, Map.of());
    }

    public ServerSpec withSetting(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(settings);
        more.put(name, value);
        return new ServerSpec(httpPort, mediaPort, publicIps, more);
    }
}
