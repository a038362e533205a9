package parley.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The recorded offers of src/test/resources/parley/sdp/, with CRLF line ends as browsers send them. */
final class Sdp {
    private static final Pattern MID = Pattern.compile("(?m)^a=mid:(\\S+)");

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

    /** The media sections of an SDP by mid, each from its m= line to the next one. */
    static Map<String, String> sectionsByMid(String sdp) {
        Map<String, String> byMid = new LinkedHashMap<>();
        String[] parts = sdp.split("\r\n(?=m=)");
        for (int i = 1; i < parts.length; i++) {
            Matcher mid = MID.matcher(parts[i]);
            if (!mid.find()) throw new AssertionError("m-line without a mid: " + parts[i]);
            byMid.put(mid.group(1), parts[i]);
        }
        return byMid;
    }

    /** The port of a section's m= line: 0 means rejected. */
    static int port(String section) {
        return Integer.parseInt(section.split(" ")[1]);
    }
}
