package parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The self-signed certificate made at start, and PEM files as Let's Encrypt writes them. */
class CertificatesTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    /** Made once with OpenSSL 3.0 for this test only: {@code openssl ecparam -name prime256v1 -genkey -noout}. */
    static final String OPENSSL_SEC1_KEY = """
            -----BEGIN EC PRIVATE KEY-----
            MHcCAQEEIAhJW/SU9PLV0d3kdrI1XdkstwrMkOvTfjJiEo9HJvxQoAoGCCqGSM49
            AwEHoUQDQgAEE7CCvMWf+RYxgKeEQaMTUtyzUV3ozxiH2JfJh+uC98uzT3VxKXzW
            pRfPIL3JxW6StJflvGFwjWkI6SyFTVEvWA==
            -----END EC PRIVATE KEY-----
            """;
    /** {@code openssl req -x509 -key sec1.pem -subj /CN=openssl-test -days 36500}. */
    static final String OPENSSL_CERT = """
            -----BEGIN CERTIFICATE-----
            MIIBhjCCASugAwIBAgIUXXS7BZgGTi/aiECxTLKuT6EwszcwCgYIKoZIzj0EAwIw
            FzEVMBMGA1UEAwwMb3BlbnNzbC10ZXN0MCAXDTI2MTEyNjA1MjIyOFoYDzIxMjYx
            MTAyMDUyMjI4WjAXMRUwEwYDVQQDDAxvcGVuc3NsLXRlc3QwWTATBgcqhkjOPQIB
            BggqhkjOPQMBBwNCAAQTsIK8xZ/5FjGAp4RBoxNS3LNRXejPGIfYl8mH64L3y7NP
            dXEpfNalF88gvcnFbpK0l+W8YXCNaQjpLIVNUS9Yo1MwUTAdBgNVHQ4EFgQU30hg
            RrmIdUY5ZQiQIGDXugWojLwwHwYDVR0jBBgwFoAU30hgRrmIdUY5ZQiQIGDXugWo
            jLwwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEA1jb9vpeLSZDi
            3PrmsEHmJFtW3WU5tLdJJODg6/X7d8cCIQDwyFFf+SlEwahKkgJ2/boz1L02PdNC
            mlN6gO4+YfGLQA==
            -----END CERTIFICATE-----
            """;

    @TempDir
    Path temp;

    @Test
    void selfSignedNamesLocalhostLoopbackAndTheHost() throws Exception {
        TlsIdentity id = Certificates.selfSigned(List.of("localhost", "meet-box"),
                List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("192.0.2.7")), NOW);
        X509Certificate cert = id.leaf();
        Set<String> names = cert.getSubjectAlternativeNames().stream()
                .map(n -> n.get(0) + ":" + n.get(1)).collect(Collectors.toSet());
        assertEquals(Set.of("2:localhost", "2:meet-box", "7:127.0.0.1", "7:192.0.2.7"), names);
        assertEquals("EC", id.key().getAlgorithm());
        assertEquals(-1, cert.getBasicConstraints(), "not a CA");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), cert.getExtendedKeyUsage(), "server authentication");
        cert.checkValidity(Date.from(NOW));
        cert.checkValidity(Date.from(NOW.plusSeconds(396L * 24 * 3600)));
        cert.verify(cert.getPublicKey());
    }

    @Test
    void eachStartMakesANewKey() throws Exception {
        TlsIdentity a = Certificates.selfSigned(List.of("localhost"), List.of(), NOW);
        TlsIdentity b = Certificates.selfSigned(List.of("localhost"), List.of(), NOW);
        assertTrue(!a.leaf().getPublicKey().equals(b.leaf().getPublicKey()));
    }

    @Test
    void readsPkcs8EcKeyAndChain() throws Exception {
        TlsIdentity id = Certificates.selfSigned(List.of("localhost"), List.of(), NOW);
        Path cert = write("fullchain.pem", pem(id.leaf()) + pem(id.leaf()));
        Path key = write("privkey.pem", pem(new JcaPKCS8Generator(id.key(), null)));
        TlsIdentity read = Certificates.fromPem(cert, key);
        assertEquals(id.leaf(), read.leaf());
        assertEquals(2, read.chain().size());
        assertEquals(id.key(), read.key());
    }

    @Test
    void readsTraditionalRsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=rsa");
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.ONE, Date.from(NOW), Date.from(NOW.plusSeconds(3600)), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        Path certFile = write("cert.pem", pem(cert));
        Path keyFile = write("key.pem", pem(pair.getPrivate()));   // "BEGIN RSA PRIVATE KEY"
        assertTrue(Files.readString(keyFile).contains("BEGIN RSA PRIVATE KEY"));
        assertEquals("RSA", Certificates.fromPem(certFile, keyFile).key().getAlgorithm());
    }

    @Test
    void readsOpensslSec1EcKey() throws Exception {
        TlsIdentity id = Certificates.fromPem(write("cert.pem", OPENSSL_CERT), write("key.pem", OPENSSL_SEC1_KEY));
        assertEquals("CN=openssl-test", id.leaf().getSubjectX500Principal().getName());
        assertEquals("EC", id.key().getAlgorithm());
    }

    @Test
    void keyOfAnotherCertificateIsRefused() throws Exception {
        TlsIdentity a = Certificates.selfSigned(List.of("localhost"), List.of(), NOW);
        Path cert = write("cert.pem", pem(a.leaf()));
        Path key = write("key.pem", OPENSSL_SEC1_KEY);
        WebException e = assertThrows(WebException.class, () -> Certificates.fromPem(cert, key));
        assertEquals("the private key in " + key + " does not match the certificate in " + cert, e.getMessage());
    }

    @Test
    void encryptedKeyIsRefused() throws Exception {
        TlsIdentity id = Certificates.selfSigned(List.of("localhost"), List.of(), NOW);
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword("secret".toCharArray()).build();
        Path cert = write("cert.pem", pem(id.leaf()));
        Path key = write("key.pem", pem(new JcaPKCS8Generator(id.key(), encryptor)));
        WebException e = assertThrows(WebException.class, () -> Certificates.fromPem(cert, key));
        assertTrue(e.getMessage().endsWith("is encrypted (expected: an unencrypted PEM key)"), e.getMessage());
    }

    @Test
    void filesWithoutTheRightBlocksAreRefused() throws Exception {
        TlsIdentity id = Certificates.selfSigned(List.of("localhost"), List.of(), NOW);
        Path empty = write("empty.pem", "");
        Path cert = write("cert.pem", pem(id.leaf()));
        WebException noCert = assertThrows(WebException.class, () -> Certificates.fromPem(empty, cert));
        assertEquals("no certificate in " + empty + " (expected: PEM \"BEGIN CERTIFICATE\" blocks)", noCert.getMessage());
        WebException noKey = assertThrows(WebException.class, () -> Certificates.fromPem(cert, cert));
        assertEquals("no private key in " + cert + " (expected: PEM \"BEGIN PRIVATE KEY\")", noKey.getMessage());
        Path garbage = write("garbage.pem", "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");
        assertThrows(WebException.class, () -> Certificates.fromPem(garbage, cert));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(temp.resolve(name), text);
    }

    private static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(o);
        }
        return out.toString();
    }
}
