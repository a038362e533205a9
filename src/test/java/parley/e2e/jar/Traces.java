package parley.e2e.jar;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds what a server's output must not hold: secrets (room names, names, messages,
 * passwords; case-insensitive, because rooms compare case-insensitively) and addresses, in
 * every form Java or a library may print them. Stateless, thread-safe.
 */
final class Traces {
    private Traces() {}

    /** Each line of {@code output} that contains {@code secret}, ignoring case, as "line N: text". */
    static List<String> linesHolding(String output, String secret) {
        String wanted = secret.toLowerCase(Locale.ROOT);
        return matching(output, line -> line.toLowerCase(Locale.ROOT).contains(wanted));
    }

    /**
     * Each line that names {@code address} (in any of its {@link #forms}) as a whole token:
     * "127.0.0.1" counts, "127.0.0.10" and "1127.0.0.1" do not.
     */
    static List<String> linesNaming(String output, InetAddress address) {
        List<Pattern> patterns = forms(address).stream().map(Traces::tokenPattern).toList();
        return matching(output, line -> patterns.stream().anyMatch(p -> p.matcher(line).find()));
    }

    /** Each line that has {@code word} as a whole word (letters, digits, '-', '_' and '.' bound it), ignoring case. */
    static List<String> linesWithWord(String output, String word) {
        Pattern p = Pattern.compile("(?<![\\w.-])" + Pattern.quote(word) + "(?![\\w-]|\\.\\w)",
                Pattern.CASE_INSENSITIVE);
        return matching(output, line -> p.matcher(line).find());
    }

    /**
     * The ways {@code address} can appear in text: IPv4 dotted; IPv6 as Java prints it
     * ("0:0:0:0:0:0:0:1") and compressed as RFC 5952 says ("::1"), without a zone.
     */
    static Set<String> forms(InetAddress address) {
        Set<String> forms = new LinkedHashSet<>();
        String host = address.getHostAddress();
        int zone = host.indexOf('%');
        String plain = zone < 0 ? host : host.substring(0, zone);
        forms.add(plain);
        if (address instanceof Inet6Address) {
            forms.add(compressed(plain));
        }
        return forms;
    }

    /** Every address of every interface of this machine, up or down, loopback and link-local included. */
    static List<InetAddress> interfaceAddresses() {
        List<InetAddress> all = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                all.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list this machine's interfaces", e);
        }
        return all;
    }

    /** RFC 5952 section 4.2: the longest run of two or more zero groups (the first of equals) becomes "::". */
    static String compressed(String fullIpv6) {
        String[] groups = fullIpv6.toLowerCase(Locale.ROOT).split(":", -1);
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].matches("0+")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        List<String> trimmed = new ArrayList<>();
        for (String g : groups) {
            trimmed.add(g.replaceFirst("^0+(?=.)", ""));
        }
        if (bestStart < 0) {
            return String.join(":", trimmed);
        }
        return String.join(":", trimmed.subList(0, bestStart)) + "::"
                + String.join(":", trimmed.subList(bestStart + bestLength, trimmed.size()));
    }

    /**
     * {@code form} as a whole token. A full IPv6 form (eight groups) may be followed by
     * ":port", as older JDKs print a socket address; a compressed one may not ("::1:80" is
     * another address).
     */
    private static Pattern tokenPattern(String form) {
        if (!form.contains(":")) {
            return Pattern.compile("(?<![0-9.])" + Pattern.quote(form) + "(?![0-9]|\\.[0-9])");
        }
        boolean full = !form.contains("::");
        return Pattern.compile("(?<![0-9A-Fa-f:])" + Pattern.quote(form) + (full ? "(?![0-9A-Fa-f])" : "(?![0-9A-Fa-f:])"));
    }

    private static List<String> matching(String output, java.util.function.Predicate<String> test) {
        List<String> found = new ArrayList<>();
        List<String> lines = output.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                found.add("line " + (i + 1) + ": " + lines.get(i));
            }
        }
        return found;
    }
}
