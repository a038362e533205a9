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
 */
record TrackFile(Path path, boolean video, long firstMs, long lastMs, long frames) {}
