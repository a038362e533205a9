package parley.e2e;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * Captures what an in-process server logs (through SLF4J and Logback) while a test runs:
 * for failure reports, and to check the privacy rule that logs never hold IP addresses,
 * room names, nicknames or message text. Keeps the last {@value #MAX_LINES} lines.
 * Thread-safe.
 */
public final class LogCapture implements AutoCloseable {
    static final int MAX_LINES = 20_000;

    private final Deque<String> lines = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Appender appender = new Appender();
    private final Logger root;

    private LogCapture(Logger root) {
        this.root = root;
    }

    /** Starts capturing everything logged to the root logger. */
    public static LogCapture start() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new E2eException("SLF4J is bound to " + LoggerFactory.getILoggerFactory().getClass().getName()
                    + " (expected: Logback)");
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        LogCapture capture = new LogCapture(root);
        capture.appender.setContext(context);
        capture.appender.setName("parley-e2e-capture-" + System.identityHashCode(capture));
        capture.appender.start();
        root.addAppender(capture.appender);
        return capture;
    }

    /** The captured lines, oldest first: {@code LEVEL logger - message [exception class: message]}. */
    public List<String> lines() {
        return new ArrayList<>(lines);
    }

    /** The captured lines joined by newlines. */
    public String text() {
        return String.join("\n", lines);
    }

    /** The last {@code n} lines, for failure messages. */
    public String tail(int n) {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
    }

    /**
     * Fails when a captured line contains any of {@code secrets} (IP addresses, room names,
     * nicknames, chat text the test used), quoting the first offending line.
     */
    public void assertNoneContain(String... secrets) {
        for (String line : lines) {
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    throw new AssertionError("log line contains \"" + secret + "\" (expected: never logged): " + line);
                }
            }
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }

    private final class Appender extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder line = new StringBuilder()
                    .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" - ")
                    .append(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                line.append(" [").append(event.getThrowableProxy().getClassName()).append(": ")
                        .append(event.getThrowableProxy().getMessage()).append(']');
            }
            lines.addLast(line.toString());
            if (size.incrementAndGet() > MAX_LINES) {
                lines.pollFirst();
                size.decrementAndGet();
            }
        }
    }
}
