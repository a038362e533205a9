package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import parley.record.MediaCheck;
import parley.sip.TestTrunk;

/**
 * Issue 12, "Dial-in over SIP", the meeting's side: a moderator (a signaling client played by
 * this test) opens the room and learns its PIN; a Chromium participant joins with its fake
 * microphone's tone; a SIP trunk (this test's own UDP code: SIP, RFC 4733 keys, RTP) calls in
 * from a number, types a wrong PIN and then the right one, joins as "Phone caller 1"; the
 * Chromium's tone is what the caller hears (Goertzel on the PCMU it receives), and the Chromium
 * hears the caller's tone (its inbound audio energy from the phone caller rises). The caller's
 * number is in nothing the browser's page holds and in no log line.
 *
 * <p>Then a real SIP phone, sipp over TCP ({@link Sipp}), with captions on: Bea's page shows
 * everyone the dial-in number and PIN; a wrong PIN (RFC 4733 keys in a pcap sipp plays) lets nobody
 * in; the right one lets the caller in, whose voice (an espeak-ng sentence in the same pcap) Bea
 * hears and sees captioned under "Phone caller 1"; then Bea unmutes, and the PCMU Parley sends to
 * sipp's RTP port (seen in a tcpdump capture of the loopback interface, as sipp records nothing)
 * holds her tone; a moderator renames the caller.
 */
@Tag("e2e")
@Tag("solo") // run alone (pom.xml, e2e-solo): audio decoded, mixed and recognised on the server in real time
class DialInE2eTest {
    @RegisterExtension
    static final ParleyServerExtension PARLEY = ParleyServerExtension.onLoopback()
            .withSetting("sip-port", "0")
            .withSetting("sip-allow", "127.0.0.1")
            .withSetting("sip-numbers", "+49 30 1234567")
            .withSetting("captions-model", model().toString());

    private static final String ROOM = "dialled-" + Long.toString(System.nanoTime(), 36);
    private static final String NUMBER = "+4917099887766";
    private static final String SIPP_ROOM = ROOM + "-sipp";
    private static final String SIPP_NUMBER = "+4915155566677";
    private static final String SENTENCE = "hello everyone thank you for joining the meeting today";
    private static List<ChromiumSession> browsers = List.of();
    private static short[] speech8k;

    private static java.nio.file.Path model() {
        try {
            return parley.captions.TestModel.folder().toAbsolutePath();
        } catch (java.io.IOException e) {
            throw new E2eException("no Vosk test model", e);
        }
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        if (PARLEY.skipped()) return;
        browsers = Browsers.chromiums(1);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("parley-phone-speech");
        try {
            java.nio.file.Path wav = dir.resolve("raw.wav"), raw = dir.resolve("speech.s16");
            Processes.run(List.of("espeak-ng", "-v", "en-us", "-s", "150", "-w", wav.toString(), SENTENCE), 30);
            Processes.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", wav.toString(), "-af", "volume=2",
                    "-ar", "8000", "-ac", "1", "-f", "s16le", raw.toString()), 30);
            byte[] b = java.nio.file.Files.readAllBytes(raw);
            speech8k = new short[b.length / 2];
            java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(speech8k);
        } finally {
            Processes.deleteTree(dir);
        }
    }

    @AfterAll
    static void stopBrowserAndCheckTheLog() {
        browsers.forEach(ChromiumSession::close);
        PARLEY.assertLogNeverHeld(ROOM, SIPP_ROOM, NUMBER.substring(1), SIPP_NUMBER.substring(1), "Bea Phonefriend", "Grandpa Joe",
                "joining the meeting");
    }

    @Test
    void sippCallsInOverTcpIsHeardCaptionedAndRenamed(ServerHandle server) throws Exception {
        LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
        WebSocket host = moderator(server, inbox);
        try {
            host.sendText("{\"type\":\"join\",\"room\":\"" + SIPP_ROOM + "\",\"name\":\"Ada Host\"}", true).join();
            String pin = next(inbox, "dial-in").get("pin").asText();
            MeetingClient bea = MeetingClient.in(browsers.get(0).page()).joinMeeting(server.roomUrl("127.0.0.1", SIPP_ROOM), "Bea Phonefriend");
            next(inbox, "participant-joined");
            bea.muteMicrophone(); // her tone is not speech
            host.sendText("{\"type\":\"set-captions\",\"on\":true}", true).join();
            bea.awaitControl("button", "Hide captions");
            bea.click("Participants");
            String grouped = pin.substring(0, 3) + " " + pin.substring(3, 6) + " " + pin.substring(6);
            Poll.until("Bea sees how to join by phone", MeetingClient.CONTROL_TIMEOUT, () -> bea.page().eval(
                    "[...document.querySelectorAll('section.dial-in:not([hidden])')].map((e) => e.textContent).join()").asText()
                    .contains("+49 30 1234567") && bea.page().eval("document.body.textContent").asText().contains(grouped));

            long wrongBefore = server.running().sip().stats().wrongPins();
            try (Sipp wrong = Sipp.call(server.running().sip().port(), SIPP_NUMBER, new parley.sip.RtpPcap().silence(300).keys("1234#").silence(1500))) {
                assertEquals(0, wrong.await(60_000), "sipp's call with a wrong PIN: " + wrong.log());
            }
            assertEquals(wrongBefore + 1, server.running().sip().stats().wrongPins(), "the wrong PIN was heard and refused");
            assertTrue(inbox.stream().noneMatch((m) -> m.path("type").asText().equals("participant-joined")
                    && m.at("/participant/name").asText().startsWith("Phone")), "nobody joined with a wrong PIN");

            parley.sip.RtpPcap rtp = new parley.sip.RtpPcap().silence(300).keys(pin + "#").silence(1500);
            for (int i = 0; i < 2; i++) rtp.audio(speech8k).silence(2500); // twice: a loaded machine may miss the first
            rtp.silence(6000); // the caller listens: Bea's tone is unmuted after the caption
            try (LoopbackCapture capture = LoopbackCapture.start();
                    Sipp phone = Sipp.call(server.running().sip().port(), SIPP_NUMBER, rtp)) {
                JsonNode joined = next(inbox, "participant-joined");
                assertEquals("Phone caller 1", joined.at("/participant/name").asText(), phone.log());
                String phoneId = joined.at("/participant/id").asText();
                StatsProbe.Inbound in = StatsProbe.awaitAudioRising(bea.page(), phoneId, MeetingClient.MIN_AUDIO_ENERGY_GAIN,
                        MeetingClient.MEDIA_TIMEOUT);
                System.out.printf("Bea hears sipp's caller: audio energy %.4f%n", in.totalAudioEnergy());
                String caption = Poll.await("a caption of the caller's sentence under 'Phone caller 1'", Duration.ofSeconds(60),
                        () -> bea.page().eval("[...document.querySelectorAll('.caption-line')].map((l) => l.textContent).join('\\n')").asText(),
                        (text) -> java.util.Arrays.stream(text.split("\n")).anyMatch((l) -> l.startsWith("Phone caller 1: ")
                                && parley.captions.TestModel.wordsFound(SENTENCE, l) >= 5));
                System.out.println("captions of the phone caller: " + caption.replace('\n', '|'));
                bea.unmuteMicrophone(); // now her tone is what sipp should be sent
                long unmutedMicros = System.currentTimeMillis() * 1000; // tcpdump stamps packets with the wall clock
                Thread.sleep(3000);
                assertTrue(!bea.names("button").contains("Rename"), "only moderators may rename");

                host.sendText("{\"type\":\"rename\",\"participantId\":\"" + phoneId + "\",\"name\":\"Grandpa Joe\"}", true).join();
                Poll.until("Bea's page lists the renamed caller", MeetingClient.CONTROL_TIMEOUT,
                        () -> bea.page().eval("window.parley.participants().some((p) => p.name === 'Grandpa Joe')").asBoolean());

                assertEquals(0, phone.await(phone.playMs() + 60_000), "sipp's call: " + phone.log());
                assertEquals("left", next(inbox, "participant-left").get("reason").asText());
                // from a second after the unmute: before it the mix held silence and concealment
                assertToneSentToSipp(capture.stop().stream().filter((d) -> d.epochMicros() > unmutedMicros + 1_000_000).toList(),
                        FakeMedia.toneHz(0));
            }
            String page = bea.page().eval("document.documentElement.outerHTML + JSON.stringify(window.parley.participants())").asText();
            assertTrue(!page.contains(SIPP_NUMBER.substring(1)), "the number is nowhere in the page");
            bea.leave();
        } finally {
            host.abort();
        }
    }

    @Test
    void theCallerJoinsWithThePinAndHearsTheMeeting(ServerHandle server) throws Exception {
        LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
        WebSocket host = moderator(server, inbox);
        try {
            host.sendText("{\"type\":\"join\",\"room\":\"" + ROOM + "\",\"name\":\"Ada Host\"}", true).join();
            assertEquals("joined", next(inbox, "joined").get("type").asText());
            String pin = next(inbox, "dial-in").get("pin").asText();

            MeetingClient bea = MeetingClient.in(browsers.get(0).page()).joinMeeting(server.roomUrl("127.0.0.1", ROOM), "Bea Phonefriend");
            next(inbox, "participant-joined");

            try (TestTrunk trunk = new TestTrunk(server.running().sip().port(), "e2e-1")) {
                assertEquals(200, trunk.call(NUMBER).status());
                trunk.type("1234#");
                trunk.type(pin + "#");
                JsonNode phone = next(inbox, "participant-joined");
                assertEquals("Phone caller 1", phone.at("/participant/name").asText());
                Poll.until("Bea's page lists the phone caller", MeetingClient.CONTROL_TIMEOUT,
                        () -> bea.page().eval("window.parley.participants().some((p) => p.name === 'Phone caller 1')").asBoolean());

                trunk.listen(1000); // the jitter buffers fill
                short[] heard = trunk.listen(3000);
                double share = shortTermShare(heard, FakeMedia.toneHz(0));
                double other = 0;
                for (int hz : new int[] {FakeMedia.toneHz(1), FakeMedia.toneHz(2), 1000}) other = Math.max(other, shortTermShare(heard, hz));
                System.out.printf("caller heard %d samples; Bea's %d Hz tone: %.3f of the power (other tones at most %.3f)%n",
                        heard.length, FakeMedia.toneHz(0), share, other);
                // 3 s in real time; on a machine loaded far beyond its cores the SIP thread falls behind
                // and drops frames, so only a second of audio is required: the tone is the proof.
                assertTrue(heard.length >= 8000, "at least 1 s of PCMU in 3 s: " + heard.length);
                assertTrue(share > 0.3 && share > 10 * other, "Bea's tone is what the caller hears: " + share + " vs " + other);

                String phoneId = phone.at("/participant/id").asText();
                try (AutoCloseable voice = trunk.playTone(1000)) {
                    StatsProbe.Inbound in = StatsProbe.awaitAudioRising(bea.page(), phoneId, MeetingClient.MIN_AUDIO_ENERGY_GAIN,
                            MeetingClient.MEDIA_TIMEOUT);
                    System.out.printf("Bea hears the phone caller: audio energy %.4f%n", in.totalAudioEnergy());
                }

                String page = bea.page().eval("document.documentElement.outerHTML + JSON.stringify(window.parley.participants())").asText();
                assertTrue(!page.contains(NUMBER.substring(1)), "the number is nowhere in the page");
                trunk.hangUp();
                assertEquals("left", next(inbox, "participant-left").get("reason").asText());
            }
        } finally {
            host.abort();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A signaling connection with the page's Origin, collecting every message. */
    private static WebSocket moderator(ServerHandle server, LinkedBlockingQueue<JsonNode> inbox) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(trustAll()).build();
        return http.newWebSocketBuilder()
                .header("Origin", "https://127.0.0.1:" + server.httpPort())
                .buildAsync(URI.create(server.wsUrl()), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            try {
                                inbox.add(JSON.readTree(text.toString()));
                            } catch (Exception e) {
                                throw new E2eException("not JSON from the server", e);
                            }
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    /**
     * The share of the power at {@code hz}, measured over 50 ms blocks (bins about 20 Hz wide) and
     * weighted by each block's power: a frame concealed or repeated on a loaded machine breaks the
     * tone's phase, which a Goertzel over seconds would spread out of its sub-hertz bin.
     */
    /**
     * sipp does not record what it is sent, so the loopback capture does: the PCMU RTP Parley sent
     * to the port sipp's own RTP (the pcap's SSRC) came from holds Bea's tone, and no other.
     */
    private static void assertToneSentToSipp(List<LoopbackCapture.Datagram> udp, int hz) {
        int sippPort = udp.stream().filter((d) -> isRtp(d, 0) && ssrc(d) == parley.sip.RtpPcap.SSRC).mapToInt(LoopbackCapture.Datagram::sourcePort)
                .findFirst().orElseThrow(() -> new AssertionError("no RTP from sipp in the capture of " + udp.size() + " datagrams"));
        List<LoopbackCapture.Datagram> toSipp = udp.stream().filter((d) -> d.destinationPort() == sippPort && isRtp(d, 0)).toList();
        short[] heard = new short[toSipp.stream().mapToInt((d) -> d.payload().length - 12).sum()];
        int at = 0;
        for (LoopbackCapture.Datagram d : toSipp) {
            int n = d.payload().length - 12;
            parley.audio.G711.decode(false, d.payload(), 12, heard, at, n);
            at += n;
        }
        double share = shortTermShare(heard, hz), other = 0;
        for (int f : new int[] {FakeMedia.toneHz(1), FakeMedia.toneHz(2), 1000}) other = Math.max(other, shortTermShare(heard, f));
        System.out.printf("sipp was sent %d PCMU packets (%d ms); Bea's %d Hz tone: %.3f of the power (other tones at most %.3f)%n",
                toSipp.size(), heard.length / 8, hz, share, other);
        assertTrue(heard.length >= 8000, "at least 1 s of PCMU sent to sipp: " + heard.length);
        assertTrue(share > 0.3 && share > 10 * other, "Bea's tone is what sipp is sent: " + share + " vs " + other);
    }

    /** An RTP packet (version 2, no extension or CSRC, the payload type) of a captured datagram. */
    private static boolean isRtp(LoopbackCapture.Datagram d, int payloadType) {
        byte[] p = d.payload();
        return p.length > 12 && (p[0] & 0xff) == 0x80 && (p[1] & 0x7f) == payloadType;
    }

    private static int ssrc(LoopbackCapture.Datagram d) {
        return java.nio.ByteBuffer.wrap(d.payload(), 8, 4).getInt();
    }

    private static double shortTermShare(short[] pcm, int hz) {
        int block = 400;
        double tone = 0, total = 0;
        for (int at = 0; at + block <= pcm.length; at += block) {
            short[] b = java.util.Arrays.copyOfRange(pcm, at, at + block);
            double power = 0;
            for (short x : b) power += (double) x * x;
            tone += MediaCheck.toneShare(b, 8000, hz) * power;
            total += power;
        }
        return total == 0 ? 0 : tone / total;
    }

    /** Trusts the server's self-signed certificate (its name, 127.0.0.1, is still checked). */
    private static javax.net.ssl.SSLContext trustAll() throws Exception {
        javax.net.ssl.X509TrustManager all = new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        };
        javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
        ssl.init(null, new javax.net.ssl.TrustManager[] {all}, null);
        return ssl;
    }

    /** The next message of {@code type}, skipping others, within the control timeout. */
    private static JsonNode next(LinkedBlockingQueue<JsonNode> inbox, String type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode m = inbox.poll(200, TimeUnit.MILLISECONDS);
            if (m != null && type.equals(m.path("type").asText())) return m;
        }
        throw new AssertionError("no '" + type + "' message within 20 s");
    }
}
