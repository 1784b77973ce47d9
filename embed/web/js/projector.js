// The projector: follows one session over /ws/host/{id} and drives it.
import strings from '/static/i18n/projector.js';
import { t, onLang, use, errorText } from '/static/js/i18n-dom.js';
import { $, el, label } from '/static/js/dom.js';
import { socket } from '/static/js/ws.js';
import { api } from '/static/js/api.js';

use(strings);

const id = decodeURIComponent(location.pathname.split('/')[3] || '');
let st = null;   // last host_state, with host_counts folded in
let net = 'connecting';
let lastErr = '';
let drawnKey = ''; // what the slide area shows, to avoid redrawing it on every count

const conn = socket('/ws/host/' + encodeURIComponent(id), {
  message(m) {
    if (m.type === 'host_state') {
      st = m; lastErr = ''; draw();
      // An ended session has nothing more to say: the server closes the
      // socket, and reconnecting would only ask it again, forever.
      if (m.phase === 'ended') conn.stop();
    } else if (m.type === 'host_counts') {
      if (!st || m.index !== st.index) return;
      ['joined', 'connected', 'answered', 'counts', 'storage'].forEach((k) => { if (m[k] !== undefined) st[k] = m[k]; });
      drawCounts();
    } else if (m.type === 'error') { lastErr = errorText(m.code, m.message); drawConn(); }
  },
  status(s) { net = s; drawConn(); if (s === 'reconnecting') diagnose(); },
});

// diagnose asks HTTP why the socket keeps failing, so a lost login or a deleted
// session says so instead of "Reconnecting…" forever.
let checking = false;
async function diagnose() {
  if (checking) return;
  checking = true;
  try {
    await api('GET', '/api/sessions/' + encodeURIComponent(id));
    if (lastErr === errorText('network')) lastErr = '';
  } catch (e) { lastErr = errorText(e.code, e.message); }
  checking = false;
  drawConn();
}

// act drives the session: over the socket when it is open, else over HTTP.
// extra carries the arguments of goto ({slide: n}).
async function act(type, extra) {
  if (conn.send(Object.assign({ type }, extra))) return;
  try {
    await api('POST', '/api/sessions/' + encodeURIComponent(id) + '/' + type, extra);
    lastErr = '';
  } catch (e) { lastErr = errorText(e.code, e.message); }
  drawConn();
}


function drawConn() {
  const k = net === 'connected' ? 'status.connected' : net === 'offline' ? 'status.offline' : net === 'connecting' ? 'status.connecting' : 'status.reconnecting';
  $('conn').textContent = lastErr || (net === 'connected' ? '' : t(k));
  $('conn').className = 'conn' + (lastErr || net !== 'connected' ? ' show' : '');
}

function draw() {
  drawConn();
  if (!st) return;
  const s = st.session || {};
  const p = st.phase;
  document.title = (s.title ? s.title + ' · ' : '') + t('proj.pageTitle');
  $('deck-title').textContent = s.title || t('proj.pageTitle');
  const qr = '/api/sessions/' + encodeURIComponent(id) + '/qr.png';
  [['qr-img', 'join-url', 'room-code'], ['qr-big', 'qr-url', 'qr-code']].forEach(([img, url, code]) => {
    if ($(img).getAttribute('src') !== qr) $(img).src = qr;
    $(img).alt = t('proj.qrAlt', { url: s.join_url || '' });
    $(url).textContent = s.join_url || '';
    $(code).textContent = s.code || '';
  });
  $('corner-code').textContent = s.code || '';
  $('report-link').href = '/host/s/' + encodeURIComponent(id) + '/report';
  $('lobby').hidden = p !== 'lobby';
  $('ended').hidden = p !== 'ended';
  $('slide').hidden = p === 'lobby' || p === 'ended';
  $('corner').hidden = p === 'lobby' || p === 'ended';
  const q = st.slide && st.slide.question;
  $('prev-btn').disabled = p === 'ended' || st.index < 0;
  $('next-btn').disabled = p === 'ended';
  $('reveal-btn').disabled = p !== 'question';
  $('end-btn').disabled = p === 'ended';
  drawGoto();
  $('notes-text').textContent = (st.slide && st.slide.notes) || t('proj.noNotes');
  const key = st.index + '|' + p + '|' + (document.documentElement.lang);
  if (key !== drawnKey && p !== 'lobby' && p !== 'ended') {
    drawnKey = key;
    drawSlide(q);
  }
  drawCounts();
}

// drawGoto fills the slide picker; it leaves it alone while someone is using it.
let gotoKey = '';
function drawGoto() {
  const sel = $('goto-select');
  $('goto-form').querySelector('button').disabled = sel.disabled = st.phase === 'ended' || !st.total;
  if (document.activeElement === sel) return;
  const key = st.total + '|' + document.documentElement.lang;
  if (key !== gotoKey) {
    gotoKey = key;
    sel.textContent = '';
    for (let n = 0; n < st.total; n++) {
      const o = el('option', '', t('proj.gotoOption', { n: n + 1 }));
      o.value = n;
      sel.append(o);
    }
  }
  if (st.index >= 0) sel.value = String(st.index);
}

function drawSlide(q) {
  const box = $('slide');
  box.textContent = '';
  box.className = 'slide' + (q ? ' question' : '');
  if (!q) {
    const html = el('div', 'slide-html');
    html.innerHTML = st.slide.html || ''; // server-sanitized deck HTML
    box.append(html);
    return;
  }
  // The server strips the options and explanation from a question slide's HTML,
  // leaving the prompt and any context the author wrote (an image, a paragraph).
  if (st.slide.html) {
    const html = el('div', 'slide-html');
    html.innerHTML = st.slide.html; // server-sanitized deck HTML
    box.append(html);
  } else box.append(el('h2', 'prompt', q.prompt || st.slide.title || ''));
  const revealed = st.phase === 'revealed';
  const poll = !q.options.some((o) => o.correct);
  const chart = el('ol', 'bars options' + (q.options.length > 4 ? ' many' : ''));
  chart.id = 'chart';
  q.options.forEach((o, i) => {
    const li = el('li', revealed && o.correct ? 'right' : '');
    const row = el('div', 'bar-row');
    const name = el('span', 'opt');
    name.append(label(i), ' ', el('span', 'opt-text', o.text));
    if (revealed && o.correct) name.append(' ', el('span', 'right-tag', '✓ ' + t('proj.rightAnswer')));
    row.append(name);
    if (revealed) {
      row.append(el('span', 'num'));
      const track = el('div', 'bar-track');
      track.setAttribute('aria-hidden', 'true');
      const bar = el('div', 'bar');
      bar.dataset.index = i;
      track.append(bar);
      row.append(track);
    }
    li.append(row);
    chart.append(li);
  });
  box.append(chart);
  const foot = el('p', 'answered');
  const n = el('span');
  n.id = 'answered-count';
  const lab = el('span');
  lab.id = 'answered-label';
  foot.append(n, ' ', lab);
  box.append(foot);
  if (revealed && poll) box.append(el('p', 'muted', t('proj.pollNote')));
  if (revealed && q.explanation_html) {
    const ex = el('div', 'explanation');
    ex.innerHTML = q.explanation_html; // server-sanitized deck HTML
    box.append(ex);
  }
}

function drawCounts() {
  if (!st) return;
  const joined = st.joined || 0;
  $('joined-count').textContent = joined;
  $('corner-joined').textContent = t('proj.joinedN', { n: joined });
  $('corner-pos').textContent = st.index >= 0 ? t('proj.pos', { n: st.index + 1, total: st.total }) : '';
  const a = $('answered-count');
  if (a) {
    a.textContent = st.answered || 0;
    $('answered-label').textContent = t('proj.answered', { n: st.answered || 0 });
  }
  $('joined-label').textContent = t('proj.joined', { n: joined });
  const counts = st.counts || [];
  const q = st.slide && st.slide.question;
  // % of people who answered: for `multiple` the rows may add up to more than 100.
  const sum = counts.reduce((x, y) => x + y, 0);
  const total = q && q.kind === 'multiple' ? (st.answered || sum) : sum;
  document.querySelectorAll('#chart .bar').forEach((b) => {
    const i = +b.dataset.index;
    const c = counts[i] || 0;
    const pct = total ? Math.round(c * 100 / total) : 0;
    b.dataset.count = c;
    b.style.width = pct + '%';
    b.closest('li').querySelector('.num').textContent = t('proj.countPct', { n: c, pct });
  });
  const failing = st.storage === 'failing';
  $('storage-alert').textContent = failing ? t('proj.storageFailing') : '';
}

// ---- dialogs, notes, fullscreen, keys ----

function toggleDialog(d) {
  if (d.open) d.close(); else if (d.showModal) d.showModal(); else d.setAttribute('open', '');
}
function toggleNotes() {
  const n = $('notes');
  n.hidden = !n.hidden;
  $('notes-btn').setAttribute('aria-pressed', String(!n.hidden));
}
function fullscreen() {
  if (document.fullscreenElement) document.exitFullscreen();
  else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen().catch(() => {});
}
// next on the last slide offers to end the session rather than failing with bad_slide.
function next() {
  if (st && st.total && st.index >= st.total - 1 && st.phase !== 'lobby') end(); else act('next');
}
function end() {
  if (confirm(t('proj.endConfirm'))) act('end');
}

$('prev-btn').onclick = () => act('prev');
$('next-btn').onclick = next;
$('reveal-btn').onclick = () => act('reveal');
$('qr-btn').onclick = () => toggleDialog($('qr-dialog'));
$('help-btn').onclick = () => toggleDialog($('help-dialog'));
$('notes-btn').onclick = toggleNotes;
$('fs-btn').onclick = fullscreen;
document.addEventListener('fullscreenchange', () => $('fs-btn').setAttribute('aria-pressed', String(!!document.fullscreenElement)));
$('end-btn').onclick = end;
$('goto-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const n = parseInt($('goto-select').value, 10);
  if (n >= 0) act('goto', { slide: n });
});
document.querySelectorAll('dialog .close-btn').forEach((b) => { b.onclick = () => b.closest('dialog').close(); });

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const tag = e.target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
  const open = document.querySelector('dialog[open]');
  const k = e.key;
  if (k === 'Escape') { if (open) { open.close(); e.preventDefault(); } return; }
  if (k === '?') { e.preventDefault(); if (open && open.id !== 'help-dialog') open.close(); toggleDialog($('help-dialog')); return; }
  if ((k === 'q' || k === 'Q') && (!open || open.id === 'qr-dialog')) { toggleDialog($('qr-dialog')); return; }
  if (open) return;
  // Space and Enter on a focused button press that button, not "next".
  if ((k === ' ' || k === 'Enter') && (tag === 'BUTTON' || tag === 'A')) return;
  const map = { ArrowRight: next, ' ': next, PageDown: next, ArrowLeft: () => act('prev'), PageUp: () => act('prev'), r: () => act('reveal'), R: () => act('reveal') };
  if (map[k]) { e.preventDefault(); map[k](); return; }
  if (k === 'n' || k === 'N') toggleNotes();
  else if (k === 'f' || k === 'F') fullscreen();
});

onLang(() => { drawnKey = ''; draw(); });
conn.start();
drawConn();
