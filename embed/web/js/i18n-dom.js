// One small module for every page: t(), the language switch, and the
// catalogue's text for error codes. Each page loads only its own strings
// (/static/i18n/{page}.js, a part of i18n.json chosen by the server) and
// hands them to use() before anything is drawn.
const STORE = 'rt.lang';
const subs = [];
let catalog = { en: {} };

function stored() {
  try { return localStorage.getItem(STORE); } catch (e) { return null; }
}

// A phone's choice ("es@ROOM") lasts for its room; the next starts in its deck's.
let deckLang, room;

function pick() {
  const s = (stored() || '').split('@');
  if (deckLang) return s[1] === room && catalog[s[0]] ? s[0] : deckLang;
  if (catalog[s[0]]) return s[0];
  // A server-rendered page (the 404) already chose from Accept-Language: keep it.
  const html = document.documentElement;
  if (html.hasAttribute('data-server-lang') && catalog[html.lang]) return html.lang;
  const n = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return catalog[n] ? n : 'en';
}

export let lang = 'en';

// use(strings, deck, room) takes the page's strings ({en: {...}, es: {...}}),
// picks the language and applies it to the page's data-i18n* attributes.
export function use(strings, deck, code) {
  catalog = strings;
  deckLang = catalog[deck] ? deck : '';
  room = code || '';
  lang = pick();
  apply();
}

// add(strings) joins a module's own strings (loaded when first needed) to the page's.
export function add(more) { Object.keys(catalog).forEach((l) => Object.assign(catalog[l], more[l])); }

// t('key', {n: 3}) fills {n}; with n === 1 it prefers 'key.one' (singular).
// A missing key falls back to English, then to the key itself.
export function t(key, vars) {
  if (vars && vars.n === 1 && catalog.en[key + '.one'] !== undefined) key += '.one';
  let s = catalog[lang][key];
  if (s === undefined) s = catalog.en[key];
  if (s === undefined) return key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  return s;
}

// errorText is what a person reads for an error code from the server: the
// catalogue's err.<code> in their language when it has one, else the
// server's own (English) message, else a generic line.
export function errorText(code, message) {
  const k = 'err.' + (code || 'unknown');
  const s = t(k);
  return s !== k ? s : message || t('err.unknown');
}

const ATTRS = [['i18nAriaLabel', 'aria-label'], ['i18nPlaceholder', 'placeholder'], ['i18nTitle', 'title'], ['i18nAlt', 'alt']];

export function apply(root) {
  root = root || document;
  document.documentElement.lang = lang;
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-aria-label],[data-i18n-placeholder],[data-i18n-title],[data-i18n-alt]').forEach((el) => {
    ATTRS.forEach(([d, a]) => { if (el.dataset[d]) el.setAttribute(a, t(el.dataset[d])); });
  });
  document.querySelectorAll('[data-set-lang]').forEach((b) => {
    b.setAttribute('aria-pressed', String(b.dataset.setLang === lang));
  });
}

// setLang(l, follow) switches, and remembers unless following a deck.
export function setLang(l, follow) {
  if (!catalog[l] || l === lang) return;
  lang = l;
  if (!follow) try { localStorage.setItem(STORE, room ? l + '@' + room : l); } catch (e) { /* private mode: not remembered */ }
  apply();
  subs.forEach((f) => f(l));
}

// onLang(f) runs f after every language change, so pages can redraw what JS built.
export function onLang(f) { subs.push(f); }

document.addEventListener('click', (e) => {
  const b = e.target.closest && e.target.closest('[data-set-lang]');
  if (b) setLang(b.dataset.setLang);
});
