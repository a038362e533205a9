package parley.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code aiortc_client.py} reports when it ends (see that script's docstring).
 *
 * @param remoteVideoFrames decoded video frames per remote track id
 * @param remoteAudioFrames decoded audio frames per remote track id
 * @param remoteVideoRgb    centre pixel [r, g, b] of a recent frame per video track id
 * @param remoteAudioRms    RMS level (0..1) of a recent audio frame per audio track id
 * @param remoteTracks      every track the server listed, by track id
 * @param raw               the whole summary JSON, for failure messages and fields added later
 */
public record AiortcSummary(boolean joined, String participantId, Map<String, Long> remoteVideoFrames,
                            Map<String, Long> remoteAudioFrames, Map<String, List<Integer>> remoteVideoRgb,
                            Map<String, Double> remoteAudioRms, Map<String, RemoteTrack> remoteTracks,
                            int negotiations, List<String> connectionStates, List<String> errors, JsonNode raw) {
    public AiortcSummary {
        remoteVideoFrames = Map.copyOf(remoteVideoFrames);
        remoteAudioFrames = Map.copyOf(remoteAudioFrames);
        remoteVideoRgb = Map.copyOf(remoteVideoRgb);
        remoteAudioRms = Map.copyOf(remoteAudioRms);
        remoteTracks = Map.copyOf(remoteTracks);
        connectionStates = List.copyOf(connectionStates);
        errors = List.copyOf(errors);
        Objects.requireNonNull(raw, "raw");
    }

    /** A track as announced in {@code tracks}. */
    public record RemoteTrack(String participantId, String kind, String source) {}

    /** Parses the summary file's JSON. */
    public static AiortcSummary parse(JsonNode json) {
        Map<String, List<Integer>> rgb = new LinkedHashMap<>();
        json.path("remoteVideoRgb").properties().forEach(e -> {
            List<Integer> channels = new ArrayList<>();
            e.getValue().forEach(c -> channels.add(c.asInt()));
            rgb.put(e.getKey(), channels);
        });
        Map<String, Double> rms = new LinkedHashMap<>();
        json.path("remoteAudioRms").properties().forEach(e -> rms.put(e.getKey(), e.getValue().asDouble()));
        Map<String, RemoteTrack> tracks = new LinkedHashMap<>();
        json.path("remoteTracks").properties().forEach(e -> tracks.put(e.getKey(), new RemoteTrack(
                e.getValue().path("participantId").asText(null), e.getValue().path("kind").asText(null),
                e.getValue().path("source").asText(null))));
        return new AiortcSummary(json.path("joined").asBoolean(false), json.path("participantId").asText(null),
                counts(json.path("remoteVideoFrames")), counts(json.path("remoteAudioFrames")), rgb, rms, tracks,
                json.path("negotiations").asInt(0), texts(json.path("connectionStates")), texts(json.path("errors")),
                json);
    }

    /** Video frames decoded from all of {@code participantId}'s tracks. */
    public long videoFramesFrom(String participantId) {
        return framesFrom(remoteVideoFrames, participantId);
    }

    /** Audio frames decoded from all of {@code participantId}'s tracks. */
    public long audioFramesFrom(String participantId) {
        return framesFrom(remoteAudioFrames, participantId);
    }

    private long framesFrom(Map<String, Long> frames, String participantId) {
        return frames.entrySet().stream()
                .filter(e -> remoteTracks.containsKey(e.getKey())
                        && participantId.equals(remoteTracks.get(e.getKey()).participantId()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static Map<String, Long> counts(JsonNode node) {
        Map<String, Long> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public String toString() {
        return raw.toString();
    }
}
