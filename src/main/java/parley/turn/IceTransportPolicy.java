package parley.turn;

import java.util.Locale;

/** Which candidates a browser may use (RTCConfiguration.iceTransportPolicy). */
public enum IceTransportPolicy {
    /** Every candidate: direct paths first, the relay when nothing else works. */
    ALL,
    /** Relayed candidates only: every browser goes through TURN. */
    RELAY;

    /** "all" or "relay", as the browser's RTCConfiguration spells it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
