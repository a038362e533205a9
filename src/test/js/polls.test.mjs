// The web client's poll book (web/polls.js, docs/protocol.md "Polls"), fed server messages
// through a fake signaling connection:   node --test src/test/js/polls.test.mjs
// PollsScriptTest runs it in CI.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countText, PollsFeed } from '../../main/resources/web/polls.js';

function meeting() {
  const signaling = new EventTarget();
  signaling.sent = [];
  signaling.send = (m) => { signaling.sent.push(m); return true; };
  const state = {
    me: { id: 'p-me' }, participants: new Map([['p-host', { name: 'Hana' }]]), changes: 0,
    currentId: (id) => id, changed() { this.changes += 1; },
  };
  const feed = new PollsFeed(state, signaling);
  const server = (type, m) => signaling.dispatchEvent(new CustomEvent(type, { detail: { type, ...m } }));
  return { signaling, state, feed, server };
}

const LUNCH = {
  id: 'poll-1', question: 'Lunch?', anonymous: false, createdBy: 'p-host', yourVote: null,
  options: [{ text: 'Pizza', count: 0, voters: [] }, { text: 'Soup', count: 0, voters: [] }],
};

test('a new poll, votes with names, our own vote and the close', () => {
  const { feed, server, state } = meeting();
  const opened = [];
  feed.addEventListener('opened', (e) => opened.push(e.detail.question));
  server('poll', { poll: LUNCH });
  assert.deepEqual(opened, ['Lunch?']);
  assert.equal(feed.creatorName(feed.polls.get('poll-1')), 'Hana');
  server('poll-vote', { pollId: 'poll-1', counts: [1, 0], voter: { participantId: 'p-bo', name: 'Bo' }, option: 0, yours: null });
  server('poll-vote', { pollId: 'poll-1', counts: [1, 1], voter: { participantId: 'p-me', name: 'Me' }, option: 1, yours: 1 });
  const poll = feed.polls.get('poll-1');
  assert.deepEqual(poll.options.map((o) => o.count), [1, 1]);
  assert.deepEqual(poll.options[0].voters, [{ participantId: 'p-bo', name: 'Bo' }]);
  assert.equal(poll.yourVote, 1);
  assert.equal(countText(poll, 0), '1 vote (50%)');
  server('poll-closed', { pollId: 'poll-1', by: 'p-host', counts: [2, 1] });
  assert.equal(poll.open, false);
  assert.equal(countText(poll, 0), '2 votes (67%)');
  assert.ok(state.changes >= 4);
});

test('an anonymous poll keeps no names, whatever a message carries', () => {
  const { feed, server } = meeting();
  server('poll', { poll: { ...LUNCH, anonymous: true, options: LUNCH.options.map((o) => ({ ...o, voters: null })) } });
  server('poll-vote', { pollId: 'poll-1', counts: [1, 0], voter: { participantId: 'p-bo', name: 'Bo' }, option: 0 });
  assert.equal(feed.polls.get('poll-1').options[0].voters, null);
  assert.equal(feed.polls.get('poll-1').options[0].count, 1);
});

test('a rejoin keeps the open polls the server still has and closes the others', () => {
  const { feed, server } = meeting();
  server('poll', { poll: LUNCH });
  server('poll', { poll: { ...LUNCH, id: 'poll-2', question: 'Tea?' } });
  server('joined', { polls: [{ ...LUNCH, id: 'poll-2', question: 'Tea?', yourVote: 0 }] });
  assert.equal(feed.polls.get('poll-1').open, false);
  assert.equal(feed.polls.get('poll-2').open, true);
  assert.equal(feed.polls.get('poll-2').yourVote, 0);
  assert.deepEqual(feed.list().map((p) => p.id), ['poll-2', 'poll-1'], 'open polls first');
});

test('garbage from the wire is ignored and requests go out as documented', () => {
  const { feed, server, signaling } = meeting();
  server('poll', { poll: { id: 'x', question: 'one option', options: [{ text: 'a' }] } });
  server('poll', { poll: null });
  server('poll-vote', { pollId: 'nope', counts: [1] });
  assert.equal(feed.polls.size, 0);
  feed.create({ question: 'Q', options: ['a', 'b'], anonymous: 1 });
  feed.vote('poll-1', 1);
  feed.close('poll-1');
  assert.deepEqual(signaling.sent, [
    { type: 'create-poll', question: 'Q', options: ['a', 'b'], anonymous: true },
    { type: 'vote', pollId: 'poll-1', option: 1 },
    { type: 'close-poll', pollId: 'poll-1' },
  ]);
});
