// The presenter's home: join address, decks to start, sessions to open or delete.
import { t, lang, onLang } from '/static/js/i18n-dom.js';

const $ = (x) => document.getElementById(x);
let decks = [];
let sessions = [];
let net = null;

// api calls the kit's HTTP API and throws an Error carrying the server's code.
async function api(method, path, body) {
  const opt = { method, credentials: 'same-origin', headers: {} };
  if (body !== undefined) { opt.body = JSON.stringify(body); opt.headers['Content-Type'] = 'application/json'; }
  let r;
  try { r = await fetch(path, opt); } catch (e) { throw err('network'); }
  if (r.status === 204) return null;
  const j = await r.json().catch(() => null);
  if (!r.ok) throw err(j && j.error && j.error.code, j && j.error && j.error.message);
  return j;
}
function err(code, message) { const e = new Error(message || ''); e.code = code || 'unknown'; return e; }
function showErr(e) {
  const k = 'err.' + e.code;
  const s = t(k);
  $('alert').textContent = s === k ? (e.message || t('err.unknown')) : s;
}
function clearErr() { $('alert').textContent = ''; }

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
function link(href, text) { const a = el('a', '', text); a.href = href; return a; }
function when(s) {
  if (!s) return '';
  const d = new Date(s);
  return isNaN(d) ? s : d.toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
}

// ---- join address ----

async function loadNet() {
  try { net = await api('GET', '/api/network'); drawNet(); } catch (e) { showErr(e); }
}
function drawNet() {
  if (!net) return;
  $('net-current').textContent = net.current || '';
  $('net-loopback').hidden = !net.loopback_only;
  const sel = $('net-select');
  sel.textContent = '';
  (net.candidates || []).forEach((c) => {
    const about = [c.iface, c.private === false && t('host.netPublic')].filter(Boolean).join(', ');
    const o = el('option', '', c.url + (about ? ' (' + about + ')' : ''));
    o.value = c.url;
    o.selected = c.url === net.current;
    sel.append(o);
  });
  // `fixed` (not in API.md, sent by the server): -public-url chose the address at start.
  $('net-form').hidden = !!net.fixed || !(net.candidates || []).length;
  $('net-fixed').hidden = !net.fixed;
}
$('net-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErr();
  const url = $('net-select').value;
  try {
    await api('POST', '/api/network', { url });
    $('net-msg').textContent = t('host.netSwitched', { url });
    await loadNet();
  } catch (x) { showErr(x); }
});

// ---- decks ----

async function loadDecks() {
  try { decks = await api('GET', '/api/decks') || []; drawDecks(); } catch (e) { showErr(e); }
}
function drawDecks() {
  const ul = $('decks');
  ul.textContent = '';
  decks.forEach((d) => {
    const li = el('li', 'card');
    const h = el('h3', '', d.title);
    li.append(h);
    if (d.builtin) { const p = el('p'); p.append(el('span', 'badge', t('host.builtin'))); li.append(p); }
    const facts = [t('host.deckLang', { lang: t('lang.' + d.lang) }), d.audience && t('host.deckAudience', { audience: d.audience }), d.minutes && t('host.deckMinutes', { n: d.minutes }), t('host.deckQuestions', { n: d.questions || 0 })].filter(Boolean);
    li.append(el('p', 'muted', facts.join(' · ')));
    if (d.description) li.append(el('p', '', d.description));
    const b = el('button', 'primary deck-start', t('host.start'));
    b.type = 'button';
    b.dataset.deck = d.id;
    b.setAttribute('aria-label', t('host.startDeck', { title: d.title }));
    b.onclick = () => start(d.id, b);
    li.append(b);
    ul.append(li);
  });
  if (!decks.length) ul.append(el('li', 'muted', t('host.noDecks')));
}
async function start(deck, b) {
  clearErr();
  b.disabled = true;
  try {
    const s = await api('POST', '/api/sessions', { deck });
    location.href = s.presenter_url || '/host/s/' + encodeURIComponent(s.id);
  } catch (e) { b.disabled = false; showErr(e); }
}

// ---- sessions ----

// loadSessions redraws only on a change, and not under keyboard focus, so the
// periodic refresh never yanks focus away from a link in the table.
async function loadSessions(force) {
  try {
    const next = await api('GET', '/api/sessions') || [];
    if (!force && JSON.stringify(next) === JSON.stringify(sessions)) return;
    if (!force && $('sessions').contains(document.activeElement)) return;
    sessions = next;
    drawSessions();
  } catch (e) { showErr(e); }
}
function drawSessions() {
  const tb = $('sessions').tBodies[0];
  tb.textContent = '';
  sessions.forEach((s) => {
    const tr = el('tr');
    const base = '/host/s/' + encodeURIComponent(s.id);
    tr.dataset.session = s.id;
    tr.append(el('td', 'code', s.code), el('td', '', s.title || s.deck), el('td', '', t('phase.' + s.phase)), el('td', '', String(s.joined || 0)), el('td', '', when(s.created_at)));
    const td = el('td');
    const box = el('div', 'actions');
    const label = s.code + ' ' + (s.title || '');
    const a1 = link(base, t('host.openProjector'));
    const a2 = link(base + '/report', t('host.report'));
    const a3 = link('/api/sessions/' + encodeURIComponent(s.id) + '/results.csv', t('host.csv'));
    a3.setAttribute('download', '');
    [a1, a2, a3].forEach((a) => a.setAttribute('aria-label', a.textContent + ': ' + label));
    box.append(a1, a2, a3);
    if (s.phase === 'ended') {
      const d = el('button', 'danger delete-btn', t('host.delete'));
      d.type = 'button';
      d.setAttribute('aria-label', t('host.delete') + ': ' + label);
      d.onclick = () => remove(s);
      box.append(d);
    }
    td.append(box);
    tr.append(td);
    tb.append(tr);
  });
  $('sessions-empty').hidden = sessions.length > 0;
}
async function remove(s) {
  if (!confirm(t('host.deleteConfirm', { code: s.code }))) return;
  clearErr();
  try { await api('DELETE', '/api/sessions/' + encodeURIComponent(s.id)); await loadSessions(true); $('sessions-h').focus(); } catch (e) { showErr(e); }
}

onLang(() => { drawNet(); drawDecks(); drawSessions(); });
loadNet();
loadDecks();
loadSessions(true);
// Keep joined counts and phases fresh while the page is visible.
setInterval(() => { if (!document.hidden) loadSessions(); }, 10000);
