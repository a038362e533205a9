package parley.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A certificate authority made for one test class (openssl), with one server certificate
 * for 127.0.0.1 that it signed, and a home folder whose NSS database trusts it (certutil,
 * Debian's libnss3-tools). A Chromium started with that home ({@link Browsers#trustingChromiums})
 * verifies certificates as a user's browser does, and accepts this one as a browser accepts
 * a certificate from a public CA: no check is turned off.
 */
public final class TestCa implements AutoCloseable {
    public static final Path CERTUTIL = Path.of("/usr/bin/certutil");
    private static final int TIMEOUT_S = 30;

    private final Path dir;

    private TestCa(Path dir) {
        this.dir = dir;
    }

    /** Makes the CA, the server certificate for 127.0.0.1 and the trusting home. */
    public static TestCa create() {
        if (!Files.isExecutable(CERTUTIL)) {
            throw new E2eException(CERTUTIL + " is missing: install Debian's libnss3-tools (scripts/install-test-deps.sh)");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("parley-test-ca-");
            Files.writeString(dir.resolve("leaf.ext"),
                    "subjectAltName=IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n");
            Files.createDirectories(dir.resolve("home/.pki/nssdb"));
        } catch (IOException e) {
            throw new E2eException("cannot make the test CA's folder", e);
        }
        TestCa ca = new TestCa(dir);
        try {
            String d = dir + "/";
            openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", d + "ca.key", "-out", d + "ca.pem", "-days", "2", "-subj", "/CN=Parley test CA",
                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
            openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", d + "key.pem", "-out", d + "leaf.csr", "-subj", "/CN=127.0.0.1");
            openssl("x509", "-req", "-in", d + "leaf.csr", "-CA", d + "ca.pem", "-CAkey", d + "ca.key",
                    "-CAcreateserial", "-days", "2", "-extfile", d + "leaf.ext", "-out", d + "cert.pem");
            String db = "sql:" + ca.home().resolve(".pki/nssdb");
            Processes.run(List.of(CERTUTIL.toString(), "-N", "-d", db, "--empty-password"), TIMEOUT_S);
            Processes.run(List.of(CERTUTIL.toString(), "-A", "-d", db, "-n", "parley-test-ca", "-t", "C,,",
                    "-i", d + "ca.pem"), TIMEOUT_S);
            return ca;
        } catch (RuntimeException e) {
            ca.close();
            throw e;
        }
    }

    private static void openssl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Processes.run(command, TIMEOUT_S);
    }

    /** The server certificate (PEM) for 127.0.0.1, signed by the CA. */
    public Path cert() {
        return dir.resolve("cert.pem");
    }

    /** The unencrypted PEM key of {@link #cert()}. */
    public Path key() {
        return dir.resolve("key.pem");
    }

    /** A HOME whose ~/.pki/nssdb trusts the CA for TLS servers. */
    public Path home() {
        return dir.resolve("home");
    }

    @Override
    public void close() {
        Processes.deleteTree(dir);
    }
}
