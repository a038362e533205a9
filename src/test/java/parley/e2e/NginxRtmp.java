package parley.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real RTMP server for tests: Debian's nginx with libnginx-mod-rtmp, in the foreground, its
 * configuration, log and recordings in a temporary folder. Application "live" takes any stream
 * key and records everything it receives (record all), one FLV per connection (record_unique),
 * so a stream that reconnects leaves a second file. Can be killed and started again on the same port.
 */
final class NginxRtmp implements AutoCloseable {
    static final Path NGINX = Path.of("/usr/sbin/nginx");
    static final Path MODULE = Path.of("/usr/lib/nginx/modules/ngx_rtmp_module.so");

    private final Path dir;
    private final int port;
    private Process process;

    private NginxRtmp(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static boolean available() {
        return Files.isExecutable(NGINX) && Files.isRegularFile(MODULE);
    }

    /** Starts nginx on a free loopback port. */
    static NginxRtmp start() {
        try {
            Path dir = Files.createTempDirectory("parley-rtmp");
            Files.createDirectories(dir.resolve("rec"));
            NginxRtmp n = new NginxRtmp(dir, FreePorts.tcp());
            Files.writeString(dir.resolve("nginx.conf"), n.config());
            n.restart();
            return n;
        } catch (IOException e) {
            throw new E2eException("cannot prepare nginx", e);
        }
    }

    private String config() {
        return """
                load_module %s;
                daemon off;
                master_process off;
                error_log %s/error.log info;
                pid %s/nginx.pid;
                events { worker_connections 64; }
                rtmp {
                  server {
                    listen 127.0.0.1:%d;
                    application live {
                      live on;
                      record all;
                      record_path %s/rec;
                      record_unique on;
                    }
                  }
                }
                """.formatted(MODULE, dir, dir, port, dir);
    }

    /** (Re)starts nginx and waits until it listens. */
    void restart() {
        process = Processes.start(List.of(NGINX.toString(), "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
                "-c", dir.resolve("nginx.conf").toString()), dir.resolve("stdout.log"), Map.of());
        Poll.until("nginx listening on " + port, Duration.ofSeconds(10), this::listening);
    }

    /** Kills nginx at once (SIGKILL): the stream's TCP connection is reset, as when a server dies. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The URL of the application that takes streams (the key goes after it). */
    String url() {
        return "rtmp://127.0.0.1:" + port + "/live";
    }

    /** The FLV files nginx recorded, oldest first. */
    List<Path> recordings() {
        try (var files = Files.list(dir.resolve("rec"))) {
            return files.filter(p -> p.toString().endsWith(".flv")).sorted().toList();
        } catch (IOException e) {
            throw new E2eException("cannot list " + dir, e);
        }
    }

    String log() {
        return Processes.readLog(dir.resolve("error.log"));
    }

    @Override
    public void close() {
        if (process != null) Processes.kill(process);
        Processes.deleteTree(dir);
    }
}
