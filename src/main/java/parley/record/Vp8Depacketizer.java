package parley.record;

import parley.media.codec.CodecException;
import parley.media.codec.Vp8;
import parley.media.rtp.RtpPacket;

/**
 * Joins the RTP packets of a VP8 stream (RFC 7741), in sequence order, into frames: a frame
 * starts at a packet with S = 1 and partition index 0, takes the VP8 payload of every packet
 * after its payload descriptor, and ends at the marker bit. A loss inside a frame drops that
 * frame, and every frame after it until the next keyframe (the decoder would show garbage
 * without its references); the stream also starts at a keyframe. Not thread-safe.
 */
final class Vp8Depacketizer {
    /** Where whole frames go; {@code width, height} from a keyframe's header, else 0. */
    interface FrameSink {
        void frame(byte[] b, int off, int len, long rtpTs, boolean keyframe, int width, int height, long arrivalMs);
    }

    private byte[] frame = new byte[64 * 1024];
    private int frameLen;
    private boolean assembling;
    private boolean keyframe;
    private int width;
    private int height;
    private long frameTs;
    private boolean needKeyframe = true;
    private long framesDropped;
    private long frames;

    /** One packet in sequence order; {@code afterLoss}: packets before it were lost. */
    void packet(byte[] b, int off, int len, boolean afterLoss, long arrivalMs, FrameSink out) {
        if (afterLoss) drop();
        int po = RtpPacket.payloadOffset(b, off);
        int pl = RtpPacket.payloadLength(b, off, len);
        int descriptor;
        try {
            descriptor = pl > 0 ? Vp8.descriptorLength(b, po, pl) : -1;
        } catch (CodecException e) {
            descriptor = -1;
        }
        if (descriptor < 0) {
            drop();
            return;
        }
        long ts = RtpPacket.timestamp(b, off);
        if (Vp8.isStartOfFrame(b, po, pl)) {
            if (assembling) emit(arrivalMs, out); // contiguous, but the previous frame had no marker
            start(b, po, pl, ts);
        } else if (assembling && ts != frameTs) {
            drop(); // a new frame without its first packet
        }
        if (!assembling) return;
        append(b, po + descriptor, pl - descriptor);
        if (RtpPacket.marker(b, off)) emit(arrivalMs, out);
    }

    private void start(byte[] b, int po, int pl, long ts) {
        boolean key = Vp8.isKeyframe(b, po, pl);
        if (needKeyframe && !key) {
            framesDropped++;
            return;
        }
        needKeyframe = false;
        assembling = true;
        keyframe = key;
        width = key ? Math.max(0, Vp8.keyframeWidth(b, po, pl)) : 0;
        height = key ? Math.max(0, Vp8.keyframeHeight(b, po, pl)) : 0;
        frameTs = ts;
        frameLen = 0;
    }

    private void append(byte[] b, int off, int len) {
        if (frameLen + len > frame.length) frame = java.util.Arrays.copyOf(frame, Math.max(frame.length * 2, frameLen + len));
        System.arraycopy(b, off, frame, frameLen, len);
        frameLen += len;
    }

    private void emit(long arrivalMs, FrameSink out) {
        assembling = false;
        if (frameLen == 0) return;
        frames++;
        out.frame(frame, 0, frameLen, frameTs, keyframe, width, height, arrivalMs);
    }

    /** Loses the frame being assembled; nothing more until a keyframe. */
    private void drop() {
        if (assembling) framesDropped++;
        assembling = false;
        needKeyframe = true;
    }

    /** Whether frames are skipped until a keyframe (none yet, or one was lost since). */
    boolean waitsForKeyframe() {
        return needKeyframe;
    }

    long frames() {
        return frames;
    }

    /** Frames lost to packet loss, or skipped while waiting for a keyframe. */
    long framesDropped() {
        return framesDropped;
    }
}
