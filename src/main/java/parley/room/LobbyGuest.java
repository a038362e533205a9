package parley.room;

import java.util.Objects;

/**
 * Someone who knocked and waits to be admitted, with the state they asked to join with;
 * {@code e2eeCapable}: their client can encrypt end to end; {@code origin}: the key of
 * their address, for the lobby's per-address limits.
 */
public record LobbyGuest<C>(String id, String name, C link, boolean audioMuted, boolean videoMuted, String avatar,
                            boolean e2eeCapable, String origin) {
    public LobbyGuest {
        Objects.requireNonNull(origin);
        Objects.requireNonNull(id);
        Objects.requireNonNull(name);
        Objects.requireNonNull(link);
    }

    @Override
    public String toString() {
        return "LobbyGuest[" + id + "]"; // never the name
    }
}
