/**
 * Polls on the meeting screen: the "Polls" toolbar button (data-tool polls) opens the
 * "Polls" dialog, where everyone sees every poll of this meeting with live results
 * (counts, and who voted for what unless the poll is anonymous) and votes with
 * "Vote for <option>"; moderators also get "New poll" (the "New poll" dialog: "Question",
 * "Option 1"…, "Add option", "Anonymous poll", "Start poll") and "Close poll" per open poll.
 * A new poll is announced and shown as a notice with "Vote". All user text goes in
 * textContent. The server enforces every rule; an answer it refuses comes back as a notice.
 */
import { h, uid } from '../dom.js';
import { showNotice } from './notices.js';
import { countText } from '../polls.js';
import { t } from '../i18n.js';
import { showModal } from './dialog.js';

const MAX_OPTIONS = 10;
const FIRST_OPTIONS = 3;
const MAX_QUESTION = 300;
const MAX_OPTION = 100;

/**
 * Returns {element, update()}, given the meeting's tool() maker: the button and, beside it,
 * its description. The button's name stays "Polls"; how many are open is its description
 * (and it looks active while any is).
 */
export function createPolls(call, tool) {
  const feed = call.polls;
  const polls = tool('polls', () => openPolls(call));
  polls.set(t('polls.tool'), 'poll');
  polls.button.setAttribute('aria-haspopup', 'dialog');
  const openCount = h('span', { id: uid('open-polls'), class: 'visually-hidden' });
  polls.button.setAttribute('aria-describedby', openCount.id);
  feed.addEventListener('opened', (e) => {
    const poll = e.detail;
    if (poll.createdBy === call.state.me?.id || !openCount.isConnected) return; // not twice after a language switch
    showNotice({
      text: t('polls.started', { name: feed.creatorName(poll), question: poll.question }),
      action: { label: t('polls.vote'), run: () => openPolls(call) },
    });
  });
  const update = () => {
    const open = feed.list().filter((p) => p.open).length;
    polls.button.classList.toggle('is-active', open > 0);
    openCount.textContent = open === 0 ? '' : t('polls.open', { count: open });
  };
  update();
  return { element: h('span', { class: 'tool-wrap' }, polls.button, openCount), update };
}

/** The "Polls" dialog: live while open; focus returns to where it was (dialog.js showModal). */
function openPolls(call) {
  if (document.querySelector('dialog[data-dialog="polls"]')) return;
  const feed = call.polls;
  const titleId = uid('polls-title');
  const list = h('div', { class: 'poll-list' });
  const newPoll = h('button', { type: 'button', class: 'button button-primary', onclick: () => openCreate(call) }, t('polls.new'));
  const dialog = h('dialog', { class: 'dialog dialog-wide', 'aria-labelledby': titleId, dataset: { dialog: 'polls' } },
    h('div', { class: 'dialog-form' },
      h('h2', { id: titleId, class: 'dialog-title', text: t('polls.title') }),
      newPoll, list,
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'button button-quiet', onclick: () => dialog.close() }, t('polls.close')))));
  const render = () => {
    const focus = list.contains(document.activeElement) ? document.activeElement.textContent : null;
    newPoll.hidden = !call.state.isModerator();
    const all = feed.list();
    list.replaceChildren(...(all.length ? all.map((p) => pollCard(call, p)) : [h('p', { class: 'hint', text: t('polls.none') })]));
    if (focus !== null) {
      const again = [...list.querySelectorAll('button')].find((b) => b.textContent === focus);
      (again ?? list.querySelector('button') ?? newPoll).focus();
    }
  };
  const onChange = () => render();
  feed.addEventListener('change', onChange);
  call.state.addEventListener('change', onRoleChange);
  function onRoleChange(e) {
    if (e.detail.what === 'participants') newPoll.hidden = !call.state.isModerator();
  }
  dialog.addEventListener('close', () => { // before showModal's: stop following the feed, then give the focus back
    feed.removeEventListener('change', onChange);
    call.state.removeEventListener('change', onRoleChange);
  });
  render();
  showModal(dialog, () => list.querySelector('button') ?? (newPoll.hidden ? dialog.querySelector('.dialog-actions button') : newPoll));
}

/** One poll: its question, each option with its result, and what this person may do. */
function pollCard(call, poll) {
  const feed = call.polls;
  const headingId = uid('poll');
  const mayVote = poll.open && poll.yourVote === null;
  const status = !poll.open ? t('polls.closed')
    : poll.yourVote !== null ? t('polls.youVoted', { option: poll.options[poll.yourVote].text })
      : t('polls.chooseOne');
  const total = poll.options.reduce((sum, o) => sum + o.count, 0);
  return h('section', { class: 'poll', 'aria-labelledby': headingId, dataset: { pollId: poll.id } },
    h('h3', { id: headingId, class: 'poll-question', text: poll.question, dir: 'auto' }),
    h('p', { class: 'poll-meta', text: t(poll.anonymous ? 'polls.metaAnonymous' : 'polls.metaOpen', { name: feed.creatorName(poll) }) }),
    h('ul', { class: 'poll-options' }, poll.options.map((o, i) => h('li', { class: 'poll-option' },
      h('div', { class: 'poll-option-head' },
        h('span', { class: 'poll-option-text', text: o.text, dir: 'auto' }),
        h('span', { class: 'poll-count', text: countText(poll, i) })),
      bar(total ? o.count / total : 0),
      o.voters && o.voters.length > 0 && h('p', { class: 'poll-voters', text: o.voters.map((v) => v.name).join(', ') }),
      mayVote && h('button', { type: 'button', class: 'button button-small', onclick: () => feed.vote(poll.id, i) }, t('polls.voteFor', { option: o.text }))))),
    h('p', { class: 'poll-status', text: t('polls.status', { status, count: total }) }),
    poll.open && call.state.isModerator() && h('button', {
      type: 'button', class: 'button button-small button-danger-quiet', 'aria-label': t('polls.closePollNamed', { question: poll.question }),
      onclick: () => feed.close(poll.id),
    }, t('polls.closePoll')));
}

/** A result bar (decorative: the count is said in words); its width is set through the CSSOM, which the CSP allows. */
function bar(fraction) {
  const fill = h('span', { class: 'poll-bar-fill' });
  fill.style.width = `${Math.round(100 * fraction)}%`;
  return h('div', { class: 'poll-bar', 'aria-hidden': 'true' }, fill);
}

/** The "New poll" dialog (moderators): a question, 2 to 10 options, anonymous or not. */
function openCreate(call) {
  const titleId = uid('new-poll');
  const errorId = uid('poll-error');
  const question = field(t('polls.question'), MAX_QUESTION);
  const options = [];
  const optionList = h('div', { class: 'poll-option-fields' });
  const error = h('p', { id: errorId, class: 'field-error', role: 'alert' });
  const addButton = h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => addOption(true) }, t('polls.addOption'));
  const anonymousId = uid('anonymous');
  const anonymous = h('input', { id: anonymousId, type: 'checkbox', class: 'checkbox', 'aria-describedby': `${anonymousId}-hint` });
  function addOption(focus) {
    if (options.length >= MAX_OPTIONS) return;
    const f = field(t('polls.option', { number: options.length + 1 }), MAX_OPTION);
    options.push(f);
    optionList.append(f.row);
    addButton.disabled = options.length >= MAX_OPTIONS;
    if (focus) f.input.focus();
  }
  for (let i = 0; i < FIRST_OPTIONS; i += 1) addOption(false);
  const form = h('form', { method: 'dialog', class: 'dialog-form' },
    h('h2', { id: titleId, class: 'dialog-title', text: t('polls.new') }),
    question.row, optionList, addButton,
    h('div', { class: 'field field-check' }, anonymous, h('label', { for: anonymousId, text: t('polls.anonymous') }),
      h('p', { id: `${anonymousId}-hint`, class: 'hint', text: t('polls.anonymousHint') })),
    error,
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'button button-quiet', onclick: () => dialog.close() }, t('polls.cancel')),
      h('button', { type: 'submit', class: 'button button-primary' }, t('polls.start'))));
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, dataset: { dialog: 'new-poll' } }, form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = question.input.value.trim();
    const texts = options.map((o) => o.input.value.trim()).filter(Boolean);
    const problem = !q ? t('polls.needQuestion') : texts.length < 2 ? t('polls.needOptions')
      : new Set(texts).size !== texts.length ? t('polls.sameOptions') : '';
    error.textContent = problem;
    if (problem) return;
    call.polls.create({ question: q, options: texts, anonymous: anonymous.checked });
    dialog.close();
  });
  showModal(dialog, () => question.input);
}

function field(label, maxlength) {
  const id = uid('poll-field');
  const input = h('input', { id, type: 'text', class: 'input', autocomplete: 'off', maxlength });
  return { input, row: h('div', { class: 'field' }, h('label', { for: id, class: 'label', text: label }), input) };
}
