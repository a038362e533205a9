package parley.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * One simulcast layer's pre-encoded VP8 frames, in decoding order, with where its keyframes are.
 * Immutable (the frame arrays are shared by every participant and never written).
 *
 * @param width  frame width in pixels
 * @param height frame height in pixels
 * @param frames the VP8 frames, one a 30 fps tick
 */
record VideoFixture(int width, int height, List<byte[]> frames) {
    VideoFixture {
        frames = List.copyOf(frames);
        if (frames.isEmpty()) throw new IllegalArgumentException("video fixture has no frames (expected: at least one)");
        if (!isKeyframe(frames.get(0))) throw new IllegalArgumentException("video fixture starts with a delta frame (expected: a keyframe)");
    }

    /** The VP8 frame tag's P bit (RFC 6386 §9.1): 0 on a keyframe. */
    static boolean isKeyframe(byte[] frame) {
        return frame.length > 0 && (frame[0] & 0x01) == 0;
    }

    /** The index of the first keyframe at or after {@code index}, wrapping round to frame 0. */
    int nextKeyframe(int index) {
        for (int i = index; i < frames.size(); i++) {
            if (isKeyframe(frames.get(i))) return i;
        }
        return 0;
    }

    /** Indices of the keyframes. */
    List<Integer> keyframes() {
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) if (isKeyframe(frames.get(i))) keys.add(i);
        return keys;
    }

    /** Average bit rate at {@code fps}, in bits per second. */
    long bitrateBps(int fps) {
        long bytes = 0;
        for (byte[] f : frames) bytes += f.length;
        return bytes * 8 * fps / frames.size();
    }
}
