package parley.media.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The server's DTLS identity: an ECDSA P-256 key and a self-signed X.509 certificate, whose
 * SHA-256 fingerprint goes into every SDP answer (RFC 8122). Browsers check only that fingerprint,
 * not names or a chain. Immutable and thread-safe; one instance serves every transport.
 */
public final class DtlsCertificate {
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final Duration BACKDATE = Duration.ofDays(1);
    private static final Duration VALIDITY = Duration.ofDays(30);

    private final byte[] der;
    private final AsymmetricKeyParameter privateKey;
    private final String fingerprintSha256;
    /** Shared by every handshake with this certificate: BcTlsCrypto holds no per-connection state. */
    private final BcTlsCrypto crypto;
    private final Certificate chain;

    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey, BcTlsCrypto crypto) throws IOException {
        this.der = der;
        this.privateKey = privateKey;
        this.fingerprintSha256 = Fingerprint.sha256(der);
        this.crypto = crypto;
        this.chain = new Certificate(new TlsCertificate[] {crypto.createCertificate(der)});
    }

    /** A fresh key and certificate, valid from a day ago for 30 days from now (reads the clock). */
    public static DtlsCertificate generate() {
        return generate(new SecureRandom(), Instant.now());
    }

    static DtlsCertificate generate(SecureRandom random, Instant now) {
        ECNamedDomainParameters p256 = new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1,
                ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp256r1));
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(p256, random));
        AsymmetricCipherKeyPair keyPair = generator.generateKeyPair();
        try {
            X500Name name = new X500Name("CN=parley");
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name,
                    new BigInteger(64, random).add(BigInteger.ONE),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), name,
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keyPair.getPublic()));
            AlgorithmIdentifier signature = new DefaultSignatureAlgorithmIdentifierFinder().find(SIGNATURE_ALGORITHM);
            AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(signature);
            byte[] der = builder.build(new BcECContentSignerBuilder(signature, digest).build(keyPair.getPrivate()))
                    .getEncoded();
            return new DtlsCertificate(der, keyPair.getPrivate(), new BcTlsCrypto(random));
        } catch (IOException | OperatorCreationException e) {
            // Only fixed, known-good parameters go in: a failure is a broken BouncyCastle installation.
            throw new IllegalStateException("cannot build a self-signed ECDSA certificate", e);
        }
    }

    /** The SHA-256 fingerprint as SDP writes it: upper-case hex pairs separated by ':'. */
    public String fingerprintSha256() {
        return fingerprintSha256;
    }

    /** A copy of the certificate's DER encoding. */
    public byte[] encoded() {
        return der.clone();
    }

    BcTlsCrypto crypto() {
        return crypto;
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    /** The one-certificate chain to send in the Certificate message. */
    Certificate chain() {
        return chain;
    }
}
