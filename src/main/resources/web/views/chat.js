/**
 * The chat panel: a log of messages (to everyone or private), a "Send to" choice, a
 * "Message" box where Enter sends (Shift+Enter for a new line) and a "Send" button.
 * Messages live only in this page and are gone when it closes.
 */
import { clockTime, h, uid } from '../dom.js';
import { icon } from '../icons.js';
import { showNotice } from './notices.js';
import { t } from '../i18n.js';

const TEXT_MAX_CHARS = 2000;
const EVERYONE = '';

/** Builds the panel's content into panelBody; returns {update(what), focus()}. */
export function createChat(call, panelBody) {
  const { state } = call;
  const ids = { to: uid('send-to'), text: uid('message'), hint: uid('message-hint') };
  const rendered = new WeakMap();
  let renderedCount = 0;

  const log = h('ol', { class: 'chat-log' });
  const empty = h('p', { class: 'empty-note', text: t('chat.empty') });
  const toSelect = h('select', { id: ids.to, class: 'select select-small' });
  const textBox = h('textarea', {
    id: ids.text, class: 'input chat-input', rows: 2, maxlength: TEXT_MAX_CHARS, 'aria-describedby': ids.hint,
  });
  const form = h('form', { class: 'chat-form', novalidate: true },
    h('div', { class: 'chat-to' }, h('label', { for: ids.to, class: 'label label-inline', text: t('chat.sendTo') }), toSelect),
    h('label', { for: ids.text, class: 'label', text: t('chat.message') }),
    h('div', { class: 'chat-compose' },
      textBox,
      h('button', { type: 'submit', class: 'button button-primary' }, icon('send'), h('span', { text: t('chat.send') }))),
    h('p', { id: ids.hint, class: 'hint', text: t('chat.hint') }));
  // The scroller is the log (announces new messages while the panel is open) and takes
  // the focus, so arrow keys scroll it; an <ol> itself may not have role="log".
  const scroller = h('div', { class: 'chat-scroll', role: 'log', 'aria-live': 'polite', 'aria-label': t('chat.messages'), tabindex: '0' }, empty, log);
  panelBody.append(scroller, form);

  function send() {
    const text = textBox.value.trim();
    if (!text) return;
    if (call.sendChat(text, toSelect.value || null)) {
      textBox.value = '';
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
    textBox.focus();
  });
  textBox.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });

  function renderMessages() {
    for (; renderedCount < state.chat.length; renderedCount += 1) {
      const message = state.chat[renderedCount];
      const item = messageItem(message);
      rendered.set(message, item);
      log.append(item);
    }
    for (const message of state.chat.slice(-20)) {
      rendered.get(message)?.classList.toggle('is-pending', message.pending);
    }
    empty.hidden = state.chat.length > 0;
    scroller.scrollTop = scroller.scrollHeight;
  }

  function renderRecipients() {
    const selected = state.currentId(toSelect.value); // someone who reconnected has a new id
    const others = [...state.participants.values()].sort((a, b) => a.name.localeCompare(b.name));
    toSelect.replaceChildren(
      h('option', { value: EVERYONE, text: t('chat.everyone') }),
      ...others.map((p) => h('option', { value: p.id, text: p.name })));
    if (selected && !state.participants.has(selected)) {
      showNotice({ text: t('chat.recipientLeft') });
    }
    toSelect.value = state.participants.has(selected) ? selected : EVERYONE;
  }

  renderRecipients();
  renderMessages();
  return {
    update(what) {
      if (what === 'chat') renderMessages();
      if (what === 'participants') renderRecipients();
    },
    focus() {
      textBox.focus();
    },
    /** Chooses a private recipient (from the participants panel). */
    writeTo(participantId) {
      toSelect.value = state.participants.has(participantId) ? participantId : EVERYONE;
      textBox.focus();
    },
  };
}

function messageItem(m) {
  const sender = m.own ? t('chat.you') : m.name;
  return h('li', { class: `chat-message${m.own ? ' is-own' : ''}${m.private ? ' is-private' : ''}` },
    h('p', { class: 'chat-meta' },
      h('span', { class: 'chat-sender', text: sender, dir: 'auto' }),
      m.own && m.toName ? h('span', { class: 'chat-to-name', text: t('chat.toName', { name: m.toName }) }) : null,
      m.private ? h('span', { class: 'chat-private', text: t('chat.private') }) : null,
      ' ',
      h('time', { class: 'chat-time', datetime: new Date(m.ts).toISOString(), text: clockTime(m.ts) })),
    h('p', { class: 'chat-text', text: m.text, dir: 'auto' }));
}
