package parley.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles a {@link Report} from two {@link Reading}s (rates, loss, CPU over the time between
 * them) and the participants' state now (joins and their times, filled slots). Stateless.
 */
final class ReportBuilder {
    private static final List<String> PHASES = List.of("ws_to_joined", "joined_to_answer", "answer_to_dtls", "dtls_to_first_rtp");

    private ReportBuilder() {}

    static Report build(int participants, Long serverPid, List<? extends Participant> all, Reading from, Reading to) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("participants", participants);
        int connected = joins(f, all);
        double s = to.stats().seconds(from.stats());
        f.put("seconds", Report.round(s, 1));
        f.put("loss_percent", Report.round(to.stats().lossPercent(from.stats()), 3));
        processes(f, serverPid, from, to);
        rates(f, from.stats(), to.stats(), s);
        media(f, from.stats(), to.stats(), s, connected, all);
        counters(f, from, to);
        return new Report(f);
    }

    /** Joined, receiving and failed participants, join time percentiles and where the time went; returns the joined. */
    private static int joins(Map<String, Object> f, List<? extends Participant> all) {
        List<Long> joins = new ArrayList<>();
        List<List<Long>> phases = new ArrayList<>();
        for (int i = 0; i < PHASES.size(); i++) phases.add(new ArrayList<>());
        int connected = 0;
        int receiving = 0;
        int failed = 0;
        for (Participant p : all) {
            if (p.joinMs() >= 0) joins.add(p.joinMs());
            long[] ms = p.phasesMs();
            for (int i = 0; i < ms.length; i++) if (ms[i] >= 0) phases.get(i).add(ms[i]);
            if (p.failure() != null) failed++;
            if (p.isConnected()) connected++;
            if (p.isReceiving()) receiving++;
        }
        f.put("joined", connected);
        f.put("receiving", receiving);
        f.put("failed", failed);
        f.put("join_p50_ms", Report.percentile(joins, 50));
        f.put("join_p99_ms", Report.percentile(joins, 99));
        f.put("join_max_ms", Report.percentile(joins, 100));
        Map<String, Object> phaseP50 = new LinkedHashMap<>();
        for (int i = 0; i < PHASES.size(); i++) phaseP50.put(PHASES.get(i), Report.percentile(phases.get(i), 50));
        f.put("join_phases_p50_ms", phaseP50);
        Map<String, Object> phaseP99 = new LinkedHashMap<>();
        for (int i = 0; i < PHASES.size(); i++) phaseP99.put(PHASES.get(i), Report.percentile(phases.get(i), 99));
        f.put("join_phases_p99_ms", phaseP99);
        return connected;
    }

    private static void processes(Map<String, Object> f, Long serverPid, Reading from, Reading to) {
        f.put("server_cpu_percent", to.server() == null || from.server() == null ? null : Report.round(to.server().cpuPercent(from.server()), 1));
        f.put("server_rss_mb", to.server() == null ? null : to.server().rssKb() / 1024);
        f.put("server_pid", serverPid);
        f.put("generator_cpu_percent", to.self() == null || from.self() == null ? null : Report.round(to.self().cpuPercent(from.self()), 1));
    }

    /** Egress is what the server sent the participants; ingress what they sent it. */
    private static void rates(Map<String, Object> f, Stats.Snapshot from, Stats.Snapshot to, double s) {
        f.put("egress_pps", Math.round((to.receivedPackets() - from.receivedPackets()) / s));
        f.put("egress_mbps", Report.round(Report.mbps(to.receivedBytes() - from.receivedBytes(), s), 2));
        f.put("ingress_pps", Math.round((to.sentPackets() - from.sentPackets()) / s));
        f.put("ingress_mbps", Report.round(Report.mbps(to.sentBytes() - from.sentBytes(), s), 2));
    }

    private static void media(Map<String, Object> f, Stats.Snapshot from, Stats.Snapshot to, double s, int connected,
                              List<? extends Participant> all) {
        int[] filled = new int[2];
        for (Participant p : all) {
            if (!p.isConnected()) continue;
            int[] slots = p.filledSlots();
            filled[0] += slots[0];
            filled[1] += slots[1];
        }
        long frames = to.framesReceived() - from.framesReceived();
        f.put("frames_received", frames);
        f.put("keyframes_received", to.keyframesReceived() - from.keyframesReceived());
        f.put("video_fps_per_participant", connected == 0 ? 0 : Report.round(frames / s / connected, 1));
        f.put("audio_packets_received", to.audioPacketsReceived() - from.audioPacketsReceived());
        f.put("video_slots_filled", connected == 0 ? 0 : Report.round((double) filled[1] / connected, 1));
        f.put("audio_slots_filled", connected == 0 ? 0 : Report.round((double) filled[0] / connected, 1));
        f.put("frames_sent", to.framesSent() - from.framesSent());
    }

    private static void counters(Map<String, Object> f, Reading from, Reading to) {
        Stats.Snapshot a = from.stats();
        Stats.Snapshot b = to.stats();
        f.put("keyframe_requests_received", b.keyframeRequestsReceived() - a.keyframeRequestsReceived());
        f.put("nacks_received", b.nacksReceived() - a.nacksReceived());
        f.put("plis_sent", b.plisSent() - a.plisSent());
        f.put("twcc_feedback_sent", b.feedbackSent() - a.feedbackSent());
        f.put("layer_pauses", b.layerPauses());
        f.put("media_rebuilds", b.mediaRebuilds());
        f.put("rtx_packets", b.rtxPackets() - a.rtxPackets());
        f.put("unknown_ssrc_packets", b.unknownSsrcPackets() - a.unknownSsrcPackets());
        f.put("undecryptable", b.undecryptable() - a.undecryptable());
        f.put("send_drops", b.sendDrops() - a.sendDrops());
        f.put("generator_socket_drops", to.generatorDrops() < 0 ? null : to.generatorDrops() - Math.max(0, from.generatorDrops()));
        f.put("server_socket_drops", to.serverDrops() < 0 || from.serverDrops() < 0 ? null : to.serverDrops() - from.serverDrops());
        f.put("errors", b.errors());
    }
}
