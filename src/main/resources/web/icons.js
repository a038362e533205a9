/**
 * The icon set: 24x24 stroke icons as constant SVG markup (never user data), drawn in
 * currentColor. Icons are decorative (aria-hidden): every control carries its own text.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

const MIC = '<rect x="9" y="2.5" width="6" height="11.5" rx="3"/><path d="M5.5 10.5a6.5 6.5 0 0 0 13 0M12 17v4M8.5 21h7"/>';
const VIDEO = '<rect x="2.5" y="6" width="13" height="12" rx="2.5"/><path d="M15.5 10.5l6-3.5v10l-6-3.5z"/>';
const SLASH = '<path d="M3.5 3.5l17 17"/>';

const PATHS = {
  mic: MIC,
  'mic-off': MIC + SLASH,
  video: VIDEO,
  'video-off': VIDEO + SLASH,
  screen: '<rect x="2.5" y="4" width="19" height="13" rx="2"/><path d="M8 21h8M12 17v4M12 13.5V8M9 10.5l3-3 3 3"/>',
  'screen-off': '<rect x="2.5" y="4" width="19" height="13" rx="2"/><path d="M8 21h8M12 17v4M9.5 8.5l5 5M14.5 8.5l-5 5"/>',
  chat: '<path d="M4 4.5h16a1 1 0 0 1 1 1V16a1 1 0 0 1-1 1H9.5L5 20.5V17H4a1 1 0 0 1-1-1V5.5a1 1 0 0 1 1-1z"/>',
  people: '<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20a6.5 6.5 0 0 1 13 0"/><circle cx="17" cy="9" r="2.5"/><path d="M16.5 14a5 5 0 0 1 5 6"/>',
  hand: '<path d="M7.5 12V6a1.5 1.5 0 0 1 3 0v5M10.5 11V4.5a1.5 1.5 0 0 1 3 0V11M13.5 11V5.5a1.5 1.5 0 0 1 3 0V12M16.5 12V9a1.5 1.5 0 0 1 3 0v5a7 7 0 0 1-7 7h-.5a6 6 0 0 1-5-2.7l-3-4.6a1.5 1.5 0 0 1 2.5-1.7l1 1.5"/>',
  leave: '<path d="M2.5 14.5c5.2-4.6 13.8-4.6 19 0l-2 2.8-3.6-1.2v-2.7a11 11 0 0 0-7.8 0v2.7l-3.6 1.2z"/>',
  copy: '<rect x="8.5" y="8.5" width="12" height="12" rx="2"/><path d="M15.5 8.5V5.5a2 2 0 0 0-2-2h-8a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h3"/>',
  close: '<path d="M6 6l12 12M18 6L6 18"/>',
  lock: '<rect x="5" y="10.5" width="14" height="10" rx="2"/><path d="M8 10.5V7.5a4 4 0 0 1 8 0v3"/>',
  shield: '<path d="M12 3l7.5 3v5.5c0 4.6-3.2 8.2-7.5 9.5-4.3-1.3-7.5-4.9-7.5-9.5V6z"/>',
  send: '<path d="M4 12l16.5-8-5.5 16.5-3-6.5z M12 14l8.5-10"/>',
  pin: '<path d="M9 3.5h6M10 3.5v6l-3.5 4h11L14 9.5v-6M12 13.5V21"/>',
  'pin-off': '<path d="M9 3.5h6M10 3.5v6l-3.5 4h11L14 9.5v-6M12 13.5V21"/>' + SLASH,
  grid: '<rect x="3" y="3" width="7.5" height="7.5" rx="1.5"/><rect x="13.5" y="3" width="7.5" height="7.5" rx="1.5"/><rect x="3" y="13.5" width="7.5" height="7.5" rx="1.5"/><rect x="13.5" y="13.5" width="7.5" height="7.5" rx="1.5"/>',
  speaker: '<rect x="2.5" y="3" width="19" height="12.5" rx="2"/><rect x="2.5" y="18" width="5.5" height="3.5" rx="1"/><rect x="9.25" y="18" width="5.5" height="3.5" rx="1"/><rect x="16" y="18" width="5.5" height="3.5" rx="1"/>',
  'chevron-left': '<path d="M15 5l-7 7 7 7"/>',
  'chevron-right': '<path d="M9 5l7 7-7 7"/>',
  minimize: '<path d="M5 19h14"/>',
  self: '<rect x="2.5" y="4" width="19" height="16" rx="2"/><rect x="12" y="12" width="7" height="5.5" rx="1"/>',
  search: '<circle cx="10.5" cy="10.5" r="6.5"/><path d="M15.5 15.5l5 5"/>',
  record: '<circle cx="12" cy="12" r="8.5"/><circle cx="12" cy="12" r="4" fill="currentColor"/>',
  captions: '<rect x="2.5" y="5" width="19" height="14" rx="2"/><path d="M10 10.5a2 2 0 1 0 0 3M16.5 10.5a2 2 0 1 0 0 3"/>',
  door: '<path d="M5 21V4.5a1 1 0 0 1 1-1h9a1 1 0 0 1 1 1V21M3 21h18M12.5 12.5h.01"/><path d="M16 7h3v14"/>',
  smile: '<circle cx="12" cy="12" r="9"/><path d="M8 14.5a4.5 4.5 0 0 0 8 0M9 9.5h.01M15 9.5h.01"/>',
  poll: '<path d="M4 20.5h16"/><rect x="5" y="11" width="3.5" height="7" rx="1"/><rect x="10.25" y="5" width="3.5" height="13" rx="1"/><rect x="15.5" y="8.5" width="3.5" height="9.5" rx="1"/>',
  // The meeting's views and settings (views/controls.js, settings.js, moderation menu).
  settings: '<circle cx="12" cy="12" r="3"/><path d="M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1M16.6 7.4l2.1-2.1"/>',
  fullscreen: '<path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5"/>',
  'fullscreen-exit': '<path d="M9 4v5H4M20 9h-5V4M15 20v-5h5M4 15h5v5"/>',
  move: '<path d="M12 3v18M3 12h18M12 3l-3 3M12 3l3 3M12 21l-3-3M12 21l3-3M3 12l3-3M3 12l3 3M21 12l-3-3M21 12l-3 3"/>',
  more: '<circle cx="5" cy="12" r="1.3"/><circle cx="12" cy="12" r="1.3"/><circle cx="19" cy="12" r="1.3"/>',
};

/** Returns a decorative SVG icon by name (see PATHS); unknown names give an empty icon. */
export function icon(name, className = 'icon') {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', className);
  svg.innerHTML = PATHS[name] ?? '';
  return svg;
}

/**
 * A three-bar signal icon; the bars to light are chosen in CSS by the quality class
 * ("good", "fair", "poor") of the element that holds it.
 */
export function signalIcon() {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 18 14');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'signal-bars');
  svg.innerHTML = '<rect class="bar1" x="1" y="9" width="4" height="5" rx="1"/>'
    + '<rect class="bar2" x="7" y="5" width="4" height="9" rx="1"/>'
    + '<rect class="bar3" x="13" y="1" width="4" height="13" rx="1"/>';
  return svg;
}
