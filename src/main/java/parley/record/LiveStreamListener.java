package parley.record;

/** What a live stream tells whoever started it, from the stream's thread; must return at once. */
public interface LiveStreamListener {
    /** Starting (ffmpeg connects), live (output flows), or reconnecting (the streaming server went away). */
    void onState(LiveStream.State state);

    /** The stream ended by itself; {@code message} says why (never the URL or key). */
    void onFailed(String message);
}
