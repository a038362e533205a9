/**
 * What to tell people when the server answers `error` during a meeting (docs/protocol.md,
 * "Error codes"): every refusal becomes a notice in plain words, never a silent failure.
 * Codes we know get our own text (by code and the `ref` message type first, then by code);
 * anything else shows the server's own message. No DOM code.
 */

/** By "code/ref": the refusals whose meaning depends on what was refused. */
const BY_CODE_AND_REF = {
  'bad-request/offer': 'The server refused the audio and video setup, so the others may not see or hear you.',
  'bad-request/view': 'The server refused the list of videos to show, so some videos may be missing.',
  'bad-request/chat': 'The server did not accept that message.',
  'too-large/chat': 'That message is too long to send.',
  'too-large/offer': 'The audio and video setup was too large for the server, so media may not work.',
  'rate-limited/chat': 'You are sending messages too fast. Please wait a moment and try again.',
  'rate-limited/view': 'The video layout changed too often; the server will catch up in a moment.',
  'not-found/chat': 'That person is no longer in the meeting: the message was not sent.',
  'e2ee-unsupported/set-e2ee': 'End-to-end encryption cannot be turned on: someone in the meeting or its lobby uses a browser that cannot encrypt.',
  'forbidden/set-e2ee': 'End-to-end encryption was not changed.',
  'rate-limited/react': 'Too many reactions at once. Please wait a moment.',
  'bad-request/create-poll': 'The server did not accept that poll.',
  'not-found/vote': 'That poll is closed.',
  'not-found/close-poll': 'That poll is already closed.',
};

const BY_CODE = {
  forbidden: 'Only moderators can do that.',
  'rate-limited': 'That was too fast. Please wait a moment and try again.',
  'too-large': 'That was too long to send.',
  'not-found': 'That person is no longer in the meeting.',
  'media-failed': 'The audio and video connection failed. Setting it up again…',
  'recording-e2ee': 'This meeting is end-to-end encrypted: the server cannot record it.',
  'recording-unavailable': 'This server does not record meetings.',
  'recording-failed': 'The recording failed.',
  'captions-e2ee': 'This meeting is end-to-end encrypted: the server cannot hear it, so it cannot show captions.',
  'captions-unavailable': 'This server has no captions.',
  'already-voted': 'You have already voted in this poll: a vote cannot be changed.',
  'poll-limit': 'No more polls can be opened now: close one first.',
  'stream-e2ee': 'This meeting is end-to-end encrypted: the server cannot stream it. You can record it on this device.',
  'stream-unavailable': 'The live stream could not start.',
  'stream-failed': 'The live stream ended.',
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
  const own = BY_CODE_AND_REF[`${code}/${m?.ref}`] ?? BY_CODE[code];
  const explain = WITH_SERVER_MESSAGE.has(code) || WITH_SERVER_MESSAGE.has(`${code}/${m?.ref}`);
  if (own && serverMessage && explain) return `${own} (${serverMessage})`;
  if (own) return own;
  if (serverMessage) return `The server refused that: ${serverMessage}`;
  return `The server refused that (${code}).`;
}
