package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The permission table as the server enforces it: in a room of a host, a moderator, a
 * second moderator and two participants, each actor sends each action. A refused action
 * is answered {@code forbidden} and nobody else hears of it; an allowed one is not refused.
 */
class PermissionEnforcementTest {
    private final Harness h = new Harness();
    private final TestClient host = h.joined("room", "Host");
    private final TestClient mod = h.joined("room", "Mod");
    private final TestClient mod2 = h.joined("room", "Mod2");
    private final TestClient part = h.joined("room", "Part");
    private final TestClient target = h.joined("room", "Target");

    PermissionEnforcementTest() {
        host.say("{'type':'set-role','participantId':'" + mod.id + "','role':'moderator'}");
        host.say("{'type':'set-role','participantId':'" + mod2.id + "','role':'moderator'}");
        for (TestClient c : all()) c.clear();
    }

    private TestClient[] all() {
        return new TestClient[] {host, mod, mod2, part, target};
    }

    @ParameterizedTest(name = "{0}: {1} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # actor | action                   | message                                                            | expected
            host    | kick host                | {'type':'kick','participantId':'HOST'}                             | forbidden
            host    | kick moderator           | {'type':'kick','participantId':'MOD2'}                             | allowed
            host    | kick participant         | {'type':'kick','participantId':'TARGET'}                           | allowed
            mod     | kick host                | {'type':'kick','participantId':'HOST'}                             | forbidden
            mod     | kick moderator           | {'type':'kick','participantId':'MOD2'}                             | allowed
            mod     | kick participant         | {'type':'kick','participantId':'TARGET'}                           | allowed
            part    | kick host                | {'type':'kick','participantId':'HOST'}                             | forbidden
            part    | kick moderator           | {'type':'kick','participantId':'MOD2'}                             | forbidden
            part    | kick participant         | {'type':'kick','participantId':'TARGET'}                           | forbidden
            host    | demote host              | {'type':'set-role','participantId':'HOST','role':'participant'}    | forbidden
            mod     | demote host              | {'type':'set-role','participantId':'HOST','role':'participant'}    | forbidden
            part    | demote host              | {'type':'set-role','participantId':'HOST','role':'participant'}    | forbidden
            host    | demote moderator         | {'type':'set-role','participantId':'MOD2','role':'participant'}    | allowed
            mod     | demote moderator         | {'type':'set-role','participantId':'MOD2','role':'participant'}    | allowed
            part    | demote moderator         | {'type':'set-role','participantId':'MOD2','role':'participant'}    | forbidden
            host    | grant                    | {'type':'set-role','participantId':'TARGET','role':'moderator'}    | allowed
            mod     | grant                    | {'type':'set-role','participantId':'TARGET','role':'moderator'}    | allowed
            part    | grant                    | {'type':'set-role','participantId':'TARGET','role':'moderator'}    | forbidden
            part    | grant self               | {'type':'set-role','participantId':'PART','role':'moderator'}      | forbidden
            host    | mute                     | {'type':'mute','participantId':'TARGET','kind':'audio'}            | allowed
            mod     | mute                     | {'type':'mute','participantId':'TARGET','kind':'audio'}            | allowed
            mod     | mute host                | {'type':'mute','participantId':'HOST','kind':'video'}              | allowed
            part    | mute                     | {'type':'mute','participantId':'TARGET','kind':'audio'}            | forbidden
            host    | mute all                 | {'type':'mute','participantId':null,'kind':'audio'}                | allowed
            mod     | mute all                 | {'type':'mute','participantId':null,'kind':'audio'}                | allowed
            part    | mute all                 | {'type':'mute','participantId':null,'kind':'audio'}                | forbidden
            host    | ask to unmute            | {'type':'ask-unmute','participantId':'TARGET','kind':'audio'}      | allowed
            mod     | ask to unmute            | {'type':'ask-unmute','participantId':'TARGET','kind':'audio'}      | allowed
            part    | ask to unmute            | {'type':'ask-unmute','participantId':'TARGET','kind':'audio'}      | forbidden
            host    | lock                     | {'type':'set-lock','locked':true}                                  | allowed
            mod     | lock                     | {'type':'set-lock','locked':true}                                  | allowed
            part    | lock                     | {'type':'set-lock','locked':true}                                  | forbidden
            host    | end                      | {'type':'end-meeting'}                                             | allowed
            mod     | end                      | {'type':'end-meeting'}                                             | allowed
            part    | end                      | {'type':'end-meeting'}                                             | forbidden
            host    | rotate                   | {'type':'rotate','newPassword':true}                               | allowed
            mod     | rotate                   | {'type':'rotate','newPassword':false}                              | allowed
            part    | rotate                   | {'type':'rotate','newPassword':false}                              | forbidden
            host    | set password             | {'type':'set-password','password':'pw'}                            | allowed
            mod     | set password             | {'type':'set-password','password':'pw'}                            | allowed
            part    | set password             | {'type':'set-password','password':'pw'}                            | forbidden
            part    | remove password          | {'type':'set-password','password':null}                            | forbidden
            host    | lobby                    | {'type':'set-lobby','enabled':true}                                | allowed
            mod     | lobby                    | {'type':'set-lobby','enabled':true}                                | allowed
            part    | lobby                    | {'type':'set-lobby','enabled':true}                                | forbidden
            host    | admit                    | {'type':'admit','all':true}                                        | allowed
            mod     | admit                    | {'type':'admit','all':true}                                        | allowed
            part    | admit                    | {'type':'admit','all':true}                                        | forbidden
            mod     | deny                     | {'type':'deny','all':true}                                         | allowed
            part    | deny                     | {'type':'deny','all':true}                                         | forbidden
            host    | start muted              | {'type':'set-start-muted','audio':true,'video':true}               | allowed
            part    | start muted              | {'type':'set-start-muted','audio':true,'video':true}               | forbidden
            host    | record                   | {'type':'record','action':'start'}                                 | allowed
            mod     | record                   | {'type':'record','action':'start'}                                 | allowed
            part    | record                   | {'type':'record','action':'start'}                                 | forbidden
            part    | stop recording           | {'type':'record','action':'stop'}                                  | forbidden
            """)
    void roleTimesAction(String actorName, String action, String message, String expected) {
        Map<String, TestClient> actors = Map.of("host", host, "mod", mod, "part", part);
        TestClient actor = actors.get(actorName);
        String resolved = message.replace("HOST", host.id).replace("MOD2", mod2.id).replace("TARGET", target.id)
                .replace("PART", part.id);
        actor.say(resolved);
        if (expected.equals("forbidden")) {
            assertEquals("forbidden", actor.take("error").get("code").asText(), action);
            for (TestClient c : all()) {
                assertTrue(c.inbox.isEmpty(), "no effect on anyone: " + c.inbox);
                assertEquals(null, c.closeCode);
            }
            assertEquals(5, h.server.participantCount());
        } else {
            assertFalse(actor.inbox.stream().anyMatch(m -> m.path("type").asText().equals("error")),
                    action + " refused: " + actor.inbox);
        }
    }
}
