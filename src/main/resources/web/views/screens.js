/**
 * The simple full-page screens: connecting, waiting in the lobby, and the ends of a
 * meeting (left, ended, kicked, denied, gone). All but "Joining…" (there for a moment only)
 * carry the language switch; the page renders them again after a switch (app.js).
 */
import { h } from '../dom.js';
import { icon } from '../icons.js';
import { t } from '../i18n.js';
import { languageSwitch } from './language-switch.js';

function page(root, { title, lead = null, detail = null, busy = false, actions = [], iconName = null, switches = true }) {
  root.replaceChildren(h('main', { class: 'status-page', id: 'main' },
    h('div', { class: 'status-card' },
      h('div', { 'aria-busy': busy ? 'true' : null }, // the waiting part only: the switch works meanwhile
        busy ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : (iconName && icon(iconName, 'icon status-icon')),
        h('h1', { class: 'status-title', tabindex: '-1', text: title }),
        lead && h('p', { class: 'status-lead', text: lead }),
        detail && h('p', { class: 'status-detail', text: detail }),
        actions.length > 0 && h('div', { class: 'status-actions' }, actions)),
      switches && languageSwitch())));
  root.querySelector('h1').focus();
}

function button(label, onclick, primary = false) {
  return h('button', { type: 'button', class: `button ${primary ? 'button-primary' : 'button-quiet'}`, onclick }, label);
}

/** "Joining…" while the first answer from the server is on its way. */
export function renderJoining(root, { room, onCancel }) {
  page(root, { title: t('screen.joining'), lead: room, busy: true, actions: [button(t('screen.cancel'), onCancel)], switches: false });
}

/** The lobby: waiting for a moderator, with Cancel. */
export function renderLobbyWait(root, { room, onCancel }) {
  page(root, {
    title: t('screen.lobbyTitle'),
    lead: t('screen.lobbyLead', { room }),
    busy: true,
    actions: [button(t('screen.cancel'), onCancel)],
  });
}

/**
 * The end of a meeting. kind: "left", "ended", "kicked", "denied". reason: the
 * moderator's words, if any. byYou: this person ended it ("ended" whose `by` is us).
 * onRejoin goes back to the pre-join screen; onHome to /.
 */
export function renderEnded(root, { kind, reason = null, byYou = false, onRejoin, onHome }) {
  const texts = {
    left: [t('screen.leftTitle'), null],
    ended: [t('screen.endedTitle'), byYou ? t('screen.endedByYou') : t('screen.endedByModerator')],
    kicked: [t('screen.kickedTitle'), t('screen.kickedLead')],
    denied: [t('screen.deniedTitle'), t('screen.deniedLead')],
  };
  const [title, lead] = texts[kind] ?? texts.left;
  const actions = [];
  if (kind === 'left') actions.push(button(t('screen.rejoin'), onRejoin, true));
  actions.push(button(t('screen.newMeeting'), onHome, kind !== 'left'));
  page(root, {
    title, lead, iconName: 'door',
    detail: reason ? t('screen.moderatorMessage', { reason }) : null,
    actions,
  });
}

/**
 * A link that leads to no meeting any more: ended for everyone, or moved to a new link
 * (moved: true; the new link is never shown here). onNewMeeting starts a new meeting under
 * a new random name, never the old one.
 */
export function renderGone(root, { moved, onNewMeeting }) {
  page(root, {
    title: moved ? t('screen.movedTitle') : t('screen.goneTitle'),
    lead: moved ? t('screen.movedLead') : t('screen.goneLead'),
    detail: t('screen.goneDetail'),
    iconName: 'door',
    actions: [button(t('screen.newMeeting'), onNewMeeting, true)],
  });
}
