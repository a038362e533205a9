package parley.media.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The datagram transport under BouncyCastle's DTLS: received datagrams arrive through a bounded
 * queue fed by the UDP receive loop; sent ones go straight to the {@link DtlsServer.PacketSender}.
 *
 * <p>Thread-safety: {@link #offer} and {@link #interrupt} from any thread; {@link #receive} from the
 * one DTLS thread; {@link #send} from the DTLS thread or a thread closing the connection.
 */
final class QueueTransport implements DatagramTransport {
    /** Largest datagram sent, in bytes: fits every path WebRTC cares about, as browsers assume. */
    static final int SEND_LIMIT = 1200;
    /** Largest datagram accepted, in bytes; a DTLS peer may use a larger MTU than ours. */
    static final int RECEIVE_LIMIT = 4096;
    /** Datagrams waiting for the DTLS thread; more are dropped, as a full socket buffer would. */
    static final int QUEUE_CAPACITY = 64;
    private static final byte[] WAKE_UP = new byte[0];

    private final BlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final DtlsServer.PacketSender sender;
    /** Set by BouncyCastle when the DTLS connection ends (close_notify, fatal alert, local close). */
    private volatile boolean closed;
    /** Set by the owner's close(): the blocked DTLS thread must stop receiving. */
    private volatile boolean interrupted;

    QueueTransport(DtlsServer.PacketSender sender) {
        this.sender = sender;
    }

    /** Queues a copy of one received datagram; false when it was dropped. Never blocks. */
    boolean offer(byte[] buf, int off, int len) {
        if (closed || interrupted || len <= 0 || len > RECEIVE_LIMIT) {
            return false;
        }
        return inbound.offer(Arrays.copyOfRange(buf, off, off + len));
    }

    /** Makes the DTLS thread's current or next {@link #receive} throw {@link InterruptedIOException}. */
    void interrupt() {
        interrupted = true;
        wakeUp();
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return SEND_LIMIT;
    }

    /**
     * Waits for one datagram; {@code waitMillis} 0 waits without limit (as BouncyCastle's UDP
     * transport does). Returns -1 on timeout.
     */
    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        byte[] datagram;
        try {
            checkOpen();
            datagram = waitMillis == 0 ? inbound.take() : inbound.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("DTLS receive interrupted");
        }
        if (datagram == null) {
            return -1;
        }
        if (datagram == WAKE_UP) {
            checkOpen();
            return -1;
        }
        int n = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        if (!closed) {
            sender.send(buf, off, len);
        }
    }

    @Override
    public void close() {
        closed = true;
        wakeUp();
    }

    private void checkOpen() throws IOException {
        if (interrupted) {
            // Passes through BouncyCastle's DTLSTransport without a fatal alert; the owner closes it.
            throw new InterruptedIOException("DTLS server closed");
        }
        if (closed) {
            throw new IOException("DTLS connection closed");
        }
    }

    private void wakeUp() {
        if (!inbound.offer(WAKE_UP)) {
            // Full of datagrams nobody will read any more; make room for the wake-up.
            inbound.clear();
            inbound.offer(WAKE_UP);
        }
    }
}
