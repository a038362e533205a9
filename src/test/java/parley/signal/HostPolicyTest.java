package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** Who may open rooms: a shared host secret, or an HS256 JWT with a pinned algorithm and key. Guests never need a token. */
class HostPolicyTest {
    private static final String SECRET = "a-long-host-secret-0123";
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static String quoted(String token) {
        return "'hostToken':'" + token + "'";
    }

    @Test
    void onlyTheHostSecretOpensARoomAndGuestsNeedNothing() {
        Harness h = new Harness(Harness.testConfig().hostPolicy(new HostPolicy.Secret(SECRET)));
        TestClient early = h.client();
        early.say("{'type':'join','room':'team','name':'Early'}");
        early.error("host-required");
        early.say("{'type':'join','room':'team','name':'Early'," + quoted("wrong-secret-wrong-secret") + "}");
        early.error("host-key-wrong");
        assertEquals("{\"hostPolicy\":\"secret\"}", h.server.joinRules(), "what /server.json tells the start page");
        assertEquals(0, h.server.roomCount());
        assertEquals("host", h.client().join("team", "Hana", quoted(SECRET)).at("/you/role").asText());
        early.join("team", "Early", ""); // the same connection may try again; the room exists now
        assertEquals("moderator", h.client().join("team", "Mo", quoted(SECRET)).at("/you/role").asText(),
                "a token holder joining an open room is a moderator");
    }

    /** An ended meeting's name: guests are told it ended; the host key opens it again on purpose. */
    @Test
    void onlyTheHostKeyReopensAnEndedMeetingsName() {
        Harness h = new Harness(Harness.testConfig().hostPolicy(new HostPolicy.Secret(SECRET)));
        TestClient hana = h.client();
        hana.join("team", "Hana", quoted(SECRET));
        hana.say("{'type':'end-meeting'}");
        hana.take("ended");
        TestClient gus = h.client();
        gus.say("{'type':'join','room':'team','name':'Gus'}");
        gus.error("meeting-ended");
        gus.say("{'type':'join','room':'team','name':'Gus'," + quoted("wrong-secret-wrong-secret") + "}");
        gus.error("meeting-ended");
        assertEquals(0, h.server.roomCount());
        assertEquals("host", h.client().join("team", "Hana", quoted(SECRET)).at("/you/role").asText());
        gus.join("team", "Gus", "");
    }

    private Harness jwtHarness() {
        return new Harness(Harness.testConfig().hostPolicy(new HostPolicy.Jwt(KEY)));
    }

    private String token(JWSAlgorithm alg, byte[] key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    private JWTClaimsSet.Builder claims(Harness h, Duration validFor) {
        return new JWTClaimsSet.Builder().subject("host").expirationTime(Date.from(h.time.instant().plus(validFor)));
    }

    private void refused(Harness h, String token) {
        TestClient c = h.client();
        c.say("{'type':'join','room':'team','name':'X'," + quoted(token) + "}");
        c.error("host-key-wrong");
        assertEquals(0, h.server.roomCount());
    }

    @Test
    void aValidJwtOpensARoom() throws JOSEException {
        Harness h = jwtHarness();
        String t = token(JWSAlgorithm.HS256, KEY, claims(h, Duration.ofMinutes(5)).build());
        assertEquals("host", h.client().join("team", "Hana", quoted(t)).at("/you/role").asText());
        assertEquals("participant", h.client().join("team", "Guest", "").at("/you/role").asText());
    }

    @Test
    void expiredNotYetValidAndWithoutExpTokensAreRefused() throws JOSEException {
        Harness h = jwtHarness();
        refused(h, token(JWSAlgorithm.HS256, KEY, claims(h, Duration.ofMinutes(-2)).build()));
        refused(h, token(JWSAlgorithm.HS256, KEY, claims(h, Duration.ofMinutes(5))
                .notBeforeTime(Date.from(h.time.instant().plus(Duration.ofMinutes(2)))).build()));
        refused(h, token(JWSAlgorithm.HS256, KEY, new JWTClaimsSet.Builder().subject("host").build()));
    }

    @Test
    void otherAlgorithmsKeysAndRoomsAreRefused() throws JOSEException {
        Harness h = jwtHarness();
        JWTClaimsSet ok = claims(h, Duration.ofMinutes(5)).build();
        refused(h, token(JWSAlgorithm.HS512, KEY, ok)); // same key, other algorithm: the algorithm is pinned
        refused(h, token(JWSAlgorithm.HS256, "another-key-another-key-another-key!".getBytes(StandardCharsets.US_ASCII), ok));
        refused(h, token(JWSAlgorithm.HS256, KEY, claims(h, Duration.ofMinutes(5)).claim("room", "other").build()));
        refused(h, "not.a.jwt");
        refused(h, "garbage");
    }

    @Test
    void algNoneIsRefused() throws JOSEException {
        Harness h = jwtHarness();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(claims(h, Duration.ofMinutes(5)).build().toString().getBytes(StandardCharsets.UTF_8));
        refused(h, header + "." + payload + ".");
        // A valid signature's header swapped for alg none must fail too.
        String[] parts = token(JWSAlgorithm.HS256, KEY, claims(h, Duration.ofMinutes(5)).build()).split("\\.");
        refused(h, header + "." + parts[1] + "." + parts[2]);
    }

    @Test
    void aRoomClaimLimitsTheTokenToThatRoom() throws JOSEException {
        Harness h = jwtHarness();
        String t = token(JWSAlgorithm.HS256, KEY, claims(h, Duration.ofMinutes(5)).claim("room", "TEAM").build());
        assertEquals("host", h.client().join("team", "Hana", quoted(t)).at("/you/role").asText());
    }
}
