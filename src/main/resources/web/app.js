/**
 * The page: one document for "/" (start page) and "/<room>" (pre-join, lobby, meeting,
 * end screens). Routes, owns the current Call, swaps screens on its phases, and exposes
 * window.parley for the end-to-end tests: state, room, participantId, role, pc,
 * participants(), stats() (see stats.js), e2ee (docs/e2ee.md), lastView and setMaxPageSize(n).
 */
import { ROOM_NAME_PATTERN, randomRoomName } from './names.js';
import { Call } from './call.js';
import { renderWelcome } from './views/welcome.js';
import { renderPrejoin } from './views/prejoin.js';
import { renderMeeting } from './views/meeting.js';
import { renderEnded, renderGone, renderJoining, renderLobbyWait } from './views/screens.js';
import { announce, clearNotices, installNotices, showNotice, unlockSound } from './views/notices.js';
import { installEmbed } from './embed.js';
import { renderMoving } from './views/breakouts.js';
import { initLanguage, onLanguageChange, t } from './i18n.js';

const HOST_TOKEN_KEY = 'parley.hostToken';
const JOINING_SCREEN_DELAY_MS = 800;

/** Catalogue keys of the join refusals (docs/protocol.md, "Error codes"). */
const JOIN_FAILURES = {
  'password-required': 'join.password-required',
  'wrong-password': 'join.wrong-password',
  'room-locked': 'join.room-locked',
  kicked: 'join.kicked',
  'host-required': 'join.host-required',
  'host-key-wrong': 'join.host-key-wrong',
  'room-full': 'join.room-full',
  'lobby-full': 'join.lobby-full',
  'e2ee-unsupported': 'join.e2ee-unsupported',
};

const root = document.getElementById('app');
/** What the page shows and holds: state is the test-visible screen name. */
const page = {
  state: 'starting', room: null, call: null, view: null, cancelled: false, routed: 0, mainChat: null,
  /** The pre-join screen's options, and again(): renders the simple screen on view again (both for a language switch). */
  prejoin: null, again: null,
};
/** The server's join rules (GET /server.json, docs/protocol.md "Before joining"): who may open a meeting. */
const rules = fetch('/server.json', { cache: 'no-store' })
  .then((response) => (response.ok ? response.json() : {}))
  .catch(() => ({}))
  .then((json) => ({ hostsOnly: json.hostPolicy === 'secret' || json.hostPolicy === 'jwt' }));

/** The end-to-end tests' window onto the page (read through WebDriver executeScript). */
window.parley = Object.freeze({
  get state() { return page.state; },
  get room() { return page.call?.room ?? page.room; },
  get participantId() { return page.call?.state.me?.id ?? null; },
  /** The breakout room this tab is in ({id, name}), or null in the main room. */
  get breakout() { return page.call?.breakout ?? null; },
  get role() { return page.call?.state.me?.role ?? null; },
  get pc() { return page.call?.media.pc ?? null; },
  participants() {
    return page.call ? page.call.state.everyone().map((p) => ({ ...p, avatar: Boolean(p.avatar) })) : [];
  },
  stats() {
    return page.call ? page.call.media.stats() : Promise.resolve({ connectionState: 'closed', inbound: [], outbound: [] });
  },
  /** The last `view` message sent ({type, video: [{trackId, height}], speakerHeight}), or null. */
  get lastView() { return page.call?.lastView ?? null; },
  /**
   * End-to-end encryption, for tests: {active, kid, peer(id) → {sas, verified, hasKey,
   * failed} or null, stats() → the frame counters of docs/e2ee.md, or null}. No key material.
   */
  e2ee: Object.freeze({
    get active() { return Boolean(page.call?.e2ee.active); },
    get kid() { return page.call?.e2ee.kid ?? null; },
    peer(id) { return page.call?.e2ee.peer(id) ?? null; },
    stats() { return page.call?.e2ee.stats() ?? Promise.resolve(null); },
  }),
  /** Test hook: at most n tiles on a page of the tile view (1..25; the window size may allow fewer). */
  setMaxPageSize(n) { page.call?.state.limitPageSize(n); },
});

function setView(view) {
  for (const dialog of document.querySelectorAll('dialog[open]')) dialog.close();
  page.view?.destroy?.();
  page.view = view ?? null;
  page.again = null;
}

function setState(state, title) {
  page.state = state;
  document.documentElement.dataset.state = state;
  if (title) document.title = title;
}

/** Takes a host secret or token from the link's fragment (#host=… or #jwt=…) and hides it. */
function captureHostToken() {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('host') ?? params.get('jwt');
  if (token) {
    sessionStorage.setItem(HOST_TOKEN_KEY, token);
    history.replaceState(history.state, '', location.pathname + location.search);
  }
}

function route() {
  page.routed += 1;
  leaveCall();
  const path = decodeURIComponent(location.pathname).replace(/^\/+|\/+$/g, '');
  if (!path) showWelcome();
  else if (!ROOM_NAME_PATTERN.test(path)) showWelcome('welcome.badLink');
  else showPrejoin({ room: path });
}

/** The start page; noticeKey: the catalogue key of a sentence to show first, or null. */
async function showWelcome(noticeKey = null) {
  setView(null);
  const routed = page.routed;
  const { hostsOnly } = await rules;
  if (routed !== page.routed) return; // the page moved on meanwhile
  page.welcomeNotice = noticeKey;
  setState('welcome', t('title.app'));
  renderWelcome(root, {
    notice: noticeKey && t(noticeKey),
    askHostKey: hostsOnly && !sessionStorage.getItem(HOST_TOKEN_KEY),
    onStart: (name, hostKey) => {
      if (hostKey) sessionStorage.setItem(HOST_TOKEN_KEY, hostKey);
      history.pushState(null, '', `/${name}`);
      route();
    },
  });
}

/** A meeting that ended, or whose link changed: said so, with a deliberate way to a new meeting. */
async function showGone(room, code, tracks) {
  setView(null);
  clearNotices();
  tracks.micTrack?.stop(); // the camera's light goes out; a new meeting's pre-join opens them again
  tracks.cameraTrack?.stop();
  const routed = page.routed;
  const { hostsOnly } = await rules;
  if (routed !== page.routed) return;
  setState('gone', t('title.room', { room }));
  page.again = () => showGone(room, code, tracks);
  renderGone(root, {
    moved: code === 'link-changed',
    onNewMeeting: () => {
      const name = randomRoomName();
      history.pushState(null, '', `/${name}`);
      showPrejoin({ room: name, needHostKey: hostsOnly && !sessionStorage.getItem(HOST_TOKEN_KEY) });
    },
  });
}

/**
 * The pre-join screen. error: a function giving the sentence to show (so that it is said in
 * the language of the moment), or null; draft: what the screen held before a language switch.
 */
function showPrejoin({ room, tracks = null, error = null, needPassword = false, needHostKey = false, draft = null }) {
  setView(null);
  clearNotices();
  page.room = room;
  page.mainChat = null;
  page.prejoin = { room, error, needPassword, needHostKey };
  setState('prejoin', t('title.room', { room }));
  setView(renderPrejoin(root, {
    room, tracks, draft, error: error?.() ?? null, needPassword, needHostKey, onJoin: (params) => startCall(room, params),
  }));
}

/**
 * The pre-join screen again in the new language, with what was typed and chosen and the
 * same open devices. Nothing happens if the person joined or left the screen meanwhile.
 */
async function prejoinAgain() {
  const view = page.view;
  const draft = await view?.draft();
  if (!draft || page.view !== view || page.state !== 'prejoin') return;
  showPrejoin({ ...page.prejoin, draft });
}

/** Waiting in the lobby for a moderator. */
function showLobby(call) {
  setView(null);
  setState('lobby', t('title.room', { room: call.room }));
  renderLobbyWait(root, { room: call.room, onCancel: () => cancelJoin(call) });
  page.again = () => showLobby(call);
}

function startCall(room, params) {
  unlockSound();
  if (params.hostToken) sessionStorage.setItem(HOST_TOKEN_KEY, params.hostToken);
  const call = new Call({ ...params, room, hostToken: params.hostToken ?? sessionStorage.getItem(HOST_TOKEN_KEY) });
  page.call = call;
  page.cancelled = false;
  embed?.attach(call);
  call.addEventListener('phase', (event) => { if (page.call === call) onPhase(call, event.detail); });
  call.addEventListener('notice', (event) => showNotice(event.detail));
  call.addEventListener('announce', (event) => announce(event.detail.text));
  call.addEventListener('moved', (event) => onMoved(event.detail));
  call.addEventListener('breakout-move', (event) => moveCall(call, event.detail));
  if (!params.breakout && page.mainChat) call.state.chat = page.mainChat; // back in the main room: its chat again
  call.join();
}

/**
 * Follows a `breakout-move` without reloading: this call ends, the next one joins with the
 * token, with the same person, devices and tracks. The main room's chat stays here meanwhile.
 */
function moveCall(call, { token, breakout }) {
  if (page.call !== call) return;
  page.call = null;
  if (!call.breakout) page.mainChat = call.state.chat;
  const params = call.handOver();
  setView(null);
  setState('moving');
  announce(renderMoving(root, breakout));
  startCall(call.room, { ...params, moveToken: token, breakout });
}

function onPhase(call, { phase, code, message, reason, byYou }) {
  switch (phase) {
    case 'joining':
      // The pre-join screen stays (its button disabled) unless the server is slow to
      // answer, so a quick join does not flash a screen by.
      setState('joining');
      setTimeout(() => {
        if (page.call !== call || page.state !== 'joining') return;
        setView(null);
        renderJoining(root, { room: call.room, onCancel: () => cancelJoin(call) });
      }, JOINING_SCREEN_DELAY_MS);
      break;
    case 'lobby':
      showLobby(call);
      break;
    case 'joined':
      if (page.state !== 'joined' && page.state !== 'reconnecting') {
        setView(null);
        setView(renderMeeting(root, call));
      }
      setState('joined', t('title.room', { room: call.room }));
      break;
    case 'reconnecting':
      setState('reconnecting');
      break;
    case 'join-failed': {
      const tracks = call.releaseTracks();
      page.call = null;
      if (code === 'meeting-ended' || code === 'link-changed') {
        showGone(call.room, code, tracks);
        break;
      }
      const needPassword = code === 'password-required' || code === 'wrong-password';
      const needHostKey = code === 'host-required' || code === 'host-key-wrong';
      if (needHostKey) sessionStorage.removeItem(HOST_TOKEN_KEY);
      const error = () => (JOIN_FAILURES[code] ? t(JOIN_FAILURES[code]) : (message ? t('join.refusedWith', { message }) : t('join.refused')));
      showPrejoin({ room: call.room, tracks, needPassword, needHostKey, error });
      break;
    }
    case 'left':
      if (page.cancelled) {
        page.call = null;
        showPrejoin({ room: call.room });
        break;
      }
      showEnd(call, 'left');
      break;
    default:
      showEnd(call, phase, reason ?? message, byYou);
  }
}

function cancelJoin(call) {
  page.cancelled = true;
  call.leave();
}

function showEnd(call, kind, reason = null, byYou = false) {
  page.call = null;
  setView(null);
  clearNotices();
  setState(kind, t('title.room', { room: call.room }));
  page.again = () => showEnd(call, kind, reason, byYou);
  renderEnded(root, {
    kind, reason, byYou,
    onRejoin: () => showPrejoin({ room: call.room }),
    onHome: () => {
      history.pushState(null, '', '/');
      route();
    },
  });
}

function onMoved({ room, password }) {
  history.replaceState(null, '', `/${room}`);
  page.room = room;
  document.title = t('title.room', { room });
  showNotice({
    text: t('notice.moved'), sticky: Boolean(password),
    detail: password ? t('notice.movedPassword', { password }) : null,
  });
}

/** Leaves the current call quietly (navigation within the page). */
function leaveCall() {
  const call = page.call;
  page.call = null;
  if (call) call.leave();
}

/** The embedding page's commands and events, when framed (docs/embedding.md). */
const embed = installEmbed(window, { state: () => page.state, room: () => page.room, call: () => page.call, start: (params) => startCall(page.room, params) });
/**
 * A language switch (welcome, pre-join, lobby and end screens, the meeting's Settings) takes
 * effect at once: the screen on view is rendered again in the new language; the meeting's
 * Settings dialog opens again if it was open. Resolves once it is (setLanguage waits).
 */
async function renderAgain() {
  if (page.state === 'welcome') {
    await showWelcome(page.welcomeNotice);
  } else if (page.state === 'prejoin') {
    await prejoinAgain();
  } else if (page.again) {
    await page.again();
  } else if ((page.state === 'joined' || page.state === 'reconnecting') && page.call) {
    const settingsOpen = Boolean(document.querySelector('dialog[open][data-dialog="settings"]'));
    setView(null);
    const view = renderMeeting(root, page.call);
    setView(view);
    document.title = t('title.room', { room: page.call.room });
    if (settingsOpen) view.openSettings('language');
  }
}

/** The page's own words outside the screens (index.html): the skip link and the description. */
function translatePage() {
  document.querySelector('.skip-link').textContent = t('page.skip');
  document.querySelector('meta[name="description"]')?.setAttribute('content', t('page.description'));
}

await initLanguage();
translatePage();
onLanguageChange(() => {
  translatePage();
  return renderAgain();
});
captureHostToken();
installNotices();
window.addEventListener('popstate', route);
window.addEventListener('online', () => page.call?.signaling.retryNow());
window.addEventListener('pagehide', () => page.call?.signaling.close());
route();
