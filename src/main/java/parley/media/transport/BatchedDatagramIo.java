package parley.media.transport;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The Linux path: recvmmsg takes up to {@value #BATCH} datagrams in one system call, and what
 * their forwarding sends waits in a {@link SendQueue} until the round's {@link #flush}, which
 * sends it with one sendmmsg (and segmentation offload for a client's equal-sized packets).
 * Native memory is allocated once, at start. Loop thread only.
 */
final class BatchedDatagramIo implements DatagramIo {
    static final int BATCH = 64;
    private static final int SLOT = 2048;

    private final MediaCounters counters;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment callState;
    private final MemorySegment slots;
    private final MemorySegment msgs;
    private final MemorySegment[] names = new MemorySegment[BATCH];
    private final byte[] receiveArray = new byte[MediaLoop.MAX_DATAGRAM + MediaLoop.SEND_HEADROOM];
    private final SockAddrs addrs = new SockAddrs();
    private final SendQueue queue;

    BatchedDatagramIo(List<MediaSocket> sockets, MediaCounters counters) throws IOException {
        this.counters = counters;
        for (MediaSocket s : sockets) {
            if (s.fd() < 0) throw new IOException("a media socket without a file descriptor");
        }
        boolean gso = sockets.stream().allMatch(s -> LinuxUdp.hasSegmentation(s.fd()));
        this.queue = new SendQueue(arena, counters, gso);
        this.callState = LinuxUdp.callState(arena);
        this.slots = arena.allocate((long) BATCH * SLOT, 64);
        MemorySegment nameArea = arena.allocate(BATCH * LinuxUdp.SOCKADDR_BYTES, 8);
        MemorySegment iovecs = arena.allocate(BATCH * LinuxUdp.IOVEC_BYTES, 8);
        this.msgs = arena.allocate(BATCH * LinuxUdp.MMSGHDR_BYTES, 8);
        for (int i = 0; i < BATCH; i++) {
            names[i] = nameArea.asSlice(i * LinuxUdp.SOCKADDR_BYTES, LinuxUdp.SOCKADDR_BYTES);
            iovecs.set(ValueLayout.JAVA_LONG, i * LinuxUdp.IOVEC_BYTES, slots.address() + (long) i * SLOT);
            iovecs.set(ValueLayout.JAVA_LONG, i * LinuxUdp.IOVEC_BYTES + 8, SLOT);
            long m = i * LinuxUdp.MMSGHDR_BYTES;
            msgs.set(ValueLayout.JAVA_LONG, m + LinuxUdp.MSG_NAME, names[i].address());
            msgs.set(ValueLayout.JAVA_LONG, m + LinuxUdp.MSG_IOV, iovecs.address() + i * LinuxUdp.IOVEC_BYTES);
            msgs.set(ValueLayout.JAVA_LONG, m + LinuxUdp.MSG_IOVLEN, 1L);
        }
    }

    /** Whether a client's equal-sized packets leave as one segmented send. */
    boolean segmentation() {
        return queue.segmentation();
    }

    @Override
    public int receive(MediaSocket socket, int max, Sink sink) throws IOException {
        int total = 0;
        while (total < max) {
            for (int i = 0; i < BATCH; i++) {
                long m = i * LinuxUdp.MMSGHDR_BYTES;
                msgs.set(ValueLayout.JAVA_INT, m + LinuxUdp.MSG_NAMELEN, (int) LinuxUdp.SOCKADDR_BYTES);
                msgs.set(ValueLayout.JAVA_INT, m + LinuxUdp.MSG_FLAGS, 0);
            }
            int n = LinuxUdp.recvmmsg(callState, socket.fd(), msgs.address(), BATCH);
            if (n == -LinuxUdp.EINTR) continue;
            if (n == -LinuxUdp.EAGAIN) break;
            if (n < 0) throw new IOException("recvmmsg failed: errno " + (-n));
            total += n;
            for (int i = 0; i < n; i++) deliver(i, socket, sink);
            if (n < BATCH) break;
        }
        return total;
    }

    private void deliver(int i, MediaSocket socket, Sink sink) {
        long m = i * LinuxUdp.MMSGHDR_BYTES;
        int len = msgs.get(ValueLayout.JAVA_INT, m + LinuxUdp.MSG_LEN);
        int flags = msgs.get(ValueLayout.JAVA_INT, m + LinuxUdp.MSG_FLAGS);
        counters.packetsReceived.increment();
        if (len > MediaLoop.MAX_DATAGRAM || (flags & LinuxUdp.MSG_TRUNC) != 0) {
            counters.malformed.increment();
            return;
        }
        InetSocketAddress from = addrs.decode(names[i]);
        if (from == null) {
            counters.malformed.increment();
            return;
        }
        MemorySegment.copy(slots, ValueLayout.JAVA_BYTE, (long) i * SLOT, receiveArray, 0, len);
        sink.onDatagram(receiveArray, 0, len, from, socket);
    }

    @Override
    public void send(byte[] buf, int off, int len, MediaSocket via, InetSocketAddress to) {
        queue.add(buf, off, len, via, to);
    }

    @Override
    public void flush() {
        queue.flush();
    }

    @Override
    public String name() {
        return "batched";
    }

    @Override
    public void close() {
        arena.close();
    }
}
