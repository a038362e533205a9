package parley.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import parley.sip.RtpPcap;

/**
 * One call by sipp (Debian's sip-tester) over TCP with the scenario src/test/resources/sip/dial-in.xml:
 * INVITE from {@code caller}, ACK, the pcap played as the phone's RTP (sipp's play_pcap_audio,
 * which sends from a raw socket and so needs root or CAP_NET_RAW), BYE. The working files and
 * sipp's log and error file live in a temporary folder, deleted by {@link #close}.
 */
final class Sipp implements AutoCloseable {
    private final Path dir;
    private final Process process;
    private final long playMs;

    private Sipp(Path dir, Process process, long playMs) {
        this.dir = dir;
        this.process = process;
        this.playMs = playMs;
    }

    static Sipp call(int sipPort, String caller, RtpPcap rtp) throws IOException {
        Path dir = Files.createTempDirectory("parley-sipp");
        Path pcap = dir.resolve("phone.pcap");
        Files.write(pcap, rtp.bytes());
        String scenario;
        try (var in = Sipp.class.getResourceAsStream("/sip/dial-in.xml")) {
            scenario = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        long playMs = rtp.durationMs() + 500;
        Files.writeString(dir.resolve("dial-in.xml"), scenario.replace("CALLER", caller).replace("PCAP", pcap.toString())
                .replace("PLAY_MS", Long.toString(playMs)), StandardCharsets.ISO_8859_1);
        List<String> command = List.of("sipp", "127.0.0.1:" + sipPort, "-sf", dir.resolve("dial-in.xml").toString(),
                "-t", "t1", "-m", "1", "-l", "1", "-i", "127.0.0.1", "-p", Integer.toString(FreePorts.tcp()),
                "-mi", "127.0.0.1", "-mp", Integer.toString(FreePorts.udp()), "-s", "dialin", "-nostdin",
                "-timeout", "120s", "-timeout_error", "-trace_err", "-error_file", dir.resolve("errors.log").toString());
        return new Sipp(dir, Processes.start(command, dir.resolve("sipp.log"), Map.of()), playMs);
    }

    long playMs() {
        return playMs;
    }

    /** Waits for sipp to end its call; its exit status (0: every message of the scenario as expected). */
    int await(long timeoutMs) throws InterruptedException {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) throw new E2eException("sipp still running after " + timeoutMs + " ms: " + log());
        return process.exitValue();
    }

    /** sipp's unexpected messages, then the end of its screen log. */
    String log() {
        try {
            String errors = Files.exists(dir.resolve("errors.log")) ? Files.readString(dir.resolve("errors.log"), StandardCharsets.ISO_8859_1) : "";
            String screen = Files.exists(dir.resolve("sipp.log")) ? Files.readString(dir.resolve("sipp.log"), StandardCharsets.ISO_8859_1) : "";
            return errors + "\n" + screen.substring(Math.max(0, screen.length() - 3000));
        } catch (IOException e) {
            return "(no sipp log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        Processes.kill(process);
        Processes.deleteTree(dir);
    }
}
