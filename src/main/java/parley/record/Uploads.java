package parley.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Uploads with rclone, with the operator's rclone configuration (its default file, or
 * RCLONE_CONFIG): {@code rclone copyto} transfers and verifies the file (size, and a hash where
 * both ends have one) and exits 0 only then, which is the confirmation the caller waits for before
 * removing its copy.
 */
final class Uploads {
    /** rclone retries a failed transfer itself this often before giving up. */
    static final int RETRIES = 3;

    private Uploads() {}

    /** Copies {@code file} to {@code destination}/{@code name} (destination "remote:path"). */
    static void copy(List<String> rclone, Path file, String destination, String name) throws IOException {
        List<String> cmd = new ArrayList<>(rclone);
        String target = destination.endsWith(":") || destination.endsWith("/") ? destination + name : destination + "/" + name;
        cmd.addAll(List.of("copyto", "--retries", String.valueOf(RETRIES), file.toString(), target));
        Path log = Files.createTempFile(file.getParent(), ".rclone-", ".log");
        try {
            Processes.run(cmd, log, 600 + Files.size(file) / 100_000);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
