/**
 * The participants panel: an invitation (copy link), a "Search participants" box that
 * filters by name (case-insensitive), everyone with role, microphone, camera and raised
 * hand, "Pin"/"Unpin" and "Message privately" per person, and for moderators the
 * per-person and room actions. Built for 100 people: rows are kept by participant and
 * rebuilt only when what they show changes (never for audio levels), and a search only
 * hides rows.
 *
 * Test hooks: each row is an <li> [data-participant-id][data-name]; its actions are the
 * items of its menu button "More actions for <name>" (menu.js).
 */
import { h, uid } from '../dom.js';
import { icon } from '../icons.js';
import { avatarElement } from '../avatar.js';
import { createRoomActions, personActions } from './moderation.js';
import { createHandQueue } from './hand-queue.js';
import { isPhoneCaller } from './dial-in.js';
import { menuButton } from './menu.js';
import { language, t } from '../i18n.js';

const ROLE_LABELS = { host: 'people.host', moderator: 'people.moderator', participant: null };

/**
 * Builds the panel's content into panelBody. invite is a ready-made copy-link block.
 * onWriteTo(participantId) opens a private chat. Returns {update(what)}.
 */
export function createParticipants(call, panelBody, { invite, onWriteTo }) {
  const { state } = call;
  const searchId = uid('people-search');
  const search = h('input', {
    type: 'search', id: searchId, class: 'input people-search-input', autocomplete: 'off', spellcheck: 'false',
    placeholder: t('people.searchPlaceholder'), oninput: () => filter(), onchange: () => filter(), onsearch: () => filter(),
  });
  const searchBox = h('div', { class: 'people-search' },
    h('label', { for: searchId, class: 'visually-hidden', text: t('people.search') }),
    icon('search', 'icon icon-small people-search-icon'), search);
  const summary = h('p', { class: 'people-summary', role: 'status' });
  const list = h('ul', { class: 'people-list' });
  const roomActions = createRoomActions(call);
  const moderatorArea = h('div', { class: 'moderator-area' });
  const hands = createHandQueue(call); // moderators: the raised hands in the order they went up
  panelBody.append(h('div', { class: 'people-scroll' }, invite, hands.element, searchBox, summary, list, moderatorArea));
  /** participant id → {li, props}: the rows as rendered. */
  const rows = new Map();

  function render() {
    const everyone = state.everyone();
    const seen = new Set();
    let previous = null;
    for (const p of everyone) {
      seen.add(p.id);
      const props = rowProps(call, p);
      let row = rows.get(p.id);
      if (!row || !sameProps(row.props, props)) {
        const li = personRow(call, props, onWriteTo);
        if (row) {
          const focus = row.li.contains(document.activeElement) ? describeFocus(document.activeElement) : null;
          row.li.replaceWith(li);
          if (focus) restoreFocus(li, focus);
        }
        row = { li, props };
        rows.set(p.id, row);
      }
      const place = previous ? previous.nextSibling : list.firstChild;
      if (place !== row.li) list.insertBefore(row.li, place);
      previous = row.li;
    }
    for (const [id, row] of rows) {
      if (seen.has(id)) continue;
      const hadFocus = row.li.contains(document.activeElement);
      row.li.remove();
      rows.delete(id);
      if (hadFocus) search.focus();
    }
    filter();
    hands.update();
    const isModerator = state.isModerator();
    if (isModerator && !roomActions.element.isConnected) moderatorArea.append(roomActions.element);
    if (!isModerator) roomActions.element.remove();
    roomActions.update();
  }

  /** Hides the rows whose name does not contain the search text. */
  function filter() {
    const wanted = search.value.trim().toLocaleLowerCase();
    let shown = 0;
    for (const { li, props } of rows.values()) {
      const match = !wanted || props.name.toLocaleLowerCase().includes(wanted);
      if (li.hidden === match) li.hidden = !match;
      if (match) shown += 1;
    }
    const text = !wanted ? '' : (shown === 0 ? t('people.noMatch', { search: search.value.trim() })
      : t('people.matches', { shown, count: rows.size }));
    if (summary.textContent !== text) summary.textContent = text;
  }

  render();
  return {
    update(what) {
      if (what === 'participants' || what === 'local' || what === 'e2ee') render();
      if (what === 'room') roomActions.update();
    },
  };
}

/** What a row shows; a row is rebuilt only when one of these changes. */
function rowProps(call, p) {
  const { state } = call;
  const self = p.id === state.me?.id;
  return {
    p,
    id: p.id,
    key: p.key ?? p.id,
    name: p.name,
    avatar: p.avatar,
    role: p.role,
    self,
    reconnecting: Boolean(p.reconnecting),
    micOff: self ? !state.local.micOn : p.audioMuted,
    cameraOff: self ? !state.local.cameraOn : p.videoMuted,
    hand: self ? state.local.handRaised : p.handRaised,
    pinned: state.view.pinnedId === p.id,
    moderating: state.isModerator(),
    phone: isPhoneCaller(call, p.id),
    ...securityProps(call, p, self),
  };
}

/** In an encrypted meeting: the emoji both sides compare, and whether they were checked. */
function securityProps(call, p, self) {
  if (self || !call.state.room?.e2ee) return { secure: false };
  const peer = call.e2ee.peer(p.id);
  return {
    secure: true, sas: peer?.sas.emoji ?? null, sasWords: peer ? sasNames(peer.sas.words) : null,
    verified: Boolean(peer?.verified), keyFailed: Boolean(peer?.failed),
  };
}

/** The pictures' names in the language in use, as a list ("Dog, Cat, …"), from their ids ("dog cat …", e2ee-keys.js). */
function sasNames(ids) {
  return new Intl.ListFormat(language(), { style: 'short', type: 'unit' }).format(ids.split(' ').map((id) => t(`sas.${id}`)));
}

/** The security line of a row: emoji to compare aloud, and verifying them. */
function securityLine(call, props) {
  if (!props.secure) return null;
  if (!props.sas) return h('div', { class: 'person-security', text: t('people.exchangingKeys') });
  const toggle = h('button', {
    type: 'button', class: 'button button-small', onclick: () => call.e2ee.setVerified(props.id, !props.verified),
  }, props.verified ? t('people.unverify') : t('people.verify'));
  return h('div', { class: 'person-security' },
    h('span', { class: 'person-sas', role: 'img', 'aria-label': t('people.sas', { words: props.sasWords }), title: props.sasWords, text: props.sas }),
    props.verified ? h('span', { class: 'badge-pill badge-verified', text: t('people.verified') }) : null,
    props.keyFailed ? h('span', { class: 'person-status is-error', text: t('people.keyFailed') }) : null,
    toggle);
}

function sameProps(a, b) {
  for (const k of Object.keys(b)) if (k !== 'p' && a[k] !== b[k]) return false;
  return true;
}

function personRow(call, props, onWriteTo) {
  const { p, self } = props;
  const nameId = uid('person');
  const role = ROLE_LABELS[p.role] && t(ROLE_LABELS[p.role]);
  const items = self || p.reconnecting ? [] : [
    { label: props.pinned ? t('people.unpin') : t('people.pin'), run: () => call.state.pin(props.pinned ? null : p.id) },
    { label: t('people.messagePrivately'), run: () => onWriteTo(p.id) },
    ...personActions(call, p),
  ];
  return h('li', {
    class: 'person', 'aria-labelledby': nameId, dataset: { participantId: p.id, name: p.name },
  },
  h('div', { class: 'person-main' },
    avatarElement({ key: props.key, name: p.name, avatar: p.avatar }, 'small'),
    h('div', { class: 'person-text' },
      h('span', { id: nameId, class: 'person-name', text: self ? t('people.you', { name: p.name }) : p.name, dir: 'auto' }),
      role && h('span', { class: 'person-role' }, icon('shield', 'icon icon-small'), role),
      p.reconnecting && h('span', { class: 'person-status', text: t('people.reconnecting') })),
    h('div', { class: 'person-state' },
      props.hand && stateIcon('hand', t('people.handRaised'), 'is-hand'),
      stateIcon(props.micOff ? 'mic-off' : 'mic', props.micOff ? t('people.micOff') : t('people.micOn'), props.micOff ? 'is-off' : ''),
      stateIcon(props.cameraOff ? 'video-off' : 'video', props.cameraOff ? t('people.cameraOff') : t('people.cameraOn'), props.cameraOff ? 'is-off' : '')),
    items.length > 0 && menuButton(t('people.moreActions', { name: p.name }), items)),
  securityLine(call, props));
}

function stateIcon(name, label, extra) {
  return h('span', { class: `state-icon ${extra}`.trim(), role: 'img', 'aria-label': label, title: label }, icon(name));
}

/** Where focus was, as the text of the focused button, so a rebuilt row can put it back. */
function describeFocus(el) {
  return { text: el.textContent };
}

function restoreFocus(li, { text }) {
  const buttons = [...li.querySelectorAll('button')];
  (buttons.find((b) => b.textContent === text) ?? buttons[0])?.focus();
}
