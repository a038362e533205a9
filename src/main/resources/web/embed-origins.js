/**
 * Which pages may command an embedded meeting (docs/embedding.md): those whose origin the
 * CSP frame-ancestors sources of this server allow (--frame-ancestors, from /site.json), so
 * the page the browser lets frame Parley is the one page Parley listens to. Understands the
 * sources an operator writes there: 'none', 'self', scheme://host[:port] with an optional
 * "*." wildcard label, a host without scheme (the page's own scheme), a bare scheme
 * ("https:"). Paths are ignored (an origin has none). No DOM code.
 */

const SOURCE = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d+|\*))?(?:\/.*)?$/i;
const DEFAULT_PORTS = { 'http:': '80', 'https:': '443' };

/** True when a page at origin (e.g. "https://intranet.example.org") matches one of the sources. */
export function originAllowed(origin, sources, selfOrigin) {
  let page;
  try {
    page = new URL(origin);
  } catch {
    return false;
  }
  if (page.origin !== origin || origin === 'null') return false;
  return sources.some((source) => matches(page, source.trim(), selfOrigin));
}

function matches(page, source, selfOrigin) {
  const lower = source.toLowerCase();
  if (lower === "'none'" || lower === '*') return false; // '*' would hand the meeting to any page
  if (lower === "'self'") return page.origin === selfOrigin;
  if (/^[a-z][a-z0-9+.-]*:$/.test(lower)) return page.protocol === lower && lower === 'https:';
  const m = SOURCE.exec(lower);
  if (!m) return false;
  const [, scheme, wildcard, host, port] = m;
  const selfScheme = new URL(selfOrigin).protocol.slice(0, -1);
  if (`${scheme ?? selfScheme}:` !== page.protocol) return false;
  const hostOk = wildcard ? page.hostname.endsWith(`.${host}`) : page.hostname === host;
  const pagePort = page.port || DEFAULT_PORTS[page.protocol] || '';
  const portOk = port === '*' || (port ?? DEFAULT_PORTS[page.protocol] ?? '') === pagePort;
  return hostOk && portOk;
}
