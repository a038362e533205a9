package parley.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The files of the web client, looked up by their exact relative name ("app.js",
 * "views/chat.js"). Names are checked against a strict pattern before they touch the
 * file system, so "..", hidden files and encoded tricks never resolve. Thread-safe.
 */
final class Assets {
    /**
     * One to eight segments separated by "/", each starting with a letter, digit, "_" or
     * "-" (so never "." or ".."), then letters, digits, "_", "-" or ".".
     */
    private static final Pattern NAME =
            Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}(/[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}){0,7}");

    private final Path root;
    /** Found assets by name, when the source does not change (the classpath); null for a live folder. */
    private final Map<String, Asset> cache;

    private Assets(Path root, boolean cached) {
        this.root = root;
        this.cache = cached ? new ConcurrentHashMap<>() : null;
    }

    /** The client packaged at {@code /<folder>} on the classpath (a directory or inside the jar); cached. */
    static Assets classpath(String folder) throws WebException {
        URL url = Assets.class.getResource("/" + folder + "/index.html");
        if (url == null) throw new WebException("the web client is missing: no /" + folder + "/index.html on the classpath");
        try {
            URI uri = url.toURI();
            Path index = "jar".equals(uri.getScheme()) ? jarPath(uri) : Path.of(uri);
            return new Assets(index.getParent().toRealPath(), true);
        } catch (URISyntaxException | IOException e) {
            throw new WebException("cannot open the web client at " + url + ": " + e.getMessage(), e);
        }
    }

    /** The client in a folder on disk, read again on every request (for development); not cached. */
    static Assets directory(Path folder) throws WebException {
        Path root;
        try {
            root = folder.toRealPath();
        } catch (IOException e) {
            throw new WebException("static folder " + folder + " not found", e);
        }
        if (!Files.isRegularFile(root.resolve("index.html"))) {
            throw new WebException("static folder " + folder + " has no index.html");
        }
        return new Assets(root, false);
    }

    private static Path jarPath(URI uri) throws IOException {
        FileSystem jar;
        try {
            jar = FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
            // Kept open for the life of the process: the jar is the program itself.
            jar = FileSystems.newFileSystem(uri, Map.of());
        }
        return jar.provider().getPath(uri);
    }

    /** True when {@code name} could name an asset at all (the pattern above). */
    static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    /** The asset with exactly this relative name, if there is one. */
    Optional<Asset> find(String name) {
        if (!isValidName(name)) return Optional.empty();
        if (cache != null) {
            Asset hit = cache.get(name);
            if (hit != null) return Optional.of(hit);
        }
        Optional<Asset> found = read(name);
        // Only hits are cached: caching misses would let anyone grow the map without bound.
        if (cache != null) found.ifPresent(a -> cache.put(name, a));
        return found;
    }

    private Optional<Asset> read(String name) {
        try {
            Path file = root.resolve(name);
            if (!Files.exists(file)) return Optional.empty();
            // The real path must stay inside the root, so a symbolic link cannot lead out of it.
            Path real = file.toRealPath();
            if (!real.startsWith(root) || !Files.isRegularFile(real)) return Optional.empty();
            return Optional.of(Asset.of(name, Files.readAllBytes(real)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
