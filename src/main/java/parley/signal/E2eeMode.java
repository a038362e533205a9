package parley.signal;

/**
 * Whether rooms are end-to-end encrypted (docs/e2ee.md): never ({@link #OFF}), when the
 * {@code join} that opens the room asks for it ({@link #OPTIONAL}), or always
 * ({@link #REQUIRED}). An encrypted room stays encrypted until it ends.
 */
public enum E2eeMode {
    OFF, OPTIONAL, REQUIRED;

    /** Whether a room opened by a join that asked for encryption ({@code asked}) is encrypted. */
    boolean encrypts(boolean asked) {
        return this == REQUIRED || (this == OPTIONAL && asked);
    }
}
