package parley.audio;

/**
 * ITU-T G.711 μ-law (PCMU) and A-law (PCMA) between 16-bit linear PCM and one byte per sample,
 * through tables built once from the standard's segment rule (what Sun's reference g711.c and
 * Python's audioop compute). Encoding looks up the sample's top 14 (μ-law) or 13 (A-law) bits,
 * as the standard's input is 14 or 13 bits wide; decoding returns the segment's midpoint.
 * Thread-safe: the tables never change.
 */
public final class G711 {
    private static final int ULAW_BIAS = 0x84;     // 132: 33 in the 14-bit domain, shifted by 2
    private static final int ULAW_CLIP = 8159;     // largest 14-bit magnitude μ-law codes
    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];
    private static final byte[] LINEAR14_TO_ULAW = new byte[1 << 14];
    private static final byte[] LINEAR13_TO_ALAW = new byte[1 << 13];

    static {
        for (int code = 0; code < 256; code++) {
            ULAW_TO_LINEAR[code] = (short) ulawDecode(code);
            ALAW_TO_LINEAR[code] = (short) alawDecode(code);
        }
        for (int i = 0; i < LINEAR14_TO_ULAW.length; i++) {
            LINEAR14_TO_ULAW[i] = (byte) ulawEncode14((short) (i << 2) >> 2); // sign-extend the 14-bit index
        }
        for (int i = 0; i < LINEAR13_TO_ALAW.length; i++) {
            LINEAR13_TO_ALAW[i] = (byte) alawEncode13((short) (i << 3) >> 3);
        }
    }

    private G711() {}

    public static byte linearToUlaw(short sample) {
        return LINEAR14_TO_ULAW[(sample >> 2) & 0x3FFF];
    }

    public static short ulawToLinear(byte code) {
        return ULAW_TO_LINEAR[code & 0xFF];
    }

    public static byte linearToAlaw(short sample) {
        return LINEAR13_TO_ALAW[(sample >> 3) & 0x1FFF];
    }

    public static short alawToLinear(byte code) {
        return ALAW_TO_LINEAR[code & 0xFF];
    }

    /** Encodes {@code count} samples; one byte out per sample. */
    public static void encode(boolean alaw, short[] in, int inOff, byte[] out, int outOff, int count) {
        byte[] table = alaw ? LINEAR13_TO_ALAW : LINEAR14_TO_ULAW;
        int shift = alaw ? 3 : 2;
        int mask = table.length - 1;
        for (int i = 0; i < count; i++) out[outOff + i] = table[(in[inOff + i] >> shift) & mask];
    }

    /** Decodes {@code count} bytes; one sample out per byte. */
    public static void decode(boolean alaw, byte[] in, int inOff, short[] out, int outOff, int count) {
        short[] table = alaw ? ALAW_TO_LINEAR : ULAW_TO_LINEAR;
        for (int i = 0; i < count; i++) out[outOff + i] = table[in[inOff + i] & 0xFF];
    }

    /** μ-law of a 14-bit sample (-8192..8191): sign, 3-bit segment, 4-bit step, all bits inverted. */
    private static int ulawEncode14(int pcm14) {
        int mask = 0xFF;
        if (pcm14 < 0) {
            pcm14 = -pcm14;
            mask = 0x7F;
        }
        if (pcm14 > ULAW_CLIP) pcm14 = ULAW_CLIP;
        pcm14 += ULAW_BIAS >> 2;
        int segment = segment(pcm14 >> 6); // segment 0 ends at 63 (biased), each next doubles
        if (segment >= 8) return 0x7F ^ mask;
        int code = (segment << 4) | ((pcm14 >> (segment + 1)) & 0x0F);
        return code ^ mask;
    }

    /** A-law of a 13-bit sample (-4096..4095): sign, 3-bit segment, 4-bit step, even bits inverted (0x55). */
    private static int alawEncode13(int pcm13) {
        int mask = 0xD5;
        if (pcm13 < 0) {
            pcm13 = -pcm13 - 1;
            mask = 0x55;
        }
        int segment = segment(pcm13 >> 5); // segment 0 ends at 31, each next doubles
        if (segment >= 8) return 0x7F ^ mask;
        int code = segment << 4;
        code |= segment < 2 ? (pcm13 >> 1) & 0x0F : (pcm13 >> segment) & 0x0F;
        return code ^ mask;
    }

    /** The number of significant bits of {@code v} (0 for 0): which doubling segment a magnitude is in. */
    private static int segment(int v) {
        return 32 - Integer.numberOfLeadingZeros(v);
    }

    private static int ulawDecode(int code) {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + ULAW_BIAS;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS;
    }

    private static int alawDecode(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int t = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        t = switch (segment) {
            case 0 -> t + 8;
            case 1 -> t + 0x108;
            default -> (t + 0x108) << (segment - 1);
        };
        return (a & 0x80) != 0 ? t : -t;
    }
}
