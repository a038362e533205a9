/**
 * The arithmetic of the stage: how many tiles fit a page, how to arrange them, how many
 * fit the speaker view's strip, and who is shown large. Pure functions of sizes (CSS
 * pixels) and lists; no DOM.
 */

/** Gap between tiles (style.css .grid gap), CSS px. */
export const GAP_PX = 10;
/** A tile of the grid is never smaller than this, so a name and icons stay readable. */
const MIN_TILE = { wide: { w: 200, h: 112 }, narrow: { w: 150, h: 96 } };
/** Below this stage width the layout is a phone's. */
const NARROW_PX = 600;
/** Beside a screen share the tiles sit in a column (wide screens) or a row (narrow ones). */
const SIDE_TILE_HEIGHT_PX = 135;
const ROW_TILE_WIDTH_PX = 128;
/** The speaker view's strip: tiles this wide at least, and never more than this many. */
const STRIP_TILE_WIDTH_PX = { wide: 200, narrow: 120 };
const MAX_STRIP = 6;
/** Speakers remembered for the strip, most recent first. */
export const RECENT_SPEAKERS_KEPT = 12;

/**
 * Tiles on one page of the grid for a stage of width × height CSS px (presenting: a screen
 * share takes the stage and the tiles go beside it), at most `max` and at least 1.
 * Unknown sizes (0: not laid out yet) give `max`.
 */
export function pageSize(width, height, presenting, max) {
  if (!(width > 0 && height > 0)) return max;
  const narrow = width < NARROW_PX;
  let fit;
  if (presenting) {
    fit = narrow ? (width + GAP_PX) / (ROW_TILE_WIDTH_PX + GAP_PX) : (height + GAP_PX) / (SIDE_TILE_HEIGHT_PX + GAP_PX);
    fit = Math.floor(fit);
  } else {
    const min = narrow ? MIN_TILE.narrow : MIN_TILE.wide;
    const cols = Math.floor((width + GAP_PX) / (min.w + GAP_PX));
    const rows = Math.floor((height + GAP_PX) / (min.h + GAP_PX));
    fit = cols * rows;
  }
  return Math.max(1, Math.min(max, fit));
}

/**
 * Columns and rows for n tiles in width × height, choosing the arrangement whose 16:9
 * pictures come out largest.
 */
export function arrange(n, width, height) {
  if (n <= 1 || !(width > 0 && height > 0)) return { cols: Math.max(1, Math.min(n, 2)), rows: Math.max(1, Math.ceil(n / 2)) };
  let best = { cols: 1, rows: n, size: -1 };
  for (let cols = 1; cols <= n; cols += 1) {
    const rows = Math.ceil(n / cols);
    const w = (width - (cols - 1) * GAP_PX) / cols;
    const h = (height - (rows - 1) * GAP_PX) / rows;
    const size = Math.min(w, (h * 16) / 9);
    if (size > best.size) best = { cols, rows, size };
  }
  return { cols: best.cols, rows: best.rows };
}

/** How many others fit the speaker view's strip of this width. */
export function stripSize(width) {
  if (!(width > 0)) return 4;
  const tile = width < NARROW_PX ? STRIP_TILE_WIDTH_PX.narrow : STRIP_TILE_WIDTH_PX.wide;
  return Math.max(1, Math.min(MAX_STRIP, Math.floor((width + GAP_PX) / (tile + GAP_PX))));
}

/**
 * Who is shown large in the speaker view: the pinned person, else the active speaker,
 * else whoever was large before, else the latest speaker, else the first to arrive.
 * ids are participant ids; `present` is the set of others in the meeting.
 */
export function pickLarge({ pinnedId, activeId, previousId, recent, order, present }) {
  for (const id of [pinnedId, activeId, previousId, ...recent]) {
    if (id && present.has(id)) return id;
  }
  return order[0] ?? null;
}

/**
 * The strip: up to `count` others beside the large one, the latest speakers first, then
 * in order of arrival; returned in order of arrival, so tiles do not jump around.
 */
export function pickStrip({ count, largeId, recent, order }) {
  const chosen = new Set();
  const present = new Set(order);
  for (const id of [...recent, ...order]) {
    if (chosen.size >= count) break;
    if (id !== largeId && present.has(id)) chosen.add(id);
  }
  return order.filter((id) => chosen.has(id));
}
