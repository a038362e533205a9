package parley.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Memory use of helper process trees, read from Linux's /proc, for measuring what a browser costs. */
public final class ProcessMemory {
    private ProcessMemory() {}

    /**
     * The summed proportional set size (kB) of every process whose command line contains
     * {@code marker} and of all their descendants; -1 when none is found.
     */
    public static long pssKbOfTreeMatching(String marker) {
        Set<Long> pids = pidsOfTreeMatching(marker);
        if (pids.isEmpty()) {
            return -1;
        }
        return pids.stream().mapToLong(ProcessMemory::pssKb).sum();
    }

    /** Every process whose command line contains {@code marker}, and all their descendants. */
    public static Set<Long> pidsOfTreeMatching(String marker) {
        Set<Long> pids = new TreeSet<>();
        ProcessHandle.allProcesses()
                .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false)
                        || h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(h -> {
                    pids.add(h.pid());
                    h.descendants().forEach(d -> pids.add(d.pid()));
                });
        return pids;
    }

    /** The summed PSS (kB) of one process and its descendants. */
    public static long pssKbOfTree(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants()).mapToLong(h -> pssKb(h.pid())).sum();
    }

    private static long pssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process ended while we looked
        }
        return 0;
    }
}
