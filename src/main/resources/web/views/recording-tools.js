/**
 * The meeting screen's live-stream and device-recording controls and indicators
 * (docs/protocol.md, "Live streaming" and "Recording on a device"). Controls: "Start live
 * stream"/"Stop live stream" for moderators (data-tool stream; the URL and key are asked in a
 * dialog and go only to the server), "Record on this device"/"Stop recording on this device"
 * for everyone (data-tool local-record). Indicators in the header: "Live" (data-indicator
 * stream; moderators also see "starting" and "reconnecting"), and who records on their device
 * (data-indicator local-recording), which everyone sees for as long as it lasts.
 */
import { h } from '../dom.js';
import { openDialog } from './dialog.js';
import { showNotice } from './notices.js';
import { LocalRecorder } from '../local-recording.js';
import { t } from '../i18n.js';

/** Returns {buttons, badges(), update(), destroy()}, given the call, the meeting's tool() maker, the stage's root and the <audio> sink. */
export function createRecordingTools(call, tool, root, audioSink) {
  const { state } = call;
  const micStreams = new WeakMap();
  const recorder = new LocalRecorder({
    videos: () => [...root.querySelectorAll('video')],
    audioStreams: () => {
      const streams = [...audioSink.querySelectorAll('audio')].map((a) => a.srcObject);
      const mic = call.media.micTrack;
      if (mic) {
        if (!micStreams.has(mic)) micStreams.set(mic, new MediaStream([mic]));
        streams.push(micStreams.get(mic));
      }
      return streams;
    },
  });
  const tools = {
    stream: tool('stream', () => (state.stream ? call.moderate({ type: 'stream', action: 'stop' }) : askStream())),
    local: tool('local-record', () => toggleLocal()),
  };
  tools.local.button.hidden = !LocalRecorder.supported();

  async function askStream() {
    const values = await openDialog({
      title: t('stream.title'),
      description: t('stream.description'),
      fields: [
        { name: 'url', label: t('stream.url'), value: 'rtmp://', hint: t('stream.urlHint'), maxlength: 1000 },
        { name: 'key', label: t('stream.key'), type: 'password', maxlength: 500 },
      ],
      confirmLabel: t('stream.goLive'),
    });
    if (values) call.moderate({ type: 'stream', action: 'start', url: values.url.trim(), key: values.key.trim() });
  }

  async function toggleLocal() {
    if (recorder.recording) {
      call.setLocalRecording(false);
      const name = await recorder.stop();
      update();
      if (name) showNotice({ text: t('local.saved', { file: name }) });
      return;
    }
    try {
      recorder.start();
    } catch (error) {
      showNotice({ text: error.message, tone: 'error' });
      return;
    }
    call.setLocalRecording(true);
    update();
  }

  function badges() {
    const s = state.stream;
    const streamText = !s ? null : s.state === 'reconnecting' ? t('stream.badgeReconnecting') : s.state === 'starting' ? t('stream.badgeStarting') : t('stream.badge');
    const ids = [...(state.localRecorders ?? [])];
    let localText = null;
    if (ids.length === 1) {
      localText = ids[0] === state.me?.id ? t('local.badgeYou')
        : t('local.badgeOther', { name: state.participants.get(ids[0])?.name ?? t('local.someone') });
    } else if (ids.length > 1) {
      localText = t('local.badgeMany', { count: ids.length });
    }
    return [
      streamText && h('span', { class: 'badge-pill badge-recording', dataset: { indicator: 'stream' } },
        h('span', { class: 'recording-dot', 'aria-hidden': 'true' }), streamText),
      localText && h('span', { class: 'badge-pill badge-recording', dataset: { indicator: 'local-recording' } },
        h('span', { class: 'recording-dot', 'aria-hidden': 'true' }), localText),
    ];
  }

  function update() {
    tools.stream.button.hidden = !state.isModerator();
    tools.stream.set(state.stream ? t('stream.stop') : t('stream.start'), 'record', false);
    tools.stream.button.classList.toggle('is-active', Boolean(state.stream));
    tools.local.set(recorder.recording ? t('local.stop') : t('local.start'), 'record', false);
    tools.local.button.classList.toggle('is-active', recorder.recording);
  }

  /** Leaving the meeting ends a recording on this device, which is then saved. */
  function destroy() {
    if (recorder.recording) recorder.stop();
  }

  update();
  return { buttons: [tools.stream.button, tools.local.button], badges, update, destroy };
}
