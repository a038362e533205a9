package parley.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Drives Parley's web client in one {@link Page} the way a person with a screen reader
 * would: fields by their label, buttons by their accessible name (the names in
 * {@code views/prejoin.js} and {@code views/meeting.js} are the contract), waiting for
 * what a person would wait for. It reads {@code window.parley} only to know the screen
 * ({@code state}), who is who, and the media statistics.
 *
 * <p>In Chromium clicks and typing go through WebDriver ({@link NativeInput}: refused when
 * the control is covered or not interactable) and every control's name is checked against
 * the one Chromium's accessibility tree computes. Elsewhere (Firefox over BiDi) a script
 * finds the control by the same rules and clicks it or sets its value with input events.
 * Not thread-safe.
 */
public final class MeetingClient {
    public static final Duration JOIN_TIMEOUT = Duration.ofSeconds(20);
    /** How long a control may take to appear (or become enabled) before a test fails. */
    public static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Total audio energy (audioLevel squared times seconds) that counts as "heard": about a
     * second of a fake microphone, far above the zero of silence.
     */
    public static final double MIN_AUDIO_ENERGY_GAIN = 0.001;
    /** How long media may take to start flowing (ICE, DTLS, a keyframe) or to resume. */
    public static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(20);

    private final Page page;
    private String name;
    private String participantId;

    private MeetingClient(Page page) {
        this.page = Objects.requireNonNull(page, "page");
    }

    /** A client in {@code page} (a Chromium tab or a Firefox context). */
    public static MeetingClient in(Page page) {
        return new MeetingClient(page);
    }

    /** Opens a meeting link and waits for the pre-join screen ("Ready to join?"). */
    public MeetingClient open(String roomUrl) {
        page.navigate(roomUrl);
        StatsProbe.awaitState(page, "prejoin", CONTROL_TIMEOUT);
        return this;
    }

    /**
     * On the pre-join screen: types {@code displayName} into "Your name", waits until the
     * camera and microphone are open (their device choices are filled), clicks
     * "Join meeting" and waits until the meeting screen is up.
     */
    public MeetingClient join(String displayName) {
        fill("Your name", displayName);
        awaitDevicesReady();
        click("Join meeting");
        Poll.await(page.label() + " joining as " + displayName, JOIN_TIMEOUT, this::joinProgress,
                p -> p.startsWith("joined"));
        name = displayName;
        participantId = StatsProbe.participantId(page);
        return this;
    }

    /** {@link #open} then {@link #join}. */
    public MeetingClient joinMeeting(String roomUrl, String displayName) {
        return open(roomUrl).join(displayName);
    }

    /** Clicks "Leave meeting" and waits for the "You left the meeting" screen. */
    public void leave() {
        click("Leave meeting");
        StatsProbe.awaitState(page, "left", CONTROL_TIMEOUT);
        awaitControl("heading", "You left the meeting");
    }

    /** Clicks "Mute microphone" and waits until the button offers "Unmute microphone". */
    public void muteMicrophone() {
        click("Mute microphone");
        awaitControl("button", "Unmute microphone");
    }

    /** Clicks "Unmute microphone" and waits until the button offers "Mute microphone". */
    public void unmuteMicrophone() {
        click("Unmute microphone");
        awaitControl("button", "Mute microphone");
    }

    /** Clicks "Stop camera" and waits until the button offers "Start camera". */
    public void stopCamera() {
        click("Stop camera");
        awaitControl("button", "Start camera");
    }

    /** Opens the chat panel ("Chat") and waits for its "Message" box. */
    public void openChat() {
        click("Chat");
        awaitControl("textbox", "Message");
    }

    /** Writes {@code text} in the chat's "Message" box and clicks "Send" (opens the chat first if needed). */
    public void sendChat(String text) {
        if (state("textbox", "Message") == null) {
            openChat();
        }
        fill("Message", text);
        click("Send");
    }

    /** The texts of the chat's "Messages" log, oldest first (the chat panel must be open). */
    public List<String> chatLog() {
        List<String> out = new ArrayList<>();
        page.eval("[...document.querySelectorAll('[role=log][aria-label=\"Messages\"] li')]"
                + ".map((li) => li.textContent.replace(/\\s+/g, ' ').trim())").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Waits until a chat message containing {@code text} is in the log; returns the whole entry. */
    public String awaitChatMessage(String text) {
        List<String> log = Poll.await(page.label() + " showing the chat message \"" + text + "\"", CONTROL_TIMEOUT,
                this::chatLog, l -> l.stream().anyMatch(m -> m.contains(text)));
        return log.stream().filter(m -> m.contains(text)).findFirst().orElseThrow();
    }

    /**
     * What the stage says about {@code displayName}: the labels of the icons on their tile
     * (the group named after them), e.g. "Microphone off"; null when there is no such tile.
     */
    public List<String> tileStatus(String displayName) {
        JsonNode labels = page.call(AccessibleQuery.IMAGES, "group", displayName);
        if (labels.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        labels.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Waits until {@code displayName}'s tile shows the icon labelled {@code label} (e.g. "Microphone off"). */
    public void awaitTileStatus(String displayName, String label) {
        Poll.await(page.label() + " showing \"" + label + "\" on the tile of " + displayName, CONTROL_TIMEOUT,
                () -> tileStatus(displayName), l -> l != null && l.contains(label),
                l -> l == null ? "no tile; groups: " + names("group") : "tile icons " + l);
    }

    /** Clicks the enabled button named {@code buttonName}, waiting up to {@link #CONTROL_TIMEOUT} for it. */
    public void click(String buttonName) {
        act("button", buttonName, null);
    }

    /** Clicks the checkbox named {@code name} (ticking or unticking it). */
    public void toggle(String name) {
        act("checkbox", name, null);
    }

    /** Replaces the text of the field labelled {@code label} with {@code text}. */
    public void fill(String label, String text) {
        act("textbox", label, text);
    }

    /** Waits until a control of {@code role} named {@code accessibleName} is rendered. */
    public void awaitControl(String role, String accessibleName) {
        Poll.await(page.label() + " showing the " + role + " \"" + accessibleName + "\"", CONTROL_TIMEOUT,
                () -> state(role, accessibleName), Objects::nonNull, v -> "absent; " + role + "s: " + names(role));
    }

    /** The state ({@code value, checked, enabled, expanded}) of a rendered control, or null when there is none. */
    public JsonNode state(String role, String accessibleName) {
        JsonNode v = page.call(AccessibleQuery.STATE, role, accessibleName);
        return v.isNull() ? null : v;
    }

    /** The accessible names of every rendered control of {@code role}. */
    public List<String> names(String role) {
        List<String> out = new ArrayList<>();
        page.call(AccessibleQuery.NAMES, role).forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The participant id the server gave this client, from window.parley (after {@link #join}). */
    public String participantId() {
        return participantId;
    }

    /** The display name this client joined with. */
    public String name() {
        return name;
    }

    /** The id of the participant this client sees under {@code displayName}, waiting until it is there. */
    public String participantIdOf(String displayName) {
        JsonNode found = Poll.await(page.label() + " seeing a participant named " + displayName, CONTROL_TIMEOUT,
                () -> page.call("(n) => window.parley.participants().find((p) => p.name === n)?.id ?? null", displayName),
                v -> !v.isNull());
        return found.asText();
    }

    /**
     * Waits until this client decodes more video from {@code otherId} (with a frame size)
     * and hears more of its microphone (total audio energy rising); returns a one-line summary.
     */
    public String awaitSeesAndHears(String otherId) {
        StatsProbe.Inbound video = StatsProbe.awaitVideoRising(page, otherId, 10, MEDIA_TIMEOUT);
        if (video.frameWidth() <= 0 || video.frameHeight() <= 0) {
            throw new AssertionError(this + " decodes video from " + otherId + " without a size: " + video);
        }
        StatsProbe.Inbound audio = StatsProbe.awaitAudioRising(page, otherId, MIN_AUDIO_ENERGY_GAIN, MEDIA_TIMEOUT);
        return "%s <- %s: %d frames %dx%d, audio energy %.3f".formatted(this, otherId, video.framesDecoded(),
                video.frameWidth(), video.frameHeight(), audio.totalAudioEnergy());
    }

    /** {@link #awaitSeesAndHears(String)} of another client, printed. */
    public void awaitSeesAndHears(MeetingClient other) {
        System.out.println(awaitSeesAndHears(other.participantId()).replace(other.participantId(), other.toString()));
    }

    /** The media statistics of {@code window.parley.stats()}. */
    public JsonNode stats() {
        return StatsProbe.stats(page);
    }

    public Page page() {
        return page;
    }

    @Override
    public String toString() {
        return page.label() + (name == null ? "" : " (" + name + ")");
    }

    private void awaitDevicesReady() {
        for (String device : List.of("Camera", "Microphone")) {
            Poll.await(page.label() + " listing a " + device.toLowerCase() + " on the pre-join screen", CONTROL_TIMEOUT,
                    () -> state("combobox", device),
                    s -> s != null && s.path("enabled").asBoolean() && !s.path("value").asText("").isEmpty());
        }
    }

    /** The screen and, on the pre-join screen, its error text: what a failed join looks like. */
    private String joinProgress() {
        String state = StatsProbe.state(page);
        if (!"prejoin".equals(state)) {
            return String.valueOf(state);
        }
        return "prejoin; alert: " + page.eval("[...document.querySelectorAll('[role=alert]')]"
                + ".map((e) => e.textContent).join(' | ')").asText();
    }

    /** Clicks ({@code text == null}) or types into the enabled control, once it is there. */
    private void act(String role, String accessibleName, String text) {
        String what = (text == null ? "clicking the " : "typing into the ") + role + " \"" + accessibleName + "\"";
        String acted = Poll.await(page.label() + " " + what, CONTROL_TIMEOUT, () -> actOnce(role, accessibleName, text),
                Objects::nonNull, v -> "not there or disabled; " + role + "s: " + names(role));
        if (!acted.equals(accessibleName)) {
            throw new AssertionError(page.label() + ": the browser names the " + role + " \"" + acted
                    + "\" (expected: \"" + accessibleName + "\", as the client's markup says)");
        }
    }

    /** One attempt: the name the control was reached by, or null when it is not there yet. */
    private String actOnce(String role, String accessibleName, String text) {
        if (page instanceof NativeInput input) {
            return text == null
                    ? input.click(AccessibleQuery.FIND, role, accessibleName, "enabled")
                    : input.type(text, AccessibleQuery.FIND, role, accessibleName, "enabled");
        }
        JsonNode done = text == null
                ? page.call(AccessibleQuery.CLICK, role, accessibleName)
                : page.call(AccessibleQuery.TYPE, text, role, accessibleName);
        return done.isNull() ? null : done.asText();
    }
}
