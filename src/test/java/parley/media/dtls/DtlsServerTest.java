package parley.media.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DTLSTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** In-process handshakes between {@link DtlsServer} and a BouncyCastle client; no sockets. */
class DtlsServerTest {
    static final DtlsCertificate SERVER_CERT = DtlsCertificate.generate();
    static final DtlsCertificate CLIENT_CERT = DtlsCertificate.generate();
    static final byte ALERT_CONTENT_TYPE = 21;
    static final Duration FIVE_SECONDS = Duration.ofSeconds(5);
    static final List<Integer> LEAD_PROFILES = List.of(SrtpKeys.SRTP_AES128_CM_HMAC_SHA1_80, SrtpKeys.SRTP_AEAD_AES_128_GCM);

    /** Records the listener calls. */
    static final class Outcome implements DtlsServer.Listener {
        final CompletableFuture<SrtpKeys> connected = new CompletableFuture<>();
        final CompletableFuture<String> failed = new CompletableFuture<>();

        @Override
        public void onConnected(SrtpKeys keys) {
            connected.complete(keys);
        }

        @Override
        public void onFailed(String reason) {
            failed.complete(reason);
        }

        SrtpKeys keys() throws Exception {
            return connected.get(5, TimeUnit.SECONDS);
        }

        String failure() throws Exception {
            return failed.get(5, TimeUnit.SECONDS);
        }
    }

    static DtlsServer server(TestDtlsClient client, Outcome outcome, List<Integer> profiles) throws DtlsException {
        return new DtlsServer(SERVER_CERT, "sha-256", client.certificate.fingerprintSha256(),
                client.sender(), outcome, profiles);
    }

    @Test
    void bothSidesDeriveTheSameSrtpKeys() throws Exception {
        TestDtlsClient client = new TestDtlsClient(CLIENT_CERT, 0x0008, 0x0007, 0x0001); // Chrome's order
        Outcome outcome = new Outcome();
        DtlsServer server = server(client, outcome, LEAD_PROFILES);
        DTLSTransport clientSide = client.connect(server);

        SrtpKeys keys = outcome.keys();
        assertEquals(SrtpKeys.SRTP_AES128_CM_HMAC_SHA1_80, keys.profileId()); // server preference wins
        assertEquals(SrtpKeys.SRTP_AES128_CM_HMAC_SHA1_80, client.selectedProfile);
        assertEquals(SrtpKeys.fromKeyingMaterial(keys.profileId(), client.exportedKeyingMaterial), keys);
        assertEquals(16, keys.clientWriteKey().length);
        assertEquals(14, keys.serverWriteSalt().length);
        assertFalse(java.util.Arrays.equals(keys.clientWriteKey(), keys.serverWriteKey()));
        assertEquals(SERVER_CERT.fingerprintSha256(), Fingerprint.sha256(client.serverCertificateDer));
        assertTrue(server.isConnected());
        assertFalse(outcome.failed.isDone());

        server.close();
        server.close(); // idempotent
        assertFalse(server.isConnected());
        assertEquals(1, client.inbox.size()); // sent on the thread that called close()...
        assertEquals(ALERT_CONTENT_TYPE, client.inbox.peek()[0]);
        clientSide.receive(new byte[1500], 0, 1500, 100); // ...and the client takes it for close_notify
        assertEquals(0, client.transportClosed.getCount());
        assertTrue(server.awaitStopped(FIVE_SECONDS));
        assertFalse(outcome.failed.isDone()); // no listener call after close()
    }

    @Test
    void aesGcmProfileGetsTwelveByteSalts() throws Exception {
        TestDtlsClient client = new TestDtlsClient(CLIENT_CERT, 0x0001, 0x0007);
        Outcome outcome = new Outcome();
        DtlsServer server = server(client, outcome, List.of(SrtpKeys.SRTP_AEAD_AES_128_GCM));
        client.connect(server);
        SrtpKeys keys = outcome.keys();
        assertEquals(SrtpKeys.SRTP_AEAD_AES_128_GCM, keys.profileId());
        assertEquals(12, keys.clientWriteSalt().length);
        assertEquals(SrtpKeys.fromKeyingMaterial(0x0007, client.exportedKeyingMaterial), keys);
        server.close();
    }

    @Test
    void clientCloseNotifyEndsTheSession() throws Exception {
        TestDtlsClient client = new TestDtlsClient(CLIENT_CERT, 0x0001);
        Outcome outcome = new Outcome();
        DtlsServer server = server(client, outcome, LEAD_PROFILES);
        DTLSTransport clientSide = client.connect(server);
        outcome.keys();
        clientSide.close();
        assertEquals("DTLS closed by client (close_notify)", outcome.failure());
        server.close();
    }

    @Test
    void wrongClientFingerprintFailsClosed() throws Exception {
        TestDtlsClient client = new TestDtlsClient(CLIENT_CERT, 0x0001);
        Outcome outcome = new Outcome();
        // The SDP claims another certificate than the one the client presents.
        DtlsServer server = new DtlsServer(SERVER_CERT, "sha-256", SERVER_CERT.fingerprintSha256(),
                client.sender(), outcome, LEAD_PROFILES);
        assertThrows(IOException.class, () -> client.connect(server));
        assertTrue(outcome.failure().contains("does not match the fingerprint"), outcome.failure());
        assertFalse(outcome.connected.isDone());
        assertNull(client.exportedKeyingMaterial);
        server.close();
    }

    @Test
    void noCommonSrtpProfileFails() throws Exception {
        TestDtlsClient client = new TestDtlsClient(CLIENT_CERT, 0x0008);
        Outcome outcome = new Outcome();
        DtlsServer server = server(client, outcome, LEAD_PROFILES);
        assertThrows(IOException.class, () -> client.connect(server));
        assertEquals("DTLS refused: client offered SRTP profiles [0x0008] (expected: one of [0x0001, 0x0007])",
                outcome.failure());
        assertFalse(outcome.connected.isDone());
    }

    @Test
    void silentClientTimesOut() throws Exception {
        Outcome outcome = new Outcome();
        DtlsServer server = new DtlsServer(SERVER_CERT, "sha-1", "00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13",
                (buf, off, len) -> { }, outcome, LEAD_PROFILES, 200);
        assertEquals("DTLS handshake timed out after 200 ms", outcome.failure());
        server.close();
    }

    @Test
    void closeBeforeHandshakeCallsNoListener() throws Exception {
        Outcome outcome = new Outcome();
        DtlsServer server = new DtlsServer(SERVER_CERT, "sha-256", CLIENT_CERT.fingerprintSha256(),
                (buf, off, len) -> { }, outcome, LEAD_PROFILES, 200);
        server.close();
        assertTrue(server.awaitStopped(FIVE_SECONDS));
        assertFalse(outcome.failed.isDone());
        assertFalse(outcome.connected.isDone());
    }

    @Test
    void garbageDatagramsAreHarmless() throws Exception {
        TestDtlsClient client = new TestDtlsClient(CLIENT_CERT, 0x0001);
        Outcome outcome = new Outcome();
        DtlsServer server = server(client, outcome, LEAD_PROFILES);
        Random rnd = new Random(7);
        feedGarbage(server, rnd, QueueTransport.QUEUE_CAPACITY / 2); // leaves room for the ClientHello
        client.connect(server);
        outcome.keys();
        feedGarbage(server, rnd, 500); // after the handshake too: bad records are dropped
        assertTrue(server.isConnected());
        assertFalse(outcome.failed.isDone());
        server.close();
        feedGarbage(server, rnd, 500); // and after close
        assertTrue(server.awaitStopped(FIVE_SECONDS));
        assertFalse(outcome.failed.isDone());
    }

    private static void feedGarbage(DtlsServer server, Random rnd, int count) {
        for (int i = 0; i < count; i++) {
            byte[] b = new byte[rnd.nextInt(QueueTransport.RECEIVE_LIMIT + 100)];
            rnd.nextBytes(b);
            if (i % 3 == 0 && b.length > 13) {
                b[0] = 22; // handshake content type, DTLS 1.2 version: looks like a record
                b[1] = (byte) 0xfe;
                b[2] = (byte) 0xfd;
            }
            int off = b.length == 0 ? 0 : rnd.nextInt(b.length);
            server.receive(b, off, b.length - off);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "md5     | 00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F | hash function \"md5\"",
        "sha-256 | 00:01                                           | 2 bytes (expected: 32)",
        "sha-256 | zz:01                                           | not hex pairs",
        "sha-1   | 0001020304050607080900010203040506070809        | not hex pairs",
    })
    void refusesMalformedFingerprints(String algorithm, String hex, String messagePart) {
        DtlsException e = assertThrows(DtlsException.class, () -> new DtlsServer(SERVER_CERT, algorithm, hex,
                (buf, off, len) -> { }, new Outcome(), LEAD_PROFILES));
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void acceptsFingerprintsOfEveryNamedHashInAnyCase() throws Exception {
        byte[] der = CLIENT_CERT.encoded();
        for (String name : List.of("SHA-1", "sha-224", "sha-256", "sha-384", "Sha-512")) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance(name.toUpperCase());
            String hex = java.util.HexFormat.ofDelimiter(":").formatHex(md.digest(der)); // lower case
            assertTrue(Fingerprint.parse(name, hex).matches(der), name);
            assertFalse(Fingerprint.parse(name, hex).matches(SERVER_CERT.encoded()), name);
        }
    }

    @Test
    void srtpKeysLayoutFollowsRfc5764() {
        byte[] material = new byte[60];
        for (int i = 0; i < material.length; i++) {
            material[i] = (byte) i;
        }
        SrtpKeys keys = SrtpKeys.fromKeyingMaterial(SrtpKeys.SRTP_AES128_CM_HMAC_SHA1_80, material);
        assertArrayEquals(range(0, 16), keys.clientWriteKey()); // client_write_SRTP_master_key
        assertArrayEquals(range(16, 32), keys.serverWriteKey()); // server_write_SRTP_master_key
        assertArrayEquals(range(32, 46), keys.clientWriteSalt()); // client_write_SRTP_master_salt
        assertArrayEquals(range(46, 60), keys.serverWriteSalt()); // server_write_SRTP_master_salt
        assertEquals("SrtpKeys[profileId=0x1]", keys.toString());
        assertThrows(IllegalArgumentException.class, () -> SrtpKeys.keyLength(0x0003));
    }

    private static byte[] range(int from, int to) {
        byte[] b = new byte[to - from];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }
}
