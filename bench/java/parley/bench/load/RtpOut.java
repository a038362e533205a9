package parley.bench.load;

/** Where a publisher's RTP packets go: encrypted and sent by a {@link MediaPeer}, or kept by a test. */
interface RtpOut {
    /** Sends the RTP packet b[0, len) (b has room after it for the SRTP tag); false if it was not sent. */
    boolean sendRtp(byte[] b, int len);
}
