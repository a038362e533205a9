package parley.record;

/**
 * What a WebM track holds: VP8 video of a picture size, or Opus audio at 48 kHz.
 *
 * @param video  VP8 (true) or Opus (false)
 * @param width  picture width in pixels (video), 0 for audio
 * @param height picture height in pixels (video), 0 for audio
 */
record TrackFormat(boolean video, int width, int height) {
    TrackFormat {
        if (video && (width <= 0 || height <= 0)) {
            throw new IllegalArgumentException("video of " + width + "x" + height + " (expected: a picture size)");
        }
    }

    static TrackFormat vp8(int width, int height) {
        return new TrackFormat(true, width, height);
    }

    static TrackFormat opus() {
        return new TrackFormat(false, 0, 0);
    }
}
