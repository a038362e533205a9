package parley.sip;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import parley.audio.G711;
import parley.audio.TelephoneEvent;

/**
 * A phone's RTP as a pcap file (Ethernet, IPv4, UDP) for sipp's {@code play_pcap_audio}, which
 * sends each packet's UDP payload to the media port of the answer at the pcap's pace: keys as RFC
 * 4733 events (payload type 101, each key a new timestamp, its end sent three times), then PCMU
 * (payload type 0) in 20 ms frames. Addresses and ports in the file do not matter: sipp puts its
 * own. Public for tests in other packages.
 */
public final class RtpPcap {
    /** The phone's RTP stream id, so a test can tell its packets in a capture. */
    public static final int SSRC = 0x5a5a0001;
    private static final int FRAME = 160;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long timeUs = 1_000_000;
    private int seq = 1000, ts = 8000;

    public RtpPcap() {
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1); // Ethernet
        out.writeBytes(h.array());
    }

    /** Keys as RFC 4733 events: five packets 20 ms apart (durations 160 to 800), the end repeated, then 100 ms of nothing. */
    public RtpPcap keys(String keys) {
        for (char k : keys.toCharArray()) {
            int event = k == '#' ? 11 : k == '*' ? 10 : k - '0';
            for (int i = 1; i <= 7; i++) {
                int duration = Math.min(i, 5) * FRAME;
                byte[] p = new byte[Rtp.HEADER + TelephoneEvent.SIZE];
                Rtp.writeHeader(p, 101, i == 1, seq++ & 0xffff, ts, SSRC);
                new TelephoneEvent(event, i >= 5, 10, duration).write(p, Rtp.HEADER);
                packet(p);
                if (i < 5) timeUs += 20_000;
            }
            ts += 5 * FRAME + 5 * FRAME; // the event's 100 ms and the 100 ms gap after it
            timeUs += 120_000;
        }
        return this;
    }

    /** {@code millis} of PCMU silence. */
    public RtpPcap silence(int millis) {
        return audio(new short[millis * 8]);
    }

    /** 8 kHz samples as PCMU frames, 20 ms apart (a last partial frame is dropped). */
    public RtpPcap audio(short[] pcm8k) {
        for (int at = 0; at + FRAME <= pcm8k.length; at += FRAME) {
            byte[] p = new byte[Rtp.HEADER + FRAME];
            Rtp.writeHeader(p, 0, false, seq++ & 0xffff, ts, SSRC);
            G711.encode(false, pcm8k, at, p, Rtp.HEADER, FRAME);
            packet(p);
            ts += FRAME;
            timeUs += 20_000;
        }
        return this;
    }

    /** How long the file plays, in milliseconds. */
    public long durationMs() {
        return (timeUs - 1_000_000) / 1000;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    private void packet(byte[] rtp) {
        int udpLen = 8 + rtp.length, ipLen = 20 + udpLen, frameLen = 14 + ipLen;
        ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt((int) (timeUs / 1_000_000)).putInt((int) (timeUs % 1_000_000)).putInt(frameLen).putInt(frameLen);
        out.writeBytes(rec.array());
        ByteBuffer f = ByteBuffer.allocate(frameLen); // network order
        f.put(new byte[12]).putShort((short) 0x0800);                       // Ethernet: no MACs, IPv4
        f.put((byte) 0x45).put((byte) 0).putShort((short) ipLen)            // IPv4, 20-byte header
                .putShort((short) 0).putShort((short) 0x4000)               // id, don't fragment
                .put((byte) 64).put((byte) 17).putShort((short) 0)          // TTL, UDP, checksum (unused)
                .put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
        f.putShort((short) 6000).putShort((short) 6000).putShort((short) udpLen).putShort((short) 0);
        f.put(rtp);
        out.writeBytes(f.array());
    }
}
