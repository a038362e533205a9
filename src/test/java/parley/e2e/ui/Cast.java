package parley.e2e.ui;

import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import parley.e2e.ParleyServerExtension;

/**
 * The people of a test class: one headless Chromium each, started together and reused by
 * every test of the class, and everything that was typed into them or named a meeting,
 * which the server's log must never hold. Not thread-safe: one test thread uses it.
 */
final class Cast {
    private static final String ROOM_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private final List<Ui> browsers;

    private Cast(List<String> flags, String... who) {
        browsers = Ui.start(secrets, flags, who);
    }

    /** Starts one browser per name, in parallel; {@code who} are short labels for failure messages. */
    static Cast start(String... who) {
        return new Cast(List.of(), who);
    }

    /** As {@link #start(String...)}, each browser with extra Chromium flags ({@code --accept-lang=es}, say). */
    static Cast start(List<String> flags, String... who) {
        return new Cast(flags, who);
    }

    /** The person called {@code name} at the {@code index}-th browser. */
    Person person(int index, String name) {
        return new Person(browsers.get(index), name);
    }

    /** A fresh meeting name nobody has used ("ui-" and 12 random letters and digits), remembered as a secret. */
    String newRoom() {
        StringBuilder name = new StringBuilder("ui-");
        for (int i = 0; i < 12; i++) {
            name.append(ROOM_ALPHABET.charAt(RANDOM.nextInt(ROOM_ALPHABET.length())));
        }
        return remember(name.toString());
    }

    /** Adds {@code secret} (a room name the page made up, say) to what the log must not hold. */
    String remember(String secret) {
        secrets.add(secret);
        return secret;
    }

    /** Everyone closes the meeting page (between tests), so that its room ends. */
    void closePages() {
        browsers.forEach(ui -> ui.open("about:blank"));
    }

    /** Closes the browsers, then checks the server's log for every secret (the privacy rule). */
    void closeAndCheckLog(ParleyServerExtension server) {
        Ui.closeAll(browsers);
        server.assertLogNeverHeld(secrets.toArray(String[]::new));
    }
}
