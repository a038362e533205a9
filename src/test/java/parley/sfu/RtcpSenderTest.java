package parley.sfu;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.sfu.TwoPeers.NOW;
import static parley.sfu.TwoPeers.VIDEO_SSRC;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import parley.media.rtcp.Fir;
import parley.media.rtcp.GenericNack;
import parley.media.rtcp.Pli;
import parley.media.rtcp.ReceiverReport;
import parley.media.rtcp.ReportBlock;
import parley.media.rtcp.Rtcp;
import parley.media.rtcp.RtcpCompound;
import parley.media.rtcp.RtcpException;
import parley.media.rtcp.Sdes;
import parley.media.rtcp.SenderReport;
import parley.media.rtcp.TransportCc;
import parley.sfu.feedback.RttEstimator;

/**
 * What a peer's RtcpSender writes and how it reacts to what it reads, on {@link TwoPeers} (real
 * offers, real media loop, RTP fed in, RTCP captured), every datagram parsed with parley.media.rtcp().
 */
class RtcpSenderTest {
    private final TwoPeers peers;
    private final SfuPeer ada;
    private final SfuPeer bob;
    private final Consumer bobVideo;

    RtcpSenderTest() throws Exception {
        peers = new TwoPeers();
        ada = peers.ada;
        bob = peers.bob;
        bobVideo = peers.bobVideo;
    }

    @AfterEach
    void stop() {
        peers.close();
    }

    /** Video 1000..1009 without 1003, audio 50..59: one loss in ten on video. */
    private void feedWithOneVideoLoss() throws Exception {
        for (int i = 0; i < 10; i++) {
            if (i != 3) peers.video(1000 + i, NOW + i);
            peers.audio(50 + i, NOW + i);
        }
    }

    /** The types of the packets in one captured datagram, each checked by its parser. */
    private static List<Integer> types(byte[] d) throws RtcpException {
        List<Integer> types = new ArrayList<>();
        RtcpCompound c = new RtcpCompound().reset(d, 0, d.length);
        while (c.next()) types.add(c.type());
        return types;
    }

    private static int offsetOf(byte[] d, int index) throws RtcpException {
        RtcpCompound c = new RtcpCompound().reset(d, 0, d.length);
        for (int i = 0; i <= index; i++) c.next();
        return c.offset();
    }

    @Test
    void reportsCarryABlockPerIncomingStreamThenOurCname() throws Exception {
        feedWithOneVideoLoss();
        peers.run(() -> ada.rtcp().sendReports(NOW + 100));
        assertEquals(1, peers.fromAda.size());
        byte[] d = peers.fromAda.get(0);
        assertEquals(List.of(Rtcp.RR, Rtcp.SDES), types(d));
        ReceiverReport rr = ReceiverReport.parse(d, 0, d.length);
        assertEquals((int) ada.localSsrc(), rr.ssrc());
        assertEquals(2, rr.reports().size());
        ReportBlock v = block(rr, VIDEO_SSRC);
        assertEquals(1009, v.extendedHighestSeq());
        assertEquals(1, v.cumulativeLost());
        assertEquals(25, v.fractionLost());                  // 1 of 10 in 1/256
        assertEquals(0, v.lastSr());
        assertEquals(0, block(rr, peers.audioSsrc).cumulativeLost());
        Sdes sdes = Sdes.parse(d, offsetOf(d, 1), d.length - offsetOf(d, 1));
        assertEquals(new Sdes.Chunk((int) ada.localSsrc(), ada.cnameString()), sdes.chunks().get(0));

        // Ada's SR on the video stream: the next block echoes its NTP middle bits and the delay.
        long ntp = 0x83aa7e80_40000000L;
        byte[] sr = new byte[SenderReport.FIXED_SIZE];
        SenderReport.writeFixed(sr, 0, (int) VIDEO_SSRC, ntp, 90_000, 10, 1000, 0);
        peers.run(() -> ada.onRtcp(sr, 0, sr.length, NOW + 200));
        peers.run(() -> ada.rtcp().sendReports(NOW + 700));
        byte[] d2 = peers.fromAda.get(1);
        ReportBlock v2 = block(ReceiverReport.parse(d2, 0, d2.length), VIDEO_SSRC);
        assertEquals(0x7e80_4000L, v2.lastSr());
        assertEquals(65536 / 2, v2.delaySinceLastSr());     // 500 ms
        assertEquals(0, v2.fractionLost());                  // nothing new lost since the last report
    }

    private static ReportBlock block(ReceiverReport rr, long ssrc) {
        return rr.reports().stream().filter(b -> b.ssrc() == (int) ssrc).findFirst().orElseThrow();
    }

    @Test
    void senderReportPerConsumerAndRttFromTheReceiversReport() throws Exception {
        peers.run(() -> {
            bobVideo.packetsSent(42);
            bobVideo.octetsSent(42_000);
            bob.rtcp().sendReports(NOW);
        });
        byte[] d = peers.fromBob.get(0);
        assertEquals(List.of(Rtcp.RR, Rtcp.SR, Rtcp.SDES), types(d));
        assertEquals(0, ReceiverReport.parse(d, 0, d.length).reports().size());
        SenderReport sr = SenderReport.parse(d, offsetOf(d, 1), d.length - offsetOf(d, 1));
        assertEquals((int) bobVideo.ssrc(), sr.ssrc());
        assertEquals(42, sr.packetCount());
        assertEquals(42_000, sr.octetCount());
        assertEquals(RttEstimator.ntpTimestamp(peers.loop.wallClockMs(NOW)), sr.ntpTimestamp());

        // Bob's RR echoes that SR after holding it 1 s; it arrives 1080 ms after we sent it: RTT 80 ms.
        assertEquals(-1L, (long) peers.onLoop(bob.rtcp()::rttMs));
        byte[] rr = new byte[ReceiverReport.FIXED_SIZE + ReportBlock.SIZE];
        ReceiverReport.writeFixed(rr, 0, 0x0b0b0b0b, 1);
        ReportBlock.write(rr, ReceiverReport.FIXED_SIZE, (int) bobVideo.ssrc(), 0, 0, 1, 0,
                RttEstimator.middle32(sr.ntpTimestamp()), 65536);
        peers.run(() -> bob.onRtcp(rr, 0, rr.length, NOW + 1080));
        long rtt = peers.onLoop(bob.rtcp()::rttMs);
        assertTrue(rtt >= 79 && rtt <= 80, "rtt " + rtt);
    }

    @Test
    void longReportsAreSplitUnderTheMtu() throws Exception {
        peers.run(() -> {
            for (int i = 0; i < 60; i++) {
                Consumer c = new Consumer(bob, "x" + i, true, 0x1000 + i, -1, 97, -1, 0, 0, 0);
                c.packetsSent(1);
                bob.consumersByMid().put(c.mid(), c);
            }
            bob.rtcp().sendReports(NOW);
        });
        assertTrue(peers.fromBob.size() >= 2, "datagrams: " + peers.fromBob.size());
        int srs = 0;
        for (byte[] d : peers.fromBob) {
            assertTrue(d.length <= RtcpSender.MAX_COMPOUND_BYTES, "datagram of " + d.length);
            List<Integer> types = types(d);
            assertTrue(types.get(0) == Rtcp.RR || types.get(0) == Rtcp.SR, "first " + types.get(0));
            assertEquals(Rtcp.SDES, types.getLast());
            srs += (int) types.stream().filter(t -> t == Rtcp.SR).count();
        }
        assertEquals(60, srs);
    }

    @Test
    void missingVideoIsNackedToTheSenderUntilItsRetransmissionArrives() throws Exception {
        feedWithOneVideoLoss();
        peers.run(() -> ada.rtcp().sendNacks(NOW + 20));
        assertEquals(1, peers.fromAda.size());
        byte[] d = peers.fromAda.get(0);
        assertEquals(List.of(Rtcp.RR, Rtcp.RTPFB), types(d));   // an empty RR makes it a proper compound
        GenericNack nack = GenericNack.parse(d, 8, d.length - 8);
        assertEquals(new GenericNack((int) ada.localSsrc(), (int) VIDEO_SSRC, List.of(1003)), nack);

        peers.run(() -> ada.rtcp().sendNacks(NOW + 60));                 // within the default 100 ms RTT
        assertEquals(1, peers.fromAda.size());
        peers.run(() -> ada.rtcp().sendNacks(NOW + 120));                // second try
        assertEquals(2, peers.fromAda.size());
        peers.videoRtx(500, 1003, NOW + 150);                          // the sender's retransmission
        peers.run(() -> ada.rtcp().sendNacks(NOW + 220));
        assertEquals(2, peers.fromAda.size());
        assertEquals(2L, (long) peers.onLoop(() -> ada.rtcp().nackedPacketsRequested()));
        assertEquals(0, ada.counters().rtpDropped.sum());
    }

    @Test
    void nacksGiveUpAfterThreeTries() throws Exception {
        feedWithOneVideoLoss();
        for (long t = NOW + 20; t <= NOW + 600; t += 20) {
            long at = t;
            peers.run(() -> ada.rtcp().sendNacks(at));
        }
        assertEquals(3, peers.fromAda.size());
    }

    @Test
    void transportCcFeedbackCoversEveryPacketOfTheTransport() throws Exception {
        feedWithOneVideoLoss();                                  // 19 packets, transport seq 0..18
        peers.run(ada.rtcp()::sendTransportCc);
        assertEquals(1, peers.fromAda.size());
        byte[] d = peers.fromAda.get(0);
        TransportCc fb = TransportCc.parse(d, 0, d.length);
        assertEquals((int) ada.localSsrc(), fb.senderSsrc());
        assertEquals(0, fb.baseSeq());
        assertEquals(19, fb.arrivalTimesUs().size());
        assertTrue(fb.arrivalTimesUs().stream().allMatch(t -> t >= NOW * 1000), "all received");
        peers.run(ada.rtcp()::sendTransportCc);
        assertEquals(1, peers.fromAda.size());                         // nothing new
    }

    @Test
    void receiversKeyframeRequestsAndNacksAreHandled() throws Exception {
        feedWithOneVideoLoss();                                  // binds ada's layer q
        byte[] pli = new byte[Pli.SIZE];
        Pli.write(pli, 0, 0x0b0b0b0b, (int) bobVideo.ssrc());
        peers.run(() -> bob.onRtcp(pli, 0, pli.length, NOW));
        assertEquals(1, ada.counters().keyframeRequestsRelayed.sum());
        byte[] fir = new byte[Fir.SIZE_ONE];
        Fir.write(fir, 0, 0x0b0b0b0b, (int) bobVideo.ssrc(), 1);
        peers.run(() -> bob.onRtcp(fir, 0, fir.length, NOW + 100));   // within 300 ms: rate-limited by the producer
        assertEquals(1, ada.counters().keyframeRequestsRelayed.sum());
        peers.run(() -> bob.onRtcp(fir, 0, fir.length, NOW + 400));
        assertEquals(2, ada.counters().keyframeRequestsRelayed.sum());

        byte[] nack = new byte[64];
        int n = GenericNack.write(nack, 0, 0x0b0b0b0b, (int) bobVideo.ssrc(), new int[] {5, 6, 9}, 3);
        peers.run(() -> bob.onRtcp(nack, 0, n, NOW));
        assertEquals(1, bob.counters().nacksReceived.sum());
        assertEquals(0, bob.counters().rtcpDropped.sum());
    }

    @Test
    void brokenRtcpIsCountedAndNeverThrows() throws Exception {
        byte[] truncatedRr = {(byte) 0x81, (byte) 201, 0, 1, 0, 0, 0, 1};   // RC=1 without its block
        peers.run(() -> ada.onRtcp(truncatedRr, 0, truncatedRr.length, NOW));
        assertEquals(1, ada.counters().rtcpDropped.sum());
        SplittableRandom random = new SplittableRandom(5);
        byte[][] datagrams = new byte[3000][];
        for (int i = 0; i < datagrams.length; i++) {
            datagrams[i] = new byte[4 * random.nextInt(1, 30)];
            random.nextBytes(datagrams[i]);
            datagrams[i][0] = (byte) (0x80 | datagrams[i][0] & 0x3f);             // mostly version 2
            datagrams[i][1] = (byte) (200 + random.nextInt(7));                    // SR..PSFB
            datagrams[i][2] = 0;
            datagrams[i][3] = (byte) (datagrams[i].length / 4 - 1 - random.nextInt(2));
        }
        assertDoesNotThrow(() -> peers.run(() -> {
            for (byte[] d : datagrams) {
                ada.onRtcp(d, 0, d.length, NOW);
                bob.onRtcp(d, 0, d.length, NOW);
            }
        }));
        assertEquals(0, ada.counters().loopErrors.sum());
    }
}
