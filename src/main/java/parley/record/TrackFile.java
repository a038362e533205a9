package parley.record;

import java.nio.file.Path;

/**
 * One finished track file of a recording.
 *
 * @param path    the WebM file in the recording's working folder
 * @param video   VP8 video (true) or Opus audio
 * @param firstMs time of its first frame on the recording's timeline
 * @param lastMs  time of its last frame
 * @param frames  frames written
 * @param tile    which grid cell a video shows in: one per participant and source, so that a
 *                camera published again (a renegotiation, a reconnection) stays in its place
 */
record TrackFile(Path path, boolean video, long firstMs, long lastMs, long frames, String tile) {
    /** A file of no particular tile (tests). */
    TrackFile(Path path, boolean video, long firstMs, long lastMs, long frames) {
        this(path, video, firstMs, lastMs, frames, path.toString());
    }
}
