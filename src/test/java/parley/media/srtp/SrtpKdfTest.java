package parley.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static parley.media.srtp.Hex.hex;

import org.junit.jupiter.api.Test;

/** RFC 3711 Appendix B.3: key derivation with the AES-CM PRF. */
class SrtpKdfTest {
    private static final byte[] MASTER_KEY = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] MASTER_SALT = hex("0EC675AD498AFEEBB6960B3AABE6");

    @Test
    void cipherKey() {
        assertArrayEquals(hex("C61E7A93744F39EE10734AFE3FF7A087"),
                SrtpKdf.derive(MASTER_KEY, MASTER_SALT, SrtpKdf.LABEL_RTP_ENCRYPTION, 16));
    }

    @Test
    void cipherSalt() {
        assertArrayEquals(hex("30CBBC08863D8C85D49DB34A9AE1"),
                SrtpKdf.derive(MASTER_KEY, MASTER_SALT, SrtpKdf.LABEL_RTP_SALT, 14));
    }

    @Test
    void authenticationKeyAll94BytesTheRfcPrints() {
        byte[] expected = hex("""
                CEBE321F6FF7716B6FD4AB49AF256A15
                6D38BAA48F0A0ACF3C34E2359E6CDBCE
                E049646C43D9327AD175578EF7227098
                6371C10C9A369AC2F94A8C5FBCDDDC25
                6D6E919A48B610EF17C2041E47403576
                6B68642C59BBFC2F34DB60DBDFB2
                """);
        assertArrayEquals(expected, SrtpKdf.derive(MASTER_KEY, MASTER_SALT, SrtpKdf.LABEL_RTP_AUTHENTICATION, 94));
    }
}
