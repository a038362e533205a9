package parley.audio;

import java.util.function.Consumer;

/**
 * Turns a stream of RFC 4733 packets into key presses, each once: a key is reported at the first
 * packet with E set for its RTP timestamp, and the repeats of that end packet are ignored (section
 * 2.5.1.4). When every end packet is lost, the key is still reported once the next event begins;
 * a long key held past the 16-bit duration goes on with a new timestamp (section 2.5.1.3) and is
 * not a second press. Not thread-safe: one per incoming stream.
 */
public final class TelephoneEventReceiver {
    private final Consumer<Character> keys;
    private boolean active;        // an event is under way or was just reported
    private boolean reported;
    private int stamp;
    private int event;
    private int durationTicks;

    public TelephoneEventReceiver(Consumer<Character> keys) {
        this.keys = keys;
    }

    /** One packet's payload, already parsed, with its RTP timestamp. */
    public void onPacket(int rtpTimestamp, TelephoneEvent e) {
        if (!active || rtpTimestamp != stamp) {
            boolean continuation = active && !reported && e.event() == event && rtpTimestamp - stamp == durationTicks;
            if (active && !reported && !continuation) report();
            active = true;
            reported = false;
            stamp = rtpTimestamp;
            event = e.event();
        }
        if (reported) return;
        durationTicks = e.durationTicks();
        if (e.end()) report();
    }

    private void report() {
        reported = true;
        char d = TelephoneEvent.digitOf(event);
        if (d != 0) keys.accept(d);
    }
}
