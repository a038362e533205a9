package parley.bench.load.janus;

import java.io.IOException;

/** Janus answered with an error, or with something this client cannot read. */
public final class JanusException extends IOException {
    /** Janus's error code (the core's or the plugin's), or 0 when Janus did not give one. */
    private final int code;

    public JanusException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
