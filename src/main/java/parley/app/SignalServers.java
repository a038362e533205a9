package parley.app;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;
import parley.room.MediaPlane;
import parley.signal.CaptionsPolicy;
import parley.signal.E2eeMode;
import parley.signal.HostPolicy;
import parley.signal.SignalConfig;
import parley.signal.SignalServer;

/** Builds the signaling server from the one {@link Config}. */
final class SignalServers {
    private SignalServers() {}

    static SignalServer create(Config c, MediaPlane media, InstantSource clock, ScheduledExecutorService timers) {
        SignalConfig sc = SignalConfig.defaults().toBuilder()
                .allModerators(c.allModerators())
                .hostPolicy(hostPolicy(c))
                .e2eeMode(E2eeMode.valueOf(c.e2ee().name()))
                .turn(c.turn())
                .admission(c.admission())
                .captions(c.captionsModel() == null ? CaptionsPolicy.OFF
                        : c.captionsBy() == Config.CaptionsBy.ANYONE ? CaptionsPolicy.ANYONE : CaptionsPolicy.MODERATORS)
                .build();
        return new SignalServer(sc, media, clock, timers);
    }

    private static HostPolicy hostPolicy(Config c) {
        return switch (c.hostPolicy()) {
            case NONE -> new HostPolicy.None();
            case SECRET -> new HostPolicy.Secret(c.hostSecret());
            case JWT -> new HostPolicy.Jwt(c.jwtKey().getBytes(StandardCharsets.UTF_8));
        };
    }
}
