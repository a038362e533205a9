/**
 * What to tell people when the server answers `error` during a meeting (docs/protocol.md,
 * "Error codes"): every refusal becomes a notice in plain words, never a silent failure.
 * Codes we know get our own text (by code and the `ref` message type first, then by code);
 * anything else shows the server's own message. No DOM code; the words are in the catalogue
 * (web/i18n), keys error.<code> and error.<code>.<ref>.
 */
import { t } from './i18n.js';

/** By "code/ref": the refusals whose meaning depends on what was refused. */
const BY_CODE_AND_REF = {
  'bad-request/offer': 'error.bad-request.offer',
  'bad-request/view': 'error.bad-request.view',
  'bad-request/chat': 'error.bad-request.chat',
  'too-large/chat': 'error.too-large.chat',
  'too-large/offer': 'error.too-large.offer',
  'rate-limited/chat': 'error.rate-limited.chat',
  'rate-limited/view': 'error.rate-limited.view',
  'not-found/chat': 'error.not-found.chat',
  'e2ee-unsupported/set-e2ee': 'error.e2ee-unsupported.set-e2ee',
  'forbidden/set-e2ee': 'error.forbidden.set-e2ee',
  'rate-limited/react': 'error.rate-limited.react',
  'bad-request/create-poll': 'error.bad-request.create-poll',
  'not-found/vote': 'error.not-found.vote',
  'not-found/close-poll': 'error.not-found.close-poll',
};

const BY_CODE = {
  forbidden: 'error.forbidden',
  'rate-limited': 'error.rate-limited',
  'too-large': 'error.too-large',
  'not-found': 'error.not-found',
  'media-failed': 'error.media-failed',
  'recording-e2ee': 'error.recording-e2ee',
  'recording-unavailable': 'error.recording-unavailable',
  'recording-failed': 'error.recording-failed',
  'captions-e2ee': 'error.captions-e2ee',
  'captions-unavailable': 'error.captions-unavailable',
  'already-voted': 'error.already-voted',
  'poll-limit': 'error.poll-limit',
  'stream-e2ee': 'error.stream-e2ee',
  'stream-unavailable': 'error.stream-unavailable',
  'stream-failed': 'error.stream-failed',
};

/** Codes whose server message adds something worth reading to our own text. */
const WITH_SERVER_MESSAGE = new Set(['bad-request', 'forbidden/set-e2ee', 'recording-failed', 'poll-limit', 'stream-unavailable', 'stream-failed']);

/**
 * The notice text for an `error` message {code, message, ref}. Always a sentence: our own
 * words where we know the code, else the server's message, else a general one with the code.
 */
export function errorText(m) {
  const code = typeof m?.code === 'string' ? m.code : 'error';
  const serverMessage = typeof m?.message === 'string' && m.message.trim() ? m.message.trim() : null;
  const ownKey = BY_CODE_AND_REF[`${code}/${m?.ref}`] ?? BY_CODE[code];
  const own = ownKey ? t(ownKey) : null;
  const explain = WITH_SERVER_MESSAGE.has(code) || WITH_SERVER_MESSAGE.has(`${code}/${m?.ref}`);
  if (own && serverMessage && explain) return t('error.withServerMessage', { text: own, message: serverMessage });
  if (own) return own;
  if (serverMessage) return t('error.refusedWith', { message: serverMessage });
  return t('error.refusedCode', { code });
}
