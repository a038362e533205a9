/**
 * Meeting names: a random, hard-to-guess suggestion, and a crude estimate of how guessable
 * a typed name is. A meeting link is its only key, so a guessable name is an open door.
 */

/** Room names the server accepts (docs/protocol.md, "Identifiers"). */
export const ROOM_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Below this many bits of estimated entropy the welcome page warns. */
export const WEAK_NAME_BITS = 40;

/**
 * Exactly 256 distinct words, so one random byte picks one word uniformly: 8 bits each.
 * All lowercase ASCII, 3 to 7 letters.
 */
const WORDS = [
  'acacia', 'acorn', 'adobe', 'agate', 'alder', 'almond', 'alpine', 'amber', 'anchor', 'angle',
  'apple', 'apricot', 'arbor', 'arch', 'aspen', 'aster', 'atlas', 'autumn', 'azure', 'badge',
  'badger', 'bamboo', 'banjo', 'barley', 'basil', 'bay', 'beacon', 'bean', 'birch', 'bison',
  'blossom', 'blue', 'bonsai', 'bramble', 'brass', 'breeze', 'brick', 'bronze', 'brook',
  'bubble', 'cactus', 'camel', 'canal', 'candle', 'canoe', 'canyon', 'caper', 'cargo',
  'carrot', 'cedar', 'cello', 'chalk', 'cherry', 'chess', 'cider', 'cinder', 'citrus', 'clay',
  'clover', 'cobalt', 'cocoa', 'comet', 'copper', 'coral', 'cotton', 'cove', 'crane', 'crater',
  'creek', 'cricket', 'crystal', 'cumin', 'cypress', 'dahlia', 'daisy', 'delta', 'denim',
  'desert', 'dew', 'dingo', 'dolphin', 'dove', 'dune', 'eagle', 'echo', 'elder', 'elm',
  'ember', 'emerald', 'falcon', 'fennel', 'fern', 'fiddle', 'fig', 'finch', 'fjord', 'flame',
  'flax', 'flint', 'forest', 'fossil', 'fox', 'frost', 'galaxy', 'garnet', 'gecko', 'geyser',
  'ginger', 'glacier', 'glade', 'granite', 'grape', 'gravel', 'grove', 'gull', 'harbor',
  'hazel', 'heron', 'hickory', 'honey', 'horizon', 'husky', 'igloo', 'indigo', 'iris', 'ivory',
  'ivy', 'jade', 'jasmine', 'jetty', 'juniper', 'kayak', 'kelp', 'kestrel', 'kettle', 'kiwi',
  'koala', 'lagoon', 'lantern', 'larch', 'lark', 'laurel', 'lava', 'lemon', 'lentil', 'lily',
  'lime', 'linen', 'lotus', 'lynx', 'magnet', 'mango', 'maple', 'marble', 'meadow', 'melon',
  'mesa', 'meteor', 'mint', 'mist', 'moss', 'moth', 'nectar', 'nickel', 'nimbus', 'nutmeg',
  'oak', 'oasis', 'ocean', 'olive', 'onyx', 'opal', 'orbit', 'orchid', 'osprey', 'otter',
  'owl', 'oyster', 'paddle', 'panda', 'papaya', 'parsley', 'pebble', 'pecan', 'pepper', 'pine',
  'pixel', 'plum', 'polar', 'pond', 'poppy', 'prairie', 'prism', 'puffin', 'quartz', 'quill',
  'quince', 'radish', 'raven', 'reed', 'reef', 'ridge', 'river', 'robin', 'rocket', 'rose',
  'ruby', 'rye', 'saffron', 'sage', 'salmon', 'sand', 'satin', 'scarf', 'sequoia', 'shell',
  'sierra', 'silk', 'silver', 'slate', 'sorrel', 'spruce', 'squash', 'star', 'stone', 'storm',
  'sumac', 'summit', 'swan', 'tango', 'teal', 'thistle', 'thyme', 'tiger', 'timber', 'topaz',
  'tulip', 'tundra', 'turnip', 'umber', 'valley', 'vanilla', 'velvet', 'violet', 'walnut',
  'walrus', 'wave', 'willow', 'wind', 'winter', 'wren', 'yarrow', 'yew', 'zebra', 'zephyr',
  'zinnia',
];

/** RFC 4648 base32 alphabet in lowercase: 32 symbols, so 5 bits each. */
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

const WORD_COUNT = 4;
const SUFFIX_LENGTH = 7;

/**
 * A fresh meeting name like "velvet-otter-amber-basil-k3x7qzm".
 * Entropy: 4 words x 8 bits (one uniform byte each, 256 words) = 32 bits, plus 7 base32
 * characters x 5 bits (byte & 31 is uniform because 32 divides 256) = 35 bits: 67 bits in
 * all, from crypto.getRandomValues. At most 4 x 7 + 4 + 7 = 39 characters.
 */
export function randomRoomName() {
  const bytes = crypto.getRandomValues(new Uint8Array(WORD_COUNT + SUFFIX_LENGTH));
  const words = [...bytes.subarray(0, WORD_COUNT)].map((b) => WORDS[b]);
  const suffix = [...bytes.subarray(WORD_COUNT)].map((b) => BASE32[b & 31]).join('');
  return [...words, suffix].join('-');
}

/** Turns what someone typed into a room name: spaces become hyphens, the rest is kept. */
export function normalizeRoomName(typed) {
  return typed.trim().replace(/\s+/g, '-');
}

/**
 * A crude guessability estimate in bits, on purpose pessimistic for word-like names:
 * the name is cut into runs of letters, digits and separators. A letter run that reads like
 * a word (a natural share of vowels) counts about 2 bits a letter, as dictionary words do; an
 * unpronounceable run counts log2 of its alphabet per letter. Digit runs count 3.3 bits a
 * digit, but only 4 bits when they count up, down or repeat ("1234", "2222"). Repeated
 * neighbouring characters add nothing, and the total never exceeds 5 bits per distinct
 * character, which catches "abababab".
 */
export function estimateEntropyBits(name) {
  const runs = name.match(/[A-Za-z]+|[0-9]+|[^A-Za-z0-9]+/g) ?? [];
  let bits = 0;
  for (const run of runs) {
    if (/^[A-Za-z]/.test(run)) bits += letterRunBits(run);
    else if (/^[0-9]/.test(run)) bits += digitRunBits(run);
    else bits += 1;
  }
  const distinct = new Set(name.toLowerCase()).size;
  return Math.min(bits, distinct * 5);
}

function letterRunBits(run) {
  const lower = run.toLowerCase();
  const length = changedCharacters(lower);
  if (lower.length <= 1) return 4.7;
  const vowels = (lower.match(/[aeiouy]/g) ?? []).length / lower.length;
  const mixedCase = /[a-z]/.test(run) && /[A-Z]/.test(run);
  const wordLike = vowels >= 0.2 && vowels <= 0.6 && !mixedCase;
  if (wordLike || WORDS.includes(lower)) return 2 * length + 1;
  return length * (mixedCase ? 5.7 : 4.7);
}

function digitRunBits(run) {
  const steps = [...run].slice(1).map((d, i) => Number(d) - Number(run[i]));
  const monotone = steps.length > 0 && steps.every((s) => s === steps[0] && Math.abs(s) <= 1);
  return monotone ? 4 : run.length * 3.32;
}

/** Counts characters that differ from their left neighbour ("aaab" counts 2). */
function changedCharacters(text) {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) if (i === 0 || text[i] !== text[i - 1]) count += 1;
  return count;
}
