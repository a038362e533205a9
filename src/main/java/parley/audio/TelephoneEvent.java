package parley.audio;

/**
 * An RFC 4733 telephone-event payload (section 2.3), the way SIP trunks send DTMF out of band:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     event     |E|R| volume    |          duration             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Every packet of one event carries the same RTP timestamp (the event's start); the duration
 * grows, and the last packet, with E set, is usually sent three times.
 *
 * @param event          0-9, 10 = '*', 11 = '#', 12-15 = A-D, 16 = flash; others are not DTMF
 * @param end            E: the event has ended
 * @param volumeDbm0     power level as -dBm0 (0..63)
 * @param durationTicks  so far, in RTP clock ticks (8 kHz for telephone-event/8000)
 */
public record TelephoneEvent(int event, boolean end, int volumeDbm0, int durationTicks) {
    public static final int SIZE = 4;
    private static final int OFFSET_EVENT = 0;
    private static final int OFFSET_FLAGS = 1;      // E, R, then 6 bits of volume
    private static final int OFFSET_DURATION = 2;
    private static final String DIGITS = "0123456789*#ABCD";

    public TelephoneEvent {
        if (event < 0 || event > 255) throw new IllegalArgumentException("event " + event + " (expected: 0..255)");
        if (volumeDbm0 < 0 || volumeDbm0 > 63) throw new IllegalArgumentException("volume " + volumeDbm0 + " (expected: 0..63)");
        if (durationTicks < 0 || durationTicks > 0xFFFF) {
            throw new IllegalArgumentException("duration " + durationTicks + " (expected: 0..65535)");
        }
    }

    public static TelephoneEvent parse(byte[] buf, int off, int len) throws AudioException {
        if (len != SIZE) throw new AudioException("telephone-event payload of " + len + " bytes (expected: " + SIZE + ")");
        int flags = buf[off + OFFSET_FLAGS] & 0xFF;
        int duration = ((buf[off + OFFSET_DURATION] & 0xFF) << 8) | (buf[off + OFFSET_DURATION + 1] & 0xFF);
        return new TelephoneEvent(buf[off + OFFSET_EVENT] & 0xFF, (flags & 0x80) != 0, flags & 0x3F, duration);
    }

    public int size() {
        return SIZE;
    }

    /** Writes the payload at {@code buf[off]}; the R bit is zero. */
    public int write(byte[] buf, int off) {
        buf[off + OFFSET_EVENT] = (byte) event;
        buf[off + OFFSET_FLAGS] = (byte) ((end ? 0x80 : 0) | volumeDbm0);
        buf[off + OFFSET_DURATION] = (byte) (durationTicks >> 8);
        buf[off + OFFSET_DURATION + 1] = (byte) durationTicks;
        return SIZE;
    }

    /** The DTMF key ('0'-'9', '*', '#', 'A'-'D'), or 0 for other events (flash, tones). */
    public char digit() {
        return digitOf(event);
    }

    static char digitOf(int event) {
        return event < DIGITS.length() ? DIGITS.charAt(event) : 0;
    }
}
