package parley.signal;

/**
 * A {@code join} on its way to a room, with what the host policy said of its token:
 * {@code mayCreate} when it may open a new room, {@code tokenHolder} when it carries a
 * valid host token (which makes its holder a moderator), {@code keyWrong} when it carries a
 * host token that is not valid.
 */
record JoinRequest(ClientMessage.Join join, boolean mayCreate, boolean tokenHolder, boolean keyWrong) {
    /** The canonical room name asked for. */
    String key() {
        return join.room();
    }
}
