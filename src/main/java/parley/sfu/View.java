package parley.sfu;

import java.util.List;

/**
 * What one receiver shows: video tracks in priority order with their on-screen heights in
 * device pixels, and the height at which it shows the dominant speaker (0: it does not).
 * Validated and clamped by signaling before it gets here.
 */
public record View(List<Item> video, int speakerHeight) {
    public View {
        video = List.copyOf(video);
    }

    public record Item(String trackId, int height) {}
}
