package parley.media.transport;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * Socket addresses between Java and the kernel's sockaddr_in / sockaddr_in6, with small caches
 * so that the steady state allocates nothing: a client's address is decoded to the same
 * {@link InetSocketAddress} object each time (which the demultiplexer's map then finds), and a
 * destination is encoded once. IPv4 peers of an IPv6 socket travel as v4-mapped addresses and
 * are shown as {@link Inet4Address}, as the JDK's own channels do. Loop thread only.
 */
final class SockAddrs {
    private static final ValueLayout.OfShort NET_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort HOST_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final int CACHE = 1024;

    private final long[] keys = new long[CACHE * 3];
    private final InetSocketAddress[] decoded = new InetSocketAddress[CACHE];
    private final Object[] encodedFor = new Object[CACHE];
    private final boolean[] encodedV6 = new boolean[CACHE];
    private final byte[][] encoded = new byte[CACHE][];

    /**
     * Writes {@code to} as the socket of family {@code v6Socket} expects it at {@code offset} of
     * {@code into} (which has room for {@link LinuxUdp#SOCKADDR_BYTES}); returns its length.
     */
    int encode(InetSocketAddress to, boolean v6Socket, MemorySegment into, long offset) {
        int i = System.identityHashCode(to) & (CACHE - 1);
        byte[] raw = encoded[i];
        if (encodedFor[i] != to || encodedV6[i] != v6Socket) {
            raw = encode(to, v6Socket);
            encoded[i] = raw;
            encodedFor[i] = to;
            encodedV6[i] = v6Socket;
        }
        MemorySegment.copy(raw, 0, into, ValueLayout.JAVA_BYTE, offset, raw.length);
        return raw.length;
    }

    static byte[] encode(InetSocketAddress to, boolean v6Socket) {
        InetAddress a = to.getAddress();
        byte[] ip = a.getAddress();
        MemorySegment s = MemorySegment.ofArray(new byte[v6Socket ? 28 : 16]);
        s.set(NET_SHORT, 2, (short) to.getPort());
        if (!v6Socket) {
            if (!(a instanceof Inet4Address)) throw new IllegalArgumentException("IPv6 destination on an IPv4 socket");
            s.set(HOST_SHORT, 0, (short) LinuxUdp.AF_INET);
            MemorySegment.copy(ip, 0, s, ValueLayout.JAVA_BYTE, 4, 4);
        } else {
            s.set(HOST_SHORT, 0, (short) LinuxUdp.AF_INET6);
            if (a instanceof Inet4Address) {
                s.set(ValueLayout.JAVA_BYTE, 18, (byte) 0xff);
                s.set(ValueLayout.JAVA_BYTE, 19, (byte) 0xff);
                MemorySegment.copy(ip, 0, s, ValueLayout.JAVA_BYTE, 20, 4);
            } else {
                MemorySegment.copy(ip, 0, s, ValueLayout.JAVA_BYTE, 8, 16);
                s.set(ValueLayout.JAVA_INT_UNALIGNED, 24, ((Inet6Address) a).getScopeId());
            }
        }
        return (byte[]) s.heapBase().orElseThrow();
    }

    /** The address the kernel wrote at {@code at}, or null for a family other than IPv4 and IPv6. */
    InetSocketAddress decode(MemorySegment at) {
        // at is a slice made once per receive slot, so decoding allocates nothing
        int family = at.get(HOST_SHORT, 0);
        long k0;
        long k1 = 0;
        long k2 = 0;
        if (family == LinuxUdp.AF_INET) {
            k0 = at.get(LONG, 0); // family, port and address: the whole key
        } else if (family == LinuxUdp.AF_INET6) {
            // family and port, and the scope id; not the flow label
            k0 = (at.get(LONG, 0) & 0xffffffffL) | ((long) at.get(ValueLayout.JAVA_INT_UNALIGNED, 24) << 32);
            k1 = at.get(LONG, 8);
            k2 = at.get(LONG, 16);
        } else {
            return null;
        }
        long h = (k0 * 0x9E3779B97F4A7C15L) ^ (k1 * 0xC2B2AE3D27D4EB4FL) ^ (k2 * 0x165667B19E3779F9L);
        int i = (int) (h >>> 40) & (CACHE - 1);
        if (decoded[i] != null && keys[3 * i] == k0 && keys[3 * i + 1] == k1 && keys[3 * i + 2] == k2) return decoded[i];
        InetSocketAddress a = decodeNew(at, family);
        keys[3 * i] = k0;
        keys[3 * i + 1] = k1;
        keys[3 * i + 2] = k2;
        decoded[i] = a;
        return a;
    }

    private static InetSocketAddress decodeNew(MemorySegment at, int family) {
        int port = at.get(NET_SHORT, 2) & 0xffff;
        try {
            if (family == LinuxUdp.AF_INET) {
                return new InetSocketAddress(InetAddress.getByAddress(at.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE)), port);
            }
            byte[] ip = at.asSlice(8, 16).toArray(ValueLayout.JAVA_BYTE);
            if (isV4Mapped(ip)) {
                return new InetSocketAddress(InetAddress.getByAddress(java.util.Arrays.copyOfRange(ip, 12, 16)), port);
            }
            int scope = at.get(ValueLayout.JAVA_INT_UNALIGNED, 24);
            return new InetSocketAddress(Inet6Address.getByAddress(null, ip, scope), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of a wrong length", e); // cannot happen: 4 or 16 bytes
        }
    }

    private static boolean isV4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) if (ip[i] != 0) return false;
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }
}
