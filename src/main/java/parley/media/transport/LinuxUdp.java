package parley.media.transport;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Method;
import java.nio.channels.DatagramChannel;
import java.util.Locale;

/**
 * The Linux system calls of batched UDP (sendmmsg, recvmmsg, and the UDP_SEGMENT option of
 * generic segmentation offload), called through the Foreign Function & Memory API: no JNI, no
 * native library of our own. Everything here is the x86_64 and aarch64 Linux ABI (LP64), which
 * is why any other platform gets {@link #unavailableReason() a reason} and the NIO path.
 *
 * <p>The socket itself stays a {@link DatagramChannel}, so that binding and the loop's selector
 * are unchanged; its file descriptor comes from the JDK's {@code sun.nio.ch.SelChImpl}, which
 * needs {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED} (the release jar's manifest
 * says it, as do the test and bench command lines). Without it, the NIO path is chosen.
 */
final class LinuxUdp {
    static final int SOL_SOCKET = 1;
    static final int SO_TYPE = 3;
    static final int SOL_UDP = 17;
    static final int UDP_SEGMENT = 103;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_TRUNC = 0x20;
    static final int EAGAIN = 11;
    static final int EINTR = 4;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    /** struct iovec { void *iov_base; size_t iov_len; } */
    static final long IOVEC_BYTES = 16;
    /** struct mmsghdr { struct msghdr msg_hdr (56 bytes); unsigned int msg_len; } padded to 64. */
    static final long MMSGHDR_BYTES = 64;
    static final long MSG_NAME = 0;
    static final long MSG_NAMELEN = 8;
    static final long MSG_IOV = 16;
    static final long MSG_IOVLEN = 24;
    static final long MSG_CONTROL = 32;
    static final long MSG_CONTROLLEN = 40;
    static final long MSG_FLAGS = 48;
    static final long MSG_LEN = 56;
    /** CMSG_SPACE(sizeof(uint16_t)): a cmsghdr (16 bytes) and the segment size, aligned to 8. */
    static final long CMSG_SEGMENT_SPACE = 24;
    /** CMSG_LEN(sizeof(uint16_t)). */
    static final long CMSG_SEGMENT_LEN = 18;
    /** Room for a sockaddr_in6 (28 bytes), the larger of the two families, rounded to 8. */
    static final long SOCKADDR_BYTES = 32;
    /** The kernel's limit of segments in one GSO send (UDP_MAX_SEGMENTS). */
    static final int MAX_SEGMENTS = 64;

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final String UNAVAILABLE;
    private static final MethodHandle SENDMMSG;
    private static final MethodHandle RECVMMSG;
    private static final MethodHandle GETSOCKOPT;
    private static final Method FD_VAL;

    static {
        String why = null;
        MethodHandle send = null;
        MethodHandle recv = null;
        MethodHandle getsockopt = null;
        Method fdVal = null;
        try {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            String arch = System.getProperty("os.arch", "");
            if (!os.contains("linux")) throw new UnsupportedOperationException("not Linux (" + os + ")");
            if (!arch.equals("amd64") && !arch.equals("aarch64")) {
                throw new UnsupportedOperationException("no struct layouts for " + arch);
            }
            Linker linker = Linker.nativeLinker();
            Linker.Option errno = Linker.Option.captureCallState("errno");
            // Pointers into our own native buffers pass as longs (the same register on LP64), so
            // that a call creates no MemorySegment.
            FunctionDescriptor mmsg = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);
            send = linker.downcallHandle(find(linker, "sendmmsg"), mmsg, errno);
            recv = linker.downcallHandle(find(linker, "recvmmsg"), mmsg.appendArgumentLayouts(ValueLayout.JAVA_LONG),
                    errno);
            getsockopt = linker.downcallHandle(find(linker, "getsockopt"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS), errno);
            fdVal = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
            try (DatagramChannel probe = DatagramChannel.open()) {
                fdVal.invoke(probe); // throws IllegalAccessException without --add-exports
            }
        } catch (Throwable t) {
            why = t instanceof IllegalAccessException
                    ? "the JVM was started without --add-exports java.base/sun.nio.ch=ALL-UNNAMED"
                    : t.getClass().getSimpleName() + ": " + t.getMessage();
        }
        UNAVAILABLE = why;
        SENDMMSG = send;
        RECVMMSG = recv;
        GETSOCKOPT = getsockopt;
        FD_VAL = fdVal;
    }

    private LinuxUdp() {}

    /** A function of the C library, or an exception naming it (also for {@link ThreadNice}). */
    static MemorySegment find(Linker linker, String name) {
        return linker.defaultLookup().find(name)
                .orElseThrow(() -> new UnsupportedOperationException("no " + name + " in the C library"));
    }

    /** Why batched UDP cannot be used in this JVM, or null when it can. */
    static String unavailableReason() {
        return UNAVAILABLE;
    }

    /** A segment for the errno of calls from one thread. */
    static MemorySegment callState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    /** The file descriptor of an open channel. */
    static int fd(DatagramChannel channel) {
        try {
            return (int) FD_VAL.invoke(channel);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no file descriptor for the media socket", e);
        }
    }

    /** sendmmsg(2): messages sent, or minus errno. */
    static int sendmmsg(MemorySegment state, int fd, long msgs, int count) {
        try {
            int r = (int) SENDMMSG.invokeExact(state, fd, msgs, count, 0);
            return r >= 0 ? r : -errno(state);
        } catch (Throwable t) {
            throw new IllegalStateException("sendmmsg", t);
        }
    }

    /** recvmmsg(2) without waiting: messages received, or minus errno (-EAGAIN: none waiting). */
    static int recvmmsg(MemorySegment state, int fd, long msgs, int count) {
        try {
            int r = (int) RECVMMSG.invokeExact(state, fd, msgs, count, MSG_DONTWAIT, 0L);
            return r >= 0 ? r : -errno(state);
        } catch (Throwable t) {
            throw new IllegalStateException("recvmmsg", t);
        }
    }

    /** Whether the kernel knows UDP_SEGMENT for this socket (Linux 4.18 and later). */
    static boolean hasSegmentation(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = callState(arena);
            MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
            len.set(ValueLayout.JAVA_INT, 0, 4);
            int r = (int) GETSOCKOPT.invokeExact(state, fd, SOL_UDP, UDP_SEGMENT, value, len);
            return r == 0;
        } catch (Throwable t) {
            return false;
        }
    }

    /** The errno a call with {@link Linker.Option#captureCallState} left in {@code state}. */
    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }
}
