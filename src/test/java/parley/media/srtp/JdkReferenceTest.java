package parley.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our packets against a reference written plainly over the JDK's own AES/CTR, HmacSHA1 and
 * AES/GCM ciphers, for what the published vectors do not reach: CSRCs and extensions, empty and
 * multi-chunk payloads, rollover counters above 0, large SRTCP indices, unencrypted SRTCP.
 */
class JdkReferenceTest {
    private static final byte[] MASTER_KEY = HexFormat.of().parseHex("8a0d3e018be0d64fa32c06de41390ec6");
    private static final byte[] MASTER_SALT = HexFormat.of().parseHex("75ad498afeebb6960b3aabe6e1f9");
    private static final int SSRC = 0xcafe_f00d;
    /** payload lengths around AES blocks and around the 1536-byte keystream chunk */
    private static final int[] PAYLOADS = {0, 1, 15, 16, 17, 100, 1535, 1536, 1537, 4000};

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void srtpMatchesTheReferenceAcrossSeveralRollovers(SrtpProfile profile) throws Exception {
        SrtpContext sender = context(profile);
        SrtpContext receiver = context(profile);
        Keys keys = Keys.derive(profile, false);
        for (int n = 0; n < 40; n++) {
            long index = 65_000 + n * 20_000L; // ROC climbs from 0 to 12
            int csrcs = n % 4;
            int extensionWords = n % 3;
            byte[] plain = Packets.rtp(SSRC, (int) index, csrcs, extensionWords, PAYLOADS[n % PAYLOADS.length]);
            int headerLength = plain.length - PAYLOADS[n % PAYLOADS.length];

            byte[] buf = Arrays.copyOf(plain, plain.length + profile.srtpOverhead());
            int len = sender.protectRtp(buf, 0, plain.length);
            assertEquals(hex(reference(profile, keys, plain, headerLength, index)), hex(buf, len), "index " + index);

            assertEquals(plain.length, receiver.unprotectRtp(buf, 0, len));
            assertEquals(hex(plain), hex(buf, plain.length));
        }
        assertEquals(12, receiver.rolloverCounter(SSRC));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void srtcpMatchesTheReference(SrtpProfile profile) throws Exception {
        SrtpContext sender = context(profile);
        SrtpContext receiver = context(profile);
        Keys keys = Keys.derive(profile, true);
        sender.setNextSrtcpIndex(SSRC, 0x7fff_fffe);
        int[] indices = {0x7fff_fffe, 0x7fff_ffff, 0, 1};
        for (int n = 0; n < indices.length; n++) {
            byte[] plain = Packets.rtcp(SSRC, 8 + 28 * n);
            byte[] buf = Arrays.copyOf(plain, plain.length + profile.srtcpOverhead());
            int len = sender.protectRtcp(buf, 0, plain.length);
            assertEquals(hex(referenceRtcp(profile, keys, plain, indices[n], true)), hex(buf, len));
            if (n < 2) {
                assertEquals(plain.length, receiver.unprotectRtcp(buf, 0, len));
                assertEquals(hex(plain), hex(buf, plain.length));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void unencryptedSrtcpIsAuthenticatedAndPassedThrough(SrtpProfile profile) throws Exception {
        SrtpContext receiver = context(profile);
        byte[] plain = Packets.rtcp(SSRC, 32);
        byte[] srtcp = referenceRtcp(profile, Keys.derive(profile, true), plain, 77, false);
        assertEquals(plain.length, receiver.unprotectRtcp(srtcp, 0, srtcp.length));
        assertEquals(hex(plain), hex(srtcp, plain.length));
    }

    private static SrtpContext context(SrtpProfile profile) {
        return SrtpContext.create(profile, MASTER_KEY, masterSalt(profile));
    }

    private static byte[] masterSalt(SrtpProfile profile) {
        return Arrays.copyOf(MASTER_SALT, profile.saltLength());
    }

    /** Session keys through our KDF, which RFC 3711 B.3 and the libsrtp vectors check. */
    record Keys(byte[] key, byte[] salt, byte[] auth) {
        static Keys derive(SrtpProfile profile, boolean rtcp) {
            byte[] masterSalt = masterSalt(profile);
            int label = rtcp ? SrtpKdf.LABEL_RTCP_ENCRYPTION : SrtpKdf.LABEL_RTP_ENCRYPTION;
            return new Keys(SrtpKdf.derive(MASTER_KEY, masterSalt, label, 16),
                    SrtpKdf.derive(MASTER_KEY, masterSalt, label + 2, profile.saltLength()),
                    SrtpKdf.derive(MASTER_KEY, masterSalt, label + 1, 20));
        }
    }

    private static byte[] reference(SrtpProfile profile, Keys k, byte[] rtp, int headerLength, long index)
            throws GeneralSecurityException {
        byte[] header = Arrays.copyOf(rtp, headerLength);
        byte[] payload = Arrays.copyOfRange(rtp, headerLength, rtp.length);
        if (profile == SrtpProfile.AEAD_AES_128_GCM) {
            Cipher gcm = gcm(k, index);
            gcm.updateAAD(header);
            return concat(header, gcm.doFinal(payload));
        }
        byte[] encrypted = concat(header, ctr(k, index).doFinal(payload));
        byte[] roc = ByteBuffer.allocate(4).putInt((int) (index >>> 16)).array();
        return concat(encrypted, hmac80(k, concat(encrypted, roc)));
    }

    private static byte[] referenceRtcp(SrtpProfile profile, Keys k, byte[] rtcp, int index, boolean encrypt)
            throws GeneralSecurityException {
        byte[] trailer = ByteBuffer.allocate(4).putInt((encrypt ? 0x8000_0000 : 0) | index).array();
        int clear = encrypt ? 8 : rtcp.length;
        byte[] header = Arrays.copyOf(rtcp, clear);
        byte[] body = Arrays.copyOfRange(rtcp, clear, rtcp.length);
        if (profile == SrtpProfile.AEAD_AES_128_GCM) {
            Cipher gcm = gcm(k, index);
            gcm.updateAAD(concat(header, trailer));
            return concat(concat(header, gcm.doFinal(body)), trailer);
        }
        byte[] authenticated = concat(concat(header, ctr(k, index).doFinal(body)), trailer);
        return concat(authenticated, hmac80(k, authenticated));
    }

    /** IV = (salt·2^16) XOR (SSRC·2^64) XOR (index·2^16), RFC 3711 §4.1.1. */
    private static Cipher ctr(Keys k, long index) throws GeneralSecurityException {
        ByteBuffer iv = ByteBuffer.allocate(16).put(k.salt).putShort((short) 0);
        iv.putInt(4, iv.getInt(4) ^ SSRC);
        iv.putLong(8, iv.getLong(8) ^ index << 16);
        Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k.key, "AES"), new IvParameterSpec(iv.array()));
        return cipher;
    }

    /** IV = salt XOR (0x0000 || SSRC || 48-bit index), RFC 7714 §8.1 and §9.1. */
    private static Cipher gcm(Keys k, long index) throws GeneralSecurityException {
        ByteBuffer iv = ByteBuffer.allocate(12).put(k.salt);
        iv.putInt(2, iv.getInt(2) ^ SSRC);
        iv.putShort(6, (short) (iv.getShort(6) ^ index >>> 32));
        iv.putInt(8, iv.getInt(8) ^ (int) index);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k.key, "AES"), new GCMParameterSpec(128, iv.array()));
        return cipher;
    }

    private static byte[] hmac80(Keys k, byte[] message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(k.auth, "HmacSHA1"));
        return Arrays.copyOf(mac.doFinal(message), 10);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String hex(byte[] b, int len) {
        return HexFormat.of().formatHex(b, 0, len);
    }
}
