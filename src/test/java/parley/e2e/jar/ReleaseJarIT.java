package parley.e2e.jar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import parley.e2e.Browsers;
import parley.e2e.ChromiumSession;
import parley.e2e.FreePorts;
import parley.e2e.MeetingClient;
import parley.e2e.Poll;
import parley.e2e.Processes;
import parley.e2e.Project;

/**
 * Issue 3's promise, checked on the product as an operator runs it: "at the default log
 * level no IP address, room name, nickname or chat text is ever logged, and nothing about a
 * meeting is written to disk". {@code java -jar target/parley.jar} runs as its own process
 * (Failsafe runs this after {@code package}); two Chromium browsers hold a whole meeting on
 * it; then SIGTERM stops it, and its entire output and the directories it was given are
 * inspected. Also: {@code ./parley --help} lists every flag of the README.
 */
@Tag("e2e")
class ReleaseJarIT {
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String suffix = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    private final String room = "release-" + suffix;
    private final String ada = "Adaline Quillfeather";
    private final String bea = "Beatrix Vanterpool";
    private final String toEveryone = "the kumquat ledger balances " + suffix;
    private final String toAdaOnly = "psst the heron sleeps at dawn " + suffix;
    private final String password = "saffron-lattice-" + suffix;
    private final String wrongPassword = "marmalade-gazebo-" + suffix;

    @Test
    void aWholeMeetingOnTheReleaseJarLeavesNoTraceInItsOutputOrOnDisk() throws Exception {
        Path jar = Project.file("target/parley.jar");
        int httpPort = FreePorts.tcp();
        // Loopback only as ICE candidate: this workplace lets media go to 127.0.0.0/8 only.
        List<String> flags = List.of("--http-port", String.valueOf(httpPort),
                "--media-port", String.valueOf(FreePorts.udp()), "--public-ip", "127.0.0.1");
        List<CompletableFuture<ChromiumSession>> starting = List.of(0, 1).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> Browsers.chromium(i))).toList();
        List<ChromiumSession> browsers = new ArrayList<>();
        try (ReleaseServer server = ReleaseServer.start(jar, flags)) {
            String upLine = server.awaitUp(UP_TIMEOUT);
            starting.forEach(f -> browsers.add(f.join()));
            holdMeeting("https://127.0.0.1:" + httpPort + "/" + room, browsers.get(0), browsers.get(1));
            assertOnlyReleaseFilesOpen(server, jar);
            boolean perfDataDuringMeeting = Files.exists(server.perfDataFile());

            int exit = server.stop(STOP_TIMEOUT);
            String output = server.output();
            System.out.printf("release jar (pid %d) exited %d; its whole output:%n%s%n", server.pid(), exit, output);
            assertTrue(exit == 0 || exit == 143, "exit status " + exit + " (expected: 0, or 143 after SIGTERM)");
            assertTrue(output.contains(ReleaseServer.STOPPED_LINE), "no \"Parley stopped\" in:\n" + output);
            assertStartLine(upLine, httpPort);
            assertNothingLeaked(output, upLine);
            assertNothingWritten(server.givenDirs());
            System.out.printf("JVM perf data %s: %s during the meeting, %s after the exit%n", server.perfDataFile(),
                    perfDataDuringMeeting ? "present" : "absent", Files.exists(server.perfDataFile()) ? "present" : "gone");
            assertFalse(Files.exists(server.perfDataFile()), "the JVM left " + server.perfDataFile() + " behind");
        } finally {
            for (CompletableFuture<ChromiumSession> f : starting) {
                try {
                    f.join().close();
                } catch (CompletionException e) {
                    // that browser never started: nothing to close
                }
            }
        }
    }

    @Test
    void theLauncherListsEveryFlagOfTheReadme() throws IOException {
        Path launcher = Project.file("parley");
        String help = Processes.run(List.of(launcher.toString(), "--help"), 120);
        List<String> missing = new ArrayList<>();
        for (String flag : readmeFlags()) {
            if (!Pattern.compile("(?m)^\\s+.*(?<![\\w-])" + Pattern.quote(flag) + "(?![\\w-])").matcher(help).find()) {
                missing.add(flag);
            }
        }
        assertTrue(missing.isEmpty(), "./parley --help does not list " + missing + ":\n" + help);
    }

    /**
     * Ada opens the room (so she is its host), Bea joins; they see and hear each other; Ada
     * writes to everyone, Bea to Ada only; Ada sets a password; Bea leaves and comes back,
     * once with a wrong password and once with the right one. Both are in the room when the
     * server is stopped.
     */
    private void holdMeeting(String link, ChromiumSession adaBrowser, ChromiumSession beaBrowser) {
        MeetingClient host = MeetingClient.in(adaBrowser.page()).joinMeeting(link, ada);
        assertEquals("host", host.page().eval("window.parley.role").asText(), "the first to join opens the room");
        MeetingClient guest = MeetingClient.in(beaBrowser.page()).joinMeeting(link, bea);
        host.awaitSeesAndHears(guest);
        guest.awaitSeesAndHears(host);

        host.sendChat(toEveryone);
        guest.openChat();
        guest.awaitChatMessage(toEveryone);
        sendPrivately(beaBrowser.driver(), guest, ada, toAdaOnly);
        assertTrue(host.awaitChatMessage(toAdaOnly).contains("(private)"), "Ada's copy is not marked private");

        host.click("Participants");
        host.click("Set password");
        host.fill("Room password", password);
        host.click("Save");
        Poll.until("Ada's room status saying \"password set\"", MeetingClient.CONTROL_TIMEOUT,
                () -> host.page().eval("document.body.innerText.includes('password set')").asBoolean());

        guest.leave();
        guest.open(link);
        guest.fill("Your name", bea);
        clickJoinAndAwaitRefusal(guest, "This meeting needs a password.");
        guest.fill("Password", wrongPassword);
        clickJoinAndAwaitRefusal(guest, "That password is not right.");
        guest.fill("Password", password);
        guest.join(bea);
        host.participantIdOf(bea);
    }

    /** In the chat panel: "Send to" {@code recipient}, then the message, then "Send". */
    private static void sendPrivately(WebDriver driver, MeetingClient from, String recipient, String text) {
        String selectId = driver.findElement(By.xpath("//label[normalize-space()='Send to']")).getDomAttribute("for");
        new Select(driver.findElement(By.id(selectId))).selectByVisibleText(recipient);
        from.fill("Message", text);
        from.click("Send");
    }

    /** Clicks "Join meeting" and waits for the pre-join screen to return with an alert holding {@code words}. */
    private static void clickJoinAndAwaitRefusal(MeetingClient client, String words) {
        for (String device : List.of("Camera", "Microphone")) {
            Poll.await(client + " listing a " + device, MeetingClient.CONTROL_TIMEOUT,
                    () -> client.state("combobox", device),
                    s -> s != null && s.path("enabled").asBoolean() && !s.path("value").asText("").isEmpty());
        }
        client.click("Join meeting");
        Poll.await(client + " refused with \"" + words + "\"", MeetingClient.JOIN_TIMEOUT,
                () -> client.page().eval("(window.parley?.state ?? '') + ' | ' + "
                        + "[...document.querySelectorAll('[role=alert]')].map((e) => e.textContent).join(' | ')").asText(),
                s -> s.startsWith("prejoin |") && s.contains(words));
    }

    /**
     * The start line names only this machine: "https://localhost:PORT/" and, when the machine
     * has a name, "https://NAME:PORT/" (the server listens on every address, so Main prints
     * the names a browser on this machine or the LAN would use; no address).
     */
    private static void assertStartLine(String upLine, int httpPort) {
        StringBuilder expected = new StringBuilder(ReleaseServer.UP_LINE + "https://localhost:" + httpPort + "/");
        hostName().ifPresent(h -> expected.append(" https://").append(h).append(':').append(httpPort).append('/'));
        assertEquals(expected.toString(), upLine, "the start line");
    }

    /** (a) of the brief: no secret and no address anywhere; localhost and the host name only in the start line. */
    private void assertNothingLeaked(String output, String upLine) {
        Map<String, List<String>> leaks = new LinkedHashMap<>();
        for (String secret : List.of(room, ada, bea, toEveryone, toAdaOnly, password, wrongPassword, suffix)) {
            put(leaks, "\"" + secret + "\"", Traces.linesHolding(output, secret));
        }
        for (String word : List.of("Adaline", "Quillfeather", "Beatrix", "Vanterpool", "kumquat", "heron",
                "saffron", "marmalade")) {
            put(leaks, "\"" + word + "\"", Traces.linesHolding(output, word));
        }
        List<InetAddress> addresses = new ArrayList<>(Traces.interfaceAddresses());
        addresses.add(InetAddress.getLoopbackAddress());
        addresses.add(address("127.0.0.1"));
        addresses.add(address("::1"));
        for (InetAddress a : addresses) {
            put(leaks, "address " + Traces.forms(a), Traces.linesNaming(output, a));
        }
        String withoutUpLine = output.replace(upLine, "");
        put(leaks, "localhost outside the start line", Traces.linesWithWord(withoutUpLine, "localhost"));
        hostName().ifPresent(h -> put(leaks, "host name " + h + " outside the start line",
                Traces.linesWithWord(withoutUpLine, h)));
        assertTrue(leaks.isEmpty(), "the server's output holds " + leaks + "\nwhole output:\n" + output);
    }

    /** (b) of the brief: the working directory, HOME and tmpdir are as empty as they were given. */
    private static void assertNothingWritten(Map<String, Path> dirs) {
        Map<String, List<Path>> written = new LinkedHashMap<>();
        dirs.forEach((what, dir) -> {
            List<Path> files = ReleaseServer.contents(dir);
            if (!files.isEmpty()) {
                written.put(what + " " + dir, files);
            }
        });
        assertTrue(written.isEmpty(), "the server wrote " + written);
    }

    /**
     * With the meeting on, the server has open no file but the JDK's own (modules, CDS
     * archive), the jar and its output file: no log file, no recording, no cache.
     */
    private static void assertOnlyReleaseFilesOpen(ReleaseServer server, Path jar) throws IOException {
        Path jdk = Path.of(ReleaseServer.javaCommand()).toRealPath().getParent().getParent();
        List<Path> allowed = List.of(jar.toRealPath(), server.outputFile().toRealPath());
        List<Path> open = server.openFiles();
        List<Path> unexpected = open.stream().filter(f -> !f.startsWith(jdk) && !allowed.contains(f)).toList();
        System.out.printf("files the server has open during the meeting: %s%n", open.stream().distinct().toList());
        assertTrue(unexpected.isEmpty(), "the server has open " + unexpected + " (expected only the JDK's files and "
                + allowed + ")");
    }

    /** Every flag and variable of README.md's "Flags" table: "--http-port", "PARLEY_HTTP_PORT", ..., "-h", "--help". */
    private static List<String> readmeFlags() throws IOException {
        String readme = Files.readString(Project.file("README.md"));
        String table = readme.substring(readme.indexOf("## Flags"), readme.indexOf("\n## ", readme.indexOf("## Flags")));
        List<String> flags = new ArrayList<>();
        // Rows start with a flag; the first two columns hold backquoted flags and variables,
        // the last two hold defaults and prose, which may quote flags too (harmless: listed anyway).
        for (String row : table.lines().filter(l -> l.startsWith("| `-")).toList()) {
            Matcher m = Pattern.compile("`(--?[a-z][a-z0-9-]*|PARLEY_[A-Z0-9_]+)[^`]*`").matcher(row);
            while (m.find()) {
                flags.add(m.group(1));
            }
        }
        assertTrue(flags.size() >= 31, "found only " + flags + " in the README's Flags table");
        return flags;
    }

    /** This machine's name as Parley's Main finds it: InetAddress.getLocalHost(), unless it is "localhost". */
    private static Optional<String> hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() || name.equalsIgnoreCase("localhost") ? Optional.empty() : Optional.of(name);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static <T> void put(Map<String, List<T>> found, String what, List<T> where) {
        if (!where.isEmpty()) {
            found.put(what, where);
        }
    }
}
