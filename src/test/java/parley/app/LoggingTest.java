package parley.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** The address filter of logback.xml and the level switch. */
class LoggingTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "from 127.0.0.1:54321 closed                  | from [address]:54321 closed",
            "SocketChannelEndPoint@1{l=/10.0.0.5:8443,r=/192.168.1.20:40000} | SocketChannelEndPoint@1{l=/[address]:8443,r=/[address]:40000}",
            "peer [2001:db8::1]:443                      | peer [[address]]:443",
            "peer ::1 and fe80::1%eth0                   | peer [address] and [address]",
            "full 2001:0db8:0000:0000:0000:ff00:0042:8329 | full [address]",
            "mapped ::ffff:192.0.2.1                     | mapped ::ffff:[address]",
            "0:0:0:0:0:0:0:1                             | [address]",
            "at 12:30:45 in Foo::bar                     | at 12:30:45 in Foo::bar",
            "jetty 12.1.14 and logback 1.5.18            | jetty 12.1.14 and logback 1.5.18",
            "room velvet-otter-9f3k                      | room velvet-otter-9f3k"})
    void redactsAddressesOnly(String in, String out) {
        assertEquals(out, Logging.redact(in));
    }

    static ch.qos.logback.classic.encoder.PatternLayoutEncoder shippedEncoder() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var appender = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        return (ch.qos.logback.classic.encoder.PatternLayoutEncoder)
                ((ch.qos.logback.core.ConsoleAppender<?>) appender).getEncoder();
    }

    @Test
    void layoutOfLogbackXmlRedactsMessageAndStackTrace() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("test"), Level.WARN, "failed for {}",
                new IOException("reset by /10.1.2.3:5000"), new Object[] {"198.51.100.7"});
        List<String> lines = shippedEncoder().getLayout().doLayout(event).lines().toList();
        assertTrue(lines.get(0).endsWith(" WARN  test - failed for [address]"), lines.get(0));
        assertEquals("java.io.IOException: reset by /[address]:5000", lines.get(1));
    }

    @Test
    void shippedConfigurationUsesTheFilterAndKeepsJettyAtWarn() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertEquals("%d{HH:mm:ss.SSS} %-5level %logger{24} - %redactedMsg%n%redactedEx", shippedEncoder().getPattern());
        assertEquals(Level.WARN, context.getLogger("org.eclipse.jetty").getLevel());
        assertEquals(Level.INFO, context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel());
    }

    @Test
    void levelSwitchKeepsJettyQuiet() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        try {
            Logging.setLevel(Config.LogLevel.DEBUG);
            assertEquals(Level.DEBUG, context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel());
            assertEquals(Level.WARN, context.getLogger("org.eclipse.jetty").getLevel());
            Logging.setLevel(Config.LogLevel.ERROR);
            assertEquals(Level.ERROR, context.getLogger("org.eclipse.jetty").getLevel());
        } finally {
            Logging.setLevel(Config.LogLevel.INFO);
        }
    }
}
