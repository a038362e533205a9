package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.room.Lobby;

/**
 * docs/protocol.md, "Lobby": knocking connections, however many, cannot keep an honest
 * knocker from another address out of the lobby.
 */
class KnockFairnessTest {
    private final Harness h = new Harness();
    private final TestClient host = h.joined("team", "Hana");

    KnockFairnessTest() {
        host.say("{'type':'set-lobby','enabled':true}");
    }

    /**
     * {@code connections} attacking connections spread over {@code addresses} addresses knock
     * again as soon as they are refused, every 100 ms, for 30 s; then an honest guest knocks,
     * once a second while refused. Returns how long the honest guest took to get in the lobby.
     */
    private Duration honestKnockDuringAttack(int connections, int addresses) {
        List<TestClient> attackers = new ArrayList<>();
        for (int i = 0; i < connections; i++) attackers.add(h.clientFrom("198.51.100." + (1 + i % addresses)));
        TestClient honest = h.clientFrom("203.0.113.5");
        Duration honestWaited = null;
        for (int step = 0; step < 600 && honestWaited == null; step++) {
            for (TestClient a : attackers) {
                if (a.has("lobby-waiting")) continue; // in the lobby: stays there
                a.clear();
                a.say("{'type':'join','room':'team','name':'Mallory'}");
            }
            if (step >= 300 && (step - 300) % 10 == 0) { // the honest guest, from 30 s on
                if (honest.has("lobby-waiting")) honestWaited = Duration.ofMillis((step - 300) * 100L);
                honest.clear();
                honest.say("{'type':'join','room':'team','name':'Gus'}");
                if (honest.has("lobby-waiting")) honestWaited = Duration.ofMillis((step - 300) * 100L);
            }
            if (step % 100 == 0) host.say("{'type':'ping'}");
            h.advance(Duration.ofMillis(100));
        }
        assertTrue(honestWaited != null, "the honest guest never got into the lobby: " + honest.inbox);
        return honestWaited;
    }

    @Test
    void twentyConnectionsFromOneAddressDoNotKeepOthersOut() {
        Duration waited = honestKnockDuringAttack(20, 1);
        assertTrue(waited.toSeconds() <= 3, "the honest guest waited " + waited);
        host.take("lobby");
        int waiting = h.server.roomForTest("team").lobby().size();
        assertTrue(waiting <= 1 + 50 / 5, "one address fills at most a fifth of the lobby: " + waiting + " waiting");
    }

    @Test
    void twentyConnectionsFromFourAddressesDoNotKeepOthersOut() {
        Duration waited = honestKnockDuringAttack(20, 4);
        assertTrue(waited.toSeconds() <= 3, "the honest guest waited " + waited);
    }

    @Test
    void aFlagOfOneKnockPerAddressRefusesTheSecond() {
        parley.room.RoomGuards one = new parley.room.RoomGuards(parley.room.RoomGuards.WRONG_PASSWORDS,
                parley.room.RoomGuards.PASSWORD_QUEUE, new parley.room.Budget(1, Duration.ofHours(1)), 100,
                parley.room.RoomGuards.AVATAR_CHARS, parley.room.RoomGuards.AVATAR_CHARS_PER_SECOND);
        Harness strict = new Harness(Harness.testConfig().admission(AdmissionLimits.DEFAULTS.withRoom(one)));
        strict.joined("team", "Hana").say("{'type':'set-lobby','enabled':true}");
        TestClient first = strict.clientFrom("192.0.2.9");
        first.say("{'type':'join','room':'team','name':'N1'}");
        first.take("lobby-waiting");
        TestClient second = strict.clientFrom("192.0.2.9");
        second.say("{'type':'join','room':'team','name':'N2'}");
        second.error("rate-limited");
        TestClient other = strict.clientFrom("203.0.113.5");
        other.say("{'type':'join','room':'team','name':'Gus'}");
        other.take("lobby-waiting");
    }

    @Test
    void oneAddressKnocksAtItsOwnRate() {
        TestClient nat = h.clientFrom("192.0.2.9");
        int refused = 0;
        for (int i = 0; i < parley.room.RoomGuards.ADDRESS_KNOCKS.burst() + 3; i++) {
            TestClient c = h.clientFrom("192.0.2.9");
            c.say("{'type':'join','room':'team','name':'N" + i + "'}");
            if (c.has("error")) {
                c.error("rate-limited");
                refused++;
            }
        }
        assertEquals(3, refused, "a burst of " + parley.room.RoomGuards.ADDRESS_KNOCKS.burst() + " per address");
        h.advance(parley.room.RoomGuards.ADDRESS_KNOCKS.interval());
        nat.say("{'type':'join','room':'team','name':'Later'}");
        nat.take("lobby-waiting");
    }
}
