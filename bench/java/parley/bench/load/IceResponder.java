package parley.bench.load;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import parley.media.ice.IceCredentials;
import parley.media.ice.StunMessage;
import parley.media.ice.StunWriter;

/**
 * The answering half of a full ICE agent (RFC 8445 §7.3), for a server that checks us as well (Janus
 * is a full agent; Parley is ICE-lite and never does): a Binding request whose USERNAME is
 * "ourUfrag:theirUfrag" and whose MESSAGE-INTEGRITY verifies with our password is answered with a
 * success response carrying the request's source as XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY keyed
 * with our password, and FINGERPRINT (RFC 8489 §14.5, §14.7). Anything else gets no answer, as
 * RFC 8445 §7.3.1.1 allows for a check that fails authentication. Stateless.
 */
final class IceResponder {
    private IceResponder() {}

    /**
     * The success response to {@code request}, or null when it is not a Binding request for
     * {@code local} with valid integrity.
     *
     * @param local our ICE credentials (the ones in our SDP)
     * @param from  where the request came from (the server's candidate)
     */
    static byte[] answer(StunMessage request, IceCredentials local, InetSocketAddress from) {
        byte[] key = local.pwd().getBytes(StandardCharsets.UTF_8);
        String username = request.username();
        if (request.type() != StunMessage.BINDING_REQUEST || username == null
                || !username.startsWith(local.ufrag() + ":") || !request.hasValidIntegrity(key)) {
            return null;
        }
        return new StunWriter(StunMessage.BINDING_SUCCESS_RESPONSE, request.transactionId())
                .xorMappedAddress(from)
                .toBytes(key, true);
    }
}
