package parley.media.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** The portable path: one NIO receive or send per datagram, sent at once. */
final class NioDatagramIo implements DatagramIo {
    private final MediaCounters counters;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MediaLoop.MAX_DATAGRAM + 1);
    private final byte[] receiveArray = new byte[MediaLoop.MAX_DATAGRAM + MediaLoop.SEND_HEADROOM];
    private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(MediaLoop.MAX_DATAGRAM + MediaLoop.SEND_HEADROOM);

    NioDatagramIo(MediaCounters counters) {
        this.counters = counters;
    }

    @Override
    public int receive(MediaSocket socket, int max, Sink sink) throws IOException {
        int n = 0;
        while (n < max) {
            receiveBuffer.clear();
            var from = socket.channel().receive(receiveBuffer);
            if (from == null) break;
            n++;
            receiveBuffer.flip();
            int len = receiveBuffer.remaining();
            counters.packetsReceived.increment();
            if (len > MediaLoop.MAX_DATAGRAM) {
                counters.malformed.increment();
                continue;
            }
            receiveBuffer.get(receiveArray, 0, len);
            sink.onDatagram(receiveArray, 0, len, (InetSocketAddress) from, socket);
        }
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len, MediaSocket via, InetSocketAddress to) {
        sendBuffer.clear();
        sendBuffer.put(buf, off, len).flip();
        try {
            if (via.channel().send(sendBuffer, to) == 0) counters.sendDropped.increment();
            else counters.packetsSent.increment();
        } catch (IOException | RuntimeException e) {
            counters.sendErrors.increment();
        }
    }

    @Override
    public void flush() {
        // Every send went out at once.
    }

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public void close() {
        // The loop closes the sockets.
    }
}
