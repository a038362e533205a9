package parley.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import parley.media.dtls.DtlsCertificate;
import parley.media.dtls.DtlsException;
import parley.media.ice.IceCredentials;

/**
 * Any datagram on the media port: the demultiplexer classifies it by its first byte (RFC 7983)
 * and hands it to STUN, DTLS (after checking the record framing) or SRTP, or drops it, and
 * nothing throws. One transport is registered under the ufrag {@code fuzU} and bound to the
 * source address, so every class of datagram reaches its handler; a DTLS failure closes that
 * transport (as it should) and the next input gets a new one.
 *
 * <p>{@link Demultiplexer} has no public classification function; its entry point is the
 * package-private {@code onDatagram}, called here on the loop thread as {@link MediaLoop} calls it,
 * but without the loop's catch-all so that an exception fails the input. Seeds in
 * src/test/resources/parley/media/transport/DemultiplexerFuzzTestInputs; fuzzed by bench/fuzz.sh.
 */
class DemultiplexerFuzzTest {
    private static final IceCredentials LOCAL = new IceCredentials("fuzU", "fuzzPasswordFuzzPassword1");
    private static final DtlsCertificate CERT = DtlsCertificate.generate();
    /** The discard port: the ICE agent's rare answers go nowhere. */
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
    private static final MediaCounters COUNTERS = new MediaCounters();
    private static final MediaLoop LOOP = open();
    private static final MediaSocket VIA = openSocket();
    private static Transport transport;
    private static volatile boolean transportClosed = true;

    @FuzzTest
    void datagram(byte[] input) throws Exception {
        if (input.length > MediaLoop.MAX_DATAGRAM) return; // the loop never receives more
        LOOP.call(() -> {
            if (transportClosed) replaceTransport();
            LOOP.demux().onDatagram(input, 0, input.length, CLIENT, VIA, LOOP.nowMs());
            return null;
        });
        assertEquals(0, COUNTERS.loopErrors.sum(), "loop errors");
    }

    /** Loop thread. */
    private static void replaceTransport() throws DtlsException {
        if (transport != null) transport.close();
        transport = new Transport(LOOP, LOCAL, "cliU", "clientPasswordClient12", CERT, "sha-256",
                CERT.fingerprintSha256(), new Closes());
        LOOP.demux().bindAddress(CLIENT, transport);
        transportClosed = false;
    }

    private static MediaLoop open() {
        try {
            return new MediaLoop(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), COUNTERS);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static MediaSocket openSocket() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try {
            return MediaSocket.openAll(SocketPlan.of(loopback, List.of(), SocketPlan::isLocalAddress), 0).getFirst();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static final class Closes implements TransportListener {
        @Override
        public void onConnected(long nowMs) {
        }

        @Override
        public void onRtp(byte[] buf, int off, int len, long nowMs) {
        }

        @Override
        public void onRtcp(byte[] buf, int off, int len, long nowMs) {
        }

        @Override
        public void onClosed(String reason) {
            transportClosed = true;
        }
    }
}
