package parley.web;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What the front door refused or cut, since start. Thread-safe. */
final class FrontDoorCounters {
    /** Connections closed at once because their address had {@link ConnectionLimits#connectionsPerAddress()} open. */
    final LongAdder connectionsOverAddressCap = new LongAdder();
    /** Connections closed because a TLS handshake or request head took longer than the deadline. */
    final LongAdder headTimeouts = new LongAdder();
    /** Accepts that failed (typically "Too many open files"). */
    final LongAdder acceptFailures = new LongAdder();
    /** WebSocket upgrades refused with 429 for coming too fast from one address. */
    final LongAdder upgradesTooFast = new LongAdder();
    /** WebSocket upgrades refused with 429 because one address had too many open. */
    final LongAdder upgradesTooManyOpen = new LongAdder();
    /** Requests refused with 421 for a Host header this server does not answer to. */
    final LongAdder hostsRefused = new LongAdder();
    /** WebSocket upgrades refused with 403 for a foreign Origin. */
    final LongAdder originsRefused = new LongAdder();

    Map<String, Long> snapshot() {
        return Map.of("connections-over-address-cap", connectionsOverAddressCap.sum(),
                "request-head-timeouts", headTimeouts.sum(),
                "accept-failures", acceptFailures.sum(),
                "upgrades-too-fast", upgradesTooFast.sum(),
                "upgrades-too-many-open", upgradesTooManyOpen.sum(),
                "hosts-refused", hostsRefused.sum(),
                "origins-refused", originsRefused.sum());
    }
}
