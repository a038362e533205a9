/*
 * Parley's embedding API (docs/embedding.md), for a page of yours that shows a meeting in a
 * frame. Load it from your Parley server, whose --frame-ancestors must list your page's
 * origin:
 *
 *   <script src="https://meet.example.org/embed-api.js"></script>
 *   const meeting = new ParleyMeeting({ url: 'https://meet.example.org/team-sync-k3x7qzm',
 *                                       parent: document.getElementById('meeting') });
 *   meeting.on('joined', (e) => console.log('in as', e.participantId));
 *   meeting.join({ name: 'Ada' });
 *
 * A plain script (no module, no build step, nothing global but ParleyMeeting). Messages go
 * only to the meeting's origin, and only messages from that origin and that frame are read.
 */
(function () {
  'use strict';

  var TAG = 'parley-embed';
  var HELLO_EVERY_MS = 250;

  /**
   * options: url (the meeting's link), parent (the element the frame goes into), title
   * (the frame's accessible name, default "Meeting"), readyTimeoutMs (after the frame
   * loaded, how long to wait for the meeting to answer before "refused"; default 15000).
   */
  function ParleyMeeting(options) {
    var link = new URL(options.url, location.href);
    var self = this;
    this.origin = link.origin;
    this.ready = false;
    this._queue = [];
    this._listeners = {};
    this._timers = [];
    this._readyTimeoutMs = options.readyTimeoutMs || 15000;
    this.frame = document.createElement('iframe');
    this.frame.src = link.href;
    this.frame.title = options.title || 'Meeting';
    var o = this.origin;
    this.frame.allow = 'camera ' + o + '; microphone ' + o + '; display-capture ' + o + '; autoplay ' + o + '; fullscreen ' + o;
    this._onMessage = function (event) { self._receive(event); };
    window.addEventListener('message', this._onMessage);
    this.frame.addEventListener('load', function () { self._greet(); });
    options.parent.appendChild(this.frame);
  }

  /** Listens to an event: ready, joined, participant-joined, participant-left, left, error, refused. */
  ParleyMeeting.prototype.on = function (type, listener) {
    (this._listeners[type] = this._listeners[type] || []).push(listener);
    return this;
  };

  ParleyMeeting.prototype.off = function (type, listener) {
    this._listeners[type] = (this._listeners[type] || []).filter(function (l) { return l !== listener; });
    return this;
  };

  /** Joins with this name; audio and video (default true) open the camera and microphone. */
  ParleyMeeting.prototype.join = function (options) {
    this._send({ type: 'join', name: options.name, audio: options.audio !== false, video: options.video !== false });
  };
  ParleyMeeting.prototype.mute = function () { this._send({ type: 'mute' }); };
  ParleyMeeting.prototype.unmute = function () { this._send({ type: 'unmute' }); };
  ParleyMeeting.prototype.hangUp = function () { this._send({ type: 'hang-up' }); };

  /** Removes the frame and stops listening. */
  ParleyMeeting.prototype.destroy = function () {
    this._stopGreeting();
    window.removeEventListener('message', this._onMessage);
    this.frame.remove();
  };

  ParleyMeeting.prototype._send = function (command) {
    command[TAG] = 1;
    if (this.ready) this.frame.contentWindow.postMessage(command, this.origin);
    else this._queue.push(command);
  };

  /** Says hello until the meeting answers "ready"; gives up with "refused" after the timeout. */
  ParleyMeeting.prototype._greet = function () {
    var self = this;
    if (this.ready) return;
    this._stopGreeting();
    var hello = function () {
      var hi = { type: 'hello' };
      hi[TAG] = 1;
      self.frame.contentWindow.postMessage(hi, self.origin);
    };
    hello();
    this._timers.push(setInterval(hello, HELLO_EVERY_MS));
    this._timers.push(setTimeout(function () {
      self._stopGreeting();
      if (!self.ready) self._emit('refused', { type: 'refused', reason: 'The meeting did not answer: is this page\'s origin in Parley\'s --frame-ancestors?' });
    }, this._readyTimeoutMs));
  };

  ParleyMeeting.prototype._stopGreeting = function () {
    this._timers.forEach(function (t) { clearInterval(t); clearTimeout(t); });
    this._timers = [];
  };

  ParleyMeeting.prototype._receive = function (event) {
    var m = event.data;
    if (event.origin !== this.origin || event.source !== this.frame.contentWindow || !m || m[TAG] !== 1) return;
    if (m.type === 'ready' && !this.ready) {
      this.ready = true;
      this._stopGreeting();
      var queued = this._queue;
      this._queue = [];
      for (var i = 0; i < queued.length; i += 1) this.frame.contentWindow.postMessage(queued[i], this.origin);
    }
    this._emit(m.type, m);
  };

  ParleyMeeting.prototype._emit = function (type, detail) {
    (this._listeners[type] || []).slice().forEach(function (l) { l(detail); });
  };

  window.ParleyMeeting = ParleyMeeting;
}());
