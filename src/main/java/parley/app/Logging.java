package parley.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log levels at start, and the last line of defence for privacy: src/main/resources/logback.xml
 * prints messages and stack traces through {@link RedactedMessage} and
 * {@link RedactedThrowable}, which replace anything that looks like an IP address with
 * "[address]" (a library's warning may carry a socket's description).
 */
public final class Logging {
    static final String REDACTED = "[address]";
    private static final Pattern IPV4 = Pattern.compile("(?<![\\w.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\w.])");
    /** Full (eight groups) or compressed ("::") IPv6, with an optional zone; not "12:30:45". */
    private static final Pattern IPV6 = Pattern.compile("(?<![\\w:.])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
            + "|(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?)"
            + "(?:%[\\w.]+)?(?![\\w:])");

    private Logging() {}

    /** Sets the root level; Jetty stays at WARN, or ERROR when the root is at ERROR. */
    static void setLevel(Config.LogLevel level) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        Level root = Level.toLevel(level.name());
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(root);
        context.getLogger("org.eclipse.jetty").setLevel(root == Level.ERROR ? Level.ERROR : Level.WARN);
    }

    /** {@code text} with every IPv4 and IPv6 address replaced by "[address]". */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        String v4 = IPV4.matcher(text).replaceAll(REDACTED);
        return IPV6.matcher(v4).replaceAll(REDACTED);
    }

    /** Logback's %msg, redacted (conversion word "redactedMsg" in logback.xml). */
    public static final class RedactedMessage extends MessageConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return redact(super.convert(event));
        }
    }

    /** Logback's %ex, redacted (conversion word "redactedEx" in logback.xml). */
    public static final class RedactedThrowable extends ThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy proxy) {
            return redact(super.throwableProxyToString(proxy));
        }
    }
}
