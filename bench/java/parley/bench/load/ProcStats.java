package parley.bench.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.IntPredicate;

/**
 * A process's CPU time and memory from Linux's /proc ({@code /proc/PID/stat} utime + stime, in
 * USER_HZ ticks of 10 ms; {@code /proc/PID/status} VmRSS), and which process listens on a TCP port
 * ({@code /proc/net/tcp} and {@code tcp6} LISTEN rows give the socket inode, and the process is the
 * one with a {@code /proc/PID/fd} link to {@code socket:[inode]}). Only our own user's processes are
 * readable unless we are root. Stateless apart from the pid.
 */
final class ProcStats {
    /** Linux reports times in /proc in USER_HZ, which is 100 on every architecture Java runs on. */
    static final long TICKS_PER_SECOND = 100;
    private static final String LISTEN = "0A";
    /** utime is field 14 of /proc/PID/stat; counted after the ")" that closes the command name (field 2). */
    private static final int UTIME_AFTER_COMM = 11;

    /** CPU ticks used so far and resident memory, at {@code nanos} (System.nanoTime). */
    record Sample(long nanos, long cpuTicks, long rssKb) {
        /** CPU in percent of one core between {@code before} and this. */
        double cpuPercent(Sample before) {
            double seconds = (nanos - before.nanos) / 1e9;
            return seconds <= 0 ? 0 : 100.0 * (cpuTicks - before.cpuTicks) / TICKS_PER_SECOND / seconds;
        }
    }

    private final long pid;

    ProcStats(long pid) {
        this.pid = pid;
    }

    long pid() {
        return pid;
    }

    /** Reads the process now; null when it is gone or unreadable. */
    Sample sample() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String status = Files.readString(Path.of("/proc", String.valueOf(pid), "status"));
            return new Sample(System.nanoTime(), cpuTicks(stat), rssKb(status));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime + stime from a /proc/PID/stat line (the command name may hold spaces and parentheses). */
    static long cpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(f[UTIME_AFTER_COMM]) + Long.parseLong(f[UTIME_AFTER_COMM + 1]);
    }

    /** VmRSS in kB from /proc/PID/status, or 0 (a kernel thread, a zombie). */
    static long rssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
        }
        return 0;
    }

    /**
     * Datagrams the kernel dropped (receive buffer full) on the UDP sockets whose local port
     * {@code ports} accepts, from the last column of /proc/net/udp and udp6; -1 if unreadable.
     */
    static long udpDrops(IntPredicate ports) {
        long drops = 0;
        boolean read = false;
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            try {
                drops += udpDrops(Files.readAllLines(Path.of(table)), ports);
                read = true;
            } catch (IOException e) {
                // no IPv6, or not Linux
            }
        }
        return read ? drops : -1;
    }

    /** The drops column summed over /proc/net/udp rows whose local port {@code ports} accepts. */
    static long udpDrops(List<String> rows, IntPredicate ports) {
        long drops = 0;
        for (String row : rows) {
            String[] f = row.trim().split("\\s+");
            if (f.length < 13 || !f[0].endsWith(":")) continue; // the header
            String local = f[1];
            int port = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
            if (ports.test(port)) drops += Long.parseLong(f[f.length - 1]);
        }
        return drops;
    }

    /** The pid of the process listening on TCP {@code port}, if it can be found. */
    static OptionalLong listenerOf(int port) {
        long inode = -1;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                inode = listeningInode(Files.readAllLines(Path.of(table)), port);
            } catch (IOException e) {
                continue;
            }
            if (inode > 0) break;
        }
        return inode > 0 ? ownerOf(inode) : OptionalLong.empty();
    }

    /** The inode of the LISTEN socket on {@code port} in /proc/net/tcp rows, or -1. */
    static long listeningInode(List<String> rows, int port) {
        String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
        for (String row : rows) {
            String[] f = row.trim().split("\\s+");
            if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals(LISTEN)) return Long.parseLong(f[9]);
        }
        return -1;
    }

    private static OptionalLong ownerOf(long inode) {
        String target = "socket:[" + inode + "]";
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        if (target.equals(Files.readSymbolicLink(fd).toString())) {
                            return OptionalLong.of(Long.parseLong(proc.getFileName().toString()));
                        }
                    }
                } catch (IOException e) {
                    // not ours to read, or gone meanwhile
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
