package parley.bench.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run's result, as the last line of {@code bench/load.sh} prints it (one JSON object), and the
 * table rows printed while it runs. Rates are per second over the measured window (after everyone
 * joined); "ingress" is what the participants sent to the server, "egress" what they received from
 * it. CPU is in percent of one core; null when the server process could not be read.
 *
 * @param fields the JSON object's keys and values, in print order
 */
public record Report(Map<String, Object> fields) {
    public Report {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The header of the table {@link #row} prints. */
    static String tableHeader() {
        return String.format(Locale.ROOT, "%6s %9s %5s %8s %8s %8s %8s %7s %6s %7s %11s %6s",
                "t s", "joined", "recv", "up pps", "up Mb/s", "down pps", "down Mb/s", "loss %", "cpu %", "rss MB",
                "drops g/s", "errors")
                + "\n  (up: participants to server, the server's ingress; down: server to participants, its egress;"
                + "\n   cpu, rss: the server's, cpu in % of one core; drops g/s: datagrams the kernel dropped on"
                + "\n   full receive buffers, of the participants' sockets / of the server's media port, - if unknown)";
    }

    /** One row of the table, for the interval between two readings. */
    static String row(double tSeconds, int joined, int participants, int receiving, Reading before, Reading now) {
        Stats.Snapshot a = before.stats();
        Stats.Snapshot b = now.stats();
        double s = b.seconds(a);
        long errors = b.errors().values().stream().mapToLong(Long::longValue).sum();
        String cpu = now.server() == null || before.server() == null ? "-"
                : String.format(Locale.ROOT, "%.0f", now.server().cpuPercent(before.server()));
        String rss = now.server() == null ? "-" : String.valueOf(now.server().rssKb() / 1024);
        String drops = Math.max(0, now.generatorDrops() - before.generatorDrops()) + "/"
                + (now.serverDrops() < 0 || before.serverDrops() < 0 ? "-" : String.valueOf(now.serverDrops() - before.serverDrops()));
        return String.format(Locale.ROOT, "%6.1f %9s %5d %8.0f %8.2f %8.0f %8.2f %7.2f %6s %7s %11s %6d",
                tSeconds, joined + "/" + participants, receiving,
                (b.sentPackets() - a.sentPackets()) / s, mbps(b.sentBytes() - a.sentBytes(), s),
                (b.receivedPackets() - a.receivedPackets()) / s, mbps(b.receivedBytes() - a.receivedBytes(), s),
                b.lossPercent(a), cpu, rss, drops, errors);
    }

    static double mbps(long bytes, double seconds) {
        return bytes * 8 / 1e6 / seconds;
    }

    /** The p-th percentile (0..100) of {@code values} by nearest rank; null when empty. */
    static Long percentile(List<Long> values, double p) {
        if (values.isEmpty()) return null;
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static Double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    /** One line of JSON. */
    String toJson() {
        try {
            return SignalSocket.JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report fields are plain values", e);
        }
    }

    /** A number field, or null. */
    public Number number(String key) {
        return (Number) fields.get(key);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
