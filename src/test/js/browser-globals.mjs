// What the client modules expect of a browser and Node 18 (Debian 12's) lacks: CustomEvent
// (global only from Node 19). Imported first by the unit tests of those modules.
globalThis.CustomEvent ??= class CustomEvent extends Event {
  constructor(type, options = {}) {
    super(type, options);
    this.detail = options.detail ?? null;
  }
};

/** An in-memory Storage (sessionStorage / localStorage). */
export class MemoryStorage {
  #items = new Map();
  getItem(key) { return this.#items.has(key) ? this.#items.get(key) : null; }
  setItem(key, value) { this.#items.set(key, String(value)); }
  removeItem(key) { this.#items.delete(key); }
}

/** Collects a target's events of one type: their details, in order. */
export function record(target, type) {
  const seen = [];
  target.addEventListener(type, (event) => seen.push(event.detail));
  return seen;
}
