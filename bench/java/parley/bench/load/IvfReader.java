package parley.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an IVF file (the container libvpx and ffmpeg write raw VP8 into) into a {@link VideoFixture}.
 *
 * <pre>
 * file header, 32 bytes, little-endian:
 *  0  "DKIF"            4  version (0)        6  header length (32)
 *  8  fourcc "VP80"    12  width             14  height
 * 16  rate             20  scale             24  frame count      28  unused
 * then per frame, a 12-byte header and the frame:
 *  0  frame size (4)    4  timestamp (8)     12  frame bytes ...
 * </pre>
 * Stateless.
 */
final class IvfReader {
    static final int FILE_HEADER_LENGTH = 32;
    static final int FRAME_HEADER_LENGTH = 12;
    private static final int OFF_VERSION = 4;
    private static final int OFF_HEADER_LENGTH = 6;
    private static final int OFF_FOURCC = 8;
    private static final int OFF_WIDTH = 12;
    private static final int OFF_HEIGHT = 14;
    /** Larger than any frame of a 1080p fixture; a bigger size means a corrupt file. */
    private static final int MAX_FRAME_BYTES = 1 << 22;

    private IvfReader() {}

    static VideoFixture parse(byte[] b) throws IOException {
        if (b.length < FILE_HEADER_LENGTH) {
            throw new IOException("IVF length " + b.length + " (expected: at least " + FILE_HEADER_LENGTH + ")");
        }
        String signature = new String(b, 0, 4, StandardCharsets.ISO_8859_1);
        if (!signature.equals("DKIF")) throw new IOException("IVF signature '" + signature + "' (expected: DKIF)");
        if (u16(b, OFF_VERSION) != 0) throw new IOException("IVF version " + u16(b, OFF_VERSION) + " (expected: 0)");
        String fourcc = new String(b, OFF_FOURCC, 4, StandardCharsets.ISO_8859_1);
        if (!fourcc.equals("VP80")) throw new IOException("IVF codec '" + fourcc + "' (expected: VP80)");
        int at = u16(b, OFF_HEADER_LENGTH);
        if (at < FILE_HEADER_LENGTH || at > b.length) {
            throw new IOException("IVF header length " + at + " (expected: " + FILE_HEADER_LENGTH + " to " + b.length + ")");
        }
        List<byte[]> frames = new ArrayList<>();
        while (at < b.length) {
            if (at + FRAME_HEADER_LENGTH > b.length) {
                throw new IOException("IVF frame header at " + at + " cut off by the end of the file at " + b.length);
            }
            int size = (int) u32(b, at);
            if (size <= 0 || size > MAX_FRAME_BYTES || at + FRAME_HEADER_LENGTH + size > b.length) {
                throw new IOException("IVF frame " + frames.size() + " of " + size + " bytes at " + at
                        + " (expected: 1.." + Math.min(MAX_FRAME_BYTES, b.length - at - FRAME_HEADER_LENGTH) + ")");
            }
            int from = at + FRAME_HEADER_LENGTH;
            frames.add(Arrays.copyOfRange(b, from, from + size));
            at = from + size;
        }
        try {
            return new VideoFixture(u16(b, OFF_WIDTH), u16(b, OFF_HEIGHT), frames);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16) & 0xffff_ffffL;
    }
}
