package parley.app;

import java.net.Inet6Address;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.captions.VoskRecognizers;
import parley.record.Recorder;
import parley.sip.SipConfig;
import parley.sip.SipServer;
import parley.sip.TrunkAllowList;
import parley.record.RecorderConfig;
import parley.room.MediaPlane;
import parley.signal.SignalServer;
import parley.web.AllowedHosts;
import parley.web.Certificates;
import parley.web.TlsIdentity;
import parley.web.WebConfig;
import parley.web.WebException;
import parley.web.WebServer;

/**
 * Entry point and composition root: reads the {@link Config}, starts the media plane, the
 * signaling server and the web server, prints where Parley is, and stops everything on
 * SIGTERM (or Ctrl-C). Exit status 2 for bad flags, 1 when a part cannot start.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    /** Jetty's own idle limit, a backstop: signaling closes a silent connection after 15 s (protocol.md, "Transport"). */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        if (Flags.helpRequested(args)) {
            System.out.print(Flags.help());
            return;
        }
        Config config;
        try {
            config = Config.parse(args);
        } catch (ConfigException e) {
            System.err.println("parley: " + e.getMessage());
            System.err.println("Run parley --help to see every flag.");
            System.exit(2);
            return;
        }
        Logging.setLevel(config.logLevel());
        Running running;
        try {
            running = start(config, InstantSource.system());
        } catch (WebException e) {
            // Straight to stderr: the message names this server's own address and port,
            // which the log filter would hide.
            System.err.println("parley: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            LOG.error("Parley could not start", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "shutdown"));
        System.out.println("Parley is up: " + String.join(" ", urls(config, running.web())));
        running.web().join();
    }

    /** The started parts, stopped in reverse order of their start. */
    public record Running(WebServer web, ScheduledExecutorService timers, SfuMediaPlane media, SignalServer signal,
                          SipServer sip) implements AutoCloseable {
        @Override
        public void close() {
            if (sip != null) sip.close();
            web.close();
            signal.close();
            timers.shutdownNow();
            media.close();
            LOG.info("Parley stopped");
        }
    }

    /** Starts media, signaling and web; on failure stops what already runs. */
    public static Running start(Config config, InstantSource clock) throws WebException {
        TlsIdentity tls = config.plainHttp() ? null : tlsIdentity(config, clock);
        SfuMediaPlane media = startMedia(config);
        if (config.recordings() != null) {
            media.recorder(new Recorder(RecorderConfig.of(config.recordings(), config.recordingRoomNames(),
                    config.recordingUpload()), clock, media.loop()::nowMs));
        }
        if (config.captionsModel() != null) media.recognizers(captions(config, media));
        if (!config.streamTo().isEmpty()) {
            media.streamer(new parley.record.Streamer(parley.record.StreamConfig.of(config.streamTo()), media.loop()::nowMs));
        }
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("signal-timers").daemon().factory());
        try {
            SignalServer signal = SignalServers.create(config, media, clock, timers);
            WebConfig web = new WebConfig(config.bind(), config.httpPort(), tls, config.frameAncestors(),
                    config.staticDir(), IDLE_TIMEOUT, config.limits(), allowedHosts(config, tls));
            WebServer webServer = WebServer.start(web, signal, config.branding());
            try {
                return new Running(webServer, timers, media, signal, startSip(config, signal, clock));
            } catch (WebException | RuntimeException e) {
                webServer.close();
                throw e;
            }
        } catch (WebException | RuntimeException e) {
            timers.shutdownNow();
            media.close();
            throw e;
        }
    }

    /**
     * --allowed-hosts, or by default every name this server can rightly be asked for: loopback,
     * this machine's name and interface addresses, the announced addresses, the bind address
     * and the certificate's names. Behind a TLS proxy (no certificate here) the default is any
     * host: the proxy knows the public name, Parley does not.
     */
    static AllowedHosts allowedHosts(Config config, TlsIdentity tls) {
        if (!config.allowedHosts().isEmpty()) return AllowedHosts.of(config.allowedHosts());
        if (tls == null) return AllowedHosts.any();
        Set<String> names = new LinkedHashSet<>(AllowedHosts.LOOPBACK);
        HostAddresses.hostName().ifPresent(names::add);
        for (InetAddress a : HostAddresses.interfaceAddresses()) names.add(a.getHostAddress());
        for (InetAddress a : config.publicIps()) names.add(a.getHostAddress());
        if (!config.bind().isAnyLocalAddress()) names.add(config.bind().getHostAddress());
        names.addAll(tls.hostNames());
        return AllowedHosts.of(names);
    }

    /** The speech model of --captions-model, loaded once (it takes a few seconds and some hundred MB). */
    static VoskRecognizers captions(Config config, SfuMediaPlane media) throws WebException {
        try {
            return new VoskRecognizers(config.captionsModel());
        } catch (java.io.IOException | RuntimeException e) {
            media.close();
            throw new WebException("--captions-model: " + e.getMessage());
        }
    }

    /** Phone dial-in on --sip-port, or null without it. */
    static SipServer startSip(Config config, SignalServer signal, InstantSource clock) throws WebException {
        if (config.sip() == null) return null;
        InetAddress announced = config.publicIps().isEmpty() ? InetAddress.getLoopbackAddress() : config.publicIps().getFirst();
        SipConfig sip = new SipConfig(new InetSocketAddress(config.mediaBind(), config.sip().port()), announced,
                TrunkAllowList.of(config.sip().allow()), config.sip().numbers());
        try {
            return new SipServer(sip, signal.enableDialIn(config.sip().numbers()), clock).start();
        } catch (IOException e) {
            throw new WebException("SIP port " + config.sip().port() + " (UDP): " + e.getMessage());
        }
    }

    /** The SFU on its one UDP port, advertising the configured (or discovered) addresses. */
    static SfuMediaPlane startMedia(Config config) throws WebException {
        try {
            return new SfuMediaPlane(new InetSocketAddress(config.mediaBind(), config.mediaPort()), config.publicIps(),
                    config.mediaIo().name(), config.mediaThreads(), config.mediaNice(), config.mediaTcpPort());
        } catch (IOException e) {
            // WebException is what start() reports to the operator; the message names only the port.
            throw new WebException("media port " + config.mediaPort() + " (UDP, and TCP for ICE-TCP): " + e.getMessage());
        }
    }

    /** The PEM files of --cert/--key, or a new self-signed certificate for this machine's names. */
    static TlsIdentity tlsIdentity(Config config, InstantSource clock) throws WebException {
        if (config.cert() != null) return Certificates.fromPem(config.cert(), config.key());
        List<String> names = new ArrayList<>(List.of("localhost"));
        HostAddresses.hostName().ifPresent(names::add);
        Set<InetAddress> ips = new LinkedHashSet<>();
        ips.add(InetAddress.getLoopbackAddress());
        ips.addAll(config.publicIps());
        return Certificates.selfSigned(names, List.copyOf(ips), clock.instant());
    }

    /** Where a browser on this machine, and one that knows its name, can reach Parley. */
    static List<String> urls(Config config, WebServer web) {
        List<String> hosts = new ArrayList<>();
        if (config.bind().isAnyLocalAddress()) {
            hosts.add("localhost");
            HostAddresses.hostName().ifPresent(hosts::add);
        } else {
            InetAddress a = config.bind();
            hosts.add(a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress());
        }
        return hosts.stream().map(h -> web.scheme() + "://" + h + ":" + web.port() + "/").toList();
    }
}
