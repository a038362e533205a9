package parley.media.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;

/**
 * A browser stand-in: a BouncyCastle DTLS 1.2 client with use_srtp and a client certificate, wired
 * to a {@link DtlsServer} through an in-memory pipe (no sockets), or to any datagram transport
 * (public for the media transport tests and benchmarks, which run it over UDP).
 */
public final class TestDtlsClient extends DefaultTlsClient {
    final DtlsCertificate certificate;
    private final int[] offeredProfiles;
    /** Datagrams from the server, fed by the server's PacketSender. */
    final BlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
    final CountDownLatch transportClosed = new CountDownLatch(1);
    volatile byte[] serverCertificateDer;
    volatile int selectedProfile = -1;
    volatile byte[] exportedKeyingMaterial;

    public TestDtlsClient(DtlsCertificate certificate, int... offeredProfiles) {
        super(certificate.crypto());
        this.certificate = certificate;
        this.offeredProfiles = offeredProfiles;
    }

    /** Like a browser on a short path: the first resend after 2 x the round trip, 50 ms at least (libwebrtc). */
    @Override
    public int getHandshakeResendTimeMillis() {
        return 100;
    }

    /** The server's end of the pipe. */
    DtlsServer.PacketSender sender() {
        return (buf, off, len) -> inbox.add(java.util.Arrays.copyOfRange(buf, off, off + len));
    }

    /** Runs the handshake against the server on the calling thread. */
    DTLSTransport connect(DtlsServer server) throws IOException {
        return new DTLSClientProtocol().connect(this, pipe(server));
    }

    /** Runs the handshake over {@code transport} on the calling thread. */
    public DTLSTransport connect(DatagramTransport transport) throws IOException {
        return new DTLSClientProtocol().connect(this, transport);
    }

    /** The SRTP keys both sides derived; after the handshake. */
    public SrtpKeys keys() {
        return SrtpKeys.fromKeyingMaterial(selectedProfile, exportedKeyingMaterial);
    }

    /** The SHA-256 fingerprint of this client's certificate, as its SDP offer would carry it. */
    public String fingerprintSha256() {
        return certificate.fingerprintSha256();
    }

    /** The server certificate's SHA-256 fingerprint; after the handshake. */
    public String serverFingerprintSha256() {
        return Fingerprint.sha256(serverCertificateDer);
    }

    private DatagramTransport pipe(DtlsServer server) {
        return new DatagramTransport() {
            @Override
            public int getReceiveLimit() {
                return 1500;
            }

            @Override
            public int getSendLimit() {
                return 1200;
            }

            @Override
            public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
                try {
                    byte[] d = waitMillis == 0 ? inbox.take() : inbox.poll(waitMillis, TimeUnit.MILLISECONDS);
                    if (d == null) {
                        return -1;
                    }
                    System.arraycopy(d, 0, buf, off, Math.min(len, d.length));
                    return Math.min(len, d.length);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
            }

            @Override
            public void send(byte[] buf, int off, int len) {
                server.receive(buf, off, len);
            }

            @Override
            public void close() {
                transportClosed.countDown();
            }
        };
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = super.getClientExtensions();
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(offeredProfiles, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        selectedProfile = TlsSRTPUtils.getUseSRTPExtension(serverExtensions).getProtectionProfiles()[0];
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                // A browser would compare this with the server's SDP fingerprint; the test does.
                serverCertificateDer = serverCertificate.getCertificate().getCertificateAt(0).getEncoded();
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) {
                return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), certificate.crypto(),
                        certificate.privateKey(), certificate.chain(),
                        SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        int length = 2 * (SrtpKeys.keyLength(selectedProfile) + SrtpKeys.saltLength(selectedProfile));
        exportedKeyingMaterial = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, length);
    }
}
