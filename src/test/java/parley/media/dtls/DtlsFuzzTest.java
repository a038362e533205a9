package parley.media.dtls;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InterruptedIOException;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The datagrams a client sends to the DTLS server: records and handshake messages from the
 * network reach BouncyCastle's record layer and our {@link SrtpTlsServer} policy, and the
 * handshake ends in an IOException (an alert, or the end of the input), never anything else. Runs
 * the handshake on the calling thread (no {@link DtlsServer} thread), so each input is
 * reproducible.
 *
 * <p>The input is the client's datagrams, each with a 2-byte big-endian length before it (the
 * framing of RFC 4571). Seeds in src/test/resources/parley/media/dtls/DtlsFuzzTestInputs are a real
 * client's flights; fuzzed by bench/fuzz.sh.
 */
class DtlsFuzzTest {
    private static final DtlsCertificate SERVER_CERT = DtlsCertificate.generate();
    private static final DtlsCertificate CLIENT_CERT = DtlsCertificate.generate();

    @FuzzTest
    void clientFlights(byte[] input) throws DtlsException {
        SrtpTlsServer server = new SrtpTlsServer(SERVER_CERT,
                Fingerprint.parse("sha-256", CLIENT_CERT.fingerprintSha256()), new int[] {0x0001, 0x0007},
                DtlsServer.HANDSHAKE_TIMEOUT_MS);
        try {
            new DTLSServerProtocol().accept(server, new ScriptedTransport(input));
        } catch (IOException expected) {
            // An alert, or the script ran out: what DtlsServer reports as a failed handshake.
        }
    }

    /** Hands the server the framed datagrams of the input, then ends as a closed DtlsServer does. */
    static final class ScriptedTransport implements DatagramTransport {
        private final byte[] script;
        private int at;

        ScriptedTransport(byte[] script) {
            this.script = script;
        }

        @Override
        public int getReceiveLimit() {
            return QueueTransport.RECEIVE_LIMIT;
        }

        @Override
        public int getSendLimit() {
            return QueueTransport.SEND_LIMIT;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            if (script.length - at < 2) throw new InterruptedIOException("end of the fuzz input");
            int size = ((script[at] & 0xFF) << 8) | (script[at + 1] & 0xFF);
            at += 2;
            int n = Math.min(Math.min(size, script.length - at), Math.min(len, getReceiveLimit()));
            System.arraycopy(script, at, buf, off, n);
            at += Math.min(size, script.length - at);
            return n;
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            // What the server answers does not matter here: the client's bytes are scripted.
        }

        @Override
        public void close() {
        }
    }
}
