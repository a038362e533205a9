package parley.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static parley.media.srtp.Hex.hex;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Whole packets against published vectors: RFC 7714 §16 and §17 (AEAD_AES_128_GCM from session
 * keys) and libsrtp's test/srtp_driver.c validation vectors (both profiles from master keys,
 * through the RFC 3711 key derivation). libsrtp numbers SRTCP packets from 1 where RFC 3711 §3.4
 * starts at 0, so its SRTCP vector is our second packet.
 */
class SrtpVectorsTest {
    // RFC 7714 §16-17: session key and salt ("Quid pro quo"), used for RTP and RTCP alike
    private static final byte[] RFC7714_KEY = hex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] RFC7714_SALT = hex("517569642070726f2071756f");

    private static final String RFC7714_RTP = """
            8040f17b 8041f8d3 5501a0b2                   # V=2, PT 64, seq 0xf17b, ts, SSRC 0x5501a0b2
            47616c6c 69612065 7374206f 6d6e6973 20646976 # "Gallia est omnis divisa
            69736120 696e2070 61727465 73207472 6573     #  in partes tres"
            """;
    private static final String RFC7714_SRTP = """
            8040f17b 8041f8d3 5501a0b2                   # header, clear
            f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5 # ciphertext
            0d294e6f 42a5f47a 51c7d19b 36de3adf 8833
            899d7f27 beb16a91 52cf765e e4390cce          # tag
            """;
    private static final String RFC7714_RTCP = """
            81c8000d 4d617273                            # SR, length 13 words, SSRC "Mars"
            4e545031 4e545032 52545020 0000042a 0000e930 # NTP, RTP timestamp, counts
            4c756e61 deadbeef deadbeef deadbeef deadbeef # report block "Luna"...
            deadbeef
            """;
    private static final String RFC7714_SRTCP = """
            81c8000d 4d617273                            # header, clear
            63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7 # ciphertext
            6c06f32d c676a5f1 730d6fda 4ce09b46 86303ded
            0bb9275b
            c84aa458 96cf4d2f c5abf872 45d9eade          # tag
            800005d4                                     # E=1, SRTCP index 0x5d4
            """;
    private static final String RFC7714_SRTCP_NOT_ENCRYPTED = RFC7714_RTCP + """
            841dd968 3dd78ec9 2ae58790 125f62b3          # tag
            000005d4                                     # E=0, SRTCP index 0x5d4
            """;

    // libsrtp srtp_driver.c, with the RFC 3711 B.3 master key and salt for AES-CM
    private static final byte[] CM_MASTER_KEY = hex("e1f97a0d3e018be0d64fa32c06de4139");
    private static final byte[] CM_MASTER_SALT = hex("0ec675ad498afeebb6960b3aabe6");
    private static final byte[] GCM_MASTER_KEY = hex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] GCM_MASTER_SALT = hex("a0a1a2a3a4a5a6a7a8a9aaab");
    private static final String LIBSRTP_RTP = """
            800f1234 decafbad cafebabe                   # seq 0x1234, SSRC 0xcafebabe
            abababab abababab abababab abababab          # payload
            """;
    private static final String LIBSRTP_RTCP = """
            81c8000b cafebabe                            # SR, SSRC 0xcafebabe
            abababab abababab abababab abababab          # body
            """;
    private static final String LIBSRTP_CM_SRTP = """
            800f1234 decafbad cafebabe
            4e55dc4c e79978d8 8ca4d215 949d2402          # ciphertext
            b78d6acc 99ea179b 8dbb                       # tag
            """;
    private static final String LIBSRTP_CM_SRTCP = """
            81c8000b cafebabe
            7128035b e487b9bd bef89041 f977a5a8          # ciphertext
            80000001                                     # E=1, index 1
            993e08cd 54d6c123 0798                       # tag
            """;
    private static final String LIBSRTP_GCM_SRTP = """
            800f1234 decafbad cafebabe
            c5002ede 04cfdd2e b91159e0 880aa06e          # ciphertext
            d2976826 f796b201 df3131a1 27e8a392          # tag
            """;
    private static final String LIBSRTP_GCM_SRTCP = """
            81c8000b cafebabe
            c98b8b5d f0392a55 852b6c21 ac8e7025          # ciphertext
            c52c6fbe a2b3b446 ea31123b a88ce61e          # tag
            80000001                                     # E=1, index 1
            """;

    @Test
    void rfc7714Section16ProtectsRtp() {
        assertEquals(vector(RFC7714_SRTP), protectRtp(rfc7714Context(), RFC7714_RTP));
    }

    @Test
    void rfc7714Section16UnprotectsRtp() throws SrtpException {
        assertEquals(vector(RFC7714_RTP), unprotectRtp(rfc7714Context(), RFC7714_SRTP));
    }

    @Test
    void rfc7714Section17ProtectsRtcp() {
        SrtpContext sender = rfc7714Context();
        sender.setNextSrtcpIndex(0x4d617273, 0x5d4);
        assertEquals(vector(RFC7714_SRTCP), protectRtcp(sender, RFC7714_RTCP));
    }

    @Test
    void rfc7714Section17UnprotectsRtcp() throws SrtpException {
        assertEquals(vector(RFC7714_RTCP), unprotectRtcp(rfc7714Context(), RFC7714_SRTCP));
    }

    @Test
    void rfc7714Section17AuthenticatesUnencryptedRtcp() throws SrtpException {
        assertEquals(vector(RFC7714_RTCP), unprotectRtcp(rfc7714Context(), RFC7714_SRTCP_NOT_ENCRYPTED));
    }

    @Test
    void libsrtpAesCmVectors() throws SrtpException {
        checkLibsrtp(SrtpProfile.AES_CM_128_HMAC_SHA1_80, CM_MASTER_KEY, CM_MASTER_SALT,
                LIBSRTP_CM_SRTP, LIBSRTP_CM_SRTCP);
    }

    @Test
    void libsrtpAesGcmVectors() throws SrtpException {
        checkLibsrtp(SrtpProfile.AEAD_AES_128_GCM, GCM_MASTER_KEY, GCM_MASTER_SALT,
                LIBSRTP_GCM_SRTP, LIBSRTP_GCM_SRTCP);
    }

    private static void checkLibsrtp(SrtpProfile profile, byte[] key, byte[] salt, String srtp, String srtcp)
            throws SrtpException {
        SrtpContext sender = SrtpContext.create(profile, key, salt);
        assertEquals(vector(srtp), protectRtp(sender, LIBSRTP_RTP));
        protectRtcp(sender, LIBSRTP_RTCP); // SRTCP index 0
        assertEquals(vector(srtcp), protectRtcp(sender, LIBSRTP_RTCP)); // SRTCP index 1

        SrtpContext receiver = SrtpContext.create(profile, key, salt);
        assertEquals(vector(LIBSRTP_RTP), unprotectRtp(receiver, srtp));
        assertEquals(vector(LIBSRTP_RTCP), unprotectRtcp(receiver, srtcp));
    }

    private static SrtpContext rfc7714Context() {
        return new SrtpContext(SrtpProfile.AEAD_AES_128_GCM,
                new AesGcmCrypto(RFC7714_KEY, RFC7714_SALT), new AesGcmCrypto(RFC7714_KEY, RFC7714_SALT),
                SrtpContext.DEFAULT_MAX_SSRCS);
    }

    /** Hex without the comments, for readable failure messages. */
    static String vector(String commented) {
        byte[] bytes = bytes(commented);
        return Hex.hex(bytes, 0, bytes.length);
    }

    static byte[] bytes(String commented) {
        return hex(commented.replaceAll("#[^\\n]*", ""));
    }

    static String protectRtp(SrtpContext context, String packet) {
        byte[] buf = Arrays.copyOf(bytes(packet), 1500);
        int len = context.protectRtp(buf, 0, bytes(packet).length);
        return Hex.hex(buf, 0, len);
    }

    static String protectRtcp(SrtpContext context, String packet) {
        byte[] buf = Arrays.copyOf(bytes(packet), 1500);
        int len = context.protectRtcp(buf, 0, bytes(packet).length);
        return Hex.hex(buf, 0, len);
    }

    static String unprotectRtp(SrtpContext context, String packet) throws SrtpException {
        byte[] buf = bytes(packet);
        int len = context.unprotectRtp(buf, 0, buf.length);
        return Hex.hex(buf, 0, len);
    }

    static String unprotectRtcp(SrtpContext context, String packet) throws SrtpException {
        byte[] buf = bytes(packet);
        int len = context.unprotectRtcp(buf, 0, buf.length);
        return Hex.hex(buf, 0, len);
    }
}
