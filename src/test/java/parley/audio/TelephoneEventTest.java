package parley.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TelephoneEventTest {
    @Test
    void parseAndWrite() throws AudioException {
        byte[] wire = {
            0x0B,              // event 11: '#'
            (byte) 0x8A,       // E = 1, R = 0, volume 10 (-10 dBm0)
            0x03, 0x20,        // duration 800 ticks (100 ms at 8 kHz)
        };
        TelephoneEvent e = TelephoneEvent.parse(wire, 0, wire.length);
        assertEquals(new TelephoneEvent(11, true, 10, 800), e);
        assertEquals('#', e.digit());
        byte[] out = new byte[e.size()];
        assertEquals(4, e.write(out, 0));
        assertArrayEquals(wire, out);
        assertEquals('A', new TelephoneEvent(12, false, 0, 0).digit());
        assertEquals(0, new TelephoneEvent(16, false, 0, 0).digit());   // flash: not a key
    }

    @Test
    void theReservedBitIsIgnoredAndBadLengthsRefused() throws AudioException {
        assertEquals(new TelephoneEvent(5, false, 63, 65535), TelephoneEvent.parse(new byte[] {5, 0x7F, (byte) 0xFF, (byte) 0xFF}, 0, 4));
        AudioException e = assertThrows(AudioException.class, () -> TelephoneEvent.parse(new byte[3], 0, 3));
        assertEquals("telephone-event payload of 3 bytes (expected: 4)", e.getMessage());
    }

    private static void send(TelephoneEventReceiver r, int stamp, int event, int... durations) {
        for (int i = 0; i < durations.length; i++) {
            boolean end = durations[i] < 0;
            r.onPacket(stamp, new TelephoneEvent(event, end, 10, Math.abs(durations[i])));
        }
    }

    @Test
    void aKeyIsReportedOnceDespiteTheRepeatedEndPackets() {
        StringBuilder keys = new StringBuilder();
        TelephoneEventReceiver r = new TelephoneEventReceiver(keys::append);
        send(r, 1000, 1, 160, 320, 480, -640, -640, -640);       // '1': three end packets
        send(r, 9000, 11, 160, -320, -320, -320);                 // '#'
        send(r, 9000, 11, -320);                                  // a late repeat
        assertEquals("1#", keys.toString());
    }

    @Test
    void aKeyWhoseEndPacketsAreLostIsReportedWhenTheNextBegins() {
        StringBuilder keys = new StringBuilder();
        TelephoneEventReceiver r = new TelephoneEventReceiver(keys::append);
        send(r, 1000, 4, 160, 320);          // '4', all its end packets lost
        assertEquals("", keys.toString());
        send(r, 5000, 2, 160, -480);
        assertEquals("42", keys.toString());
    }

    @Test
    void aKeyHeldPastTheLongestDurationIsStillOneKey() {
        StringBuilder keys = new StringBuilder();
        TelephoneEventReceiver r = new TelephoneEventReceiver(keys::append);
        send(r, 0, 0, 30000, 65535);                     // 8.2 s of '0': duration saturates
        send(r, 65535, 0, 160, 320, -480, -480, -480);   // the next segment (RFC 4733 2.5.1.3)
        assertEquals("0", keys.toString());
    }
}
