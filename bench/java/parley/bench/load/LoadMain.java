package parley.bench.load;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * {@code bench/load.sh}: parses the flags ({@link LoadOptions#USAGE}), runs the load, prints a table
 * row every {@link #TABLE_PERIOD_MS} ms while it runs and, as the last line, the {@link Report} as
 * one JSON object. Exit status 0 after a run (whatever it measured), 1 when it could not start,
 * 2 for a bad flag.
 */
public final class LoadMain {
    static final long TABLE_PERIOD_MS = 2000;

    private LoadMain() {}

    public static void main(String[] args) throws InterruptedException {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help")) {
                System.out.print(LoadOptions.USAGE);
                return;
            }
        }
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage());
            System.err.print(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        quietJettyClientWarnings();
        LoadRun run;
        try {
            run = LoadRun.start(options);
        } catch (IOException e) {
            System.err.println("load: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        AtomicBoolean printed = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { // Ctrl-C: leave the room, then report
            Report r = run.stop();
            if (printed.compareAndSet(false, true)) System.out.println(r.toJson());
        }));
        System.out.println(Report.tableHeader());
        while (!run.isEnded()) {
            Thread.sleep(TABLE_PERIOD_MS);
            if (!run.isLeaving()) System.out.println(run.tableRow());
        }
        Report report = run.awaitEnd();
        if (printed.compareAndSet(false, true)) System.out.println(report.toJson());
        System.exit(0);
    }

    /** Jetty warns that the client trusts every certificate: it does so on purpose (the server's is self-signed). */
    private static void quietJettyClientWarnings() {
        if (LoggerFactory.getLogger("org.eclipse.jetty.util.ssl") instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(Level.ERROR);
        }
    }
}
