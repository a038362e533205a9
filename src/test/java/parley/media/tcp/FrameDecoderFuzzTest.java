package parley.media.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;

/**
 * Any byte stream on an ICE-TCP connection, in reads of any sizes: the decoder hands frames of
 * at most the limit, each exactly as long as its prefix said, or throws FramingException, and
 * nothing else. The first input byte picks the read size (1..256), so the fuzzer also explores
 * how reads cut the frames; the frames re-framed must be the stream's prefix that was consumed.
 * Seeds in src/test/resources/parley/media/tcp/FrameDecoderFuzzTestInputs; fuzzed by bench/fuzz.sh.
 */
class FrameDecoderFuzzTest {
    private static final int MAX_FRAME = 1500;

    @FuzzTest
    void stream(byte[] input) {
        if (input.length == 0) return;
        int readSize = (input[0] & 0xff) + 1;
        ByteArrayOutputStream reframed = new ByteArrayOutputStream();
        FrameDecoder decoder = new FrameDecoder(MAX_FRAME);
        try {
            for (int p = 1; p < input.length; p += readSize) {
                decoder.feed(input, p, Math.min(readSize, input.length - p), (buf, off, len) -> {
                    assertTrue(len <= MAX_FRAME, "frame of " + len);
                    reframed.write(len >>> 8);
                    reframed.write(len);
                    reframed.write(buf, off, len);
                    return true;
                });
            }
            assertEquals(input.length - 1, reframed.size() + decoder.pendingBytes(), "every byte is a frame or held");
        } catch (FramingException expected) {
            // fine: a stream that breaks the framing is refused with the package's exception
        }
        byte[] out = reframed.toByteArray();
        for (int i = 0; i < out.length; i++) {
            assertEquals(input[1 + i], out[i], "frames re-framed differ from the stream at byte " + i);
        }
    }
}
