package parley.media.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.media.ice.IceLiteAgentTest.A;
import static parley.media.ice.IceLiteAgentTest.B;
import static parley.media.ice.IceLiteAgentTest.CLIENT;
import static parley.media.ice.IceLiteAgentTest.SERVER;
import static parley.media.ice.IceLiteAgentTest.T0;
import static parley.media.ice.IceLiteAgentTest.check;
import static parley.media.ice.IceLiteAgentTest.send;
import static parley.media.ice.IceLiteAgentTest.signed;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import parley.media.ice.IceLiteAgent.Outcome;
import parley.media.ice.IceLiteAgent.Result;

/** ICE restart (RFC 8445 §9) on the lite side: two generations of credentials, then one. */
class IceLiteAgentRestartTest {
    static final IceCredentials SERVER_2 = new IceCredentials("srv2", "secondServerPasswordXY1");
    static final IceCredentials CLIENT_2 = new IceCredentials("cli2", "secondClientPasswordXY");
    static final IceCredentials SERVER_3 = new IceCredentials("srv3", "thirdServerPasswordXYZ1");

    /** A check under the restart's credentials: "srv2:cli2", signed with the new server password. */
    static byte[] newCheck(IceCredentials server) {
        return check(server.ufrag() + ":" + CLIENT_2.ufrag()).toBytes(server.pwd().getBytes(StandardCharsets.UTF_8), true);
    }

    @Test
    void oldCredentialsWorkUntilTheNewOnesAreUsedThenNever() {
        IceLiteAgent agent = new IceLiteAgent(SERVER, CLIENT, T0);
        send(agent, signed(check().useCandidate()), A, T0);
        agent.restart(SERVER_2, CLIENT_2);
        assertSame(SERVER, agent.localCredentials(), "the old ones are in use until a new check");
        assertEquals(SERVER_2, agent.pendingCredentials());

        assertEquals(Outcome.ACCEPTED, send(agent, signed(check()), A, T0 + 1).outcome(), "old still answered");
        assertEquals(A, agent.selectedAddress(), "media keeps going where it went");

        Result first = send(agent, newCheck(SERVER_2), A, T0 + 2);
        assertEquals(Outcome.ACCEPTED, first.outcome());
        assertSame(SERVER_2, agent.localCredentials());
        assertNull(agent.pendingCredentials());

        assertEquals(Outcome.BAD_USERNAME, send(agent, signed(check()), A, T0 + 3).outcome(), "old retired");
    }

    @Test
    void theAddressThatPassesTheNewChecksIsSelected() {
        IceLiteAgent agent = new IceLiteAgent(SERVER, CLIENT, T0);
        send(agent, signed(check().useCandidate()), A, T0); // A nominated
        agent.restart(SERVER_2, CLIENT_2);

        Result fromB = send(agent, newCheck(SERVER_2), B, T0 + 1); // the client moved to B
        assertTrue(fromB.selected(), "selection starts over with the new credentials");
        assertEquals(B, agent.selectedAddress());
        assertFalse(agent.isNominated());

        assertFalse(send(agent, newCheck(SERVER_2), A, T0 + 2).selected(), "first valid source until nominated");
        byte[] nominateA = check("srv2:cli2").useCandidate().toBytes(SERVER_2.pwd().getBytes(StandardCharsets.UTF_8), true);
        assertTrue(send(agent, nominateA, A, T0 + 3).selected());
        assertTrue(agent.isNominated());
    }

    @Test
    void aSecondRestartBeforeTheFirstWasUsedReplacesIt() {
        IceLiteAgent agent = new IceLiteAgent(SERVER, CLIENT, T0);
        agent.restart(SERVER_2, CLIENT_2);
        agent.restart(SERVER_3, CLIENT_2);
        assertEquals(Outcome.BAD_USERNAME, send(agent, newCheck(SERVER_2), A, T0).outcome());
        assertEquals(Outcome.ACCEPTED, send(agent, newCheck(SERVER_3), A, T0 + 1).outcome());
        assertSame(SERVER_3, agent.localCredentials());
    }

    @Test
    void aNewCheckSignedWithTheOldPasswordIsRefusedAndRetiresNothing() {
        IceLiteAgent agent = new IceLiteAgent(SERVER, CLIENT, T0);
        agent.restart(SERVER_2, CLIENT_2);
        byte[] wrongKey = check("srv2:cli2").toBytes(SERVER.pwd().getBytes(StandardCharsets.UTF_8), true);
        assertEquals(Outcome.BAD_INTEGRITY, send(agent, wrongKey, A, T0).outcome());
        assertSame(SERVER, agent.localCredentials());
        assertEquals(Outcome.ACCEPTED, send(agent, signed(check()), A, T0 + 1).outcome());
    }

    @Test
    void consentRunsOnAcrossTheRestart() {
        IceLiteAgent agent = new IceLiteAgent(SERVER, CLIENT, 30_000, T0);
        send(agent, signed(check()), A, T0 + 10_000);
        agent.restart(SERVER_2, CLIENT_2);
        assertTrue(agent.consentExpired(T0 + 40_000), "a restart alone is not consent");
        send(agent, newCheck(SERVER_2), B, T0 + 35_000);
        assertFalse(agent.consentExpired(T0 + 64_999));
        assertTrue(agent.consentExpired(T0 + 65_000));
    }
}
