package parley.e2e;

import org.junit.jupiter.api.Assumptions;

/** Skips a test loudly when network namespaces cannot be made on this machine. */
final class NetNsSupport {
    private NetNsSupport() {}

    static void assumeAvailable() {
        NetNs.unavailableReason().ifPresent(reason -> {
            String message = "SKIPPING: network namespaces are unavailable here (needs root with CAP_NET_ADMIN"
                    + " and CAP_SYS_ADMIN): " + reason;
            System.err.println("!!!!!!!! " + message);
            Assumptions.abort(message);
        });
    }
}
