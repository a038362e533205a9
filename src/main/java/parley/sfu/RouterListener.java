package parley.sfu;

/** What a {@link Router} reports to its room; called on the media loop thread, must return quickly. */
public interface RouterListener {
    void onActiveSpeaker(String peerId);

    void onPeerFailed(String peerId, String reason);
}
