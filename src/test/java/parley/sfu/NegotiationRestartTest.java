package parley.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import parley.media.dtls.DtlsCertificate;
import parley.media.ice.StunMessage;
import parley.media.ice.StunWriter;
import parley.media.transport.MediaCounters;
import parley.media.transport.MediaLoop;
import parley.sdp.SdpParser;

/**
 * An offer with a new ice-ufrag on a live peer is an ICE restart: the answer carries new
 * server credentials, and the media port answers checks under both until the client uses the
 * new ones (real loop on a loopback port, real STUN datagrams; no DTLS).
 */
class NegotiationRestartTest {
    private static final String CHROME_UFRAG = "a=ice-ufrag:P5jw";
    private static final String CHROME_PWD = "a=ice-pwd:ciJcutE5Nv5M4ieuRjDMUDK9";

    private final MediaLoop loop;
    private final Negotiator negotiator;
    private final Router router;
    private final DatagramSocket client;

    NegotiationRestartTest() throws IOException {
        loop = new MediaLoop(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new MediaCounters());
        ServerIdentity identity = new ServerIdentity(DtlsCertificate.generate(), List.of(InetAddress.getLoopbackAddress()),
                loop.localPort(), new SecureRandom());
        negotiator = new Negotiator(loop, identity);
        router = Router.open(loop, negotiator.listener, 42);
        client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client.setSoTimeout(500);
    }

    @AfterEach
    void stop() {
        client.close();
        loop.close();
    }

    @Test
    void aNewUfragGetsNewServerCredentialsAndTheOldOnesRetireOnceTheNewAreUsed() throws Exception {
        String offer = chromeOffer();
        String[] first = iceOf(negotiate(offer).answerSdp());
        assertEquals(first[0], iceOf(negotiate(offer).answerSdp())[0], "same ufrag: no restart");
        assertTrue(answered(first, "P5jw"), "checks under the first credentials");

        String restarted = offer.replace(CHROME_UFRAG, "a=ice-ufrag:R3st")
                .replace(CHROME_PWD, "a=ice-pwd:restartedPasswordOf24Chr");
        String[] second = iceOf(negotiate(restarted).answerSdp());
        assertNotEquals(first[0], second[0], "a restart gets a new server ufrag");
        assertNotEquals(first[1], second[1], "and a new password");

        assertTrue(answered(first, "P5jw"), "old credentials still work until the new ones are used");
        assertTrue(answered(second, "R3st"), "new credentials work");
        assertFalse(answered(first, "P5jw"), "old credentials retired after the first new check");
        assertEquals(second[0], iceOf(negotiate(restarted).answerSdp())[0], "a later offer keeps the new ones");
    }

    @Test
    void aRestartWithAnotherCertificateIsRefused() throws Exception {
        String offer = chromeOffer();
        negotiate(offer);
        String other = offer.replace(CHROME_UFRAG, "a=ice-ufrag:R3st").replaceAll(
                "a=fingerprint:sha-256 2A:61", "a=fingerprint:sha-256 2B:61");
        var e = assertThrows(Negotiation.NegotiationException.class, () -> negotiate(other));
        assertTrue(e.getMessage().contains("fingerprint"), e.getMessage());
    }

    private Negotiation.Result negotiate(String sdp) throws Exception {
        SfuPeer peer = loop.call(() -> router.peer("ada") != null ? router.peer("ada") : router.addPeer("ada"));
        return negotiator.negotiate(peer, SdpParser.parseOffer(sdp), Map.of("0", "mic", "1", "camera"), Map.of());
    }

    /** Whether a check "serverUfrag:clientUfrag" signed with the server's password gets a success response. */
    private boolean answered(String[] server, String clientUfrag) throws IOException {
        byte[] tid = new byte[12];
        new SecureRandom().nextBytes(tid);
        byte[] check = new StunWriter(StunMessage.BINDING_REQUEST, tid).username(server[0] + ":" + clientUfrag)
                .priority(1).iceControlling(7).toBytes(server[1].getBytes(StandardCharsets.UTF_8), true);
        client.send(new DatagramPacket(check, check.length, InetAddress.getLoopbackAddress(), loop.localPort()));
        byte[] buf = new byte[1500];
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        try {
            client.receive(in);
        } catch (SocketTimeoutException e) {
            return false; // a dropped check is not answered at all
        }
        try {
            return StunMessage.parse(buf, 0, in.getLength()).type() == StunMessage.BINDING_SUCCESS_RESPONSE;
        } catch (parley.media.ice.StunException e) {
            throw new AssertionError(e);
        }
    }

    /** {ufrag, pwd} of the answer. */
    private static String[] iceOf(String sdp) {
        String ufrag = sdp.lines().filter(l -> l.startsWith("a=ice-ufrag:")).findFirst().orElseThrow().substring(12);
        String pwd = sdp.lines().filter(l -> l.startsWith("a=ice-pwd:")).findFirst().orElseThrow().substring(10);
        return new String[] {ufrag, pwd};
    }

    private static String chromeOffer() throws IOException {
        try (InputStream in = NegotiationRestartTest.class.getResourceAsStream("/parley/sdp/chrome-156-offer.sdp")) {
            String sdp = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(sdp.contains(CHROME_UFRAG) && sdp.contains(CHROME_PWD), "fixture has the expected ICE lines");
            return sdp;
        }
    }
}
