// The presenter view's "Take-home materials" panel: the deck's handout
// (offered on every phone at the end) and the materials that go with the
// same workshop, in the deck's language with a link to the other; each
// opens its printable page in a new tab.
import { t, errorText } from '/static/js/i18n-dom.js';
import { $, el } from '/static/js/dom.js';
import { api } from '/static/js/api.js';

let list = null;  // GET /api/handouts, once
let drawn = '';

// handouts draws the panel for host_state's session; it redraws only when
// the deck's handout, its language or the page's language changes.
export function handouts(s) {
  const key = (s.handout || '') + '|' + s.lang + '|' + document.documentElement.lang;
  if (!s.lang || key === drawn) return;
  drawn = key;
  if (!list) {
    list = api('GET', '/api/handouts').then((r) => r.materials);
    list.catch(() => { list = null; });
  }
  list.then((all) => draw(s, all), (e) => { $('handouts-status').textContent = errorText(e.code, e.message); drawn = ''; });
}

function draw(s, all) {
  const mine = s.handout ? all.filter((m) => m.name === s.handout || m.for.indexOf(s.handout) >= 0) : all;
  mine.sort((a, b) => (b.name === s.handout) - (a.name === s.handout));
  const other = s.lang === 'es' ? 'en' : 'es';
  $('handouts-help').textContent = t(s.handout ? 'pv.handouts.help' : 'pv.handouts.none');
  const ul = $('handouts-list');
  ul.textContent = '';
  mine.forEach((m) => {
    const li = el('li');
    const a = open(el('a', '', m.title[s.lang]), m.url[s.lang]);
    a.lang = s.lang;
    li.append(a);
    if (m.name === s.handout) li.append(' ', el('span', 'pv-offered', t('pv.handouts.offered')));
    const o = open(el('a', 'pv-other', t('pv.handouts.in.' + other)), m.url[other]);
    o.hreflang = other;
    o.title = m.title[other];
    li.append(' ', o);
    ul.append(li);
  });
  const all2 = open($('handouts-all'), '/handouts?lang=' + s.lang);
  all2.textContent = t('pv.handouts.all');
}

// open makes a link open its page in a tab of its own, where it prints.
function open(a, href) {
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener';
  return a;
}
