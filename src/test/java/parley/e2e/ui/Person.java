package parley.e2e.ui;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.openqa.selenium.WebElement;
import parley.e2e.Poll;
import parley.e2e.ui.Ui.Role;
import parley.e2e.ui.Ui.Where;

/**
 * Someone in a meeting and the steps they take, in the words of the page: open a link, type
 * a name, click "Join meeting", open "Chat", choose "Send to", "Remove from meeting". Each step waits
 * for what a person would wait for (the meeting screen, the dialog). Names of the controls
 * are the ones in views/*.js. Not thread-safe, like {@link Ui}.
 */
final class Person {
    private final Ui ui;
    private final String name;

    Person(Ui ui, String name) {
        this.ui = ui;
        this.name = name;
    }

    Ui ui() {
        return ui;
    }

    String name() {
        return name;
    }

    /** Opens the link and fills in the pre-join form: name, camera off (to spare the CPU). */
    void opensPrejoin(String link) {
        ui.open(link);
        ui.awaitState("prejoin");
        ui.type("Your name", name);
        ui.tick("Start with camera off");
    }

    /** Opens the link, fills in the form, clicks "Join meeting" and waits to be in the meeting. */
    void joins(String link) {
        opensPrejoin(link);
        ui.click("Join meeting");
        ui.awaitState("joined");
    }

    /** Like {@link #joins} in a room with a lobby: waits on the lobby screen. */
    void knocks(String link) {
        opensPrejoin(link);
        ui.click("Join meeting");
        ui.awaitState("lobby");
    }

    /** Clicks "Join meeting" on a pre-join screen that asks for more (a password, a host key). */
    void clicksJoin() {
        ui.click("Join meeting");
    }

    /** Waits for the pre-join screen to come back with an alert containing {@code words}. */
    String awaitsRefusal(String words) {
        return Poll.await(name + " shown \"" + words + "\" on the pre-join screen", Ui.TIMEOUT,
                () -> "prejoin".equals(ui.state()) ? ui.alerts() : "(screen " + ui.state() + ")",
                alerts -> alerts.contains(words));
    }

    /** The names on the video tiles (own tile included): groups in the main area. */
    List<String> tiles() {
        return ui.names(new Where(Role.MAIN, null), Role.GROUP);
    }

    /** Waits until the tiles satisfy {@code done} (within {@code timeout}). */
    List<String> awaitTiles(String what, Duration timeout, Predicate<List<String>> done) {
        return Poll.await(name + "'s tiles: " + what, timeout, this::tiles, done);
    }

    /** Opens the side panel of the toolbar button {@code panel} ("Chat", "Participants") unless it is open. */
    void opensPanel(String panel) {
        WebElement toggle = ui.await(Role.BUTTON, panel);
        if (!"true".equals(toggle.getAttribute("aria-expanded"))) {
            ui.click(panel);
        }
        ui.await(Role.REGION, panel);
    }

    /** The names in the Participants panel, as read out: "Ada (you)" first, then the others by name. */
    List<String> participantList() {
        opensPanel("Participants");
        return ui.names(Where.region("Participants"), Role.ITEM);
    }

    List<String> awaitParticipantList(String what, Duration timeout, Predicate<List<String>> done) {
        opensPanel("Participants");
        return Poll.await(name + "'s participant list: " + what, timeout,
                () -> ui.names(Where.region("Participants"), Role.ITEM), done);
    }

    /** Writes {@code text} to everyone. */
    void says(String text) {
        write("Everyone", text);
    }

    /** Writes {@code text} to {@code to} only. */
    void saysPrivately(Person to, String text) {
        write(to.name, text);
    }

    private void write(String recipient, String text) {
        opensPanel("Chat");
        ui.choose("Send to", recipient);
        ui.type("Message", text);
        ui.click("Send");
    }

    /** The visible text of each message in the chat log (opens the chat). */
    List<String> chatLog() {
        opensPanel("Chat");
        return ui.itemTexts(Where.log("Messages"));
    }

    /** Waits for a message in the chat log that contains every one of {@code parts}; returns its text. */
    String awaitsMessage(String... parts) {
        opensPanel("Chat");
        List<String> log = Poll.await(name + " reading a message with " + List.of(parts), Ui.TIMEOUT,
                () -> ui.itemTexts(Where.log("Messages")), l -> l.stream().anyMatch(m -> containsAll(m, parts)));
        return log.stream().filter(m -> containsAll(m, parts)).findFirst().orElseThrow();
    }

    private static boolean containsAll(String text, String... parts) {
        for (String part : parts) {
            if (!text.contains(part)) {
                return false;
            }
        }
        return true;
    }

    /** What a screen reader says after the "Chat" button's name: the unread count, or "". */
    String chatButtonDescription() {
        return ui.description(ui.await(Role.BUTTON, "Chat"));
    }

    /** Clicks "Leave meeting" and waits for the goodbye screen. */
    void leaves() {
        ui.click("Leave meeting");
        ui.awaitState("left");
    }

    // ---- moderation (hosts and moderators) ----

    /** Participants panel, "Set password", types it into "Room password", "Save". */
    void setsPassword(String password) {
        opensPanel("Participants");
        ui.click("Set password");
        ui.type("Room password", password);
        ui.click("Save");
        Poll.until(name + " seeing the room status say \"password set\"", Ui.TIMEOUT,
                () -> ui.pageText().contains("password set"));
    }

    /** Participants panel, "Enable lobby"; waits for the button to offer "Disable lobby". */
    void enablesLobby() {
        opensPanel("Participants");
        ui.click("Enable lobby");
        ui.await(Role.BUTTON, "Disable lobby");
    }

    /** Clicks "Admit" beside {@code guest}'s name in the lobby list. */
    void admits(Person guest) {
        ui.click(Where.group(guest.name), "Admit");
    }

    /** Clicks "Deny" beside {@code guest}'s name in the lobby list. */
    void denies(Person guest) {
        ui.click(Where.group(guest.name), "Deny");
    }

    /** Participants panel, "Remove from meeting" in "More actions for" {@code who}, types the reason, confirms with "Kick". */
    void kicks(Person who, String reason) {
        opensPanel("Participants");
        ui.click("More actions for " + who.name);
        ui.click("Remove from meeting");
        ui.type("Reason (optional)", reason);
        ui.click(Where.region("Remove " + who.name + " from the meeting?"), "Kick");
    }

    /** Participants panel, "End meeting for all", confirms with "End meeting for all" in the dialog. */
    void endsMeeting() {
        opensPanel("Participants");
        ui.click("End meeting for all");
        ui.click(Where.region("End the meeting for everyone?"), "End meeting for all");
    }

    /** Participants panel, "New meeting link", confirms with "Create new link". */
    void rotatesLink() {
        opensPanel("Participants");
        ui.click("New meeting link");
        ui.click("Create new link");
    }

    @Override
    public String toString() {
        return name;
    }
}
