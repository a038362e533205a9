package parley.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionsTest {
    private final List<String> sent = new ArrayList<>();
    private final List<String> timedOut = new ArrayList<>();
    private final Transactions tx = new Transactions((b, to) -> sent.add(new String(b, StandardCharsets.UTF_8)), timedOut::add);
    private final InetSocketAddress trunk = new InetSocketAddress("192.0.2.10", 5060);

    private static SipMessage parse(String s) throws SipException {
        return SipParser.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void twoHundredIsRetransmittedUntilAck() throws SipException {
        SipMessage invite = parse(SipFixtures.invite("z9hG4bK1", "call1", ""));
        assertTrue(tx.receive(invite, trunk, 0));
        tx.respond(invite, invite.respond(200, "OK", "t1"), trunk, 0);
        assertEquals(1, sent.size());
        tx.tick(499);
        assertEquals(1, sent.size());
        tx.tick(500); // T1
        tx.tick(1500); // 2·T1 later
        tx.tick(3500); // 4·T1 later
        assertEquals(4, sent.size());
        assertFalse(tx.receive(invite, trunk, 3600), "a retransmitted INVITE is answered, not passed on");
        assertEquals(5, sent.size());
        assertTrue(tx.receive(parse(SipFixtures.inDialog("ACK", "z9hG4bKack", "call1", 1, "t1", null, "")), trunk, 3700));
        tx.tick(20_000);
        assertEquals(5, sent.size());
        assertTrue(timedOut.isEmpty());
    }

    @Test
    void intervalsCapAtT2AndGiveUpAfter64T1() throws SipException {
        SipMessage invite = parse(SipFixtures.invite("z9hG4bK2", "call2", ""));
        tx.receive(invite, trunk, 0);
        tx.respond(invite, invite.respond(200, "OK", "t1"), trunk, 0);
        for (long t = 0; t <= 40_000; t += 10) tx.tick(t);
        // 0.5, 1.5, 3.5, 7.5, then every 4 s until 32 s: 11.5 ... 31.5
        assertEquals(1 + 4 + 6, sent.size());
        assertEquals(List.of("call2"), timedOut);
        assertEquals(0, tx.size());
    }

    @Test
    void ackOfANon2xxIsAbsorbed() throws SipException {
        SipMessage invite = parse(SipFixtures.invite("z9hG4bK3", "call3", ""));
        tx.receive(invite, trunk, 0);
        tx.respond(invite, invite.respond(403, "Forbidden", "t1"), trunk, 0);
        assertFalse(tx.receive(parse(SipFixtures.inDialog("ACK", "z9hG4bK3", "call3", 1, "t1", null, "")), trunk, 100));
        tx.tick(5000);
        assertEquals(1, sent.size());
        assertTrue(timedOut.isEmpty());
    }

    @Test
    void aByeOfOursIsRetransmittedUntilAnswered() throws SipException {
        SipMessage bye = parse(SipFixtures.inDialog("BYE", "z9hG4bKbye", "call4", 2, "t1", null, ""));
        tx.request(bye, trunk, 0);
        tx.tick(500);
        assertEquals(2, sent.size());
        assertTrue(tx.receiveResponse(parse(new String(bye.respond(200, "OK", null).encode(), StandardCharsets.UTF_8))));
        tx.tick(5000);
        assertEquals(2, sent.size());
    }
}
