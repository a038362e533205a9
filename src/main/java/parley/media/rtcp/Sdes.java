package parley.media.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import parley.media.rtp.Bytes;

/**
 * Source description (RFC 3550 §6.5): the CNAME of each chunk; other items are skipped.
 *
 * <pre>
 * |V=2|P|    SC   |  PT=SDES=202  |             length            |
 * |                          SSRC/CSRC_1                          |   chunk 1
 * |    CNAME=1    |     length    | user and domain name        ...   items, then
 * |  0 (end)  | zero padding to a 32-bit boundary                 |   a null octet
 * |                          SSRC/CSRC_2                          |   chunk 2 ...
 * </pre>
 */
public record Sdes(List<Sdes.Chunk> chunks) {
    /** One chunk: an SSRC and its CNAME ("" when the chunk carried none). */
    public record Chunk(int ssrc, String cname) {
        public Chunk {
            if (cname.getBytes(StandardCharsets.UTF_8).length > MAX_ITEM_LENGTH) {
                throw new IllegalArgumentException("CNAME of " + cname.length() + " chars (expected: at most 255 bytes)");
            }
        }
    }

    public static final int CNAME = 1;
    private static final int MAX_ITEM_LENGTH = 255;
    private static final int MAX_CHUNKS = 31;

    public Sdes {
        chunks = List.copyOf(chunks);
        Unsigned.check(chunks.size(), MAX_CHUNKS, "SDES chunk count");
    }

    public static Sdes parse(byte[] b, int off, int len) throws RtcpException {
        int end = Rtcp.contentEnd(b, off, len, Rtcp.SDES, "SDES");
        int count = Rtcp.count(b, off);
        List<Chunk> chunks = new ArrayList<>(count);
        int at = off + Rtcp.HEADER_LENGTH;
        for (int i = 0; i < count; i++) {
            Rtcp.requireLength(end - at, 4, "SDES chunk " + i);
            int ssrc = Bytes.i32(b, at);
            at += 4;
            String cname = "";
            while (true) {
                Rtcp.requireLength(end - at, 1, "SDES item list of chunk " + i);
                int type = b[at] & 0xFF;
                if (type == 0) {
                    break;
                }
                Rtcp.requireLength(end - at, 2, "SDES item header");
                int length = b[at + 1] & 0xFF;
                Rtcp.requireLength(end - at - 2, length, "SDES item " + type);
                if (type == CNAME) {
                    cname = Rtcp.utf8(b, at + 2, length, "SDES CNAME");
                }
                at += 2 + length;
            }
            at = off + align4(at + 1 - off);
            chunks.add(new Chunk(ssrc, cname));
        }
        return new Sdes(chunks);
    }

    public int size() {
        int size = Rtcp.HEADER_LENGTH;
        for (Chunk chunk : chunks) {
            size += chunkSize(chunk.cname.getBytes(StandardCharsets.UTF_8).length);
        }
        return size;
    }

    /** Writes every chunk with its CNAME item; returns {@link #size()}. */
    public int write(byte[] b, int off) {
        int size = size();
        Rtcp.writeHeader(b, off, chunks.size(), Rtcp.SDES, size);
        int at = off + Rtcp.HEADER_LENGTH;
        for (Chunk chunk : chunks) {
            byte[] cname = chunk.cname.getBytes(StandardCharsets.UTF_8);
            at += writeChunk(b, at, chunk.ssrc, cname, 0, cname.length);
        }
        return size;
    }

    /** Size of an SDES packet with one CNAME chunk of {@code cnameLength} bytes. */
    public static int cnameSize(int cnameLength) {
        return Rtcp.HEADER_LENGTH + chunkSize(cnameLength);
    }

    /**
     * Writes an SDES packet with one chunk: {@code ssrc} and the CNAME in {@code cname[cnameOff ..
     * cnameOff + cnameLength)} (UTF-8, at most 255 bytes). Allocation-free; returns the bytes written.
     */
    public static int writeCname(byte[] b, int off, int ssrc, byte[] cname, int cnameOff, int cnameLength) {
        Unsigned.check(cnameLength, MAX_ITEM_LENGTH, "CNAME length");
        int size = cnameSize(cnameLength);
        Rtcp.writeHeader(b, off, 1, Rtcp.SDES, size);
        writeChunk(b, off + Rtcp.HEADER_LENGTH, ssrc, cname, cnameOff, cnameLength);
        return size;
    }

    private static int writeChunk(byte[] b, int off, int ssrc, byte[] cname, int cnameOff, int cnameLength) {
        int size = chunkSize(cnameLength);
        Bytes.put32(b, off, ssrc);
        b[off + 4] = CNAME;
        b[off + 5] = (byte) cnameLength;
        System.arraycopy(cname, cnameOff, b, off + 6, cnameLength);
        for (int at = off + 6 + cnameLength; at < off + size; at++) {
            b[at] = 0;
        }
        return size;
    }

    /** SSRC, CNAME item, at least one null octet, padded to 4 bytes. */
    private static int chunkSize(int cnameLength) {
        return align4(4 + 2 + cnameLength + 1);
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }
}
