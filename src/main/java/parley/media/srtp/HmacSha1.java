package parley.media.srtp;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA1 (RFC 2104) over {@link MessageDigest}: {@code javax.crypto.Mac.doFinal} allocates its
 * result on every call (40 bytes per packet on JDK 25), whereas {@code MessageDigest.digest(buf,
 * off, len)} does not, and the JDK's SHA-1 runs on the SHA-NI intrinsic where the CPU has it.
 * The price is hashing the two pads again per packet (two extra 64-byte blocks).
 *
 * <p>Not thread-safe.
 */
final class HmacSha1 {
    static final int LENGTH = 20;
    private static final int BLOCK_LENGTH = 64;

    private final MessageDigest sha1;
    private final byte[] innerPad = new byte[BLOCK_LENGTH];
    private final byte[] outerPad = new byte[BLOCK_LENGTH];
    private final byte[] innerHash = new byte[LENGTH];

    HmacSha1(byte[] key) {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable (every JDK must have it)", e);
        }
        byte[] k = key.length > BLOCK_LENGTH ? sha1.digest(key) : key;
        Arrays.fill(innerPad, (byte) 0x36);
        Arrays.fill(outerPad, (byte) 0x5c);
        for (int i = 0; i < k.length; i++) {
            innerPad[i] ^= k[i];
            outerPad[i] ^= k[i];
        }
    }

    /** Begins a new message. */
    void start() {
        sha1.reset();
        sha1.update(innerPad);
    }

    void update(byte[] b, int off, int len) {
        sha1.update(b, off, len);
    }

    /** Ends the message and writes its 20-byte HMAC to out[outOff, outOff+20). */
    void finish(byte[] out, int outOff) {
        try {
            sha1.digest(innerHash, 0, LENGTH);
            sha1.update(outerPad);
            sha1.update(innerHash);
            sha1.digest(out, outOff, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-1 refused a 20-byte output", e);
        }
    }
}
