package parley.audio;

import java.util.Arrays;

/**
 * One source's fixed-delay jitter buffer, ordered by RTP timestamp: payloads go in as they arrive,
 * and every mixer tick takes out the one for the next 20 ms, or nothing when it is missing or
 * late, so a late source costs the mix a concealed frame and never a stall.
 *
 * <p>The first payload is played {@code depthFrames} ticks after it arrived. A payload whose
 * frame was already played is late and dropped; {@value #LATE_RESYNC} late payloads in a row, or
 * one too far ahead for the ring, mean the sender's clock or timestamps jumped, and the buffer
 * starts again from that payload. Timestamps wrap at 2^32 (RFC 3550); differences are taken
 * modulo 2^32. Payloads are copied into preallocated slots: no allocation per packet.
 * Not thread-safe: its owner pushes and polls on one thread.
 */
public final class JitterBuffer {
    /** How many late payloads in a row mean the playout point must move. */
    static final int LATE_RESYNC = 5;

    /** What became of one pushed payload. */
    public enum Push { STORED, LATE, DUPLICATE, RESYNC }

    private final int frameTicks;
    private final int depthFrames;
    private final byte[][] slots;
    private final int[] lengths;   // -1: empty
    private final int[] stamps;
    private boolean started;
    private int head;              // the slot of the next frame to play
    private int nextStamp;         // its RTP timestamp
    private int polled;            // the slot the last poll returned
    private int lateInARow;
    private long late;
    private long resyncs;

    /**
     * @param frameTicks  RTP clock ticks per 20 ms frame: 960 for Opus (48 kHz clock), 160 for G.711
     * @param depthFrames playout delay in frames (2..capacity-1)
     * @param capacity    frames the ring holds; a payload further ahead than this resyncs
     * @param maxPayload  bytes per payload
     */
    public JitterBuffer(int frameTicks, int depthFrames, int capacity, int maxPayload) {
        if (frameTicks <= 0) throw new IllegalArgumentException("frameTicks " + frameTicks + " (expected: > 0)");
        if (depthFrames < 0 || depthFrames >= capacity) {
            throw new IllegalArgumentException("depth " + depthFrames + " frames (expected: 0.." + (capacity - 1) + ")");
        }
        this.frameTicks = frameTicks;
        this.depthFrames = depthFrames;
        this.slots = new byte[capacity][maxPayload];
        this.lengths = new int[capacity];
        this.stamps = new int[capacity];
        Arrays.fill(lengths, -1);
    }

    /** Stores a copy of one payload, carried in an RTP packet with this timestamp. */
    public Push push(int rtpTimestamp, byte[] payload, int off, int len) throws AudioException {
        if (len < 0 || len > slots[0].length) {
            throw new AudioException("audio payload of " + len + " bytes (expected: 0.." + slots[0].length + ")");
        }
        Push result = Push.STORED;
        if (!started) {
            restart(rtpTimestamp);
        }
        int ahead = Math.floorDiv(rtpTimestamp - nextStamp + frameTicks / 2, frameTicks); // nearest frame; int wraps like RTP
        if (ahead < 0) {
            late++;
            if (++lateInARow < LATE_RESYNC) return Push.LATE;
            restart(rtpTimestamp);
            result = Push.RESYNC;
            ahead = depthFrames;
        } else if (ahead >= slots.length) {
            restart(rtpTimestamp);
            result = Push.RESYNC;
            ahead = depthFrames;
        }
        lateInARow = 0;
        int slot = (head + ahead) % slots.length;
        if (lengths[slot] >= 0 && stamps[slot] == rtpTimestamp) return Push.DUPLICATE;
        System.arraycopy(payload, off, slots[slot], 0, len);
        lengths[slot] = len;
        stamps[slot] = rtpTimestamp;
        return result;
    }

    /**
     * Moves on by one frame. Returns the length of the payload for the frame now due, readable
     * through {@link #payload()} until the next push or poll, or -1 when it is missing.
     */
    public int poll() {
        if (!started) return -1;
        int slot = head;
        int len = lengths[slot];
        lengths[slot] = -1;
        polled = slot;
        head = (head + 1) % slots.length;
        nextStamp += frameTicks;
        return len;
    }

    /** The bytes of the payload the last {@link #poll()} returned. */
    public byte[] payload() {
        return slots[polled];
    }

    /** Length of the payload due at the next poll, or -1 if it has not come (for FEC: see {@link #next()}). */
    public int peekNext() {
        return started ? lengths[head] : -1;
    }

    /** The bytes of the payload {@link #peekNext()} measured. */
    public byte[] next() {
        return slots[head];
    }

    /** Payloads that came after their frame was played. */
    public long late() {
        return late;
    }

    public long resyncs() {
        return resyncs;
    }

    private void restart(int rtpTimestamp) {
        if (started) resyncs++;
        started = true;
        Arrays.fill(lengths, -1);
        head = 0;
        nextStamp = rtpTimestamp - depthFrames * frameTicks;
        lateInARow = 0;
    }
}
