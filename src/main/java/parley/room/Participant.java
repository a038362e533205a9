package parley.room;

import java.util.List;
import java.util.Objects;

/**
 * One person admitted to a room, with what everyone may see of them and their media.
 * {@code C} is whatever connection the caller ties to the person (the signaling session);
 * the room never looks inside it. Not thread-safe: only the room's executor touches it.
 */
public final class Participant<C> {
    private final String id;
    private String name;
    private final C link;
    private final String resumeSecret;
    private final long joinOrder;
    private Role role;
    private boolean audioMuted;
    private boolean videoMuted;
    private boolean handRaised;
    /** When the hand went up, on the room's hand clock ({@link Room#raiseHand}); 0 while down. */
    private long handRaisedAtMs;
    /** Reactions allowed; made at the first one. */
    private TokenBucket reactions;
    private String avatar;
    private List<MediaPeer.PublishedTrack> tracks = List.of();
    private MediaPeer peer;
    private boolean negotiating;
    /** Own-state changes allowed; made at the first one. */
    private TokenBucket updates;
    /** Whether their client can encrypt end to end (it said so in its join). */
    private boolean e2eeCapable;
    /** End-to-end key messages allowed; made at the first one. */
    private TokenBucket keyMessages;

    Participant(String id, String name, C link, String resumeSecret, long joinOrder, Role role) {
        this.id = Objects.requireNonNull(id);
        this.name = Objects.requireNonNull(name);
        this.link = Objects.requireNonNull(link);
        this.resumeSecret = Objects.requireNonNull(resumeSecret);
        this.joinOrder = joinOrder;
        this.role = Objects.requireNonNull(role);
    }

    public String id() { return id; }
    public String name() { return name; }
    /** A new display name (a moderator renamed a phone caller). */
    public void name(String name) { this.name = Objects.requireNonNull(name); }
    public C link() { return link; }
    /** The bearer secret that gives this person their role back after a reconnect. */
    public String resumeSecret() { return resumeSecret; }
    /** Admission order within the room: lower joined earlier. */
    public long joinOrder() { return joinOrder; }
    public Role role() { return role; }
    public void role(Role role) { this.role = Objects.requireNonNull(role); }
    public boolean audioMuted() { return audioMuted; }
    public void audioMuted(boolean muted) { this.audioMuted = muted; }
    public boolean videoMuted() { return videoMuted; }
    public void videoMuted(boolean muted) { this.videoMuted = muted; }
    /**
     * Takes one own-state change ({@code update}) from a bucket of {@code burst} refilled at
     * {@code perSecond}; false means over the rate. Every change is sent to everyone with
     * the whole state, avatar included, so this bounds what one person makes others receive.
     */
    public boolean tryUpdate(long nowNanos, double perSecond, int burst) {
        if (updates == null) updates = new TokenBucket(perSecond, burst, nowNanos);
        return updates.tryTake(nowNanos);
    }

    /** As {@link #tryUpdate}, for relayed end-to-end key messages ({@code e2ee}). */
    public boolean tryKeyMessage(long nowNanos, double perSecond, int burst) {
        if (keyMessages == null) keyMessages = new TokenBucket(perSecond, burst, nowNanos);
        return keyMessages.tryTake(nowNanos);
    }

    public boolean e2eeCapable() { return e2eeCapable; }
    public void e2eeCapable(boolean capable) { this.e2eeCapable = capable; }
    public boolean handRaised() { return handRaised; }
    /** Lowers the hand ({@code false}); raising goes through {@link Room#raiseHand}, which stamps the time. */
    public void handRaised(boolean raised) {
        this.handRaised = raised;
        if (!raised) handRaisedAtMs = 0;
    }
    /** When the hand went up (ms since 1970, unique within the room), or 0 while it is down. */
    public long handRaisedAtMs() { return handRaisedAtMs; }

    void raiseHandAt(long atMs) {
        this.handRaised = true;
        this.handRaisedAtMs = atMs;
    }

    /** As {@link #tryUpdate}, for reactions. */
    public boolean tryReact(long nowNanos, double perSecond, int burst) {
        if (reactions == null) reactions = new TokenBucket(perSecond, burst, nowNanos);
        return reactions.tryTake(nowNanos);
    }
    /** A data URL, or null. */
    public String avatar() { return avatar; }
    public void avatar(String dataUrl) { this.avatar = dataUrl; }
    public MediaPeer peer() { return peer; }
    public void peer(MediaPeer peer) { this.peer = peer; }
    /** True between an offer and its answer: the client sends one offer at a time. */
    public boolean negotiating() { return negotiating; }
    public void negotiating(boolean negotiating) { this.negotiating = negotiating; }

    public boolean muted(MediaKind kind) {
        return kind == MediaKind.AUDIO ? audioMuted : videoMuted;
    }

    public void muted(MediaKind kind, boolean muted) {
        if (kind == MediaKind.AUDIO) audioMuted = muted;
        else videoMuted = muted;
    }

    /**
     * Whether the server holds back a track: the mic while muted, the camera while off, the
     * screen only after a moderator's video mute (sharing a screen with the camera off is normal).
     */
    public boolean holdsBack(MediaPeer.PublishedTrack t) {
        return switch (t.source()) {
            case MIC -> audioMuted;
            case CAMERA -> videoMuted;
            case SCREEN -> screenHeld;
        };
    }

    public boolean screenHeld() {
        return screenHeld;
    }

    /** A moderator's video mute also holds back the screen share until the owner turns video on again. */
    public void screenHeld(boolean held) {
        this.screenHeld = held;
    }

    private boolean screenHeld;

    public List<MediaPeer.PublishedTrack> tracks() { return tracks; }

    /** Replaces the published tracks; true when the list changed. */
    public boolean tracks(List<MediaPeer.PublishedTrack> published) {
        List<MediaPeer.PublishedTrack> copy = List.copyOf(published);
        boolean changed = !copy.equals(tracks);
        tracks = copy;
        return changed;
    }

    @Override
    public String toString() {
        return "Participant[" + id + "]"; // never the name
    }
}
