/**
 * The meeting's polls as this page knows them (docs/protocol.md, "Reactions, hands and
 * polls"): the open ones from `joined`, new ones from `poll`, live counts from `poll-vote`,
 * and the end from `poll-closed`. A closed poll stays here with its final counts for as long
 * as the page is in the meeting; the server forgets it. The server decides everything (who
 * may open and close, one vote each): this only sends requests and shows its answers.
 * Fires "change" (detail {id}) on every change and "opened" (detail poll) for a new poll.
 * No DOM code.
 */

import { formatNumber, t } from './i18n.js';
export class PollsFeed extends EventTarget {
  #state;
  #signaling;
  /** id → {id, question, anonymous, createdBy, options: [{text, count, voters: [{participantId, name}] | null}], yourVote, open}, oldest first. */
  polls = new Map();

  constructor(state, signaling) {
    super();
    this.#state = state;
    this.#signaling = signaling;
    const on = (type, handler) => signaling.addEventListener(type, (e) => handler.call(this, e.detail));
    on('joined', this.#joined);
    on('poll', (m) => this.#opened(m.poll, true));
    on('poll-vote', this.#voted);
    on('poll-closed', this.#closed);
  }

  /** Open polls first (oldest first), then closed ones (latest closed first). */
  list() {
    const all = [...this.polls.values()];
    return [...all.filter((p) => p.open), ...all.filter((p) => !p.open).reverse()];
  }

  /** Moderators: asks everyone {question} with options (2 to 10 texts); anonymous hides who voted for what. */
  create({ question, options, anonymous }) {
    return this.#signaling.send({ type: 'create-poll', question, options, anonymous: Boolean(anonymous) });
  }

  vote(pollId, option) {
    return this.#signaling.send({ type: 'vote', pollId, option });
  }

  /** Moderators: closes the poll for everyone. */
  close(pollId) {
    return this.#signaling.send({ type: 'close-poll', pollId });
  }

  /** The name of who opened a poll: "You" for us. */
  creatorName(poll) {
    if (poll.createdBy === this.#state.me?.id) return t('polls.you');
    return this.#state.participants.get(this.#state.currentId(poll.createdBy))?.name ?? t('polls.aModerator');
  }

  /**
   * A (re)join: the server's open polls replace ours; ours that it no longer has closed while
   * we were away (their last counts stay).
   */
  #joined(m) {
    const open = new Set();
    for (const p of Array.isArray(m.polls) ? m.polls : []) {
      const poll = this.#opened(p, false);
      if (poll) open.add(poll.id);
    }
    for (const poll of this.polls.values()) if (!open.has(poll.id)) poll.open = false;
    this.#changed(null);
  }

  #opened(p, isNew) {
    const poll = clean(p);
    if (!poll) return null;
    this.polls.delete(poll.id); // a reopened id moves to the end
    this.polls.set(poll.id, poll);
    this.#changed(poll.id);
    if (isNew) this.dispatchEvent(new CustomEvent('opened', { detail: poll }));
    return poll;
  }

  #voted(m) {
    const poll = this.polls.get(m.pollId);
    if (!poll || !Array.isArray(m.counts) || m.counts.length !== poll.options.length) return;
    m.counts.forEach((n, i) => { poll.options[i].count = Number.isInteger(n) ? n : 0; });
    const option = poll.options[m.option];
    if (option?.voters && typeof m.voter?.participantId === 'string' && typeof m.voter.name === 'string') {
      option.voters.push({ participantId: m.voter.participantId, name: m.voter.name });
    }
    if (Number.isInteger(m.yours)) poll.yourVote = m.yours;
    this.#changed(poll.id);
  }

  #closed(m) {
    const poll = this.polls.get(m.pollId);
    if (!poll) return;
    poll.open = false;
    if (Array.isArray(m.counts) && m.counts.length === poll.options.length) {
      m.counts.forEach((n, i) => { poll.options[i].count = Number.isInteger(n) ? n : 0; });
    }
    this.#changed(poll.id);
  }

  #changed(id) {
    this.dispatchEvent(new CustomEvent('change', { detail: { id } }));
    this.#state.changed('polls');
  }
}

/** A poll from the server with the fields and types we use; null for garbage. */
export function clean(p) {
  if (!p || typeof p.id !== 'string' || typeof p.question !== 'string' || !Array.isArray(p.options)) return null;
  const options = p.options.filter((o) => typeof o?.text === 'string').map((o) => ({
    text: o.text,
    count: Number.isInteger(o.count) ? o.count : 0,
    voters: p.anonymous ? null : (Array.isArray(o.voters) ? o.voters : [])
      .filter((v) => typeof v?.participantId === 'string' && typeof v.name === 'string')
      .map((v) => ({ participantId: v.participantId, name: v.name })),
  }));
  if (options.length < 2) return null;
  return {
    id: p.id, question: p.question, anonymous: Boolean(p.anonymous),
    createdBy: typeof p.createdBy === 'string' ? p.createdBy : null, options,
    yourVote: Number.isInteger(p.yourVote) && p.yourVote < options.length ? p.yourVote : null, open: true,
  };
}

/** "3 votes (60%)" for one option of a poll. */
export function countText(poll, index) {
  const total = poll.options.reduce((sum, o) => sum + o.count, 0);
  const n = poll.options[index].count;
  const percent = total === 0 ? 0 : Math.round((100 * n) / total);
  return t('polls.count', { count: n, percent: formatNumber(percent / 100, { style: 'percent' }) });
}
