package parley.bench.load;

/**
 * One simulcast layer of a synthetic camera: its fixture played in a loop at 30 fps with
 * continuous RTP sequence numbers, timestamps and picture ids. A keyframe request (PLI or FIR from
 * the server) or a resume after {@code send-layers} paused it makes the next frame sent the
 * fixture's next keyframe (any keyframe is a valid place to start decoding). While paused the
 * clock goes on, so timestamps stay true to wall time when it resumes.
 *
 * <p>Thread-safety: the sender thread owns it; {@link #requestKeyframe} and {@link #setActive}
 * may be called from any thread.
 */
final class VideoLayer {
    static final int TICKS_PER_FRAME = 90_000 / MediaFixtures.FPS;

    private final String rid;
    private final int ssrc;
    private final VideoFixture fixture;
    private volatile boolean keyframeRequested;
    private volatile boolean active = true;
    private boolean sending = true;
    private int frameIndex;
    private int seq;
    private long timestamp;
    private int pictureId;
    private long frameTimestamp;
    private int framePictureId;

    VideoLayer(String rid, int ssrc, VideoFixture fixture, int firstSeq, long firstTimestamp, int firstPictureId, int firstFrame) {
        this.rid = rid;
        this.ssrc = ssrc;
        this.fixture = fixture;
        this.seq = firstSeq & 0xffff;
        this.timestamp = firstTimestamp & 0xffff_ffffL;
        this.pictureId = firstPictureId & Vp8Packetizer.MAX_PICTURE_ID;
        this.frameIndex = fixture.nextKeyframe(Math.floorMod(firstFrame, fixture.frames().size()));
    }

    String rid() {
        return rid;
    }

    int ssrc() {
        return ssrc;
    }

    void requestKeyframe() {
        keyframeRequested = true;
    }

    /** Whether the server wants this layer ({@code send-layers}); a layer that comes back starts with a keyframe. */
    void setActive(boolean on) {
        active = on;
    }

    boolean isActive() {
        return active;
    }

    /** The frame to send at this 30 fps tick, or null while paused; advances the clock either way. */
    byte[] nextFrame() {
        boolean on = active;
        if (on && !sending) keyframeRequested = true;
        sending = on;
        if (!on) {
            advance();
            return null;
        }
        if (keyframeRequested) {
            keyframeRequested = false;
            frameIndex = fixture.nextKeyframe(frameIndex);
        }
        byte[] frame = fixture.frames().get(frameIndex);
        frameTimestamp = timestamp;
        framePictureId = pictureId;
        pictureId = (pictureId + 1) & Vp8Packetizer.MAX_PICTURE_ID;
        advance();
        return frame;
    }

    private void advance() {
        frameIndex = (frameIndex + 1) % fixture.frames().size();
        timestamp = (timestamp + TICKS_PER_FRAME) & 0xffff_ffffL;
    }

    /** RTP timestamp of the frame {@link #nextFrame} last returned. */
    long frameTimestamp() {
        return frameTimestamp;
    }

    /** Picture id of the frame {@link #nextFrame} last returned. */
    int framePictureId() {
        return framePictureId;
    }

    /** The next RTP sequence number (post-increment). */
    int nextSeq() {
        int s = seq;
        seq = (seq + 1) & 0xffff;
        return s;
    }
}
