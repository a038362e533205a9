package parley.web;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Where the HTTPS identity comes from: PEM files (for example from Let's Encrypt) or a
 * self-signed ECDSA P-256 certificate generated in memory at start. Stateless.
 */
public final class Certificates {
    /** Generated certificates are valid from a day before now (clock skew) for 397 days. */
    private static final Duration BACKDATE = Duration.ofDays(1);
    private static final Duration VALIDITY = Duration.ofDays(397);

    private Certificates() {}

    /**
     * A new key pair and a self-signed certificate naming {@code dnsNames} and {@code ips}
     * as subject alternative names; nothing is written to disk.
     */
    public static TlsIdentity selfSigned(List<String> dnsNames, List<InetAddress> ips, Instant now)
            throws WebException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=Parley (self-signed)");
            byte[] serial = new byte[16];
            new SecureRandom().nextBytes(serial);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject, new BigInteger(1, serial),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)),
                    subject, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, altNames(dnsNames, ips));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509CertificateHolder holder =
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            return new TlsIdentity(pair.getPrivate(), List.of(cert));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new WebException("cannot generate a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralNames altNames(List<String> dnsNames, List<InetAddress> ips) {
        Set<GeneralName> names = new LinkedHashSet<>();
        for (String dns : dnsNames) names.add(new GeneralName(GeneralName.dNSName, dns));
        for (InetAddress ip : ips) names.add(new GeneralName(GeneralName.iPAddress, ip.getHostAddress()));
        return new GeneralNames(names.toArray(new GeneralName[0]));
    }

    /**
     * Reads a certificate chain (leaf first, as in Let's Encrypt's fullchain.pem) and an
     * unencrypted private key (PKCS#8, PKCS#1 or SEC1), and checks that they belong together.
     */
    public static TlsIdentity fromPem(Path certFile, Path keyFile) throws WebException {
        List<X509Certificate> chain = readChain(certFile);
        PrivateKey key = readKey(keyFile);
        if (!matches(key, chain.get(0))) {
            throw new WebException("the private key in " + keyFile
                    + " does not match the certificate in " + certFile);
        }
        return new TlsIdentity(key, chain);
    }

    private static List<X509Certificate> readChain(Path file) throws WebException {
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser parser = new PEMParser(reader(file))) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) chain.add(converter.getCertificate(holder));
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // BouncyCastle reports bad base64 and bad DER as runtime exceptions.
            throw new WebException("cannot read certificate file " + file + ": " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new WebException("no certificate in " + file + " (expected: PEM \"BEGIN CERTIFICATE\" blocks)");
        }
        return chain;
    }

    private static PrivateKey readKey(Path file) throws WebException {
        try (PEMParser parser = new PEMParser(reader(file))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                // SEC1 keys ("BEGIN EC PRIVATE KEY") may lack the public part: read the private part only.
                if (o instanceof PEMKeyPair pair) return converter.getPrivateKey(pair.getPrivateKeyInfo());
                if (o instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
                if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
                    throw new WebException("the private key in " + file
                            + " is encrypted (expected: an unencrypted PEM key)");
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new WebException("cannot read key file " + file + ": " + e.getMessage(), e);
        }
        throw new WebException("no private key in " + file + " (expected: PEM \"BEGIN PRIVATE KEY\")");
    }

    private static Reader reader(Path file) throws IOException {
        return Files.newBufferedReader(file, StandardCharsets.US_ASCII);
    }

    /** Signs a random challenge with the key and verifies it with the certificate. */
    private static boolean matches(PrivateKey key, X509Certificate cert) throws WebException {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new WebException("unsupported key algorithm " + key.getAlgorithm()
                    + " (expected: EC, RSA or Ed25519)");
        };
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
