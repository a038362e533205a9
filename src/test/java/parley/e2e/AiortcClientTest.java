package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Proves the aiortc participant before the real server exists: the script starts with the
 * system Python, and against {@code mock_parley.py} (an aiortc answerer speaking the
 * protocol's media subset over WSS) it joins, publishes and offers its receive slots once,
 * decodes its own echoed video and audio, and survives the tracks going away without
 * renegotiating.
 */
@Tag("e2e")
class AiortcClientTest {
    @Test
    void helpRunsWithTheSystemPython() {
        String help = AiortcPeer.help();

        assertTrue(help.contains("usage: aiortc_client.py"), help);
        assertTrue(help.contains("--duration"), help);
    }

    @Test
    void joinsPublishesAndDecodesItsEchoThroughTheMockServer() throws IOException {
        try (MockParley mock = MockParley.start(3)) {
            AiortcPeer.Options options = AiortcPeer.Options.of(mock.url(), "harness-room", "Ada")
                    .withDuration(Duration.ofSeconds(6)).withMedia(2);
            try (AiortcPeer peer = AiortcPeer.start(options)) {
                AiortcSummary summary = peer.awaitSummary();

                String context = summary + "\nclient log:\n" + peer.log() + "\nmock log:\n" + mock.log();
                assertTrue(summary.joined(), context);
                assertEquals(List.of(), summary.errors(), context);
                assertTrue(summary.videoFramesFrom("pecho") > 50, context);
                assertTrue(summary.audioFramesFrom("pecho") > 100, context);
                assertTrue(summary.remoteAudioRms().get("techo-audio") > 0.05, context);
                List<Integer> rgb = summary.remoteVideoRgb().get("techo-video");
                int colour = FakeMedia.colour(2);
                assertTrue(Math.abs(rgb.get(0) - (colour >> 16)) < 24 && Math.abs(rgb.get(2) - (colour & 0xFF)) < 24,
                        "echoed colour " + rgb + " (expected: about " + Integer.toHexString(colour) + ")");
                // one offer: own tracks and receive slots; tracks coming and going need none
                assertEquals(1, summary.negotiations(), context);
                assertTrue(summary.connectionStates().contains("connected"), context);
            }
        }
    }

    /** {@code mock_parley.py} as a child process on an ephemeral loopback port. */
    private record MockParley(Process process, Path dir, int port) implements AutoCloseable {
        static MockParley start(double goneAfterS) throws IOException {
            Path dir = Files.createTempDirectory("parley-mock");
            Path portFile = dir.resolve("port");
            Process process = Processes.start(Processes.python("mock_parley.py",
                    List.of("--port-file", portFile.toString(), "--gone-after", Double.toString(goneAfterS))),
                    dir.resolve("mock.log"), Processes.PYTHON_ENV);
            Poll.until("mock_parley.py writing its port", Duration.ofSeconds(15),
                    () -> Files.exists(portFile) || !process.isAlive());
            if (!process.isAlive()) {
                throw new E2eException("mock_parley.py exited: " + Processes.readLog(dir.resolve("mock.log")));
            }
            return new MockParley(process, dir, Integer.parseInt(Files.readString(portFile).strip()));
        }

        String url() {
            return "wss://127.0.0.1:" + port + "/ws";
        }

        String log() {
            return Processes.readLog(dir.resolve("mock.log"));
        }

        @Override
        public void close() {
            Processes.kill(process);
            Processes.deleteTree(dir);
        }
    }
}
