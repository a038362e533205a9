// store.js: the meeting as the page knows it.   node --test src/test/js/store.test.mjs
import { record } from './browser-globals.mjs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MeetingState } from '../../main/resources/web/store.js';


function joined(state, extra = {}) {
  state.reset({
    you: { id: 'me', name: 'Ada', role: 'host' },
    room: { locked: false },
    participants: [{ id: 'b1', name: 'Bob', role: 'participant' }, { id: 'c1', name: 'Cy', role: 'moderator' }],
    tracks: [
      { participantId: 'b1', trackId: 't-cam', kind: 'video', source: 'camera' },
      { participantId: 'b1', trackId: 't-bad', kind: 'smell', source: 'camera' },
      { participantId: 'me', trackId: 't-mine', kind: 'audio', source: 'mic' },
    ],
    ...extra,
  });
}

test('joined: us, the others in order, their valid tracks (not ours), one change event per part', () => {
  const state = new MeetingState();
  const changes = record(state, 'change');
  joined(state);
  assert.equal(state.me.name, 'Ada');
  assert.deepEqual([...state.participants.keys()], ['b1', 'c1']);
  assert.deepEqual(state.published.get('b1'), [{ trackId: 't-cam', kind: 'video', source: 'camera' }]);
  assert.equal(state.published.has('me'), false);
  assert.equal(state.trackIdOf('b1', 'camera'), 't-cam');
  assert.equal(state.trackIdOf('b1', 'screen'), null);
  assert.ok(changes.some((c) => c.what === 'participants') && changes.some((c) => c.what === 'view'));
});

test('garbage participants are dropped or cleaned: no id, odd role, empty name', () => {
  const state = new MeetingState();
  joined(state, { participants: [{ name: 'no id' }, { id: 'x', name: '  ', role: 'king', audioMuted: 1 }] });
  assert.deepEqual([...state.participants.keys()], ['x']);
  const x = state.participants.get('x');
  assert.equal(x.name, 'Guest');
  assert.equal(x.role, 'participant');
  assert.equal(x.audioMuted, true);
});

test('an update without avatar keeps the avatar; a reconnection keeps the tile key and the pin', () => {
  const state = new MeetingState();
  joined(state);
  state.setAvatar('b1', 'data:image/png;base64,AAAA');
  state.upsert({ id: 'b1', name: 'Bob', role: 'participant', handRaised: true });
  assert.equal(state.participants.get('b1').avatar, 'data:image/png;base64,AAAA');
  assert.equal(state.participants.get('b1').handRaised, true);
  state.pin('b1');
  assert.equal(state.view.layout, 'speaker');
  state.replace('b1', { id: 'b2', name: 'Bob', role: 'participant' });
  assert.equal(state.participants.get('b2').key, 'b1');
  assert.equal(state.view.pinnedId, 'b2');
  assert.equal(state.currentId('b1'), 'b2');
  assert.equal(state.published.has('b1'), false);
  assert.deepEqual([...state.participants.keys()], ['b2', 'c1'], 'in the old place');
});

test('someone leaving takes their pin, media and speaking with them', () => {
  const state = new MeetingState();
  joined(state);
  state.pin('c1');
  state.speaking = new Set(['c1']);
  state.activeSpeakerId = 'c1';
  state.remove('c1');
  assert.equal(state.view.pinnedId, null);
  assert.equal(state.speaking.has('c1'), false);
  assert.equal(state.activeSpeakerId, null);
  assert.equal(state.nameOf('c1'), null);
  state.setLayout('grid');
  assert.equal(state.view.layout, 'grid');
});

test('chat: our message is pending until its echo, others count unread while the chat is closed', () => {
  const state = new MeetingState();
  joined(state);
  state.addSentChat('hi all', null);
  assert.equal(state.chat[0].pending, true);
  assert.equal(state.addReceivedChat({ from: 'me', text: 'hi all', ts: 5 }), null);
  assert.equal(state.chat.length, 1);
  assert.equal(state.chat[0].pending, false);
  const entry = state.addReceivedChat({ from: 'b1', text: 'hello', ts: 7, to: 'me', private: true });
  assert.equal(entry.name, 'Bob');
  assert.equal(entry.private, true);
  assert.equal(state.unread, 1);
  state.chatOpen = true;
  state.addReceivedChat({ from: 'c1', text: 'and me' });
  assert.equal(state.unread, 1);
  assert.equal(state.addReceivedChat({ from: 'c1', text: 42 }), null, 'not text: ignored');
});

test('everyone: us first, then by name; moderators are hosts and moderators; page size is clamped', () => {
  const state = new MeetingState();
  joined(state, { participants: [{ id: 'z', name: 'Zoe' }, { id: 'a', name: 'Al', role: 'moderator' }] });
  assert.deepEqual(state.everyone().map((p) => p.name), ['Ada', 'Al', 'Zoe']);
  assert.equal(state.isModerator(), true);
  assert.equal(state.isModerator(state.participants.get('a')), true);
  assert.equal(state.isModerator(state.participants.get('z')), false);
  state.limitPageSize(100);
  assert.equal(state.view.maxPageSize, 25);
  state.limitPageSize(-3);
  assert.equal(state.view.maxPageSize, 1);
  state.limitPageSize('many');
  assert.equal(state.view.maxPageSize, 25, 'not a number: the default');
});
