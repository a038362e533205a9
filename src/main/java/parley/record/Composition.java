package parley.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ffmpeg command that turns a meeting's track files into one watchable file: every video
 * (one cell per participant and source, the tracks of a cell one after the other) in a grid (each fitted into its cell, aspect kept, placed at its start time on a black
 * 1280x720 canvas of the meeting's length), every audio track mixed, each aligned by the time
 * its first frame had on the recording's timeline. Encoded once, as H.264 and AAC: in MP4 for a
 * file, and the same encoding in FLV for an RTMP URL (a live stream can use the same graph).
 * Pure: it only builds arguments.
 */
final class Composition {
    static final int WIDTH = 1280;
    static final int HEIGHT = 720;
    static final int FPS = 25;

    /** Where the composition goes: a file (MP4) or, later, a live stream (RTMP, FLV). */
    sealed interface Output {
        record File(String path) implements Output {}

        record Rtmp(String url) implements Output {}
    }

    private Composition() {}

    /** Grid columns and rows for {@code n} tiles: as square as possible, wider than tall. */
    static int[] grid(int n) {
        int cols = (int) Math.ceil(Math.sqrt(Math.max(1, n)));
        int rows = (int) Math.ceil(Math.max(1, n) / (double) cols);
        return new int[] {cols, rows};
    }

    /**
     * The arguments after the ffmpeg command: inputs (one decoder thread each), the filter graph,
     * the encoders with {@code threads} threads, and the output. {@code durationMs}: the meeting's length.
     */
    static List<String> arguments(List<TrackFile> tracks, long durationMs, int threads, Output output) {
        List<String> args = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-v", "error", "-y"));
        for (TrackFile t : tracks) args.addAll(List.of("-threads", "1", "-i", t.path().toString()));
        args.addAll(List.of("-filter_complex_threads", "1", "-filter_complex", graph(tracks, durationMs)));
        args.addAll(List.of("-map", "[v]", "-map", "[a]",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "26", "-pix_fmt", "yuv420p", "-g", String.valueOf(FPS * 2),
                "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
                "-threads", String.valueOf(threads), "-t", seconds(durationMs)));
        switch (output) {
            case Output.File f -> args.addAll(List.of("-movflags", "+faststart", "-f", "mp4", f.path()));
            case Output.Rtmp r -> args.addAll(List.of("-f", "flv", r.url()));
        }
        return args;
    }

    /**
     * One track as the graph takes it: {@code label} names its stream ("[2:v]" for a file's, "[0:2]"
     * for a live stream's), {@code pts} the expression that places its frames on the output's
     * timeline.
     */
    private record Input(String label, boolean video, String tile, String pts) {}

    /** The filter graph: video tiles overlaid on a canvas ([v]) and the mixed audio ([a]). */
    static String graph(List<TrackFile> tracks, long durationMs) {
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            TrackFile t = tracks.get(i);
            inputs.add(new Input("[" + i + (t.video() ? ":v]" : ":a]"), t.video(), t.tile(), "PTS-STARTPTS+" + seconds(t.firstMs()) + "/TB"));
        }
        return inputGraph(inputs, durationMs);
    }

    /** A live stream's track: video or audio, and its grid cell (participant and source). */
    record LiveTrack(boolean video, String tile) {}

    /**
     * The arguments after the ffmpeg command for a live stream: one Matroska input on standard
     * input whose stream i is {@code tracks.get(i)}, its blocks already on the stream's timeline;
     * the same grid and mix as a recording, encoded at a steady bitrate for RTMP, to {@code url}
     * (FLV). Progress goes to standard output ({@code -progress}), so the caller sees it flow.
     * No {@code -fflags +nobuffer}: it makes ffmpeg drop the packets it read while probing the
     * input, which hold each video's first keyframe, and a browser sends the next one only when
     * asked, so no video frame was ever decoded and the stream never went live.
     */
    static List<String> liveArguments(List<LiveTrack> tracks, int threads, String url) {
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) inputs.add(new Input("[0:" + i + "]", tracks.get(i).video(), tracks.get(i).tile(), "PTS"));
        List<String> args = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-v", "error", "-nostats",
                "-progress", "pipe:1", "-stats_period", "1",
                "-probesize", "32768", "-analyzeduration", "500000",
                "-threads", "1", "-f", "matroska", "-i", "pipe:0"));
        args.addAll(List.of("-filter_complex_threads", "1", "-filter_complex", inputGraph(inputs, -1)));
        args.addAll(List.of("-map", "[v]", "-map", "[a]",
                "-c:v", "libx264", "-preset", "superfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
                "-b:v", "2500k", "-maxrate", "2500k", "-bufsize", "5000k", "-g", String.valueOf(FPS * 2),
                "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
                "-threads", String.valueOf(threads), "-flvflags", "no_duration_filesize", "-f", "flv", url));
        return args;
    }

    /** {@code durationMs} below 0: a live stream, without end. */
    private static String inputGraph(List<Input> tracks, long durationMs) {
        StringBuilder g = new StringBuilder();
        g.append("color=c=black:s=").append(WIDTH).append('x').append(HEIGHT).append(":r=").append(FPS);
        if (durationMs >= 0) g.append(":d=").append(seconds(durationMs));
        g.append("[base0]");
        List<Integer> video = new ArrayList<>();
        List<Integer> audio = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) (tracks.get(i).video() ? video : audio).add(i);
        List<String> tiles = new ArrayList<>();
        for (int in : video) if (!tiles.contains(tracks.get(in).tile())) tiles.add(tracks.get(in).tile());
        int[] grid = grid(tiles.size());
        int cellW = WIDTH / grid[0] & ~1;
        int cellH = HEIGHT / grid[1] & ~1;
        for (int k = 0; k < video.size(); k++) {
            int in = video.get(k);
            int cell = tiles.indexOf(tracks.get(in).tile()); // a track published again shows where it was
            g.append(';').append(tracks.get(in).label()).append("setpts=").append(tracks.get(in).pts())
                    .append(",scale=").append(cellW).append(':').append(cellH)
                    .append(":force_original_aspect_ratio=decrease,pad=").append(cellW).append(':').append(cellH)
                    .append(":(ow-iw)/2:(oh-ih)/2,setsar=1[t").append(k).append(']');
            g.append(";[base").append(k).append("][t").append(k).append("]overlay=x=").append(cell % grid[0] * cellW)
                    .append(":y=").append(cell / grid[0] * cellH).append(":eof_action=pass[base").append(k + 1).append(']');
        }
        g.append(";[base").append(video.size()).append("]null[v]");
        for (int k = 0; k < audio.size(); k++) {
            int in = audio.get(k);
            // aresample fills the time before the first frame and any gap with silence, by timestamps
            g.append(';').append(tracks.get(in).label()).append("asetpts=").append(tracks.get(in).pts())
                    .append(",aresample=48000:async=1:first_pts=0,aformat=channel_layouts=stereo[m").append(k).append(']');
        }
        if (audio.isEmpty()) {
            g.append(";anullsrc=r=48000:cl=stereo");
            if (durationMs >= 0) g.append(",atrim=duration=").append(seconds(durationMs));
            g.append("[a]");
        } else {
            g.append(';');
            for (int k = 0; k < audio.size(); k++) g.append("[m").append(k).append(']');
            // amix divides by the number of inputs; the volume gives back part of what one speaker at a time loses
            g.append("amix=inputs=").append(audio.size()).append(":duration=longest:dropout_transition=0,volume=")
                    .append(Math.min(audio.size(), 2)).append("[a]");
        }
        return g.toString();
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }
}
