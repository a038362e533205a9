package parley.bench.load;

import ch.qos.logback.classic.Level;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * bench/join-storm.sh: a join storm against a running Parley, with the server's CPU time.
 * Flags: --url https://127.0.0.1:PORT, --clients 500, --rooms 50, --addresses 10 (storm clients
 * from 127.0.0.2 up; the honest pair from 127.0.0.1), --server-pid PID.
 */
public final class JoinStormMain {
    private JoinStormMain() {}

    public static void main(String[] args) throws Exception {
        URI url = URI.create("https://127.0.0.1:18443");
        int clients = 500;
        int rooms = 50;
        int addresses = 10;
        long pid = -1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = URI.create(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--rooms" -> rooms = Integer.parseInt(args[i + 1]);
                case "--addresses" -> addresses = Integer.parseInt(args[i + 1]);
                case "--server-pid" -> pid = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown flag " + args[i]);
            }
        }
        if (LoggerFactory.getLogger("org.eclipse.jetty") instanceof ch.qos.logback.classic.Logger l) l.setLevel(Level.ERROR);
        List<InetAddress> storm = new ArrayList<>();
        for (int a = 0; a < addresses; a++) storm.add(InetAddress.ofLiteral("127.0.0." + (2 + a)));
        ProcStats server = pid > 0 ? new ProcStats(pid) : null;
        ProcStats.Sample before = server == null ? null : server.sample();
        JoinStorm.Report r = JoinStorm.run(new JoinStorm.Options(url, clients, rooms, storm,
                InetAddress.ofLiteral("127.0.0.1"), Duration.ofSeconds(120)));
        ProcStats.Sample after = server == null ? null : server.sample();
        System.out.println(r.toText());
        if (before != null && after != null) {
            System.out.printf("server CPU: %.2f s over the run (%.0f %% of one core)%n",
                    (after.cpuTicks() - before.cpuTicks()) / (double) ProcStats.TICKS_PER_SECOND, after.cpuPercent(before));
        }
        System.exit(r.joined() == clients && r.chatReceived() == r.chatSent() ? 0 : 1);
    }
}
