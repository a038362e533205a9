package parley.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cameras of the others, in order of arrival (docs/protocol.md "Tracks": {@code joined.tracks},
 * then each participant's complete list in {@code tracks}, gone with {@code participant-left}), and
 * the {@code view} a participant showing a page of tiles sends from them. Not thread-safe: its
 * participant serializes calls.
 */
final class TrackBook {
    /** Tile height asked for, in pixels: the low simulcast layer. */
    static final int TILE_HEIGHT = 180;
    /** The dominant speaker's height, in pixels: the high layer. */
    static final int SPEAKER_HEIGHT = 720;

    private final String self;
    /** Camera track ids per participant, participants in order of first arrival. */
    private final Map<String, List<String>> cameras = new LinkedHashMap<>();

    TrackBook(String self) {
        this.self = self;
    }

    /** {@code joined.tracks}: every published track, each with its participantId. */
    void joined(JsonNode tracks) {
        for (JsonNode t : tracks) {
            String owner = t.path("participantId").asText();
            if (!owner.equals(self) && isCamera(t)) cameras.computeIfAbsent(owner, k -> new ArrayList<>()).add(t.path("trackId").asText());
        }
    }

    /** {@code tracks}: one participant's complete new list. */
    void tracks(String participantId, JsonNode tracks) {
        if (participantId.equals(self)) return;
        List<String> list = new ArrayList<>();
        for (JsonNode t : tracks) if (isCamera(t)) list.add(t.path("trackId").asText());
        cameras.put(participantId, list);
    }

    void left(String participantId) {
        cameras.remove(participantId);
    }

    /** The first {@code tiles} cameras. */
    List<String> firstCameras(int tiles) {
        List<String> shown = new ArrayList<>();
        for (List<String> list : cameras.values()) {
            for (String id : list) {
                if (shown.size() == tiles) return shown;
                shown.add(id);
            }
        }
        return shown;
    }

    /** The {@code view} message for a page of {@code tiles} tiles and a speaker view. */
    Map<String, Object> view(int tiles) {
        List<Map<String, Object>> video = new ArrayList<>();
        for (String id : firstCameras(tiles)) video.add(Map.of("trackId", id, "height", TILE_HEIGHT));
        return Map.of("type", "view", "video", video, "speakerHeight", SPEAKER_HEIGHT);
    }

    /** The {@code view} of a fan-out receiver: the first {@code count} cameras, all at {@code height}, no speaker view. */
    Map<String, Object> viewAll(int count, int height) {
        List<Map<String, Object>> video = new ArrayList<>();
        for (String id : firstCameras(count)) video.add(Map.of("trackId", id, "height", height));
        return Map.of("type", "view", "video", video, "speakerHeight", 0);
    }

    private static boolean isCamera(JsonNode t) {
        return "camera".equals(t.path("source").asText()) && "video".equals(t.path("kind").asText("video"));
    }
}
