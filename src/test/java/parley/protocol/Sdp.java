package parley.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The recorded offers of src/test/resources/parley/sdp/, with CRLF line ends as browsers send them. */
final class Sdp {
    private Sdp() {}

    static String fixture(String name) {
        try (InputStream in = Sdp.class.getResourceAsStream("/parley/sdp/" + name)) {
            if (in == null) throw new IllegalArgumentException("no SDP fixture " + name);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("\r\n", "\n").replace("\n", "\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
