package parley.sip;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The SIP side of dial-in: where it listens (UDP), the address its SDP and Contact announce
 * (RTP ports are ephemeral on it), which trunks may call, and the numbers shown to moderators.
 */
public record SipConfig(InetSocketAddress bind, InetAddress announced, TrunkAllowList allow, List<String> numbers) {
    public static final int MAX_CALLS = 64;

    public SipConfig {
        numbers = List.copyOf(numbers);
    }
}
