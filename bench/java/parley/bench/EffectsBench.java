// Run: bench/effects.sh [seconds]  (one headless Chromium, a 1280x720 fake camera)
package parley.bench;

import java.time.Duration;
import java.util.stream.Stream;
import parley.e2e.Browsers;
import parley.e2e.ChromiumSession;
import parley.e2e.MeetingClient;
import parley.e2e.Poll;
import parley.e2e.ServerHandle;
import parley.e2e.TestServer;

/**
 * What the meeting effects (web/effects/) cost in the browser: one Chromium in a meeting,
 * camera 1280x720 at 30 fps, measured over the same time with no effect, with background
 * blur, and with noise suppression. CPU is the sum over every process of the browser
 * (from /proc: main process, renderer, GPU process, audio service), so the
 * segmentation's WebGL in the GPU process counts too; headless Chromium here has no GPU and
 * runs WebGL in software (SwiftShader), the worst case. The frame rate is the self view's
 * (the processed track). Not a timed test.
 */
public final class EffectsBench {
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private EffectsBench() {}

    public static void main(String[] args) {
        Duration run = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 30);
        try (ServerHandle server = TestServer.start()) {
            ChromiumSession browser = Browsers.chromium(0, 1280, 720);
            try {
                String link = server.roomUrl("127.0.0.1", "bench-effects-" + Long.toString(System.nanoTime(), 36));
                MeetingClient ada = MeetingClient.in(browser.page()).joinMeeting(link, "Ada");
                System.out.printf("%-20s %12s %14s %10s%n", "effect", "cpu_%_core", "cpu_ms_per_s", "self_fps");
                StringBuilder json = new StringBuilder("{\"seconds\":" + run.toSeconds() + ",\"runs\":[");
                measure("none", browser, ada, run, json);
                set(ada, "Noise suppression", true);
                measure("noise-suppression", browser, ada, run, json);
                set(ada, "Noise suppression", false);
                watchMainThread(ada);
                long start = System.nanoTime();
                set(ada, "Blur my background", true);
                System.out.printf("blur start: %d ms from the dialog opening to blur applied; longest main-thread stall %.0f ms%n",
                        (System.nanoTime() - start) / 1_000_000,
                        ada.page().eval("window.__stall.longestMs").asDouble());
                measure("blur", browser, ada, run, json);
                System.out.println("(CPU of all the browser's processes while in a meeting alone; WebGL in software: no GPU)");
                System.out.println(json.append("]}"));
            } finally {
                browser.close();
            }
        }
    }

    /** Opens the effects dialog, sets a switch, waits until it took effect, closes the dialog. */
    private static void set(MeetingClient client, String name, boolean on) {
        client.click("Background and effects");
        client.awaitControl("checkbox", name);
        if (client.state("checkbox", name).path("checked").asBoolean() != on) {
            client.toggle(name);
        }
        Poll.until(name + " applied", Duration.ofSeconds(60), () -> {
            var s = client.state("checkbox", name);
            return s.path("enabled").asBoolean() && s.path("checked").asBoolean() == on;
        });
        client.click("Done");
    }

    private static void measure(String label, ChromiumSession browser, MeetingClient client, Duration run, StringBuilder json) {
        Poll.pause(SETTLE);
        double cpu0 = cpuSeconds(browser);
        long frames0 = selfFrames(client);
        long t0 = System.nanoTime();
        Poll.pause(run);
        double cpu1 = cpuSeconds(browser);
        long frames1 = selfFrames(client);
        double wallS = (System.nanoTime() - t0) / 1e9;
        double share = (cpu1 - cpu0) / wallS;
        double fps = (frames1 - frames0) / wallS;
        System.out.printf("%-20s %12.1f %14.0f %10.1f%n", label, 100 * share, 1000 * share, fps);
        json.append(json.charAt(json.length() - 1) == '[' ? "" : ",")
                .append("{\"effect\":\"%s\",\"cpu_share\":%.3f,\"self_fps\":%.1f}".formatted(label, share, fps));
    }

    /**
     * CPU seconds used so far by every process of the browser: its main process (the one
     * started with this profile that is not a --type= child) and all its descendants.
     */
    private static double cpuSeconds(ChromiumSession browser) {
        String profile = "--user-data-dir=" + browser.userDataDir();
        ProcessHandle main = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(profile) && !c.contains("--type=")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no Chromium process with " + profile));
        return Stream.concat(Stream.of(main), main.descendants())
                .mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)).sum();
    }

    /**
     * Records in window.__stall.longestMs the longest gap between two 20 ms timer ticks of
     * the page's main thread from now on: how long the page (its leave and mute buttons)
     * stopped answering, for instance while the segmentation model first ran.
     */
    private static void watchMainThread(MeetingClient client) {
        client.page().eval("(() => { const s = window.__stall = {longestMs: 0, last: performance.now()};"
                + " setInterval(() => { const now = performance.now(); s.longestMs = Math.max(s.longestMs, now - s.last);"
                + " s.last = now; }, 20); })()");
    }

    private static long selfFrames(MeetingClient client) {
        return client.page().eval("document.querySelector('.tile[data-self] video')?.getVideoPlaybackQuality().totalVideoFrames ?? 0")
                .asLong();
    }
}
