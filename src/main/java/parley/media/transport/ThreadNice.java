package parley.media.transport;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * The scheduling priority (nice value) of the calling thread, on Linux, through the FFM API.
 *
 * <p>Why: when the machine is busy (people joining: DTLS handshakes, signaling, the JIT and the
 * garbage collector all want a core at once), the kernel shares the cores fairly among every
 * runnable thread, and the one thread that drains the media socket gets a slice like the rest.
 * Its receive buffer then overflows and datagrams are lost, handshakes among them, and a lost
 * handshake flight costs a join a quarter of a second or more. Media is the one job that cannot
 * wait; everything else can. Linux keeps a nice value per thread (setpriority on a thread id),
 * so the media thread alone can ask for more; lowering it below 0 needs root, CAP_SYS_NICE or
 * an RLIMIT_NICE that allows it (systemd's LimitNICE), and without them nothing changes.
 */
public final class ThreadNice {
    private static final int PRIO_PROCESS = 0;
    private static final MethodHandle GETTID;
    private static final MethodHandle SETPRIORITY;
    private static final String UNAVAILABLE;

    static {
        MethodHandle gettid = null;
        MethodHandle setpriority = null;
        String why = null;
        try {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            if (!os.contains("linux")) throw new UnsupportedOperationException("not Linux (" + os + ")");
            Linker linker = Linker.nativeLinker();
            gettid = linker.downcallHandle(LinuxUdp.find(linker, "gettid"), FunctionDescriptor.of(ValueLayout.JAVA_INT));
            setpriority = linker.downcallHandle(LinuxUdp.find(linker, "setpriority"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT),
                    Linker.Option.captureCallState("errno"));
        } catch (Throwable t) {
            why = t.getClass().getSimpleName() + ": " + t.getMessage();
        }
        GETTID = gettid;
        SETPRIORITY = setpriority;
        UNAVAILABLE = why;
    }

    private ThreadNice() {}

    /**
     * Sets the calling thread's nice value (-20, the most favoured, to 19).
     *
     * @return null when it was set, else why not (for the operator's log)
     */
    public static String setForCurrentThread(int nice) {
        return setForThread(currentTid(), nice);
    }

    /** The kernel's id of the calling thread, or -1 off Linux. */
    public static int currentTid() {
        if (UNAVAILABLE != null) return -1;
        try {
            return (int) GETTID.invokeExact();
        } catch (Throwable t) {
            return -1;
        }
    }

    /**
     * Sets the nice value of the thread with kernel id {@code tid} (of this process; the sealers'
     * are set by the loop, which knows its own value).
     *
     * @return null when it was set, else why not (for the operator's log)
     */
    public static String setForThread(int tid, int nice) {
        if (nice < -20 || nice > 19) throw new IllegalArgumentException("nice " + nice + " (expected: -20 to 19)");
        if (UNAVAILABLE != null) return UNAVAILABLE;
        if (tid <= 0) return "no thread id";
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LinuxUdp.callState(arena);
            int rc = (int) SETPRIORITY.invokeExact(state, PRIO_PROCESS, tid, nice);
            if (rc == 0) return null;
            int errno = LinuxUdp.errno(state);
            return errno == 13 || errno == 1
                    ? "not permitted (errno " + errno + "): run with CAP_SYS_NICE or an RLIMIT_NICE that allows " + nice
                    : "setpriority failed with errno " + errno;
        } catch (Throwable t) {
            return t.getClass().getSimpleName() + ": " + t.getMessage();
        }
    }

    /** The calling thread's nice value as the kernel reports it (for tests), or null off Linux. */
    public static Integer ofCurrentThread() {
        return ofThread(currentTid());
    }

    /** The nice value of this process's thread {@code tid} as the kernel reports it, or null. */
    public static Integer ofThread(int tid) {
        if (UNAVAILABLE != null || tid <= 0) return null;
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/task/" + tid + "/stat"));
            // Field 19 is the nice value; the name (field 2) may hold spaces, so count after its ')'.
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(after[16]);
        } catch (Throwable t) {
            return null;
        }
    }
}
