package parley.captions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;

/**
 * Vosk (Kaldi) recognisers over one model folder, loaded once and shared by every speaker's
 * recogniser (a model is read-only and thread-safe in Vosk). Kaldi's own log is silenced: it
 * could print what it heard.
 */
public final class VoskRecognizers implements Recognizer.Factory, AutoCloseable {
    public static final float RATE_HZ = 16_000f;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Model model;

    /** Loads the model in {@code folder} (a Vosk model: am/, conf/, graph/ ...). */
    public VoskRecognizers(Path folder) throws IOException {
        if (!Files.isDirectory(folder.resolve("am")) || !Files.isDirectory(folder.resolve("conf"))) {
            throw new IOException("not a Vosk model folder (expected am/ and conf/ inside it)");
        }
        LibVosk.setLogLevel(LogLevel.WARNINGS);
        this.model = new Model(folder.toString());
    }

    @Override
    public Recognizer create() {
        try {
            return new Vosk(new org.vosk.Recognizer(model, RATE_HZ));
        } catch (IOException e) {
            throw new IllegalStateException("Vosk recogniser: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }

    /** The "text" or "partial" of a Vosk JSON result; empty when absent. */
    static String field(String json, String name) {
        try {
            JsonNode n = JSON.readTree(json).get(name);
            return n == null ? "" : n.asText("").strip();
        } catch (IOException e) {
            return "";
        }
    }

    private record Vosk(org.vosk.Recognizer r) implements Recognizer {
        @Override
        public Text accept(short[] pcm, int len) {
            if (r.acceptWaveForm(pcm, len)) return new Text(field(r.getResult(), "text"), true);
            return new Text(field(r.getPartialResult(), "partial"), false);
        }

        @Override
        public String flush() {
            return field(r.getFinalResult(), "text");
        }

        @Override
        public void close() {
            r.close();
        }

        @Override
        public String toString() {
            return "Vosk[...]";
        }
    }
}
