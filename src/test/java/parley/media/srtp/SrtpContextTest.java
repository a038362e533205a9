package parley.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Round trips and refusals through the public API, for both profiles. */
class SrtpContextTest {
    private static final int SSRC = 0x11223344;

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpRoundTripKeepsTheHeaderClearAndHidesThePayload(SrtpProfile profile) throws SrtpException {
        Pair pair = Pair.of(profile);
        byte[] plain = Packets.rtp(SSRC, 1000, 2, 3, 100); // 2 CSRCs, 3 extension words, 100 bytes payload
        int headerLength = 12 + 2 * 4 + 4 + 3 * 4;
        byte[] buf = Arrays.copyOf(plain, plain.length + profile.srtpOverhead());

        int srtpLength = pair.sender.protectRtp(buf, 0, plain.length);

        assertEquals(plain.length + profile.tagLength(), srtpLength);
        assertArrayEquals(Arrays.copyOf(plain, headerLength), Arrays.copyOf(buf, headerLength));
        assertFalse(Arrays.equals(plain, headerLength, plain.length, buf, headerLength, plain.length));
        assertEquals(plain.length, pair.receiver.unprotectRtp(buf, 0, srtpLength));
        assertArrayEquals(plain, Arrays.copyOf(buf, plain.length));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtcpRoundTripAtAnOffset(SrtpProfile profile) throws SrtpException {
        Pair pair = Pair.of(profile);
        byte[] plain = Packets.rtcp(SSRC, 60);
        byte[] buf = new byte[7 + plain.length + profile.srtcpOverhead()];
        System.arraycopy(plain, 0, buf, 7, plain.length);

        int srtcpLength = pair.sender.protectRtcp(buf, 7, plain.length);

        assertEquals(plain.length + profile.srtcpOverhead(), srtcpLength);
        assertEquals(plain.length, pair.receiver.unprotectRtcp(buf, 7, srtcpLength));
        assertArrayEquals(plain, Arrays.copyOfRange(buf, 7, 7 + plain.length));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void everyFlippedBitFailsAuthentication(SrtpProfile profile) {
        byte[] srtp = Pair.of(profile).protect(Packets.rtp(SSRC, 7, 1, 1, 40));
        for (int i = 0; i < srtp.length * 8; i++) {
            byte[] tampered = srtp.clone();
            tampered[i / 8] ^= (byte) (1 << (i % 8));
            SrtpContext receiver = Pair.of(profile).receiver;
            assertThrows(SrtpException.class, () -> receiver.unprotectRtp(tampered, 0, tampered.length), "bit " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aTamperedSrtcpPacketFails(SrtpProfile profile) {
        Pair pair = Pair.of(profile);
        byte[] buf = Arrays.copyOf(Packets.rtcp(SSRC, 20), 20 + profile.srtcpOverhead());
        int len = pair.sender.protectRtcp(buf, 0, 20);
        buf[10] ^= 1;
        SrtpException e = assertThrows(SrtpException.class, () -> pair.receiver.unprotectRtcp(buf, 0, len));
        assertEquals("SRTCP auth tag mismatch", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aReplayedPacketFails(SrtpProfile profile) throws SrtpException {
        Pair pair = Pair.of(profile);
        byte[] srtp = pair.protect(Packets.rtp(SSRC, 1234, 0, 0, 50));
        pair.receiver.unprotectRtp(srtp.clone(), 0, srtp.length);
        SrtpException e = assertThrows(SrtpException.class, () -> pair.receiver.unprotectRtp(srtp, 0, srtp.length));
        assertEquals("SRTP replay: index 1234 already seen", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aReplayedSrtcpPacketFails(SrtpProfile profile) throws SrtpException {
        Pair pair = Pair.of(profile);
        byte[] buf = Arrays.copyOf(Packets.rtcp(SSRC, 20), 20 + profile.srtcpOverhead());
        int len = pair.sender.protectRtcp(buf, 0, 20);
        byte[] copy = buf.clone();
        pair.receiver.unprotectRtcp(buf, 0, len);
        SrtpException e = assertThrows(SrtpException.class, () -> pair.receiver.unprotectRtcp(copy, 0, len));
        assertEquals("SRTCP replay: index 0 already seen", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void sequenceWrapIncrementsTheRolloverCounterAndALatePacketStillDecrypts(SrtpProfile profile)
            throws SrtpException {
        Pair pair = Pair.of(profile);
        byte[] late = pair.protect(Packets.rtp(SSRC, 65533, 0, 0, 30));
        for (int seq : new int[] {65534, 65535, 0, 1}) {
            byte[] plain = Packets.rtp(SSRC, seq, 0, 0, 30);
            byte[] srtp = pair.protect(plain);
            assertEquals(plain.length, pair.receiver.unprotectRtp(srtp, 0, srtp.length));
            assertArrayEquals(plain, Arrays.copyOf(srtp, plain.length), "seq " + seq);
        }
        assertEquals(1, pair.sender.rolloverCounter(SSRC));
        assertEquals(1, pair.receiver.rolloverCounter(SSRC));

        byte[] expected = Packets.rtp(SSRC, 65533, 0, 0, 30);
        assertEquals(expected.length, pair.receiver.unprotectRtp(late, 0, late.length));
        assertArrayEquals(expected, Arrays.copyOf(late, expected.length));
        assertEquals(1, pair.receiver.rolloverCounter(SSRC));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aPacketOlderThanTheWindowFails(SrtpProfile profile) throws SrtpException {
        Pair pair = Pair.of(profile);
        byte[] old = pair.protect(Packets.rtp(SSRC, 100, 0, 0, 10));
        byte[] recent = pair.protect(Packets.rtp(SSRC, 100 + (int) ReplayWindow.SIZE, 0, 0, 10));
        pair.receiver.unprotectRtp(recent, 0, recent.length);
        SrtpException e = assertThrows(SrtpException.class, () -> pair.receiver.unprotectRtp(old, 0, old.length));
        assertEquals("SRTP replay: index 100 too old (expected: above 100, the highest 1060 minus the window 960)",
                e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void newSsrcsBeyondTheLimitFailButForgedOnesTakeNoPlace(SrtpProfile profile) throws SrtpException {
        byte[] key = new byte[profile.keyLength()];
        byte[] salt = new byte[profile.saltLength()];
        SrtpContext sender = SrtpContext.create(profile, key, salt, 8);
        SrtpContext receiver = SrtpContext.create(profile, key, salt, 2);
        for (int ssrc = 100; ssrc < 120; ssrc++) {
            byte[] forged = Packets.rtp(ssrc, 1, 0, 0, 10 + profile.tagLength());
            assertThrows(SrtpException.class, () -> receiver.unprotectRtp(forged, 0, forged.length));
        }
        for (int ssrc = 1; ssrc <= 2; ssrc++) {
            byte[] srtp = Pair.protect(sender, Packets.rtp(ssrc, 1, 0, 0, 10));
            receiver.unprotectRtp(srtp, 0, srtp.length);
        }
        byte[] third = Pair.protect(sender, Packets.rtp(3, 1, 0, 0, 10));
        SrtpException e = assertThrows(SrtpException.class, () -> receiver.unprotectRtp(third, 0, third.length));
        assertEquals("SRTP SSRC count 2 for a new SSRC (expected: below 2)", e.getMessage());

        receiver.removeSsrc(1);
        assertEquals(third.length - profile.tagLength(), receiver.unprotectRtp(third, 0, third.length));
        assertEquals(2, receiver.ssrcCount());
    }

    @Test
    void aSendingContextRefusesMoreSsrcsThanItWasCreatedFor() {
        SrtpContext sender = SrtpContext.create(SrtpProfile.AEAD_AES_128_GCM, new byte[16], new byte[12], 1);
        Pair.protect(sender, Packets.rtp(1, 1, 0, 0, 10));
        assertThrows(IllegalStateException.class, () -> Pair.protect(sender, Packets.rtp(2, 1, 0, 0, 10)));
    }

    @Test
    void errorMessagesSayWhatWasWrong() {
        SrtpContext receiver = Pair.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80).receiver;
        assertEquals("SRTP packet length 9 (expected: at least 12 + tag 10)",
                assertThrows(SrtpException.class, () -> receiver.unprotectRtp(new byte[9], 0, 9)).getMessage());
        byte[] version1 = new byte[30];
        version1[0] = 0x40;
        assertEquals("SRTP version 1 (expected: 2)",
                assertThrows(SrtpException.class, () -> receiver.unprotectRtp(version1, 0, 30)).getMessage());
        byte[] csrcs = Packets.rtp(SSRC, 1, 15, 0, 0); // 15 CSRCs claimed
        assertEquals("SRTP header length 72 (expected: at most 62, the packet length without tag)",
                assertThrows(SrtpException.class, () -> receiver.unprotectRtp(csrcs, 0, 72)).getMessage());
        assertEquals("SRTCP packet length 21 (expected: at least 8 + index 4 + tag 10)",
                assertThrows(SrtpException.class, () -> receiver.unprotectRtcp(new byte[21], 0, 21)).getMessage());
    }

    @Test
    void protectRefusesWhatIsNotRtp() {
        SrtpContext sender = Pair.of(SrtpProfile.AEAD_AES_128_GCM).sender;
        assertThrows(IllegalArgumentException.class, () -> sender.protectRtp(new byte[40], 0, 20)); // version 0
        assertThrows(IllegalArgumentException.class, () -> sender.protectRtcp(new byte[40], 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> sender.protectRtp(Packets.rtp(1, 1, 0, 0, 10), 0, 22));
    }

    @Test
    void profilesByDtlsSrtpId() throws SrtpException {
        assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpProfile.fromId(0x0001));
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.fromId(0x0007));
        assertEquals("SRTP profile id 0x0002 (expected: 0x0001 or 0x0007)",
                assertThrows(SrtpException.class, () -> SrtpProfile.fromId(2)).getMessage());
    }

    @Test
    void masterKeyAndSaltMustHaveTheProfilesLengths() {
        assertEquals("SRTP master salt length 14 (expected: 12)", assertThrows(IllegalArgumentException.class,
                () -> SrtpContext.create(SrtpProfile.AEAD_AES_128_GCM, new byte[16], new byte[14])).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SrtpContext.create(SrtpProfile.AES_CM_128_HMAC_SHA1_80, new byte[32], new byte[14]));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void randomAndTruncatedBytesOnlyEverThrowSrtpException(SrtpProfile profile) {
        Random random = new Random(42);
        Pair pair = Pair.of(profile);
        byte[] valid = pair.protect(Packets.rtp(SSRC, 9, 3, 2, 64));
        for (int n = 0; n < 20_000; n++) {
            int len = random.nextInt(120);
            byte[] buf = new byte[len + 5];
            random.nextBytes(buf);
            if (n % 2 == 0) {
                buf[2] = (byte) (0x80 | buf[2] & 0x3f); // version 2, to get past the first check
            }
            if (n % 5 == 0 && len != valid.length) {
                System.arraycopy(valid, 0, buf, 2, Math.min(len, valid.length)); // a real packet, cut or padded
            }
            assertThrows(SrtpException.class, () -> pair.receiver.unprotectRtp(buf, 2, len));
            assertThrows(SrtpException.class, () -> pair.receiver.unprotectRtcp(buf, 2, len));
        }
    }

    /** A sender and a receiver keyed alike. */
    record Pair(SrtpContext sender, SrtpContext receiver) {
        static Pair of(SrtpProfile profile) {
            byte[] key = new byte[profile.keyLength()];
            byte[] salt = new byte[profile.saltLength()];
            new Random(profile.ordinal()).nextBytes(key);
            new Random(profile.ordinal() + 10).nextBytes(salt);
            return new Pair(SrtpContext.create(profile, key, salt), SrtpContext.create(profile, key, salt));
        }

        byte[] protect(byte[] rtp) {
            return protect(sender, rtp);
        }

        static byte[] protect(SrtpContext sender, byte[] rtp) {
            byte[] buf = Arrays.copyOf(rtp, rtp.length + sender.profile().srtpOverhead());
            sender.protectRtp(buf, 0, rtp.length);
            return buf;
        }
    }
}
