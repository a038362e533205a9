package parley.room;

/** The media side of one room: one {@link MediaPeer} per participant. Thread-safe. */
public interface MediaRoom extends AutoCloseable {
    /** Creates the media peer (ICE credentials, DTLS) of a participant who has been admitted. */
    MediaPeer addPeer(String participantId);

    /**
     * Starts recording the room's media on the server; stops by itself when the room's media
     * closes. {@code roomName} may appear in the file name only if the operator asked for it.
     *
     * @throws MediaException when this server does not record (no recordings folder), or cannot now
     */
    default MediaRecording record(String roomName, MediaRecording.Events events) throws MediaException {
        throw new MediaException("this server does not record (it was started without --recordings)");
    }

    /**
     * Starts a live stream of the room's media to {@code url} (rtmp:// or rtmps://) with stream
     * key {@code key} (empty: in the URL); it stops by itself when the room's media closes.
     *
     * @throws MediaException when this server does not stream (no --stream-to), or not to there
     */
    default MediaStream stream(String url, String key, MediaStream.Events events) throws MediaException {
        throw new MediaException("this server does not stream live (it was started without --stream-to)");
    }

    /**
     * Starts live captions of the room's speech; they stop by themselves when the room's media closes.
     *
     * @throws MediaException when this server has no speech model (no --captions-model), or cannot now
     */
    default MediaCaptions captions(MediaCaptions.Events events) throws MediaException {
        throw new MediaException("this server has no captions (it was started without --captions-model)");
    }

    /**
     * Gives {@code sink} a copy of every audio track's RTP packets (Opus) as the server receives
     * them, until the returned handle is closed (a phone caller hears the meeting this way).
     *
     * @throws MediaException when the room's media has ended, or this media plane cannot tap
     */
    default AutoCloseable hearAudio(AudioSink sink) throws MediaException {
        throw new MediaException("this media plane cannot tap its audio");
    }

    /** Where {@link #hearAudio} puts packets. Media thread: copy what you need and return at once. */
    interface AudioSink {
        /** One RTP packet ({@code buf} is reused after the call) of {@code participantId}'s track, with its continuous timestamp. */
        void onAudio(String participantId, String trackId, byte[] buf, int off, int len, long ts);
    }

    /** Stops forwarding and frees every transport of the room. Idempotent. */
    @Override
    void close();
}
