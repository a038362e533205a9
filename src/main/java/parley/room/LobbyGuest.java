package parley.room;

import java.util.Objects;

/** Someone who knocked and waits to be admitted, with the state they asked to join with. */
public record LobbyGuest<C>(String id, String name, C link, boolean audioMuted, boolean videoMuted, String avatar) {
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
