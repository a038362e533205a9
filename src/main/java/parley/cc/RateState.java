package parley.cc;

/** What the delay-based rate control is doing (GCC's AIMD states). */
public enum RateState {
    /** Keeping the rate: after a decrease until the queues drain, or while delay falls. */
    HOLD,
    /** Growing: multiplicatively while far from the link capacity, additively near it. */
    INCREASE,
    /** Cutting to 0.85 of the acknowledged rate: delay is growing (overuse). */
    DECREASE
}
