package parley.captions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import parley.sfu.MediaTap.TappedTrack;
import parley.sfu.TrackSink;

/** The tap side: audio tracks only, one recogniser per speaker, a bounded queue that drops when full. */
class CaptionerTest {
    final List<String> captions = new CopyOnWriteArrayList<>();
    final Set<Recognizer> recognizers = ConcurrentHashMap.newKeySet();

    Recognizer.Factory factory(CountDownLatch firstCall) {
        return () -> {
            SpeakerTest.FakeRecognizer r = new SpeakerTest.FakeRecognizer() {
                @Override
                public Text accept(short[] pcm, int len) {
                    try {
                        firstCall.await(10, TimeUnit.SECONDS); // holds the captions thread until the test lets go
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return super.accept(pcm, len);
                }
            };
            recognizers.add(r);
            return r;
        };
    }

    static void send(TrackSink sink, List<byte[]> opus, int firstSeq) {
        send(sink, opus, firstSeq, 0);
    }

    /** Packets 20 ms apart on the loop's clock from {@code fromMs}. */
    static void send(TrackSink sink, List<byte[]> opus, int firstSeq, long fromMs) {
        int seq = firstSeq;
        for (byte[] op : opus) {
            byte[] rtp = TestAudio.rtp(op, seq);
            sink.onRtp(rtp, 0, rtp.length, seq, 0, fromMs + 20L * (seq - firstSeq));
            seq++;
        }
    }

    @Test
    void aTrackThatStopsSendingLosesItsRecogniser() throws Exception {
        Captioner c = new Captioner(factory(new CountDownLatch(0)), (who, text, fin) -> {}).start();
        TrackSink gone = c.open(new TappedTrack("p1", "a1", "audio", "mic"));
        TrackSink stays = c.open(new TappedTrack("p2", "a2", "audio", "mic"));
        send(gone, TestAudio.opus(TestAudio.tone(500, true)), 1, 0);
        send(stays, TestAudio.opus(TestAudio.tone(500, true)), 1, 0);
        List<byte[]> quiet = TestAudio.opus(TestAudio.tone(1_000, false));
        for (int s = 1; s <= 40; s++) send(stays, quiet, 1 + 50 * s, 1_000L * s); // 40 s, while p1 sends nothing
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (recognizers.stream().noneMatch(r -> ((SpeakerTest.FakeRecognizer) r).closed) && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(2, recognizers.size());
        assertEquals(1, recognizers.stream().filter(r -> ((SpeakerTest.FakeRecognizer) r).closed).count(),
                "only the silent track's recogniser is freed");
        c.close();
        assertTrue(c.awaitClosed(5_000));
    }

    @Test
    void eachSpeakerHasARecogniserAndVideoIsLeft() throws Exception {
        CountDownLatch go = new CountDownLatch(0);
        Captioner c = new Captioner(factory(go), (who, text, fin) -> captions.add(who + ":" + text + ":" + fin)).start();
        assertNull(c.open(new TappedTrack("p1", "v1", "video", "camera")));
        TrackSink a = c.open(new TappedTrack("p1", "a1", "audio", "mic"));
        TrackSink b = c.open(new TappedTrack("p2", "a2", "audio", "mic"));
        List<byte[]> speech = TestAudio.opus(TestAudio.tone(1_000, true));
        send(a, speech, 1);
        send(b, speech, 500);
        send(a, TestAudio.opus(TestAudio.tone(1_000, false)), 1 + speech.size());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (captions.stream().noneMatch(s -> s.startsWith("p1:rest")) && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(captions.stream().anyMatch(s -> s.startsWith("p1:") && s.endsWith(":true")), captions.toString());
        assertTrue(captions.stream().anyMatch(s -> s.startsWith("p2:") && s.endsWith(":false")), captions.toString());
        assertEquals(2, recognizers.size());
        assertEquals(0, c.dropped());
        c.close();
        assertTrue(c.awaitClosed(5_000));
        assertTrue(recognizers.stream().allMatch(r -> ((SpeakerTest.FakeRecognizer) r).closed), "recognisers closed at the end");
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlockingTheLoop() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Captioner c = new Captioner(factory(go), (who, text, fin) -> {}, 20).start();
        TrackSink a = c.open(new TappedTrack("p1", "a1", "audio", "mic"));
        assertNotNull(a);
        long start = System.nanoTime();
        send(a, TestAudio.opus(TestAudio.tone(4_000, true)), 1); // 200 packets; the thread is held at its first piece
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(200, c.received());
        assertTrue(c.dropped() >= 200 - 20 - 10, "dropped " + c.dropped());
        assertTrue(ms < 2_000, "the loop was held " + ms + " ms");
        go.countDown();
        c.close();
        assertTrue(c.awaitClosed(5_000));
    }

    @Test
    void aPacketTooShortForItsHeaderIsDropped() {
        Captioner c = new Captioner(factory(new CountDownLatch(0)), (who, text, fin) -> {});
        TrackSink a = c.open(new TappedTrack("p1", "a1", "audio", "mic"));
        byte[] junk = {(byte) 0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xBE, (byte) 0xDE, 0x7F, 0x7F};
        a.onRtp(junk, 0, junk.length, 1, 0, 0);
        assertEquals(1, c.dropped());
        c.close();
    }
}
