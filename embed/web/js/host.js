// The presenter's home: join address, decks to start, sessions to open or delete.
import strings from '/static/i18n/host.js';
import { t, lang, onLang, use } from '/static/js/i18n-dom.js';
import { $, el } from '/static/js/dom.js';
import { api, request, failure, showErr, clearErr } from '/static/js/api.js';

use(strings);

let decks = [];
let sessions = [];
let net = null;

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
  $('net-unreachable').hidden = !net.unreachable;
  if (net.loopback_only) $('net-help').open = true; // no phone can join yet: the help is the next step
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

const enc = encodeURIComponent;
const editURL = (id) => '/host/decks/' + enc(id) + '/edit';

async function loadDecks() {
  try { decks = await api('GET', '/api/decks') || []; drawDecks(); } catch (e) { showErr(e); }
}
// drawDecks lists built-ins (read-only: start, copy, export) and the user's
// own decks (start, edit, export, delete), filtered by language.
function drawDecks() {
  const ul = $('decks');
  const want = $('deck-filter').value;
  ul.textContent = '';
  const shown = decks.filter((d) => !want || d.lang === want);
  shown.forEach((d) => {
    const li = el('li', 'card');
    li.dataset.deck = d.id;
    // The deck's own words carry its language (WCAG 3.1.2, language of parts).
    const h3 = el('h3', '', d.title);
    h3.lang = d.lang || '';
    li.append(h3);
    const tag = d.builtin ? 'host.builtin' : d.editable ? 'host.yours' : 'host.readOnly';
    const p = el('p'); p.append(el('span', 'badge' + (d.editable ? ' badge-own' : ''), t(tag))); li.append(p);
    const facts = [t('host.deckLang', { lang: t('lang.' + d.lang) }), d.audience && t('host.deckAudience', { audience: d.audience }), d.minutes && t('host.deckMinutes', { n: d.minutes }), t('host.deckQuestions', { n: d.questions || 0 })].filter(Boolean);
    li.append(el('p', 'muted', facts.join(' · ')));
    if (d.description) { const p = el('p', '', d.description); p.lang = d.lang || ''; li.append(p); }
    const box = el('div', 'actions deck-actions');
    const b = button('primary deck-start', t('host.start'), t('host.startDeck', { title: d.title }), () => start(d.id, b));
    b.dataset.deck = d.id;
    box.append(b);
    if (d.editable) {
      const e = link(editURL(d.id), t('host.edit'));
      e.className = 'deck-edit';
      box.append(named(e, d.title));
    } else {
      const c = button('deck-copy', t('host.copy'), '', () => copy(d, c));
      const v = link(editURL(d.id), t('host.view'));
      v.className = 'deck-view';
      box.append(named(c, d.title), named(v, d.title));
    }
    const r = link('/host/decks/' + enc(d.id) + '/report', t('host.deckReport'));
    r.className = 'deck-report';
    box.append(named(r, d.title));
    ['md', 'gift'].forEach((f) => {
      const a = link('/api/decks/' + enc(d.id) + '/export.' + f, t('host.export.' + f));
      a.className = 'deck-export-' + f;
      a.setAttribute('download', '');
      box.append(named(a, d.title));
    });
    if (d.editable) box.append(named(button('danger deck-delete', t('host.delete'), '', () => removeDeck(d)), d.title));
    li.append(box);
    ul.append(li);
  });
  if (!shown.length) ul.append(el('li', 'muted', t(decks.length ? 'host.noDecksLang' : 'host.noDecks')));
}
// named gives a control its visible words plus the deck's title, so a screen
// reader's list of controls tells the decks apart and voice control still
// matches what is on screen.
function named(e, title) { e.setAttribute('aria-label', e.textContent + ': ' + title); return e; }
function button(cls, text, label, onclick) {
  const b = el('button', cls, text);
  b.type = 'button';
  if (label) b.setAttribute('aria-label', label);
  b.onclick = onclick;
  return b;
}
$('deck-filter').addEventListener('change', drawDecks);
$('start-game').addEventListener('change', () => {
  $('start-speed').disabled = $('start-teams').disabled = !$('start-game').checked;
  if ($('start-speed').disabled) { $('start-speed').checked = false; $('start-teams').value = '0'; }
  $('start-paced').disabled = $('start-game').checked; // the two do not combine
});
// Self-paced: each phone moves on its own, until a closing time (the
// laptop's local time, sent as UTC) or until the presenter ends it.
$('start-paced').addEventListener('change', () => {
  const on = $('start-paced').checked;
  $('start-closes').disabled = !on;
  if (!on) $('start-closes').value = '';
  $('start-game').disabled = on;
});
async function start(deck, b) {
  clearErr();
  b.disabled = true;
  try {
    // Game mode is the presenter's choice for this session, off by default.
    const body = { deck };
    if ($('start-game').checked) Object.assign(body, { game: true, speed_bonus: $('start-speed').checked, teams: +$('start-teams').value });
    if ($('start-paced').checked) {
      body.self_paced = true;
      const c = $('start-closes').value; // local time, as the laptop's clock reads
      if (c) body.closes_at = new Date(c).toISOString();
    }
    const s = await api('POST', '/api/sessions', body);
    location.href = s.presenter_url || '/host/s/' + encodeURIComponent(s.id);
  } catch (e) { b.disabled = false; showErr(e); }
}
// copy makes an editable copy of a read-only deck and opens it in the editor.
async function copy(d, b) {
  clearErr();
  b.disabled = true;
  try {
    const r = await api('POST', '/api/decks/' + enc(d.id) + '/copy');
    location.href = editURL(r.deck.id);
  } catch (e) { b.disabled = false; showErr(e); }
}
async function removeDeck(d) {
  if (!confirm(t('host.deleteDeckConfirm', { title: d.title }))) return;
  clearErr();
  try {
    await api('DELETE', '/api/decks/' + enc(d.id));
    $('deck-msg').textContent = t('host.deckDeleted', { title: d.title });
    await loadDecks();
    $('decks-h').focus();
  } catch (e) { showErr(e); }
}

// ---- import ----

let lastImport = null;
$('import-lang').value = lang;
$('import-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErr();
  const fd = new FormData($('import-form'));
  fd.set('save', '1');
  const go = $('import-go');
  go.disabled = true;
  let r;
  try { r = await request('POST', '/api/decks/import', fd); } catch (x) { go.disabled = false; showErr(x); return; }
  go.disabled = false;
  if (!r.body || (!r.ok && r.status !== 422)) { showErr(failure(r)); return; }
  lastImport = { ok: r.ok, body: r.body };
  drawImport();
  if (r.ok) await loadDecks();
  $('import-report-h').focus();
});
// drawImport shows what the importer took and skipped (with line or row and
// why), the linter's problems if the result could not be saved, and a link
// to edit the new deck.
function drawImport() {
  if (!lastImport) return;
  const { ok, body } = lastImport;
  const rep = body.report || { taken: [], skipped: [] };
  const unit = rep.unit === 'row' ? 'host.importRow' : 'host.importLine';
  $('import-report').hidden = false;
  const taken = rep.taken || [], skipped = rep.skipped || [];
  let sum;
  if (ok) sum = body.report ? t('host.importDone', { format: rep.format, taken: taken.length, skipped: skipped.length }) : t('host.importDoneMd');
  else if (body.error && body.error.code === 'invalid_deck') sum = t('host.importInvalid');
  else sum = t('host.importFailed') + (body.error && body.error.message ? ' ' + body.error.message : '');
  $('import-summary').textContent = sum;
  const item = (it) => {
    const li = el('li');
    li.append(el('span', 'where', it.line ? t(unit, { n: it.line }) + ': ' : ''));
    if (it.title) li.append(el('q', '', it.title), document.createTextNode(' — '));
    li.append(document.createTextNode(it.reason || ''));
    return li;
  };
  const fill = (id, items) => {
    const ul = $(id);
    ul.textContent = '';
    items.forEach((it) => ul.append(item(it)));
    if (!items.length) ul.append(el('li', 'muted', t('host.importNone')));
  };
  fill('import-taken', taken);
  fill('import-skipped', skipped);
  const probs = body.problems || [];
  $('import-problems-h').hidden = $('import-problems').hidden = !probs.length;
  const pu = $('import-problems');
  pu.textContent = '';
  probs.forEach((p) => pu.append(el('li', '', t('host.importLine', { n: p.line }) + ': ' + t('sev.' + p.severity) + ': ' + p.message)));
  const edit = $('import-edit');
  edit.textContent = '';
  edit.hidden = true;
  if (ok && body.deck) {
    edit.append(link(editURL(body.deck.id), t('host.importEdit', { title: body.deck.title })));
    edit.hidden = false;
  } else if (body.source && body.error && body.error.code === 'invalid_deck') {
    // Not saved: hand the converted source to the editor to fix there.
    const a = link('/host/decks/new', t('host.importFix'));
    a.addEventListener('click', () => { try { sessionStorage.setItem('rt.draft', body.source); } catch (x) { /* no storage: the editor starts from its template */ } });
    edit.append(a);
    edit.hidden = false;
  }
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
// phaseText is a session's phase, and its mode when self-paced (which
// stays in the lobby: each phone moves on its own).
function phaseText(s) {
  if (s.mode !== 'self-paced') return t('phase.' + s.phase);
  return t('host.paced') + ' · ' + (s.phase === 'ended' ? t('phase.ended') : s.closes_at ? t('host.pacedUntil', { at: when(s.closes_at) }) : t('host.pacedOpen'));
}
function drawSessions() {
  const tb = $('sessions').tBodies[0];
  tb.textContent = '';
  sessions.forEach((s) => {
    const tr = el('tr');
    const base = '/host/s/' + encodeURIComponent(s.id);
    tr.dataset.session = s.id;
    tr.append(el('td', 'code', s.code), el('td', '', s.title || s.deck), el('td', '', phaseText(s)), el('td', '', String(s.joined || 0)), el('td', '', when(s.created_at)));
    const td = el('td');
    const box = el('div', 'actions');
    const label = s.code + ' ' + (s.title || '');
    const a1 = link(base, t('host.openProjector'));
    const a4 = link(base + '/presenter', t('host.presenterView'));
    const a2 = link(base + '/report', t('host.report'));
    const a3 = link('/api/sessions/' + encodeURIComponent(s.id) + '/results.csv', t('host.csv'));
    a3.setAttribute('download', '');
    [a1, a4, a2, a3].forEach((a) => a.setAttribute('aria-label', a.textContent + ': ' + label));
    box.append(a1);
    if (s.phase !== 'ended') box.append(a4);
    box.append(a2, a3);
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

onLang(() => { drawNet(); drawDecks(); drawSessions(); drawImport(); });
loadNet();
loadDecks();
loadSessions(true);
// Keep joined counts and phases fresh while the page is visible.
setInterval(() => { if (!document.hidden) loadSessions(); }, 10000);
