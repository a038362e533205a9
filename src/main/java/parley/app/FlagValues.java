package parley.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The raw values read by {@link Flags}, with typed getters whose errors name where a bad
 * value came from ("--http-port", "PARLEY_HTTP_PORT" or a default). Immutable.
 */
final class FlagValues {
    /** A raw value and where it came from, for error messages. */
    record Setting(String value, String source) {}

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern DURATION = Pattern.compile("([0-9]+)([smhd])");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");

    private final Map<Flag, List<Setting>> values;

    FlagValues(Map<Flag, List<Setting>> values) {
        this.values = Map.copyOf(values);
    }

    private List<Setting> all(String name) {
        for (Map.Entry<Flag, List<Setting>> e : values.entrySet()) {
            if (e.getKey().name().equals(name)) return e.getValue();
        }
        throw new IllegalArgumentException("no flag --" + name + " in Flags.ALL");
    }

    /** The one value of a non-repeatable flag, or null when it has none. */
    private Setting one(String name) {
        List<Setting> list = all(name);
        return list.isEmpty() ? null : list.get(0);
    }

    /** Every value of a repeatable flag, in order. */
    List<String> strings(String name) {
        return all(name).stream().map(Setting::value).toList();
    }

    /** Whether the flag has a value (given, from the environment, or a default). */
    boolean isSet(String name) {
        return one(name) != null;
    }

    String string(String name) {
        Setting s = one(name);
        return s == null ? null : s.value();
    }

    int port(String name) {
        Setting s = one(name);
        try {
            int port = Integer.parseInt(s.value());
            if (port >= 0 && port <= 65535) return port;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(s, "a port number from 0 to 65535");
    }

    /** A whole number from {@code min} to {@code max}. */
    int integer(String name, int min, int max) {
        Setting s = one(name);
        try {
            int n = Integer.parseInt(s.value().strip());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(s, "a whole number from " + min + " to " + max);
    }

    boolean bool(String name) {
        Setting s = one(name);
        return switch (s.value().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(s, "true or false");
        };
    }

    /** A duration such as 90s, 30m, 12h or 2d, from {@code min} to {@code max}. */
    Duration duration(String name, Duration min, Duration max) {
        Setting s = one(name);
        var m = DURATION.matcher(s.value().strip().toLowerCase(Locale.ROOT));
        if (m.matches() && m.group(1).length() <= 9) {
            Duration d = durationOf(m);
            if (d.compareTo(min) >= 0 && d.compareTo(max) <= 0) return d;
        }
        throw bad(s, "a duration from " + shortForm(min) + " to " + shortForm(max) + ", a number with s, m, h or d");
    }

    /**
     * A budget {@code burst:interval}, e.g. 10:30s: a burst from 1 to {@code maxBurst} at
     * once, then one more per interval (1s to 1d).
     */
    parley.room.Budget budget(String name, int maxBurst) {
        Setting s = one(name);
        String[] parts = s.value().strip().toLowerCase(Locale.ROOT).split(":", -1);
        if (parts.length == 2 && parts[0].matches("[0-9]{1,9}")) {
            int burst = Integer.parseInt(parts[0]);
            var m = DURATION.matcher(parts[1]);
            if (burst >= 1 && burst <= maxBurst && m.matches() && m.group(1).length() <= 9) {
                Duration d = durationOf(m);
                if (d.compareTo(Duration.ofSeconds(1)) >= 0 && d.compareTo(Duration.ofDays(1)) <= 0) {
                    return new parley.room.Budget(burst, d);
                }
            }
        }
        throw bad(s, "burst:interval, e.g. 10:30s: 1 to " + maxBurst + " at once, then one per 1s to 1d (s, m, h or d)");
    }

    /** A matched {@link #DURATION}. */
    private static Duration durationOf(java.util.regex.Matcher m) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** 7d, 12h, 10m or 90s: the way an operator writes it. */
    private static String shortForm(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0) return s / 86_400 + "d";
        if (s % 3_600 == 0) return s / 3_600 + "h";
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** An IP address literal: never a host name, so that starting never waits for DNS. */
    InetAddress address(String name) {
        return address(one(name));
    }

    List<InetAddress> addresses(String name) {
        List<InetAddress> list = new ArrayList<>();
        for (Setting s : all(name)) list.add(address(s));
        return List.copyOf(list);
    }

    private static InetAddress address(Setting s) {
        String v = s.value();
        if (IPV4.matcher(v).matches() || IPV6.matcher(v).matches()) {
            try {
                return InetAddress.getByName(v);
            } catch (UnknownHostException e) {
                // reported below
            }
        }
        throw bad(s, "an IPv4 or IPv6 address");
    }

    /** A path, or null when unset. */
    Path path(String name) {
        Setting s = one(name);
        if (s == null) return null;
        try {
            return Path.of(s.value());
        } catch (InvalidPathException e) {
            throw bad(s, "a file path");
        }
    }

    /** An existing readable file, or null when unset. */
    Path file(String name) {
        Path p = path(name);
        if (p != null && !(Files.isRegularFile(p) && Files.isReadable(p))) throw bad(one(name), "a readable file");
        return p;
    }

    /** An existing folder, or null when unset. */
    Path folder(String name) {
        Path p = path(name);
        if (p != null && !Files.isDirectory(p)) throw bad(one(name), "an existing folder");
        return p;
    }

    /** One of {@code constants}, matched case-insensitively by name. */
    <E extends Enum<E>> E choice(String name, Class<E> type) {
        Setting s = one(name);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s.value())) return e;
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) names.add(e.name().toLowerCase(Locale.ROOT));
        throw bad(s, "one of " + String.join(", ", names));
    }

    private static ConfigException bad(Setting s, String expected) {
        return new ConfigException(s.source() + " '" + s.value() + "' (expected: " + expected + ")");
    }
}
