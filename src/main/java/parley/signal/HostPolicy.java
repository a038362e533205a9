package parley.signal;

import java.util.Arrays;

/** Who may create rooms: anyone, holders of a shared host secret, or holders of a signed JWT. */
public sealed interface HostPolicy {
    /** Anyone may create a room (the default). */
    record None() implements HostPolicy {}

    /** Only a {@code join} whose {@code hostToken} equals {@code secret} may create a room. */
    record Secret(String secret) implements HostPolicy {
        public Secret {
            if (secret == null || secret.length() < 16) {
                throw new IllegalArgumentException("host secret of " + (secret == null ? 0 : secret.length())
                        + " characters (expected: at least 16)");
            }
        }

        @Override
        public String toString() {
            return "Secret[***]";
        }
    }

    /**
     * Only a {@code join} whose {@code hostToken} is a JWT signed with HS256 under {@code key}
     * (at least 32 bytes) and currently valid (exp required, nbf honoured) may create a room.
     */
    record Jwt(byte[] key) implements HostPolicy {
        public Jwt {
            if (key == null || key.length < 32) {
                throw new IllegalArgumentException("JWT key of " + (key == null ? 0 : key.length)
                        + " bytes (expected: at least 32 for HS256)");
            }
            key = key.clone();
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Jwt j && Arrays.equals(key, j.key);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key);
        }

        @Override
        public String toString() {
            return "Jwt[***]";
        }
    }
}
