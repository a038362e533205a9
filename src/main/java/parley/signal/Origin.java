package parley.signal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where a connection comes from, for per-address budgets: the IPv4 address, or the /64 of
 * an IPv6 address (one subscriber usually has a whole /64), as a keyed hash under a key
 * drawn at start, so that the budgets hold no address (not even in a heap dump) and the
 * keys mean nothing after a restart. Unknown addresses share one origin. Thread-safe.
 */
final class Origin {
    static final String UNKNOWN = "unknown";

    private final SecretKeySpec key;

    Origin() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        key = new SecretKeySpec(k, "HmacSHA256");
    }

    /** The origin of {@code address} (null: {@link #UNKNOWN}). */
    String of(InetAddress address) {
        if (address == null) return UNKNOWN;
        byte[] raw = address.getAddress();
        byte[] prefix = address instanceof Inet6Address && !isMappedV4(raw) ? Arrays.copyOf(raw, 8)
                : address instanceof Inet4Address ? raw : Arrays.copyOfRange(raw, 12, 16);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac.doFinal(prefix), 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static boolean isMappedV4(byte[] raw) {
        if (raw.length != 16) return false;
        for (int i = 0; i < 10; i++) if (raw[i] != 0) return false;
        return raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
    }
}
