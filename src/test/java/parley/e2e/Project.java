package parley.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths inside the project checkout (Surefire runs tests with the project directory in {@code basedir}). */
public final class Project {
    private Project() {}

    /** The file at {@code relative} (e.g. {@code "src/test/python/aiortc_client.py"}); it must exist. */
    public static Path file(String relative) {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path file = base.resolve(relative).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new E2eException("missing project file " + file);
        }
        return file;
    }
}
