package parley.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The composition's ffmpeg arguments: grid, tiles, start offsets, one encoding for a file or a stream. */
class CompositionTest {
    private static TrackFile video(String name, long firstMs, String tile) {
        return new TrackFile(Path.of(name), true, firstMs, firstMs + 1000, 10, tile);
    }

    private static TrackFile audio(String name, long firstMs) {
        return new TrackFile(Path.of(name), false, firstMs, firstMs + 1000, 50);
    }

    @Test
    void gridsAreAsSquareAsPossible() {
        assertArrayEquals(new int[] {1, 1}, Composition.grid(1));
        assertArrayEquals(new int[] {2, 1}, Composition.grid(2));
        assertArrayEquals(new int[] {2, 2}, Composition.grid(3));
        assertArrayEquals(new int[] {3, 3}, Composition.grid(7));
    }

    @Test
    void eachParticipantsCameraHasOneCellAndEveryTrackStartsWhereItStarted() {
        String g = Composition.graph(List.of(
                video("a.webm", 0, "p1/camera"), audio("a.webm", 0),
                video("b.webm", 2_500, "p2/camera"),
                video("c.webm", 7_000, "p1/camera")), 10_000); // p1's camera again, after a renegotiation

        assertTrue(g.startsWith("color=c=black:s=1280x720:r=25:d=10.000[base0]"), g);
        assertTrue(g.contains("[0:v]setpts=PTS-STARTPTS+0.000/TB,scale=640:720"), g);
        assertTrue(g.contains("[2:v]setpts=PTS-STARTPTS+2.500/TB"), g);
        assertTrue(g.contains("[base0][t0]overlay=x=0:y=0:eof_action=pass[base1]"), g);
        assertTrue(g.contains("[base1][t1]overlay=x=640:y=0:eof_action=pass[base2]"), g);
        assertTrue(g.contains("[base2][t2]overlay=x=0:y=0:eof_action=pass[base3]"), "p1's second camera in p1's cell: " + g);
        assertTrue(g.contains("[1:a]asetpts=PTS-STARTPTS+0.000/TB,aresample=48000:async=1:first_pts=0"), g);
        assertTrue(g.endsWith("amix=inputs=1:duration=longest:dropout_transition=0,volume=1[a]"), g);
    }

    @Test
    void aMeetingWithoutSoundGetsSilence() {
        String g = Composition.graph(List.of(video("a.webm", 0, "p1/camera")), 3_000);
        assertTrue(g.endsWith("anullsrc=r=48000:cl=stereo,atrim=duration=3.000[a]"), g);
    }

    @Test
    void theSameEncodingGoesToAFileOrAStream() {
        List<TrackFile> tracks = List.of(audio("a.webm", 0));
        List<String> file = Composition.arguments(tracks, 1_000, 2, new Composition.Output.File("/r/x.mp4"));
        List<String> stream = Composition.arguments(tracks, 1_000, 2, new Composition.Output.Rtmp("rtmp://h/live/key"));
        assertEquals(List.of("-movflags", "+faststart", "-f", "mp4", "/r/x.mp4"), file.subList(file.size() - 5, file.size()));
        assertEquals(List.of("-f", "flv", "rtmp://h/live/key"), stream.subList(stream.size() - 3, stream.size()));
        assertEquals(file.subList(0, file.size() - 5), stream.subList(0, stream.size() - 3));
        assertTrue(file.containsAll(List.of("-c:v", "libx264", "-c:a", "aac", "-threads", "2")));
    }
}
