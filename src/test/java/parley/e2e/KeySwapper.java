package parley.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import parley.signal.E2eeRelayTap;

/**
 * The man in the middle a malicious server would be (docs/e2ee.md, "Verification"): it
 * replaces the public key in every relayed key payload with one of its own (a valid P-256
 * point, so the browsers accept it). Knowing the web client's payload format is what such
 * a server could do; that it then cannot read anything is what the test shows.
 */
final class KeySwapper implements E2eeRelayTap {
    private final String attackerKey = uncompressedPoint();
    private final AtomicInteger swapped = new AtomicInteger();

    @Override
    public String relay(String fromId, String toId, String payload) {
        try {
            ObjectNode msg = (ObjectNode) Json.parse(new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8));
            msg.put("pub", attackerKey);
            swapped.incrementAndGet();
            return Base64.getEncoder().encodeToString(Json.write(msg).getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return payload;
        }
    }

    int swapped() {
        return swapped.get();
    }

    /** A fresh P-256 public key as WebCrypto's "raw" export: 0x04, X, Y (32 bytes each), base64. */
    private static String uncompressedPoint() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            ECPublicKey pub = (ECPublicKey) g.generateKeyPair().getPublic();
            byte[] raw = new byte[65];
            raw[0] = 4;
            copy32(pub.getW().getAffineX().toByteArray(), raw, 1);
            copy32(pub.getW().getAffineY().toByteArray(), raw, 33);
            return Base64.getEncoder().encodeToString(raw);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("no P-256 in this JDK", e);
        }
    }

    /** A big-endian integer (maybe with a sign byte, maybe shorter) right-aligned in 32 bytes. */
    private static void copy32(byte[] v, byte[] out, int at) {
        int n = Math.min(v.length, 32);
        System.arraycopy(v, v.length - n, out, at + 32 - n, n);
    }
}
