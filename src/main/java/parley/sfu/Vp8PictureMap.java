package parley.sfu;

import parley.media.codec.Vp8;

/**
 * Keeps the VP8 picture id and TL0PICIDX (RFC 7741 §4.2) of one consumer's outgoing stream
 * continuous when the consumer switches simulcast layers: each layer numbers its pictures on
 * its own, and a receiver that sees the picture id jump takes pictures for lost. Like
 * {@link SeqMap}, offsets are fixed at a switch so that the new layer's first picture follows
 * the last one forwarded, and added to every packet after it. Rewrites the outgoing copy only
 * (the incoming packet is shared by every consumer). Not thread-safe (loop thread only).
 */
final class Vp8PictureMap {
    private static final int PICTURE_ID_MODULUS = 1 << 15;
    private static final int TL0_MODULUS = 1 << 8;
    private final Field pictureId = new Field(PICTURE_ID_MODULUS);
    private final Field tl0PicIdx = new Field(TL0_MODULUS);

    /** The next packet starts a new source (call it on the keyframe that switches). */
    void switchSource() {
        pictureId.switching = true;
        tl0PicIdx.switching = true;
    }

    /** Rewrites the payload descriptor of the VP8 payload at {@code b[off, off + len)} in place. */
    void rewrite(byte[] b, int off, int len) {
        int id = Vp8.pictureId(b, off, len);
        if (id >= 0) {
            int width = Vp8.hasLongPictureId(b, off, len) ? PICTURE_ID_MODULUS : 1 << 7;
            Vp8.setPictureId(b, off, len, pictureId.map(id, width));
        }
        int tl0 = Vp8.tl0PicIdx(b, off, len);
        if (tl0 >= 0) {
            Vp8.setTl0PicIdx(b, off, len, tl0PicIdx.map(tl0, TL0_MODULUS));
        }
    }

    /** One wrapping counter: the offset of the current source and the newest value sent. */
    private static final class Field {
        private final int modulus;
        private boolean started;
        private boolean switching;
        private int offset;
        private int highest;

        Field(int modulus) {
            this.modulus = modulus;
        }

        /** Maps an incoming value that wraps at {@code width} (at most the modulus) to the outgoing one. */
        int map(int in, int width) {
            if (!started) {
                started = true;
                switching = false;
                highest = in;
            } else if (switching) {
                switching = false;
                offset = Math.floorMod(highest + 1 - in, modulus);
            }
            int out = (in + offset) % width;
            int ahead = Math.floorMod(out - highest, width);
            if (ahead != 0 && ahead < width / 2) {
                highest = out;
            }
            return out;
        }
    }
}
