package parley.web;

import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names and addresses this server answers to in the Host header. A page from a name an
 * attacker controls (DNS rebinding: evil.example first resolves to the attacker, then to
 * this server) carries that name in Host and in Origin, which then agree with each other;
 * only a list of the server's own names tells it apart. Entries are host names, "*.domain"
 * (one more label, as in a certificate), or IP addresses; "*" alone allows every host.
 * Immutable.
 */
public final class AllowedHosts {
    /** Names every server answers to, whatever its configuration. */
    public static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");

    private final Set<String> names;
    private final boolean any;

    private AllowedHosts(Set<String> names, boolean any) {
        this.names = Set.copyOf(names);
        this.any = any;
    }

    /** Every host (the check is off). */
    public static AllowedHosts any() {
        return new AllowedHosts(Set.of(), true);
    }

    /** These names, addresses and wildcards; "*" among them allows every host. */
    public static AllowedHosts of(Collection<String> entries) {
        Set<String> names = new TreeSet<>();
        for (String e : entries) {
            String n = bare(e.strip());
            if (n.equals("*")) return any();
            if (n.isEmpty() || !n.matches("(\\*\\.)?[a-z0-9.:_-]+")) {
                throw new IllegalArgumentException("allowed host '" + e + "' (expected: a host name, *.domain or an IP address)");
            }
            names.add(literal(n));
        }
        return new AllowedHosts(names, false);
    }

    /** True when a request whose Host header names {@code host} (without port) is for this server. */
    public boolean allows(String host) {
        if (any) return true;
        if (host == null || host.isEmpty()) return false;
        String h = literal(bare(host));
        if (names.contains(h)) return true;
        int dot = h.indexOf('.');
        return dot > 0 && names.contains("*" + h.substring(dot));
    }

    /** A copy that also allows {@code more}. */
    public AllowedHosts plus(Collection<String> more) {
        if (any) return this;
        Set<String> all = new TreeSet<>(names);
        all.addAll(of(more).names);
        return new AllowedHosts(all, false);
    }

    public boolean allowsAny() {
        return any;
    }

    /** Lower case, without IPv6 brackets or a trailing dot. */
    private static String bare(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        int scope = h.indexOf('%');
        return scope >= 0 && h.contains(":") ? h.substring(0, scope) : h;
    }

    /** IP literals in one spelling ("::1" and "0:0:0:0:0:0:0:1" are the same host). */
    private static String literal(String h) {
        if (!h.contains(":") && !h.matches("[0-9.]+")) return h;
        try {
            return InetAddress.ofLiteral(h).getHostAddress();
        } catch (IllegalArgumentException e) {
            return h;
        }
    }

    @Override
    public String toString() {
        return any ? "*" : String.join(",", names);
    }
}
