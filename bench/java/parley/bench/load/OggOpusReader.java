package parley.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Opus packets of an Ogg Opus file (RFC 7845): pages, their lacing, packets that span
 * pages; the two header packets (OpusHead, OpusTags) are skipped.
 *
 * <pre>
 * page header (RFC 3533 §6), little-endian:
 *  0  "OggS"           4  version (0)       5  flags (1 continued, 2 first, 4 last)
 *  6  granule (8)     14  serial (4)       18  page sequence (4)      22  CRC (4)
 * 26  segment count n 27  n lacing values (a packet ends at a value below 255)
 * 27+n  segment data
 * </pre>
 * Only the first logical stream (serial) is read. Stateless.
 */
final class OggOpusReader {
    static final int PAGE_HEADER_LENGTH = 27;
    private static final int OFF_VERSION = 4;
    private static final int OFF_SERIAL = 14;
    private static final int OFF_SEGMENTS = 26;
    private static final int LACING_CONTINUES = 255;

    private OggOpusReader() {}

    static List<byte[]> parse(byte[] b) throws IOException {
        List<byte[]> packets = new ArrayList<>();
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        int at = 0;
        int serial = 0;
        for (int page = 0; at < b.length; page++) {
            if (at + PAGE_HEADER_LENGTH > b.length) throw new IOException("Ogg page " + page + " header cut off at " + b.length);
            String capture = new String(b, at, 4, StandardCharsets.ISO_8859_1);
            if (!capture.equals("OggS")) throw new IOException("Ogg page " + page + " capture '" + capture + "' (expected: OggS)");
            if (b[at + OFF_VERSION] != 0) throw new IOException("Ogg version " + b[at + OFF_VERSION] + " (expected: 0)");
            int segments = b[at + OFF_SEGMENTS] & 0xff;
            int data = at + PAGE_HEADER_LENGTH + segments;
            if (data > b.length) throw new IOException("Ogg page " + page + " lacing cut off at " + b.length);
            int pageSerial = i32(b, at + OFF_SERIAL);
            if (page == 0) serial = pageSerial;
            boolean ours = pageSerial == serial;
            for (int s = 0; s < segments; s++) {
                int lacing = b[at + PAGE_HEADER_LENGTH + s] & 0xff;
                if (data + lacing > b.length) throw new IOException("Ogg page " + page + " segment " + s + " cut off at " + b.length);
                if (ours) {
                    packet.write(b, data, lacing);
                    if (lacing < LACING_CONTINUES) {
                        packets.add(packet.toByteArray());
                        packet.reset();
                    }
                }
                data += lacing;
            }
            at = data;
        }
        return withoutHeaders(packets);
    }

    private static List<byte[]> withoutHeaders(List<byte[]> packets) throws IOException {
        if (packets.size() < 2 || !startsWith(packets.get(0), "OpusHead") || !startsWith(packets.get(1), "OpusTags")) {
            throw new IOException("Ogg stream does not start with OpusHead and OpusTags (expected: an Ogg Opus file)");
        }
        List<byte[]> audio = List.copyOf(packets.subList(2, packets.size()));
        if (audio.isEmpty()) throw new IOException("Ogg Opus file has no audio packets");
        return audio;
    }

    private static boolean startsWith(byte[] packet, String magic) {
        return packet.length >= magic.length()
                && new String(packet, 0, magic.length(), StandardCharsets.ISO_8859_1).equals(magic);
    }

    private static int i32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
