package parley.room;

import java.util.Objects;

/**
 * Someone who knocked and waits to be admitted, with the state they asked to join with;
 * {@code e2eeCapable}: their client can encrypt end to end.
 */
public record LobbyGuest<C>(String id, String name, C link, boolean audioMuted, boolean videoMuted, String avatar,
                            boolean e2eeCapable) {
    public LobbyGuest {
        Objects.requireNonNull(id);
        Objects.requireNonNull(name);
        Objects.requireNonNull(link);
    }

    @Override
    public String toString() {
        return "LobbyGuest[" + id + "]"; // never the name
    }
}
