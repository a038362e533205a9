package parley.cc;

/** The overuse detector's verdict on the one-way delay trend. */
enum Usage {
    /** Delay steady within the adaptive threshold. */
    NORMAL,
    /** Delay growing: a queue builds up on the path. */
    OVERUSING,
    /** Delay falling: a queue drains. */
    UNDERUSING
}
