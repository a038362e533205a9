/**
 * What end-to-end encryption changes in a Call (docs/e2ee.md): the transforms and keys on
 * `joined` of an encrypted room, encryption turned on by a moderator during the meeting,
 * chat sealed before it is sent and opened before it is shown, and the loud warning when a
 * verified person's key changes. No DOM code; the call passes in what it owns.
 */
import { E2eeSession } from './e2ee.js';
import { t } from './i18n.js';

/** Encrypted chat grows by a third (base64) plus 46 characters; the server takes 2000. */
const CHAT_MAX_BYTES = 1400;
const UNDECRYPTABLE = 'e2ee.undecryptable';

export class E2eeCall {
  session;
  #call;

  /** call: {state, media, signaling, notice(text, tone, sticky)}. */
  constructor(call) {
    this.#call = call;
    this.session = new E2eeSession(call.signaling);
    this.session.addEventListener('changed', () => call.state.changed('e2ee'));
    this.session.addEventListener('key-changed', (e) => this.#keyChanged(e.detail.participantId));
    call.signaling.addEventListener('e2ee', (e) => this.session.receive(e.detail));
  }

  /**
   * `joined`, before the media starts: in an encrypted room the transforms go on before the
   * first frame, and a sender without a key sends nothing. `asked`: this join asked for it.
   */
  joined(m, asked, rejoin) {
    const encrypted = Boolean(m.room?.e2ee);
    this.#call.media.encryption = encrypted ? this.session : null;
    if (encrypted) this.session.start(m);
    else if (asked && !rejoin) {
      this.#call.notice(t('e2ee.notEncrypted'), 'error');
    }
  }

  /**
   * `room-updated` (after the state took it): a moderator may have turned encryption on. The
   * server has reset our transport (docs/protocol.md, "End-to-end encryption"): a new peer
   * connection with the transforms on before its first frame, as at a join. (A transform
   * put on a live sender is not dependable: Chromium 156 passes no frames through one set
   * after negotiation, and its older API needs a flag when the connection is made.)
   */
  roomUpdated(wasEncrypted) {
    const { state, signaling, media } = this.#call;
    if (wasEncrypted || !state.room?.e2ee || signaling.status !== 'joined') return;
    this.#call.notice(t('e2ee.nowOn'));
    media.encryption = this.session;
    this.session.start({ participants: [...state.participants.values()] });
    media.restart();
  }

  participantJoined(m) {
    this.session.participantJoined(m);
  }

  participantLeft(m) {
    this.session.participantLeft(m);
  }

  /** Sends `chat`, sealed in an encrypted meeting; false (with a notice) when it cannot go. */
  sendChat(text, to) {
    const { state, signaling } = this.#call;
    if (!state.room?.e2ee) return signaling.send({ type: 'chat', text, to });
    if (new TextEncoder().encode(text).length > CHAT_MAX_BYTES) {
      this.#call.notice(t('e2ee.chatTooLong'), 'error');
      return false;
    }
    this.session.sealChat(text).then((sealed) => {
      if (!sealed || !signaling.send({ type: 'chat', text: sealed, to })) this.#call.notice(t('e2ee.notSent'), 'error');
    });
    return true;
  }

  /** A `chat` from the server, as it should be shown (opened in an encrypted meeting), to `show`. */
  receiveChat(m, show) {
    if (!this.#call.state.room?.e2ee) {
      show(m);
      return;
    }
    this.session.openChat(m.text).then((text) => show({ ...m, text: text ?? t(UNDECRYPTABLE) }));
  }

  close() {
    this.session.close();
  }

  /** A participant marked verified now has another key: said loudly, and it stays on screen. */
  #keyChanged(participantId) {
    const name = this.#call.state.participants?.get?.(participantId)?.name ?? t('e2ee.someone');
    this.#call.notice(t('e2ee.keyChanged', { name }),
      'error', true);
  }
}
