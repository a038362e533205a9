package parley.media.transport;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * The datagrams of one forwarding round, in native memory, sent by {@link #flush} with one
 * sendmmsg per socket: each packet is copied once, from the buffer SRTP encrypted it in to its
 * slot here, and the kernel reads it from there.
 *
 * <p>Packets to the same client with the same size become one message with the UDP_SEGMENT
 * option (generic segmentation offload): the kernel walks its stack once for up to 64 of them.
 * Grouping by client changes the order only between different clients; a client's own packets
 * keep theirs. Loop thread only.
 */
final class SendQueue {
    static final int CAPACITY = 1024;
    private static final int SLOT = 1536;
    /** GSO sends at most 64 KiB of payload at once. */
    private static final int MAX_GSO_BYTES = 65_000;
    private static final int BUCKETS = 2048;

    private final MediaCounters counters;
    private final SockAddrs addrs;
    private final MemorySegment callState;
    private final MemorySegment slots;
    private final long slotsBase;
    private final MemorySegment names;
    private final MemorySegment msgs;
    private final MemorySegment iovecs;
    private final MemorySegment controls;
    private final int[] length = new int[CAPACITY];
    private final int[] nameLength = new int[CAPACITY];
    private final MediaSocket[] via = new MediaSocket[CAPACITY];
    private final InetSocketAddress[] to = new InetSocketAddress[CAPACITY];
    /** Per packet: the next queued packet to the same client, or -1. */
    private final int[] next = new int[CAPACITY];
    /** Per packet of a message being built: how many packets its message holds. */
    private final int[] msgPackets = new int[CAPACITY];
    private final MediaSocket[] msgVia = new MediaSocket[CAPACITY];
    /** Open addressing from a client to the first and last of its packets this round. */
    private final int[] bucketHead = new int[BUCKETS];
    private final int[] bucketTail = new int[BUCKETS];
    /** Clients in the order of their first packet. */
    private final int[] clients = new int[CAPACITY];
    private int size;
    private boolean segmentation;

    SendQueue(Arena arena, MediaCounters counters, boolean segmentation) {
        this.counters = counters;
        this.segmentation = segmentation;
        this.addrs = new SockAddrs();
        this.callState = LinuxUdp.callState(arena);
        this.slots = arena.allocate((long) CAPACITY * SLOT, 64);
        this.slotsBase = slots.address();
        this.names = arena.allocate(CAPACITY * LinuxUdp.SOCKADDR_BYTES, 8);
        this.msgs = arena.allocate(CAPACITY * LinuxUdp.MMSGHDR_BYTES, 8);
        this.iovecs = arena.allocate(CAPACITY * LinuxUdp.IOVEC_BYTES, 8);
        this.controls = arena.allocate(CAPACITY * LinuxUdp.CMSG_SEGMENT_SPACE, 8);
        Arrays.fill(bucketHead, -1);
    }

    boolean segmentation() {
        return segmentation;
    }

    /** Queues a copy; flushes first when full. */
    void add(byte[] buf, int off, int len, MediaSocket socket, InetSocketAddress dest) {
        if (len > SLOT) {
            counters.sendErrors.increment();
            return;
        }
        if (size == CAPACITY) flush();
        int i = size++;
        MemorySegment.copy(buf, off, slots, ValueLayout.JAVA_BYTE, (long) i * SLOT, len);
        length[i] = len;
        via[i] = socket;
        to[i] = dest;
        nameLength[i] = addrs.encode(dest, socket.localAddress().getAddress() instanceof Inet6Address,
                names, i * LinuxUdp.SOCKADDR_BYTES);
        next[i] = -1;
    }

    int size() {
        return size;
    }

    /** Sends everything queued, a sendmmsg per run of messages on one socket. */
    void flush() {
        if (size == 0) return;
        int clientCount = bucket();
        int msgCount = 0;
        int iov = 0;
        for (int c = 0; c < clientCount; c++) {
            for (int p = clients[c]; p >= 0; ) {
                int seg = length[p];
                int n = 0;
                int bytes = 0;
                int first = p;
                // A message: the client's next packets while they have the segment's size (the last may be shorter).
                while (p >= 0 && (n == 0 || (segmentation && n < LinuxUdp.MAX_SEGMENTS
                        && length[p] <= seg && bytes + length[p] <= MAX_GSO_BYTES))) {
                    setIovec(iov + n, p);
                    bytes += length[p];
                    n++;
                    boolean shorter = length[p] < seg;
                    p = next[p];
                    if (shorter) break;
                }
                setMessage(msgCount, first, iov, n, seg);
                msgPackets[msgCount] = n;
                msgVia[msgCount] = via[first];
                msgCount++;
                iov += n;
            }
        }
        sendAll(msgCount);
        clearBuckets(clientCount);
        Arrays.fill(via, 0, size, null);
        Arrays.fill(to, 0, size, null);
        Arrays.fill(msgVia, 0, msgCount, null);
        size = 0;
    }

    /** Links each packet to the next one for the same client; returns the number of clients. */
    private int bucket() {
        int clientCount = 0;
        for (int i = 0; i < size; i++) {
            int b = (to[i].hashCode() * 31 + System.identityHashCode(via[i])) & (BUCKETS - 1);
            while (true) {
                int head = bucketHead[b];
                if (head < 0) {
                    bucketHead[b] = i;
                    bucketTail[b] = i;
                    clients[clientCount++] = i;
                    break;
                }
                if (via[head] == via[i] && to[head].equals(to[i])) {
                    next[bucketTail[b]] = i;
                    bucketTail[b] = i;
                    break;
                }
                b = (b + 1) & (BUCKETS - 1);
            }
        }
        return clientCount;
    }

    private void clearBuckets(int clientCount) {
        for (int c = 0; c < clientCount; c++) {
            int head = clients[c];
            int b = (to[head].hashCode() * 31 + System.identityHashCode(via[head])) & (BUCKETS - 1);
            while (bucketHead[b] != head) b = (b + 1) & (BUCKETS - 1);
            bucketHead[b] = -1;
        }
        // A cleared slot in the middle of a probe run cannot strand anything: every bucket is cleared.
    }

    private void setIovec(int k, int packet) {
        long at = k * LinuxUdp.IOVEC_BYTES;
        iovecs.set(ValueLayout.JAVA_LONG, at, slotsBase + (long) packet * SLOT);
        iovecs.set(ValueLayout.JAVA_LONG, at + 8, length[packet]);
    }

    private void setMessage(int m, int firstPacket, int iov, int n, int segment) {
        long at = m * LinuxUdp.MMSGHDR_BYTES;
        msgs.set(ValueLayout.JAVA_LONG, at + LinuxUdp.MSG_NAME, names.address() + firstPacket * LinuxUdp.SOCKADDR_BYTES);
        msgs.set(ValueLayout.JAVA_INT, at + LinuxUdp.MSG_NAMELEN, nameLength[firstPacket]);
        msgs.set(ValueLayout.JAVA_LONG, at + LinuxUdp.MSG_IOV, iovecs.address() + iov * LinuxUdp.IOVEC_BYTES);
        msgs.set(ValueLayout.JAVA_LONG, at + LinuxUdp.MSG_IOVLEN, n);
        if (n > 1) {
            long c = m * LinuxUdp.CMSG_SEGMENT_SPACE;
            controls.set(ValueLayout.JAVA_LONG, c, LinuxUdp.CMSG_SEGMENT_LEN);
            controls.set(ValueLayout.JAVA_INT, c + 8, LinuxUdp.SOL_UDP);
            controls.set(ValueLayout.JAVA_INT, c + 12, LinuxUdp.UDP_SEGMENT);
            controls.set(ValueLayout.JAVA_SHORT, c + 16, (short) segment);
            msgs.set(ValueLayout.JAVA_LONG, at + LinuxUdp.MSG_CONTROL, controls.address() + c);
            msgs.set(ValueLayout.JAVA_LONG, at + LinuxUdp.MSG_CONTROLLEN, LinuxUdp.CMSG_SEGMENT_SPACE);
        } else {
            msgs.set(ValueLayout.JAVA_LONG, at + LinuxUdp.MSG_CONTROL, 0L);
            msgs.set(ValueLayout.JAVA_LONG, at + LinuxUdp.MSG_CONTROLLEN, 0L);
        }
        msgs.set(ValueLayout.JAVA_INT, at + LinuxUdp.MSG_FLAGS, 0);
    }

    /** Sends messages [0, count), one sendmmsg per run on one socket, going past failed ones. */
    private void sendAll(int count) {
        int m = 0;
        while (m < count) {
            MediaSocket socket = msgVia[m];
            int end = m + 1;
            while (end < count && msgVia[end] == socket) end++;
            m = sendRun(socket, m, end);
        }
    }

    /** Sends messages [from, end) through one socket; returns where the next run starts. */
    private int sendRun(MediaSocket socket, int from, int end) {
        int fd = socket.fd();
        int m = from;
        while (m < end) {
            int r = LinuxUdp.sendmmsg(callState, fd, msgs.address() + m * LinuxUdp.MMSGHDR_BYTES, end - m);
            if (r > 0) {
                for (int i = m; i < m + r; i++) counters.packetsSent.add(msgPackets[i]);
                m += r;
            } else if (r == -LinuxUdp.EINTR) {
                continue;
            } else if (r == -LinuxUdp.EAGAIN) {
                for (int i = m; i < end; i++) counters.sendDropped.add(msgPackets[i]); // the socket buffer is full
                return end;
            } else {
                m = failed(m, r);
            }
        }
        return end;
    }

    /**
     * The first message of a sendmmsg failed with {@code r} (minus errno). A segmented one makes
     * us stop segmenting (a device or kernel without UDP GSO) and send its packets one by one;
     * any other is one client's problem: counted, and the round goes on.
     */
    private int failed(int m, int r) {
        int n = msgPackets[m];
        if (n > 1 && segmentation) {
            segmentation = false;
            counters.segmentationOff.increment();
            long at = m * LinuxUdp.MMSGHDR_BYTES;
            long iov = msgs.get(ValueLayout.JAVA_LONG, at + LinuxUdp.MSG_IOV);
            msgs.set(ValueLayout.JAVA_LONG, at + LinuxUdp.MSG_CONTROL, 0L);
            msgs.set(ValueLayout.JAVA_LONG, at + LinuxUdp.MSG_CONTROLLEN, 0L);
            msgs.set(ValueLayout.JAVA_LONG, at + LinuxUdp.MSG_IOVLEN, 1L);
            int fd = msgVia[m].fd();
            for (int k = 0; k < n; k++) {
                msgs.set(ValueLayout.JAVA_LONG, at + LinuxUdp.MSG_IOV, iov + k * LinuxUdp.IOVEC_BYTES);
                int one = LinuxUdp.sendmmsg(callState, fd, msgs.address() + at, 1);
                if (one == 1) counters.packetsSent.increment();
                else counters.sendErrors.increment();
            }
            return m + 1;
        }
        counters.sendErrors.add(n);
        return m + 1;
    }
}
