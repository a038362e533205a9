package parley.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** ForwardBench's table and its last line, one JSON object. */
final class ForwardReport {
    /** The fan-out of ratio_to_floor, the reference point. */
    static final int REFERENCE_FAN_OUT = 20;

    private ForwardReport() {}

    static void print(List<Integer> fanOuts, Map<String, List<ForwardBench.Row>> rows,
            Map<String, List<FloorRun.Floor>> floors) {
        System.out.printf("%-10s %4s %10s %11s %12s %9s %10s %7s | %11s %9s %10s | %8s | %12s%n", "path", "K",
                "forwarded", "CPU us/pkt", "loop us/pkt", "kernel %", "bytes/pkt", "loss %", "floor us/pkt", "kernel %",
                "bytes/pkt", "x floor", "idle CPU ms/s");
        for (String path : rows.keySet()) {
            for (int i = 0; i < fanOuts.size(); i++) {
                ForwardBench.Row r = rows.get(path).get(i);
                FloorRun.Floor f = floors.get(path).get(i);
                System.out.printf("%-10s %4d %10d %11.2f %12.2f %9.0f %10.2f %7.3f | %11.2f %9.0f %10.2f | %8.2f | %12.2f%n",
                        path, r.fanOut(), r.forwarded(), r.cpuUsPerPacket(), r.loopUsPerPacket(), r.kernelPercent(),
                        r.bytesPerPacket(),
                        r.lossPercent(), f.cpuUsPerPacket(), f.kernelPercent(), f.bytesPerPacket(),
                        r.cpuUsPerPacket() / f.cpuUsPerPacket(), r.idleCpuMsPerS());
            }
        }
        for (String path : rows.keySet()) {
            for (ForwardBench.Row r : rows.get(path)) System.out.println(path + " K=" + r.fanOut() + " counters: " + r.counters());
        }
        System.out.println("The floor: receive plain RTP, then per receiver copy, SRTP-protect (AES_CM_128_HMAC_SHA1_80) and"
                + " send, on the same path; x floor = the forward path's CPU per packet / the floor's. The machine's floor"
                + " is the batched path's. CPU: all media threads; loop: the thread that receives and forwards"
                + " (with " + ForwardBench.TWO_THREADS + ", a sealer thread encrypts and sends), which bounds one meeting's"
                + " packet rate.");
        System.out.println(json(fanOuts, rows, floors));
    }

    private static String json(List<Integer> fanOuts, Map<String, List<ForwardBench.Row>> rows,
            Map<String, List<FloorRun.Floor>> floors) {
        int i = fanOuts.indexOf(REFERENCE_FAN_OUT);
        StringBuilder j = new StringBuilder("{");
        if (i < 0) {
            j.append("\"ratio_to_floor\": null");
        } else {
            double batched = rows.get("batched").get(i).cpuUsPerPacket();
            double nio = rows.get("nio").get(i).cpuUsPerPacket();
            double floor = floors.get("batched").get(i).cpuUsPerPacket();
            j.append(String.format(Locale.ROOT, "\"fan_out\": %d, \"ratio_to_floor\": %.2f, \"batched_us_per_packet\": %.2f,"
                    + " \"nio_us_per_packet\": %.2f, \"floor_us_per_packet\": %.2f, \"nio_floor_us_per_packet\": %.2f,"
                    + " \"nio_ratio_to_floor\": %.2f", REFERENCE_FAN_OUT, batched / floor, batched, nio, floor,
                    floors.get("nio").get(i).cpuUsPerPacket(), nio / floor));
            ForwardBench.Row two = rows.get(ForwardBench.TWO_THREADS).get(i);
            j.append(String.format(Locale.ROOT, ", \"two_threads_us_per_packet\": %.2f,"
                    + " \"two_threads_loop_us_per_packet\": %.2f, \"one_thread_loop_us_per_packet\": %.2f",
                    two.cpuUsPerPacket(), two.loopUsPerPacket(), rows.get("batched").get(i).loopUsPerPacket()));
        }
        j.append(", \"rows\": [");
        boolean first = true;
        for (String path : rows.keySet()) {
            for (int k = 0; k < fanOuts.size(); k++) {
                ForwardBench.Row r = rows.get(path).get(k);
                if (!first) j.append(", ");
                first = false;
                j.append(String.format(Locale.ROOT, "{\"path\": \"%s\", \"fan_out\": %d, \"us_per_packet\": %.2f,"
                        + " \"loop_us_per_packet\": %.2f, \"bytes_per_packet\": %.2f, \"loss_percent\": %.3f,"
                        + " \"floor_us_per_packet\": %.2f}", path,
                        r.fanOut(), r.cpuUsPerPacket(), r.loopUsPerPacket(), r.bytesPerPacket(), r.lossPercent(),
                        floors.get(path).get(k).cpuUsPerPacket()));
            }
        }
        return j.append("]}").toString();
    }
}
