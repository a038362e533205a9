// Run: bench/e2ee-frames.sh [seconds]  (two headless Chromiums, a 1280x720 fake camera each)
package parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import parley.e2e.Browsers;
import parley.e2e.ChromiumSession;
import parley.e2e.E2eeProbe;
import parley.e2e.MeetingClient;
import parley.e2e.Poll;
import parley.e2e.ServerHandle;
import parley.e2e.TestServer;

/**
 * Encryption cost in the browser's frame worker (docs/e2ee.md, "Cost"): two Chromiums with
 * 1280x720 fake cameras meet in an end-to-end encrypted meeting for a while; each page's
 * worker reports frames encrypted and decrypted and the time spent in AES-GCM, and this
 * prints the mean per frame. The worker times with performance.now (coarsened by the
 * browser), so only means over many frames mean anything. Not a timed test.
 */
public final class E2eeFrameBench {
    private E2eeFrameBench() {}

    public static void main(String[] args) {
        Duration run = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 20);
        try (ServerHandle server = TestServer.start()) {
            List<ChromiumSession> browsers = List.of(Browsers.chromium(0, 1280, 720), Browsers.chromium(1, 1280, 720));
            try {
                String link = server.roomUrl("127.0.0.1", "bench-e2ee-" + Long.toString(System.nanoTime(), 36));
                MeetingClient ada = MeetingClient.in(browsers.get(0).page()).open(link);
                if (!ada.state("checkbox", "End-to-end encryption").path("checked").asBoolean()) ada.toggle("End-to-end encryption");
                ada.join("Ada");
                MeetingClient bo = MeetingClient.in(browsers.get(1).page()).joinMeeting(link, "Bo");
                ada.awaitSeesAndHears(bo);
                bo.awaitSeesAndHears(ada);
                Poll.pause(run);
                System.out.printf("%-6s %15s %15s %12s %12s %20s%n", "page", "video encrypted", "video decrypted",
                        "encrypt_us", "decrypt_us", "bytes/video frame");
                StringBuilder json = new StringBuilder("{\"pages\":[");
                for (MeetingClient c : List.of(ada, bo)) {
                    JsonNode n = E2eeProbe.counters(c.page());
                    long sent = Math.max(1, n.path("videoEncrypted").asLong());
                    long got = Math.max(1, n.path("videoDecrypted").asLong());
                    double enc = 1000 * n.path("videoEncryptMs").asDouble() / sent;
                    double dec = 1000 * n.path("videoDecryptMs").asDouble() / got;
                    long bytes = n.path("videoBytes").asLong() / sent;
                    System.out.printf("%-6s %15d %15d %12.1f %12.1f %20d%n", c.name(), n.path("videoEncrypted").asLong(),
                            n.path("videoDecrypted").asLong(), enc, dec, bytes);
                    json.append(json.charAt(json.length() - 1) == '[' ? "" : ",")
                            .append("{\"page\":\"%s\",\"encrypt_us\":%.1f,\"decrypt_us\":%.1f,\"bytes_per_frame\":%d}".formatted(c.name(), enc, dec, bytes));
                }
                System.out.println("(video frames of every simulcast layer the sender encodes; 1280x720 camera; the worker's"
                        + " clock is coarsened by the browser, so these are means over many frames)");
                System.out.println(json.append("]}"));
            } finally {
                browsers.forEach(ChromiumSession::close);
            }
        }
    }
}
