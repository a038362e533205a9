package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.room.Breakout;
import org.slf4j.LoggerFactory;

/**
 * A whole meeting with everything private in it (room name, names, chat, password, kick
 * reason, avatar, bad input) while every log event is captured. The test logs at TRACE,
 * stricter than the default INFO: nothing private may appear at any level.
 */
class PrivacyLogTest {
    private static final String ROOM = "zebra-quartz-private";
    private static final List<String> PRIVATE = List.of(ROOM, "Zelda", "Yorick", "Xavier", "the launch code is 42", "spoken caption secret",
            "p4ssw0rd-secret", "go-away-reason", "iVBORw0KGgoSECRET", "not-welcome-note", "127.0.0.1",
            "secret poll question", "secret poll option",
            "stream-key-secret", "rtmp-host-secret",
            "Vault breakout name", Breakout.KEY_PREFIX);

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Level rootLevel;

    @BeforeEach
    void capture() {
        rootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void release() {
        root.detachAppender(captured);
        root.setLevel(rootLevel);
    }

    @Test
    void nothingPrivateIsLogged() {
        Harness h = new Harness(Harness.testConfig().captions(CaptionsPolicy.MODERATORS));
        TestClient zelda = h.joined(ROOM, "Zelda");
        TestClient yorick = h.joined(ROOM, "Yorick");
        zelda.say("{'type':'chat','text':'the launch code is 42'}");
        yorick.say("{'type':'chat','text':'the launch code is 42','to':'" + zelda.id + "'}");
        yorick.say("{'type':'update','avatar':'data:image/png;base64,iVBORw0KGgoSECRET'}");
        zelda.say("{'type':'set-password','password':'p4ssw0rd-secret'}");
        zelda.say("{'type':'create-poll','question':'secret poll question','options':['secret poll option','b']}");
        yorick.say("{'type':'vote','pollId':'poll-1','option':0}");
        yorick.say("{'type':'vote','pollId':'poll-1','option':1}");
        yorick.say("{'type':'create-poll','question':'secret poll question','options':['secret poll option','b']}");
        zelda.say("{'type':'create-poll','question':'secret poll question','options':['secret poll option','secret poll option']}");
        yorick.say("{'type':'react','emoji':'secret poll option'}");
        TestClient xavier = h.client();
        xavier.say("{'type':'join','room':'" + ROOM + "','name':'Xavier','password':'p4ssw0rd-secret-wrong'}");
        h.advance(Duration.ofSeconds(1));
        xavier.say("{'type':'join','room':'" + ROOM + "','name':'Xavier\\u0007','password':'127.0.0.1'}");
        xavier.say("{'type':'join','room':'" + ROOM + "','name':'Xavier','password':'p4ssw0rd-secret'}");
        xavier.id = xavier.take("joined").at("/you/id").asText();
        zelda.say("{'type':'set-lobby','enabled':true}");
        TestClient w = h.client();
        w.say("{'type':'join','room':'" + ROOM + "','name':'Xavier Two'}");
        zelda.say("{'type':'deny','all':true,'message':'not-welcome-note'}");
        yorick.say("{'type':'offer','sdp':'v=0 c=IN IP4 127.0.0.1','send':[{'mid':'0','source':'mic'}],'recv':[]}");
        h.media.room().peers.get(xavier.id).failWith = "bad SDP from 127.0.0.1";
        xavier.say("{'type':'offer','sdp':'v=0 127.0.0.1','send':[],'recv':[]}");
        h.media.room().events.onPeerFailed(yorick.id, "consent from 127.0.0.1 expired");
        zelda.say("{'type':'kick','participantId':'" + xavier.id + "','reason':'go-away-reason'}");
        zelda.say("{'type':'rotate','newPassword':true}");
        yorick.say("{\"type\":\"chat\",\"text\":\"Zelda\",\"text\":\"Zelda\"}".replace('"', '\''));
        for (int i = 0; i < 200; i++) yorick.say("{'type':'chat','text':'the launch code is 42'}");
        zelda.say("{'type':'record','action':'start'}");
        zelda.say("{'type':'record','action':'stop'}");
        zelda.say("{'type':'stream','action':'start','url':'rtmp://rtmp-host-secret/live','key':'stream-key-secret'}");
        h.media.room().streams.get(0).events.onFailed("the live stream stopped");
        zelda.say("{'type':'local-recording','action':'start'}");
        zelda.say("{'type':'set-captions','on':true}");
        h.media.room().captions.get(0).events.onCaption(zelda.id, "spoken caption secret", false);
        h.media.room().captions.get(0).events.onCaption(zelda.id, "spoken caption secret", true);
        zelda.take("caption");
        zelda.say("{'type':'breakouts-open','rooms':[{'name':'Vault breakout name'}]}");
        zelda.say("{'type':'breakout-choose','breakout':'b1'}");
        String token = zelda.take("breakout-move").get("token").asText();
        zelda.say("{'type':'leave'}");
        TestClient zeldaMoved = h.client();
        zeldaMoved.say("{'type':'join-move','token':'" + token + "','name':'Zelda'}");
        zeldaMoved.take("joined");
        zeldaMoved.say("{'type':'chat','text':'the launch code is 42'}");
        zeldaMoved.say("{'type':'end-meeting'}");
        assertEquals(0, h.server.roomCount(), "the breakout ended, and with nobody away the main room too");
        TestClient late = h.client(); // the old link after the move: told, and the name not logged
        late.say("{'type':'join','room':'" + ROOM + "','name':'Xavier'}");
        late.error("link-changed");

        assertTrue(captured.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("room opened")),
                "the meeting was logged at all");
        for (ILoggingEvent e : captured.list) {
            String text = e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
            for (String secret : PRIVATE) assertFalse(text.contains(secret), "logged '" + secret + "': " + text);
        }
    }
}
