package parley.media.codec;

/** A malformed RTP payload (VP8, VP9, H.264, AV1) from the network; the message names the field, the actual and the expected value. */
public final class CodecException extends Exception {
    public CodecException(String message) {
        super(message);
    }
}
