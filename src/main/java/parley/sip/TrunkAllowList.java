package parley.sip;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses allowed to send SIP (--sip-allow): single addresses and CIDR blocks, IPv4 or
 * IPv6. A request from anywhere else is answered 403 and counted; nothing is logged about it.
 */
public final class TrunkAllowList {
    private record Block(byte[] prefix, int bits) {}

    private final List<Block> blocks;

    private TrunkAllowList(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** Parses entries such as {@code 192.0.2.10}, {@code 198.51.100.0/24}, {@code 2001:db8::/32}. */
    public static TrunkAllowList of(List<String> entries) {
        List<Block> out = new ArrayList<>();
        for (String e : entries) {
            String s = e.strip();
            int slash = s.indexOf('/');
            InetAddress a;
            try {
                a = InetAddress.ofLiteral(slash < 0 ? s : s.substring(0, slash));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("'" + s + "' is not an IP address or CIDR block (expected e.g. 192.0.2.10 or 198.51.100.0/24)");
            }
            int max = a.getAddress().length * 8;
            int bits = max;
            if (slash >= 0) {
                String b = s.substring(slash + 1);
                if (!b.matches("[0-9]{1,3}") || Integer.parseInt(b) > max) {
                    throw new IllegalArgumentException("'" + s + "' has prefix length " + b + " (expected 0 to " + max + ")");
                }
                bits = Integer.parseInt(b);
            }
            out.add(new Block(a.getAddress(), bits));
        }
        return new TrunkAllowList(List.copyOf(out));
    }

    public boolean allows(InetAddress address) {
        byte[] a = address.getAddress();
        for (Block b : blocks) {
            if (b.prefix.length != a.length) continue;
            int full = b.bits / 8, rest = b.bits % 8;
            boolean match = true;
            for (int i = 0; i < full && match; i++) match = a[i] == b.prefix[i];
            if (match && rest > 0) {
                int mask = (0xff << (8 - rest)) & 0xff;
                match = (a[full] & mask) == (b.prefix[full] & mask);
            }
            if (match) return true;
        }
        return false;
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }
}
