package parley.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real encoded media for the recorder's tests, made by ffmpeg: VP8 frames (from an IVF file) of
 * a solid colour, Opus packets (from an Ogg file) of a sine tone; and RTP packets of them as a
 * browser sends them (RFC 7741 payload descriptor with a 15-bit picture id; one Opus frame per
 * packet).
 */
final class SyntheticMedia {
    private SyntheticMedia() {}

    /** One encoded frame and whether it is a keyframe. */
    record Frame(byte[] data, boolean keyframe) {}

    /** {@code seconds} of 320x240 VP8 at {@code fps}, colour 0xRRGGBB, a keyframe every {@code gop} frames. */
    static List<Frame> vp8(int rgb, int fps, int seconds, int gop) throws IOException {
        Path ivf = cache().resolve("v-%06x-%d-%d-%d.ivf".formatted(rgb, fps, seconds, gop));
        if (!Files.exists(ivf)) ffmpeg("-f", "lavfi", "-i", "color=c=0x%06X:s=320x240:r=%d:d=%d".formatted(rgb, fps, seconds),
                "-c:v", "libvpx", "-g", String.valueOf(gop), "-b:v", "300k", ivf.toString());
        return ivfFrames(Files.readAllBytes(ivf));
    }

    /** The frames of an IVF file: a 32-byte header, then per frame its size (4 bytes), time (8) and data. */
    static List<Frame> ivfFrames(byte[] ivf) {
        ByteBuffer b = ByteBuffer.wrap(ivf).order(ByteOrder.LITTLE_ENDIAN);
        b.position(b.getShort(6));
        List<Frame> frames = new ArrayList<>();
        while (b.remaining() >= 12) {
            int size = b.getInt();
            b.getLong();
            byte[] f = new byte[size];
            b.get(f);
            frames.add(new Frame(f, (f[0] & 1) == 0));
        }
        return frames;
    }

    /** {@code seconds} of 20 ms Opus packets of a {@code hz} sine. */
    static List<byte[]> opus(int hz, int seconds) throws IOException {
        Path ogg = cache().resolve("a-%d-%d.ogg".formatted(hz, seconds));
        if (!Files.exists(ogg)) ffmpeg("-f", "lavfi", "-i", "sine=frequency=%d:sample_rate=48000:duration=%d".formatted(hz, seconds),
                "-c:a", "libopus", "-frame_duration", "20", "-b:a", "48k", ogg.toString());
        List<byte[]> packets = oggPackets(Files.readAllBytes(ogg));
        return packets.subList(2, packets.size()); // OpusHead, OpusTags
    }

    private static Path cacheDir;

    /** Encoded once per JVM: the same media serves every test that asks for it. */
    private static synchronized Path cache() throws IOException {
        if (cacheDir == null) {
            cacheDir = Files.createTempDirectory("parley-record-media");
            Path dir = cacheDir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) Files.deleteIfExists(f);
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temporary folder left behind
                }
            }));
        }
        return cacheDir;
    }

    /** The packets of an Ogg stream (RFC 3533): pages of lacing values, 255 meaning "continues". */
    static List<byte[]> oggPackets(byte[] ogg) {
        List<byte[]> out = new ArrayList<>();
        java.io.ByteArrayOutputStream packet = new java.io.ByteArrayOutputStream();
        int at = 0;
        while (at + 27 <= ogg.length) {
            int segments = ogg[at + 26] & 0xFF;
            int data = at + 27 + segments;
            for (int i = 0; i < segments; i++) {
                int lace = ogg[at + 27 + i] & 0xFF;
                packet.write(ogg, data, lace);
                data += lace;
                if (lace < 255) {
                    out.add(packet.toByteArray());
                    packet.reset();
                }
            }
            at = data;
        }
        return out;
    }

    /** A VP8 frame as RTP packets of at most {@code mtu} payload bytes: S on the first, marker on the last. */
    static List<byte[]> vp8Packets(Frame f, int firstSeq, long ts, int pictureId, int mtu) {
        List<byte[]> out = new ArrayList<>();
        for (int at = 0, seq = firstSeq; at < f.data().length; seq++) {
            int n = Math.min(mtu, f.data().length - at);
            boolean last = at + n == f.data().length;
            byte[] p = new byte[12 + 4 + n];
            header(p, seq, ts, 96, last);
            p[12] = (byte) (at == 0 ? 0x90 : 0x80); // X, S on the first packet, PID 0
            p[13] = (byte) 0x80;                      // I
            p[14] = (byte) (0x80 | (pictureId >> 8) & 0x7F);
            p[15] = (byte) pictureId;
            System.arraycopy(f.data(), at, p, 16, n);
            out.add(p);
            at += n;
        }
        return out;
    }

    static byte[] opusPacket(byte[] frame, int seq, long ts) {
        byte[] p = new byte[12 + frame.length];
        header(p, seq, ts, 111, true);
        System.arraycopy(frame, 0, p, 12, frame.length);
        return p;
    }

    private static void header(byte[] p, int seq, long ts, int pt, boolean marker) {
        p[0] = (byte) 0x80;
        p[1] = (byte) ((marker ? 0x80 : 0) | pt);
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[4] = (byte) (ts >> 24);
        p[5] = (byte) (ts >> 16);
        p[6] = (byte) (ts >> 8);
        p[7] = (byte) ts;
        p[8] = 0x12;
        p[11] = 0x34;
    }

    static void ffmpeg(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        cmd.addAll(List.of(args));
        run(cmd);
    }

    /** Runs a command, returns its standard output; fails on a non-zero exit. */
    static String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(cmd.get(0) + " failed (" + p.exitValue() + "): " + err);
            }
            return new String(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            p.destroyForcibly();
        }
    }

    /** ffprobe's answer for one entry of {@code path}, e.g. "format=duration" or "stream=codec_name". */
    static String probe(Path path, String entries) throws IOException {
        return run(List.of("ffprobe", "-v", "error", "-show_entries", entries, "-of", "default=nw=1:nk=1",
                path.toString())).strip();
    }
}
