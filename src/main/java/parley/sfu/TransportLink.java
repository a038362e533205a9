package parley.sfu;

import parley.media.transport.Transport;

/** The production {@link MediaLink}: a client's ICE + DTLS + SRTP {@link Transport}. */
record TransportLink(Transport transport) implements MediaLink {
    @Override
    public void sendRtp(byte[] b, int off, int len) {
        transport.sendRtp(b, off, len);
    }

    @Override
    public void sendRtcp(byte[] b, int off, int len) {
        transport.sendRtcp(b, off, len);
    }

    @Override
    public void forgetOutgoingSsrc(long ssrc) {
        transport.forgetOutgoingSsrc(ssrc);
    }

    @Override
    public void tick(long nowMs) {
        transport.tick(nowMs);
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public void setTestDropRate(double rate) {
        transport.setTestDropRate(rate);
    }

    @Override
    public void setTestDownlink(long bps, long maxQueueMs) {
        transport.setTestDownlink(bps, maxQueueMs);
    }
}
