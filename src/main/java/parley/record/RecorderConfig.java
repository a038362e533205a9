package parley.record;

import java.nio.file.Path;
import java.util.List;

/**
 * How the server records.
 *
 * @param folder       where recordings go: the only place Parley writes to (--recordings)
 * @param roomNames    put the room's name in file names (--recording-names room); else a random id and the date only
 * @param upload       an rclone destination ("remote:path") to move each recording to, or null (--recording-upload)
 * @param ffmpeg       the command that runs ffmpeg at a low priority (the arguments follow it)
 * @param rclone       the command that runs rclone
 * @param threads      threads ffmpeg may use to encode one composition
 * @param compositions compositions run at once; more wait (their meetings' media is safe on disk meanwhile)
 */
public record RecorderConfig(Path folder, boolean roomNames, String upload, List<String> ffmpeg, List<String> rclone,
                             int threads, int compositions) {
    public RecorderConfig {
        if (folder == null) throw new IllegalArgumentException("no recordings folder");
        ffmpeg = List.copyOf(ffmpeg);
        rclone = List.copyOf(rclone);
        if (threads < 1 || compositions < 1) throw new IllegalArgumentException("threads " + threads + ", compositions " + compositions + " (expected: at least 1)");
        if (upload != null && !upload.contains(":")) {
            throw new IllegalArgumentException("upload destination '" + upload + "' (expected: an rclone remote:path)");
        }
    }

    /** Debian's ffmpeg at nice 10 with 2 encoder threads, one composition at a time; rclone from the PATH. */
    public static RecorderConfig of(Path folder, boolean roomNames, String upload) {
        return new RecorderConfig(folder, roomNames, upload, List.of("nice", "-n", "10", "ffmpeg"), List.of("rclone"), 2, 1);
    }
}
