package parley.captions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The small US-English Vosk model for tests: from the aar Maven copies to target/, unzipped once into target/vosk-model-en-us. */
public final class TestModel {
    private static final String PREFIX = "assets/model-en-us/";

    private TestModel() {}

    public static synchronized Path folder() throws IOException {
        Path target = Path.of("target");
        Path out = target.resolve("vosk-model-en-us");
        if (Files.exists(out.resolve("done"))) return out;
        Path aar = target.resolve("vosk-model-en.aar");
        if (!Files.exists(aar)) throw new IOException(aar + " is missing (mvn generate-test-resources copies it)");
        try (ZipFile zip = new ZipFile(aar.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (!e.getName().startsWith(PREFIX) || e.isDirectory()) continue;
                Path to = out.resolve(e.getName().substring(PREFIX.length())).normalize();
                if (!to.startsWith(out)) continue;
                Files.createDirectories(to.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(out.resolve("done"), "");
        return out;
    }

    /** How many distinct words of {@code sentence} are in {@code heard}. */
    public static int wordsFound(String sentence, String heard) {
        Set<String> got = Set.copyOf(Arrays.asList(heard.toLowerCase(java.util.Locale.ROOT).split("\\W+")));
        Set<String> want = Arrays.stream(sentence.toLowerCase(java.util.Locale.ROOT).split("\\W+")).collect(Collectors.toSet());
        return (int) want.stream().filter(got::contains).count();
    }
}
