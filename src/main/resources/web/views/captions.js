/**
 * Captions on the meeting screen: the lines over the bottom of the stage, one per speaker with
 * their name (textContent only), gone a few seconds after the speaker stops; final lines also
 * go to a polite live region for screen readers (never the partial ones, which change many
 * times a second). Controls: "Turn on captions"/"Turn off captions" for whoever may
 * (data-tool captions-set), "Show captions"/"Hide captions" for each viewer (data-tool
 * captions), "Download transcript" (data-tool transcript: a text file made in this page).
 */
import { h } from '../dom.js';
import { t } from '../i18n.js';

const LINGER_MS = 6000;
const MAX_SPEAKERS = 3;

/** Returns {overlay, live, update()}, given the meeting's tool() maker and the call. */
export function createCaptions(call, tool) {
  const feed = call.captions;
  const overlay = h('div', { class: 'captions', 'aria-hidden': 'true', hidden: true, dataset: { captions: '' } });
  const live = h('div', { class: 'visually-hidden', 'aria-live': 'polite', dataset: { captionsLive: '' } });
  const rows = new Map();
  const tools = {
    set: tool('captions-set', () => feed.turn(!call.state.captions?.on)),
    show: tool('captions', () => feed.setShown(!feed.shown)),
    transcript: tool('transcript', () => download(feed)),
  };

  feed.addEventListener('line', (e) => {
    const { participantId, name, text, final } = e.detail;
    if (final) {
      live.textContent = t('captions.line', { name, text });
      tools.transcript.button.hidden = false;
    }
    if (!feed.shown) return;
    let row = rows.get(participantId);
    if (!row) {
      row = { element: h('p', { class: 'caption-line' }, h('span', { class: 'caption-name' }), h('span', { class: 'caption-text' })) };
      rows.set(participantId, row);
      overlay.append(row.element);
      if (rows.size > MAX_SPEAKERS) drop(rows.keys().next().value);
    }
    row.element.firstChild.textContent = `${name}: `;
    row.element.lastChild.textContent = text;
    row.element.dataset.final = String(final);
    clearTimeout(row.timer);
    row.timer = setTimeout(() => drop(participantId), LINGER_MS);
    overlay.hidden = false;
  });

  function drop(id) {
    const row = rows.get(id);
    if (!row) return;
    clearTimeout(row.timer);
    row.element.remove();
    rows.delete(id);
    overlay.hidden = rows.size === 0;
  }

  function update() {
    const c = call.state.captions ?? {};
    tools.set.button.hidden = !feed.mayTurn();
    tools.set.set(c.on ? t('captions.turnOff') : t('captions.turnOn'), 'captions', false);
    tools.set.button.classList.toggle('is-active', Boolean(c.on));
    tools.show.button.hidden = !c.on;
    tools.show.set(feed.shown ? t('captions.hide') : t('captions.show'), 'captions', !feed.shown);
    tools.transcript.button.hidden = feed.transcript.length === 0;
    if (!feed.shown) for (const id of [...rows.keys()]) drop(id);
  }
  tools.transcript.set(t('captions.transcript'), 'copy');
  update();
  return { overlay, live, buttons: [tools.set.button, tools.show.button, tools.transcript.button], update };
}

/** The final lines received so far as a text file, made here: nothing is asked of the server. */
function download(feed) {
  const blob = new Blob([feed.transcriptText()], { type: 'text/plain;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: `captions-${new Date().toISOString().slice(0, 10)}.txt`, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
