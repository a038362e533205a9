package parley.record;

/** What a recording tells whoever started it, from the recording's own threads; must return at once. */
public interface RecordingListener {
    /** The composed file is stored: in the recordings folder, or uploaded ({@code uploaded}) and removed here. */
    void onSaved(String fileName, boolean uploaded);

    /** Writing, composing or uploading failed; {@code message} says what and where the recorded media is kept. */
    void onFailed(String message);
}
