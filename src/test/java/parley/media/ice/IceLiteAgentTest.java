package parley.media.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import parley.media.ice.IceLiteAgent.Outcome;
import parley.media.ice.IceLiteAgent.Result;

class IceLiteAgentTest {
    static final IceCredentials SERVER = new IceCredentials("srvU", "serverPasswordServerPwd1");
    static final IceCredentials CLIENT = new IceCredentials("cliU", "clientPasswordClient12");
    static final byte[] SERVER_KEY = SERVER.pwd().getBytes(StandardCharsets.UTF_8);
    static final InetSocketAddress A = address("192.0.2.10", 50000);
    static final InetSocketAddress B = address("2001:db8::20", 50001);
    static final long T0 = 1_000;

    static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static int transactions;

    /** A Binding request as a browser sends it: USERNAME, PRIORITY, ICE-CONTROLLING, MI, FINGERPRINT. */
    static StunWriter check() {
        return check("srvU:cliU");
    }

    static StunWriter check(String username) {
        byte[] transactionId = new byte[12];
        transactionId[11] = (byte) ++transactions;
        return new StunWriter(StunMessage.BINDING_REQUEST, transactionId)
                .username(username)
                .priority(0x6e0001ffL)
                .iceControlling(0x1234567890abcdefL);
    }

    static byte[] signed(StunWriter writer) {
        return writer.toBytes(SERVER_KEY, true);
    }

    static Result send(IceLiteAgent agent, byte[] datagram, InetSocketAddress from, long nowMs) {
        return agent.handle(datagram, 0, datagram.length, from, nowMs);
    }

    @Test
    void answersAValidCheckAndSelectsItsSource() throws StunException {
        IceLiteAgent agent = new IceLiteAgent(SERVER, CLIENT, T0);
        assertFalse(agent.isConnected());
        byte[] request = signed(check());

        Result result = send(agent, request, B, T0 + 5);
        assertEquals(Outcome.ACCEPTED, result.outcome());
        assertTrue(result.selected());
        assertEquals(B, agent.selectedAddress());
        assertTrue(agent.isConnected());
        assertFalse(agent.isNominated());

        StunMessage response = StunMessage.parse(result.response(), 0, result.response().length);
        assertEquals(StunMessage.BINDING_SUCCESS_RESPONSE, response.type());
        assertArrayEquals(StunMessage.parse(request, 0, request.length).transactionId(), response.transactionId());
        assertEquals(B, response.xorMappedAddress());
        assertTrue(response.hasValidIntegrity(SERVER_KEY));
        assertTrue(response.isFingerprintValid());
    }

    @Test
    void mapsIpv4SourcesToo() throws StunException {
        Result result = send(new IceLiteAgent(SERVER, CLIENT, T0), signed(check()), A, T0);
        StunMessage response = StunMessage.parse(result.response(), 0, result.response().length);
        assertEquals(A, response.xorMappedAddress());
    }

    @Test
    void acceptsAnOffsetInTheBuffer() {
        IceLiteAgent agent = new IceLiteAgent(SERVER, CLIENT, T0);
        byte[] request = StunMessageTest.concat(new byte[3], signed(check()));
        assertEquals(Outcome.ACCEPTED, agent.handle(request, 3, request.length - 3, A, T0).outcome());
    }

    static Stream<Arguments> droppedRequests() {
        byte[] good = signed(check());
        byte[] badFingerprint = good.clone();
        badFingerprint[badFingerprint.length - 1] ^= 1;
        return Stream.of(
                Arguments.of("wrong local ufrag", signed(check("xxxx:cliU")), Outcome.BAD_USERNAME),
                Arguments.of("wrong remote ufrag", signed(check("srvU:other")), Outcome.BAD_USERNAME),
                Arguments.of("ufrag prefix only", signed(check("srvU:cli")), Outcome.BAD_USERNAME),
                Arguments.of("no USERNAME", signed(new StunWriter(StunMessage.BINDING_REQUEST, new byte[12])), Outcome.BAD_USERNAME),
                Arguments.of("signed with the client pwd", check().toBytes(CLIENT.pwd().getBytes(StandardCharsets.UTF_8), true),
                        Outcome.BAD_INTEGRITY),
                Arguments.of("no MESSAGE-INTEGRITY", check().toBytes(null, true), Outcome.NO_INTEGRITY),
                Arguments.of("bad FINGERPRINT", badFingerprint, Outcome.BAD_FINGERPRINT),
                Arguments.of("Binding indication", signed(new StunWriter(StunMessage.BINDING_INDICATION, new byte[12])),
                        Outcome.NOT_BINDING_REQUEST),
                Arguments.of("Binding success response", signed(new StunWriter(StunMessage.BINDING_SUCCESS_RESPONSE, new byte[12])
                        .xorMappedAddress(A)), Outcome.NOT_BINDING_REQUEST),
                Arguments.of("truncated", java.util.Arrays.copyOf(good, good.length - 4), Outcome.MALFORMED),
                Arguments.of("DTLS record", new byte[] {22, (byte) 0xfe, (byte) 0xfd, 0, 0}, Outcome.MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("droppedRequests")
    void dropsInvalidRequests(String name, byte[] datagram, Outcome expected) {
        IceLiteAgent agent = new IceLiteAgent(SERVER, CLIENT, T0);
        Result result = send(agent, datagram, A, T0);
        assertEquals(expected, result.outcome());
        assertNull(result.response());
        assertFalse(result.selected());
        assertFalse(agent.isConnected());
    }

    @Test
    void iceControlledGetsRoleConflict() throws StunException {
        IceLiteAgent agent = new IceLiteAgent(SERVER, CLIENT, T0);
        Result result = send(agent, signed(check().iceControlled(7)), A, T0);
        assertEquals(Outcome.ROLE_CONFLICT, result.outcome());
        assertFalse(result.selected());
        assertFalse(agent.isConnected());
        StunMessage response = StunMessage.parse(result.response(), 0, result.response().length);
        assertEquals(StunMessage.BINDING_ERROR_RESPONSE, response.type());
        assertEquals(487, response.errorCode().code());
        assertTrue(response.hasValidIntegrity(SERVER_KEY));
        assertTrue(response.isFingerprintValid());
    }

    @Test
    void rfc5769SampleRequestClaimsControlledAndGetsRoleConflict() {
        // The RFC's request is "evtj:h6vY" with ICE-CONTROLLED, keyed with the receiver's password.
        IceCredentials receiver = new IceCredentials("evtj", StunMessageTest.SHORT_TERM_PASSWORD);
        IceCredentials sender = new IceCredentials("h6vY", "anyPasswordOf22CharsXY");
        IceLiteAgent agent = new IceLiteAgent(receiver, sender, T0);
        assertEquals(Outcome.ROLE_CONFLICT, send(agent, StunMessageTest.SAMPLE_REQUEST, A, T0).outcome());
    }

    @Test
    void firstValidSourceUntilNominatedThenLatestNomination() {
        IceLiteAgent agent = new IceLiteAgent(SERVER, CLIENT, T0);
        UnaryOperator<StunWriter> nominate = StunWriter::useCandidate;

        assertTrue(send(agent, signed(check()), A, T0).selected()); // first valid source
        Result fromB = send(agent, signed(check()), B, T0 + 1);
        assertEquals(Outcome.ACCEPTED, fromB.outcome()); // answered...
        assertFalse(fromB.selected()); // ...but A stays selected
        assertEquals(A, agent.selectedAddress());

        assertTrue(send(agent, signed(nominate.apply(check())), B, T0 + 2).selected());
        assertEquals(B, agent.selectedAddress());
        assertTrue(agent.isNominated());

        assertFalse(send(agent, signed(check()), A, T0 + 3).selected()); // no nomination: B stays
        assertEquals(B, agent.selectedAddress());

        assertTrue(send(agent, signed(nominate.apply(check())), A, T0 + 4).selected()); // latest wins
        assertEquals(A, agent.selectedAddress());
    }

    @Test
    void consentExpiresAfterTheTimeoutWithoutValidRequests() {
        IceLiteAgent agent = new IceLiteAgent(SERVER, CLIENT, 30_000, T0);
        assertFalse(agent.consentExpired(T0 + 29_999)); // before any request: counted from creation
        assertTrue(agent.consentExpired(T0 + 30_000));

        send(agent, signed(check()), A, T0 + 20_000);
        assertFalse(agent.consentExpired(T0 + 49_999));
        assertTrue(agent.consentExpired(T0 + 50_000));

        send(agent, check().toBytes(new byte[] {1}, true), A, T0 + 40_000); // bad integrity: no refresh
        send(agent, signed(check().iceControlled(1)), A, T0 + 40_000); // role conflict: no refresh
        assertTrue(agent.consentExpired(T0 + 50_000));

        send(agent, signed(check()), B, T0 + 45_000); // any valid source refreshes
        assertFalse(agent.consentExpired(T0 + 74_999));
        assertTrue(agent.consentExpired(T0 + 75_000));
    }

    @Test
    void droppedResultsAreShared() {
        IceLiteAgent agent = new IceLiteAgent(SERVER, CLIENT, T0);
        byte[] junk = {1, 2, 3};
        assertSame(send(agent, junk, A, T0), send(agent, junk, B, T0));
    }

    @Test
    void randomCredentialsAreIceChars() {
        IceCredentials c = IceCredentials.random(new SecureRandom());
        assertEquals(8, c.ufrag().length());
        assertEquals(24, c.pwd().length());
        assertNotNull(new IceCredentials(c.ufrag(), c.pwd())); // passes its own validation
        assertFalse(c.toString().contains(c.pwd()));
    }
}
