// "Need help?" (docs/API.md, GET /j/{code}/help). Every phone imports this
// module and fetches the help data once, in the background, as soon as its
// first screen is drawn, whether or not the button is ever tapped: the kit
// cannot tell who opened it, and opening it asks the server nothing. The
// button is the first in the header's tools; the dialog is drawn from the
// data in the phone's language, and again when it switches.
import strings from '/static/i18n/help.js';
import { t, lang, onLang, add } from '/static/js/i18n-dom.js';
import { $, el } from '/static/js/dom.js';
import { modal } from '/static/js/modal.js';

add(strings);
const css = document.createElement('link');
css.rel = 'stylesheet';
css.href = '/static/css/help.css';
document.head.append(css);

let data = null;  // {lang, deck, local, kit} once fetched
let ready = null; // the fetch, started by mount

// mount starts the one fetch and puts the button first in the tools.
export function mount(code) {
  if (ready) return;
  ready = fetch(code ? '/j/' + encodeURIComponent(code) + '/help' : '/help', { credentials: 'same-origin' })
    .then((r) => (r.ok ? r.json() : null), () => null).then((d) => { data = d; });
  const b = el('button', 'tool help-btn', t('help.open'));
  b.type = 'button';
  b.id = 'help-btn';
  b.setAttribute('aria-haspopup', 'dialog');
  b.onclick = dlg.open;
  $('tools').prepend(b);
  onLang(() => {
    b.textContent = t('help.open');
    if (dlg.box()) draw(dlg.box());
  });
}

// mine are the entries for the phone's language (or for everyone).
const mine = (list) => (list || []).filter((i) => i.lang === lang || i.lang === 'both');

// item draws one entry as text; its links (tel:, sms:, https: only, made
// by the kit) show their number or address as their text.
function item(i) {
  const li = el('li', 'help-item');
  if (i.lang !== 'both' && i.lang !== lang) li.lang = i.lang;
  li.append(el('strong', 'help-name', i.name));
  const d = el('p', 'help-detail');
  let rest = i.detail;
  const extra = [];
  (i.links || []).forEach((l) => {
    if (!/^(tel:|sms:|https:)/.test(l.href)) return;
    const a = el('a', 'help-link', l.text);
    a.href = l.href;
    const at = rest.indexOf(l.text);
    if (at < 0) { extra.push(a); return; }
    d.append(rest.slice(0, at), a);
    rest = rest.slice(at + l.text.length);
  });
  d.append(rest);
  li.append(d);
  if (extra.length) {
    const p = el('p', 'help-links');
    extra.forEach((a, k) => { if (k) p.append(' '); p.append(a); });
    li.append(p);
  }
  if (i.note) li.append(el('p', 'help-note', i.note));
  return li;
}

function section(box, key, list) {
  if (!list.length) return;
  const ul = el('ul', 'help-list');
  list.forEach((i) => ul.append(item(i)));
  box.append(el('h3', '', t(key)), ul);
}

function draw(box) {
  box.textContent = '';
  const h = el('h2', '', t('help.title'));
  h.id = 'help-title';
  const x = el('button', 'help-x', '×');
  x.type = 'button';
  x.setAttribute('aria-label', t('help.close'));
  x.onclick = dlg.close;
  box.append(x, h, el('p', '', t('help.intro')));
  const d = data || { deck: [], local: [], kit: [] };
  // The deck's own in this language, else in the deck's (marked with it).
  let deck = mine(d.deck);
  if (!deck.length) deck = (d.deck || []).filter((i) => i.lang === d.lang);
  section(box, 'help.deck', deck);
  section(box, 'help.local', mine(d.local));
  section(box, 'help.kit', mine(d.kit));
  if (!box.querySelector('li')) box.append(el('p', 'big', t('help.none')));
  const c = el('button', 'btn primary', t('help.close'));
  c.type = 'button';
  c.onclick = dlg.close;
  box.append(c);
}

// contacts fills a resources slide's box on the phone with the local
// contacts, from the data already fetched (no request of its own).
export function contacts(v) {
  const ul = el('ul', 'help-list help-slide');
  v.append(ul);
  const fill = () => { ul.textContent = ''; mine(data && data.local).forEach((i) => ul.append(item(i))); };
  fill();
  if (ready) ready.then(fill);
}

const dlg = modal('help', 'help-title', draw, true);
