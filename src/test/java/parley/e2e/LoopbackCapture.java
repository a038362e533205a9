package parley.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What went over the loopback interface, as tcpdump (Debian's package, needs root or CAP_NET_RAW)
 * wrote it: every UDP datagram between {@link #start} and {@link #stop}, with its ports. Lets a
 * test see what a process it does not control (sipp) was sent, without that process recording.
 */
final class LoopbackCapture implements AutoCloseable {
    /** One captured UDP datagram, with the wall-clock time of its capture in microseconds since the epoch. */
    record Datagram(long epochMicros, int sourcePort, int destinationPort, byte[] payload) {}

    private static final int PCAP_HEADER = 24, RECORD_HEADER = 16, ETHERNET = 14, UDP = 17;
    private final Path dir;
    private final Path file;
    private final Process process;

    private LoopbackCapture(Path dir, Process process) {
        this.dir = dir;
        this.file = dir.resolve("lo.pcap");
        this.process = process;
    }

    /** Starts capturing UDP on lo; returns once tcpdump says it is listening. */
    static LoopbackCapture start() throws IOException {
        Path dir = Files.createTempDirectory("parley-capture");
        Path log = dir.resolve("tcpdump.log");
        // -U: each packet written as it comes, so stop() never loses the tail; -s 2048 covers any RTP.
        Process p = Processes.start(List.of("tcpdump", "-i", "lo", "-U", "-n", "-s", "2048", "-w", dir.resolve("lo.pcap").toString(), "udp"),
                log, Map.of());
        LoopbackCapture capture = new LoopbackCapture(dir, p);
        Poll.until("tcpdump listening on lo", Duration.ofSeconds(10), () -> {
            if (!p.isAlive()) throw new E2eException("tcpdump ended: " + capture.log());
            return capture.log().contains("listening on lo");
        });
        return capture;
    }

    /** Stops the capture and returns every UDP datagram it holds, in order. */
    List<Datagram> stop() throws IOException, InterruptedException {
        process.destroy(); // SIGTERM: tcpdump flushes and closes its file
        if (!process.waitFor(10, TimeUnit.SECONDS)) throw new E2eException("tcpdump did not stop: " + log());
        return parse(Files.readAllBytes(file));
    }

    /** Reads a pcap file of Ethernet-framed IPv4 packets (Linux's lo) and keeps the UDP ones. */
    static List<Datagram> parse(byte[] pcap) {
        if (pcap.length < PCAP_HEADER) return List.of();
        ByteBuffer net = ByteBuffer.wrap(pcap); // packet headers: network order
        ByteBuffer b = ByteBuffer.wrap(pcap); // the file's own headers: the writer's order, told by the magic
        b.order(net.getInt(0) == 0xa1b2c3d4 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(20) != 1) throw new E2eException("not an Ethernet capture: link type " + b.getInt(20));
        List<Datagram> out = new ArrayList<>();
        int at = PCAP_HEADER;
        while (at + RECORD_HEADER <= pcap.length) {
            long micros = Integer.toUnsignedLong(b.getInt(at)) * 1_000_000 + Integer.toUnsignedLong(b.getInt(at + 4));
            int captured = b.getInt(at + 8);
            int frame = at + RECORD_HEADER;
            at = frame + captured;
            if (at > pcap.length) break; // a record cut short by the stop
            int ip = frame + ETHERNET;
            if (captured < ETHERNET + 28 || (pcap[ip] >> 4) != 4 || pcap[ip + 9] != UDP) continue;
            int udp = ip + (pcap[ip] & 0x0f) * 4;
            int length = Short.toUnsignedInt(net.getShort(udp + 4)) - 8;
            int source = Short.toUnsignedInt(net.getShort(udp)), destination = Short.toUnsignedInt(net.getShort(udp + 2));
            int end = Math.min(udp + 8 + Math.max(0, length), at);
            out.add(new Datagram(micros, source, destination, java.util.Arrays.copyOfRange(pcap, udp + 8, end)));
        }
        return out;
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("tcpdump.log"));
        } catch (IOException e) {
            return "(no tcpdump log)";
        }
    }

    @Override
    public void close() {
        Processes.kill(process);
        Processes.deleteTree(dir);
    }
}
