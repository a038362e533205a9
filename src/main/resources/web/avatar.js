/**
 * Avatars: initials in a coloured circle, or a small picture the person chose on the
 * pre-join screen. The picture is made here (96x96 JPEG data URL), sent in `join` and
 * `update`, and never stored by the server.
 */
import { h } from './dom.js';
import { t } from './i18n.js';

const AVATAR_SIZE_PX = 96;
/** The protocol's limit on the data URL, in characters. */
export const AVATAR_MAX_CHARS = 49_152;
const SAFE_AVATAR = /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+=*$/;
/** Palette classes in style.css; each holds white text at WCAG AA contrast. */
const PALETTE_SIZE = 8;

/** Up to two initials, from the first and last word ("Ada Lovelace" → "AL"). */
export function initials(name) {
  const words = String(name ?? '').trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '?';
  const first = Array.from(words[0])[0] ?? '';
  const last = words.length > 1 ? Array.from(words[words.length - 1])[0] ?? '' : '';
  return (first + last).toLocaleUpperCase();
}

/** A stable palette class for a key (a participant id or name). */
export function paletteClass(key) {
  let hash = 0;
  for (const ch of String(key)) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return `palette-${hash % PALETTE_SIZE}`;
}

/** Whether a data URL from the network is a picture we are willing to show. */
export function isSafeAvatar(url) {
  return typeof url === 'string' && url.length <= AVATAR_MAX_CHARS && SAFE_AVATAR.test(url);
}

/**
 * An avatar element: the picture when there is a safe one, else the initials.
 * size: "small" (lists) or "large" (tiles). Decorative: the name is always next to it.
 */
export function avatarElement({ key, name, avatar }, size = 'large') {
  const el = h('span', { class: `avatar avatar-${size}`, 'aria-hidden': 'true' });
  updateAvatar(el, { key, name, avatar });
  return el;
}

/** Updates an avatar element made by avatarElement in place. */
export function updateAvatar(el, { key, name, avatar }) {
  const signature = `${key}|${name}|${avatar ? avatar.length + avatar.slice(-16) : ''}`;
  if (el.dataset.signature === signature) return;
  el.dataset.signature = signature;
  el.className = el.className.replace(/\s*palette-\d+/g, '');
  if (isSafeAvatar(avatar)) {
    el.replaceChildren(h('img', { src: avatar, alt: '', width: AVATAR_SIZE_PX, height: AVATAR_SIZE_PX }));
  } else {
    el.classList.add(paletteClass(key ?? name));
    el.replaceChildren(h('span', { class: 'initials', text: initials(name) }));
  }
}

/**
 * Turns a picture file into a centred, square 96x96 JPEG data URL of at most
 * AVATAR_MAX_CHARS characters, lowering the JPEG quality until it fits.
 * Rejects with an Error for people when the file is not a readable picture.
 */
export async function pictureToAvatar(file) {
  if (!file || !file.type.startsWith('image/')) throw new Error(t('picture.notPicture'));
  let bitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error(t('picture.unreadable'));
  }
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = AVATAR_SIZE_PX;
  const side = Math.min(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side,
    0, 0, AVATAR_SIZE_PX, AVATAR_SIZE_PX);
  bitmap.close?.();
  for (let quality = 0.85; quality > 0.2; quality -= 0.15) {
    const url = canvas.toDataURL('image/jpeg', quality);
    if (url.length <= AVATAR_MAX_CHARS) return url;
  }
  throw new Error(t('picture.tooDetailed'));
}
