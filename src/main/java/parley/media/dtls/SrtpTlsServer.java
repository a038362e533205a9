package parley.media.dtls;

import java.io.IOException;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.stream.Collectors;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;

/**
 * The BouncyCastle server policy for WebRTC: DTLS 1.2 only, ECDHE-ECDSA AEAD suites, extended
 * master secret required, a client certificate required and checked against the SDP fingerprint,
 * use_srtp negotiated, and the SRTP keys exported when the handshake completes.
 *
 * <p>Used by the one DTLS thread of a {@link DtlsServer}; the results are read from that thread.
 */
final class SrtpTlsServer extends DefaultTlsServer {
    /** Chrome, Firefox and OpenSSL (aiortc) all offer these with an ECDSA certificate. */
    private static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    };
    private static final SignatureAndHashAlgorithm ECDSA_SHA256 =
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

    private final DtlsCertificate certificate;
    private final Fingerprint clientFingerprint;
    private final int[] srtpProfiles;
    static final int HANDSHAKE_RESEND_MS = 250;
    private final int handshakeTimeoutMs;
    private int selectedProfile = -1;
    private SrtpKeys keys;
    /** Why this side refused the handshake, in words for the listener; null if it did not. */
    private String refusal;
    private boolean closeNotifyReceived;

    SrtpTlsServer(DtlsCertificate certificate, Fingerprint clientFingerprint, int[] srtpProfiles, int handshakeTimeoutMs) {
        super(certificate.crypto());
        this.certificate = certificate;
        this.clientFingerprint = clientFingerprint;
        this.srtpProfiles = srtpProfiles.clone();
        this.handshakeTimeoutMs = handshakeTimeoutMs;
    }

    /** The SRTP keys, once the handshake completed; else null. */
    SrtpKeys keys() {
        return keys;
    }

    String refusal() {
        return refusal;
    }

    boolean closeNotifyReceived() {
        return closeNotifyReceived;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), CIPHER_SUITES);
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMs;
    }

    /**
     * The first resend of a flight the client did not answer. DTLS's default is a whole second,
     * which turns one datagram lost while many people join into a join a second (then three)
     * slower; browsers start at twice the ICE round trip, 50 ms at least. An ICE-lite server
     * measures no round trip, so it uses a fixed, still cautious, 250 ms (doubling on each resend).
     */
    @Override
    public int getHandshakeResendTimeMillis() {
        return HANDSHAKE_RESEND_MS;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null) {
            throw refuse("client offered no use_srtp extension (expected: DTLS-SRTP)", AlertDescription.handshake_failure);
        }
        for (int profile : srtpProfiles) {
            if (Arrays.stream(offered.getProtectionProfiles()).anyMatch(p -> p == profile)) {
                selectedProfile = profile;
                return;
            }
        }
        throw refuse("client offered SRTP profiles " + hex(offered.getProtectionProfiles())
                + " (expected: one of " + hex(srtpProfiles) + ")", AlertDescription.handshake_failure);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {selectedProfile}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        return new CertificateRequest(types, TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    @Override
    public void notifyClientCertificate(org.bouncycastle.tls.Certificate clientCertificate) throws IOException {
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            throw refuse("client sent no certificate (expected: the one in its SDP fingerprint)",
                    AlertDescription.handshake_failure);
        }
        // BouncyCastle verifies the client's CertificateVerify signature with this certificate's key.
        if (!clientFingerprint.matches(clientCertificate.getCertificateAt(0).getEncoded())) {
            throw refuse("client certificate does not match the fingerprint in its SDP", AlertDescription.bad_certificate);
        }
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() {
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), certificate.crypto(),
                certificate.privateKey(), certificate.chain(), ECDSA_SHA256);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        int length = 2 * (SrtpKeys.keyLength(selectedProfile) + SrtpKeys.saltLength(selectedProfile));
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, length);
        keys = SrtpKeys.fromKeyingMaterial(selectedProfile, material);
        Arrays.fill(material, (byte) 0);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (alertDescription == AlertDescription.close_notify) {
            closeNotifyReceived = true;
        }
    }

    private TlsFatalAlert refuse(String reason, short alert) {
        refusal = reason;
        return new TlsFatalAlert(alert, reason);
    }

    private static String hex(int[] profiles) {
        return Arrays.stream(profiles).mapToObj(p -> String.format("0x%04x", p)).collect(Collectors.joining(", ", "[", "]"));
    }
}
