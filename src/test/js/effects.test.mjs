// effects/effects.js: which track a sender gets, and a refused setting leaves things as they were.
//   node --test src/test/js/effects.test.mjs
import './browser-globals.mjs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Effects } from '../../main/resources/web/effects/effects.js';
import { parseMode } from '../../main/resources/web/effects/background.js';

/** A MediaSession as Effects sees it: the hook, and reprocess() asking it for the camera's track. */
function fakeMedia() {
  return {
    effects: null, cameraTrack: { id: 'raw-camera' }, sent: [],
    async reprocess(source) { this.sent.push(await this.effects.track(source, this.cameraTrack)); },
  };
}

test('modes: none, blur and the built-in pictures only', () => {
  assert.deepEqual(parseMode('none'), { kind: 'none', image: null });
  assert.deepEqual(parseMode('blur'), { kind: 'blur', image: null });
  assert.deepEqual(parseMode('image:sea'), { kind: 'image', image: 'sea' });
  for (const bad of ['image:', 'image:../../etc', 'image:https://example.org/a.png', 'Blur', '', null, 42]) {
    assert.throws(() => parseMode(bad), /expected: none, blur or image:/, String(bad));
  }
});

test('the effects hook themselves into the media session', () => {
  const media = fakeMedia();
  const effects = new Effects(media);
  assert.equal(media.effects, effects);
  assert.deepEqual(effects.settings(), { background: 'none', noiseSuppression: false });
});

test('with every effect off the raw tracks are sent', async () => {
  const effects = new Effects(fakeMedia());
  const mic = { id: 'raw-mic' };
  assert.equal(await effects.track('mic', mic), mic);
  assert.equal(await effects.track('camera', null), null);
});

test('an unknown background is refused before anything changes', async () => {
  const media = fakeMedia();
  const effects = new Effects(media);
  let changed = 0;
  effects.addEventListener('changed', () => changed++);
  await assert.rejects(effects.setBackground('image:holiday'), /background "image:holiday"/);
  assert.equal(effects.background, 'none');
  assert.deepEqual(media.sent, []);
  assert.equal(changed, 0);
});

test('turning a background off sends the raw camera again and says so', async () => {
  const media = fakeMedia();
  const effects = new Effects(media);
  const seen = [];
  effects.addEventListener('changed', () => seen.push(effects.background));
  await effects.setBackground('none');
  assert.deepEqual(media.sent, [media.cameraTrack]);
  assert.deepEqual(seen, ['none']);
});

test('after close every source gets its raw track', async () => {
  const effects = new Effects(fakeMedia());
  effects.background = 'blur';
  effects.noiseSuppression = true;
  effects.close();
  const mic = { id: 'raw-mic' };
  const camera = { id: 'raw-camera' };
  assert.equal(await effects.track('mic', mic), mic);
  assert.equal(await effects.track('camera', camera), camera);
});
