package parley.media.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.junit.jupiter.api.Test;

class DtlsCertificateTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void fingerprintIsSha256OfTheDerInSdpFormat() throws Exception {
        DtlsCertificate cert = DtlsCertificate.generate();
        String expected = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.encoded()));
        assertEquals(expected, cert.fingerprintSha256());
        assertTrue(cert.fingerprintSha256().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), cert.fingerprintSha256());
        assertNotEquals(expected, DtlsCertificate.generate().fingerprintSha256()); // a fresh key each time
    }

    @Test
    void selfSignedEcdsaP256ValidForThirtyDays() throws Exception {
        DtlsCertificate cert = DtlsCertificate.generate(new SecureRandom(), NOW);
        X509CertificateHolder holder = new X509CertificateHolder(cert.encoded());
        assertEquals(NOW.minus(Duration.ofDays(1)), holder.getNotBefore().toInstant());
        assertEquals(NOW.plus(Duration.ofDays(30)), holder.getNotAfter().toInstant());
        assertEquals(X9ObjectIdentifiers.id_ecPublicKey, holder.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm());
        assertEquals(SECObjectIdentifiers.secp256r1, holder.getSubjectPublicKeyInfo().getAlgorithm().getParameters());
        assertEquals(X9ObjectIdentifiers.ecdsa_with_SHA256, holder.getSignatureAlgorithm().getAlgorithm());
        assertEquals(holder.getIssuer(), holder.getSubject());
        assertTrue(holder.getSerialNumber().signum() > 0);
        assertTrue(holder.isSignatureValid(new BcECContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder())
                .build(holder)));
    }
}
