package parley.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import parley.room.Permissions.Action;

/** The permission table, row by row: actor role × action × target role → allowed or not. */
class PermissionsTest {

    @ParameterizedTest(name = "{0} {1} {2} (self={3}) -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # actor       | action           | target      | self  | allowed
            HOST          | KICK             | HOST        | true  | false
            HOST          | KICK             | MODERATOR   | false | true
            HOST          | KICK             | PARTICIPANT | false | true
            MODERATOR     | KICK             | HOST        | false | false
            MODERATOR     | KICK             | MODERATOR   | false | true
            MODERATOR     | KICK             | MODERATOR   | true  | false
            MODERATOR     | KICK             | PARTICIPANT | false | true
            PARTICIPANT   | KICK             | HOST        | false | false
            PARTICIPANT   | KICK             | MODERATOR   | false | false
            PARTICIPANT   | KICK             | PARTICIPANT | false | false
            HOST          | REVOKE_MODERATOR | HOST        | true  | false
            HOST          | REVOKE_MODERATOR | MODERATOR   | false | true
            MODERATOR     | REVOKE_MODERATOR | HOST        | false | false
            MODERATOR     | REVOKE_MODERATOR | MODERATOR   | false | true
            MODERATOR     | REVOKE_MODERATOR | MODERATOR   | true  | false
            PARTICIPANT   | REVOKE_MODERATOR | HOST        | false | false
            PARTICIPANT   | REVOKE_MODERATOR | MODERATOR   | false | false
            HOST          | GRANT_MODERATOR  | PARTICIPANT | false | true
            MODERATOR     | GRANT_MODERATOR  | PARTICIPANT | false | true
            MODERATOR     | GRANT_MODERATOR  | HOST        | false | false
            PARTICIPANT   | GRANT_MODERATOR  | PARTICIPANT | false | false
            PARTICIPANT   | GRANT_MODERATOR  | PARTICIPANT | true  | false
            HOST          | MUTE             | PARTICIPANT | false | true
            MODERATOR     | MUTE             | HOST        | false | true
            MODERATOR     | MUTE             | MODERATOR   | false | true
            PARTICIPANT   | MUTE             | PARTICIPANT | false | false
            PARTICIPANT   | MUTE             | HOST        | false | false
            HOST          | ASK_UNMUTE       | PARTICIPANT | false | true
            MODERATOR     | ASK_UNMUTE       | HOST        | false | true
            PARTICIPANT   | ASK_UNMUTE       | MODERATOR   | false | false
            """)
    void targetedActions(Role actor, Action action, Role target, boolean self, boolean allowed) {
        Optional<String> refusal = Permissions.refusal(actor, action, target, self);
        assertEquals(allowed, refusal.isEmpty(), refusal.orElse("allowed"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # actor       | action          | allowed
            HOST          | SET_PASSWORD    | true
            MODERATOR     | SET_PASSWORD    | true
            PARTICIPANT   | SET_PASSWORD    | false
            HOST          | SET_LOBBY       | true
            MODERATOR     | SET_LOBBY       | true
            PARTICIPANT   | SET_LOBBY       | false
            HOST          | ADMIT           | true
            MODERATOR     | ADMIT           | true
            PARTICIPANT   | ADMIT           | false
            HOST          | DENY            | true
            MODERATOR     | DENY            | true
            PARTICIPANT   | DENY            | false
            HOST          | MUTE_ALL        | true
            MODERATOR     | MUTE_ALL        | true
            PARTICIPANT   | MUTE_ALL        | false
            HOST          | LOCK            | true
            MODERATOR     | LOCK            | true
            PARTICIPANT   | LOCK            | false
            HOST          | SET_START_MUTED | true
            MODERATOR     | SET_START_MUTED | true
            PARTICIPANT   | SET_START_MUTED | false
            HOST          | END             | true
            MODERATOR     | END             | true
            PARTICIPANT   | END             | false
            HOST          | ROTATE          | true
            MODERATOR     | ROTATE          | true
            PARTICIPANT   | ROTATE          | false
            HOST          | ENCRYPT         | true
            MODERATOR     | ENCRYPT         | true
            PARTICIPANT   | ENCRYPT         | false
            """)
    void roomActions(Role actor, Action action, boolean allowed) {
        assertEquals(allowed, Permissions.refusal(actor, action, null, false).isEmpty());
    }

    @Test
    void everyRefusalSaysWhy() {
        assertEquals(Optional.of("nobody can kick the host"), Permissions.refusal(Role.MODERATOR, Action.KICK, Role.HOST, false));
        assertEquals(Optional.of("only moderators may do that"), Permissions.refusal(Role.PARTICIPANT, Action.LOCK, null, false));
    }

    @Test
    void targetedActionWithoutTargetIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> Permissions.refusal(Role.HOST, Action.KICK, null, false));
    }
}
