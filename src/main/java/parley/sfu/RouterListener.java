package parley.sfu;

import java.util.List;

/** What a {@link Router} reports to its room; called on the media loop thread, must return quickly. */
public interface RouterListener {
    void onActiveSpeaker(String peerId);

    void onPeerFailed(String peerId, String reason);

    /** What each receive slot of a peer carries now, after a change (every slot, in recv order). */
    void onForwarding(String peerId, List<SlotState> slots);

    /** A sender should encode only these rids of its simulcast track on {@code mid} (empty: none). */
    void onSendLayers(String peerId, String mid, List<String> activeRids);

    /** One receive slot: its mid and kind, and the track it carries (all three null while none). */
    record SlotState(String mid, String kind, String participantId, String trackId, String source) {}
}
