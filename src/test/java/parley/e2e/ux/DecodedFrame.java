package parley.e2e.ux;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Predicate;
import parley.e2e.Page;
import parley.e2e.Poll;

/**
 * What a receiver decodes of another participant's camera, read from the other person's
 * tile in the receiving page: how much fine detail a horizontal band of the picture holds
 * (the mean squared luma difference between horizontal neighbours: a sharp pattern gives
 * hundreds or thousands, a blurred one a few), and the centre pixel's colour. The effects
 * tests measure blur with it: the band lies in the background, and blur must take its
 * detail out. Works in any {@link Page} (Chromium or Firefox).
 */
record DecodedFrame(double hf, int red, int green, int blue, int width, int height) {
    /** A band of rows, as fractions of the picture's height. */
    record Band(double from, double to) {
        Band {
            if (!(from >= 0 && from < to && to <= 1)) {
                throw new IllegalArgumentException("band [" + from + ", " + to + ") (expected: 0 <= from < to <= 1)");
            }
        }
    }

    private static final String SCRIPT = """
            (from, to) => {
              const v = document.querySelector('.tile-camera:not([data-self]) video');
              if (!v || !v.videoWidth) return null;
              const w = v.videoWidth, h = v.videoHeight;
              const c = document.createElement('canvas');
              c.width = w; c.height = h;
              const x = c.getContext('2d', {willReadFrequently: true});
              x.drawImage(v, 0, 0, w, h);
              const d = x.getImageData(0, 0, w, h).data;
              const luma = (i) => 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
              let sum = 0, n = 0;
              for (let y = Math.floor(h * from); y < Math.max(Math.floor(h * from) + 1, Math.floor(h * to)); y++) {
                for (let i = 1; i < w; i++) { const a = (y * w + i) * 4; sum += (luma(a) - luma(a - 4)) ** 2; n++; }
              }
              const m = ((h >> 1) * w + (w >> 1)) * 4;
              return {hf: sum / n, red: d[m], green: d[m + 1], blue: d[m + 2], width: w, height: h};
            }""";

    /** The frame the page shows now of the (only) other participant's camera, or null before there is one. */
    static DecodedFrame read(Page page, Band band) {
        JsonNode f = page.call(SCRIPT, band.from(), band.to());
        return f.isNull() ? null : new DecodedFrame(f.path("hf").asDouble(), f.path("red").asInt(),
                f.path("green").asInt(), f.path("blue").asInt(), f.path("width").asInt(), f.path("height").asInt());
    }

    /** Polls {@link #read} until {@code done} holds; fails after {@code timeout} showing the last frame. */
    static DecodedFrame await(Page page, Band band, String what, Duration timeout, Predicate<DecodedFrame> done) {
        return Poll.await(page.label() + " seeing " + what, timeout, () -> read(page, band),
                f -> f != null && done.test(f), String::valueOf);
    }
}
