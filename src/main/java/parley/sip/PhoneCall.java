package parley.sip;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import parley.audio.AudioException;
import parley.audio.DtmfDetector;
import parley.audio.Pcm;
import parley.audio.PinCollector;
import parley.audio.TelephoneEvent;
import parley.audio.TelephoneEventReceiver;

/**
 * One phone leg's media and PIN entry: its own RTP socket, the caller's key presses (RFC 4733,
 * SIP INFO, or in-band tones), then, once the PIN let it in, audio both ways with the room's
 * {@link DialIn.PhoneSeat} in the codec the SDP chose ({@link LegAudio}). RTP is taken only from the address the trunk's SDP named (the port
 * is learned from the first packet: symmetric RTP behind NAT). Not thread-safe: the SIP thread
 * owns it.
 */
final class PhoneCall {
    static final Duration FIRST_KEY = Duration.ofSeconds(30), BETWEEN_KEYS = Duration.ofSeconds(10);
    static final int MAX_PIN_DIGITS = 16;

    /** How the PIN is checked: the server's throttle and the rooms. */
    interface Pins {
        boolean mayTry();

        /** A seat in the room with this PIN, or empty (a wrong PIN, counted against the caller and trunk). */
        Optional<DialIn.PhoneSeat> check(String pin);
    }

    enum State { PIN, IN_ROOM, ENDED }

    final Dialog dialog;
    private final DatagramChannel rtp;
    private final PhoneSdp.Choice choice;
    private final Pins pins;
    private final PinCollector collector;
    private final TelephoneEventReceiver events = new TelephoneEventReceiver(this::key);
    private final DtmfDetector inBand = new DtmfDetector(this::key);
    private final LegAudio audio;
    private final ByteBuffer in = ByteBuffer.allocate(1500);
    private final byte[] out = new byte[Rtp.HEADER + LegAudio.MAX_PAYLOAD];
    private final short[] pcm48k = new short[Pcm.FRAME_48K];
    private final int ssrc;
    private InetSocketAddress remote;
    private State state = State.PIN;
    private DialIn.PhoneSeat seat;
    private int seq, ts;
    private int toneFrames, toneHz;
    private long frames;

    PhoneCall(Dialog dialog, DatagramChannel rtp, PhoneSdp.Offer offer, PhoneSdp.Choice choice, Pins pins,
              InstantSource clock, int ssrc) {
        this.dialog = dialog;
        this.rtp = rtp;
        this.remote = new InetSocketAddress(offer.address(), offer.port());
        this.choice = choice;
        this.pins = pins;
        this.audio = new LegAudio(choice);
        this.collector = new PinCollector(clock, FIRST_KEY, BETWEEN_KEYS, MAX_PIN_DIGITS);
        this.ssrc = ssrc;
        this.seq = ssrc & 0x7fff;
        tone(440, 10); // a short beep: "type the PIN"
    }

    State state() {
        return state;
    }

    DatagramChannel channel() {
        return rtp;
    }

    /** A key from SIP INFO or RTP; ignored once in the room. */
    void key(char k) {
        if (state != State.PIN) return;
        PinCollector.Status s = collector.key(k);
        if (s == PinCollector.Status.ENTERED) tryPin(collector.pin());
        else if (s == PinCollector.Status.TOO_LONG) wrong();
    }

    private void tryPin(String pin) {
        if (!pins.mayTry()) {
            state = State.ENDED;
            return;
        }
        Optional<DialIn.PhoneSeat> s = pins.check(pin);
        if (s.isPresent()) {
            seat = s.get();
            state = State.IN_ROOM;
            toneFrames = 0;
        } else {
            wrong();
        }
    }

    private void wrong() {
        if (!pins.mayTry()) {
            state = State.ENDED;
            return;
        }
        collector.restart();
        tone(300, 25); // a low tone: "wrong, again"
    }

    private void tone(int hz, int frames) {
        toneHz = hz;
        toneFrames = frames;
    }

    /** Reads every RTP packet waiting on the socket. */
    void receive() throws IOException {
        while (true) {
            in.clear();
            if (!(rtp.receive(in) instanceof InetSocketAddress from)) return;
            if (!from.getAddress().equals(remote.getAddress())) continue; // not the trunk's media
            remote = from;
            onRtp(in.array(), in.position());
        }
    }

    void onRtp(byte[] b, int len) {
        int off = Rtp.payloadOffset(b, len);
        if (off < 0) return;
        int n = Rtp.payloadLength(b, len, off);
        if (n < 0) return;
        int pt = Rtp.payloadType(b);
        if (pt == choice.telephoneEvent()) {
            try {
                events.onPacket(Rtp.timestamp(b), TelephoneEvent.parse(b, off, n));
            } catch (AudioException e) {
                // a malformed event: dropped like any bad media packet
            }
        } else if (pt == choice.pt() && n > 0) {
            if (state == State.PIN) audio.keys(b, off, n, inBand);
            else if (state == State.IN_ROOM) audio.toRoom(b, off, n, Rtp.sequence(b), Rtp.timestamp(b), seat);
        }
    }

    /** Every 20 ms: the PIN's timeouts, the room's end, and one frame to the caller. */
    void tick() throws IOException {
        if (state == State.PIN && collector.poll() == PinCollector.Status.TIMED_OUT) state = State.ENDED;
        if (state == State.IN_ROOM && seat.ended()) state = State.ENDED;
        if (state == State.ENDED) return;
        short[] mix = state == State.IN_ROOM ? seat.toCaller() : null;
        if (mix == null) {
            for (int i = 0; i < pcm48k.length; i++) {
                double v = toneFrames > 0 ? 6000 * Math.sin(2 * Math.PI * toneHz * (frames * pcm48k.length + i) / 48_000.0) : 0;
                pcm48k[i] = (short) v;
            }
            if (toneFrames > 0) toneFrames--;
        }
        int n = audio.encode(mix != null ? mix : pcm48k, out, Rtp.HEADER);
        if (n < 0) return;
        Rtp.writeHeader(out, choice.pt(), frames == 0, seq++ & 0xffff, ts, ssrc);
        ts += audio.ticksPerFrame();
        frames++;
        rtp.send(ByteBuffer.wrap(out, 0, Rtp.HEADER + n), remote);
    }

    /** Ends the call (BYE either way): leaves the room and closes the socket. */
    void end() {
        if (seat != null) seat.leave();
        seat = null;
        state = State.ENDED;
        try {
            rtp.close();
        } catch (IOException e) {
            // closing a datagram socket does not fail in a way that matters here
        }
    }
}
