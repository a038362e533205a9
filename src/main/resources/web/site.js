/**
 * What this server says about itself in /site.json (README, "Branding"; docs/embedding.md):
 * the product name, the logo's path, the start page's text and the CSP frame-ancestors
 * sources. Fetched once from the page's own origin; Parley's own values when it fails.
 */

export const BUILT_IN_SITE = Object.freeze({ name: 'Parley', logo: null, welcome: null, frameAncestors: Object.freeze(["'none'"]) });

/** Keeps what /site.json may hold, with the types expected; the built-in value for the rest. */
export function cleanSite(json) {
  const text = (value, max) => (typeof value === 'string' && value.trim() && value.length <= max ? value : null);
  const logo = typeof json?.logo === 'string' && /^\/branding\/logo\.(svg|png)$/.test(json.logo) ? json.logo : null;
  const sources = Array.isArray(json?.frameAncestors) ? json.frameAncestors.filter((s) => typeof s === 'string') : [];
  return Object.freeze({
    name: text(json?.name, 40)?.trim() ?? BUILT_IN_SITE.name,
    logo,
    welcome: text(json?.welcome, 2000),
    frameAncestors: Object.freeze(sources.length ? sources : [...BUILT_IN_SITE.frameAncestors]),
  });
}

let loaded = null;

/** The site's description (a promise, fetched once per page). */
export function loadSite(fetchFn = globalThis.fetch) {
  loaded ??= fetchFn('/site.json', { credentials: 'same-origin' })
    .then((response) => (response.ok ? response.json() : null))
    .catch(() => null)
    .then(cleanSite);
  return loaded;
}
