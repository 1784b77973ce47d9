// The audience screen: only what the room should see (the slide, its
// results, the join strip). Its controls hide until the mouse moves, for a
// laptop without a second screen; the presenter view holds the rest.
import strings from '/static/i18n/projector.js';
import { t, onLang, use } from '/static/js/i18n-dom.js';
import { $, el } from '/static/js/dom.js';
import { follow, theme, setTheme, THEMES } from '/static/js/follow.js';
import { drawSlide, drawCounts, fit, clock, secondsLeft } from '/static/js/slide.js';
import { lobbyWifi } from '/static/js/lobby-wifi.js';
import { drawReactions, resetReactions } from '/static/js/floats.js';
import { drawGame } from '/static/js/game-board.js';

use(strings);

const id = decodeURIComponent(location.pathname.split('/')[3] || '');
let drawnKey = ''; // what the slide area shows, to avoid redrawing it on every count
let reactAt = -2;  // the slide the reactions counter counts for

let qa = null; // the last host_qa: the anonymous Q&A a qa slide shows
const f = follow(id, {
  state: draw,
  counts: drawNumbers,
  reactions(c) { const st = f.st; if (st && st.reactions && !st.blank) drawReactions($('react-layer'), c); },
  qa(m) { qa = m; drawQA(); },
  status(line, lost) {
    $('conn').textContent = line;
    $('conn').className = 'conn' + (line ? ' show' : '') + (lost ? ' lost' : '');
  },
});

function draw() {
  const st = f.st;
  if (!st) return;
  const s = st.session || {};
  const p = st.phase;
  document.title = (s.title ? s.title + ' · ' : '') + t('proj.pageTitle');
  const qr = '/api/sessions/' + encodeURIComponent(id) + '/qr.png';
  [['qr-img', 'join-url', 'room-code'], ['qr-big', 'qr-url', 'qr-code']].forEach(([img, url, code]) => {
    if ($(img).getAttribute('src') !== qr) $(img).src = qr;
    $(img).alt = t('proj.qrAlt', { url: s.join_url || '' });
    $(url).textContent = s.join_url || '';
    $(code).textContent = s.code || '';
  });
  $('corner-code').textContent = s.code || '';
  $('strip-url').textContent = shortURL(s.join_url || '');
  $('report-link').href = '/host/s/' + encodeURIComponent(id) + '/report';
  $('lobby').hidden = p !== 'lobby';
  lobbyWifi(p === 'lobby');
  $('ended').hidden = p !== 'ended';
  // Game mode's leaderboard or podium takes the slide's place (game-board.js).
  const game = st.game && st.game.view && p !== 'ended' ? st.game : null;
  $('game').hidden = !game;
  if (game) drawGame($('game'), game);
  $('slide').hidden = p === 'lobby' || p === 'ended' || !!game;
  $('strip').hidden = p === 'lobby' || p === 'ended';
  $('prev-btn').disabled = p === 'ended' || st.index < 0;
  $('next-btn').disabled = p === 'ended' || (st.index >= st.total - 1 && !(st.game && st.game.view !== 'podium'));
  $('reveal-btn').disabled = p !== 'question' && p !== 'closed';
  $('blank').hidden = !st.blank || p === 'ended';
  if (st.index !== reactAt || !st.reactions || st.blank) { reactAt = st.index; resetReactions($('react-layer')); }
  const key = st.index + '|' + p + '|' + !!st.results + '|' + document.documentElement.lang;
  if (key !== drawnKey && p !== 'lobby' && p !== 'ended') {
    drawnKey = key;
    drawSlide($('slide'), st.slide, p, s.lang, st.results);
    const chart = $('slide').querySelector('.chart');
    if (chart) chart.id = 'chart';
    const a = $('slide').querySelector('.answered-count');
    if (a) a.id = 'answered-count';
    drawQA();
  }
  drawNumbers();
  tick();
}

// drawQA shows, on a qa slide, the questions the room sees: the pinned one
// first, then by the presenter's sort; typed by phones, so textContent only.
const WALL = 6;
function drawQA() {
  const st = f.st;
  const box = $('slide');
  const q = st && st.slide && st.slide.question;
  if (!q || q.kind !== 'qa' || box.hidden) return;
  box.querySelectorAll('.chart,.answered').forEach((e) => e.remove());
  let wall = $('qa-wall');
  if (!wall) {
    wall = el('ol', 'qa-wall');
    wall.id = 'qa-wall';
    wall.lang = document.documentElement.lang;
    wall.setAttribute('aria-label', t('proj.qa.label'));
    box.append(wall);
  }
  wall.textContent = '';
  const stream = qa && qa.mode === 'stream';
  const qs = ((qa && qa.questions) || []).filter((x) => x.status === 'approved' || (stream && x.status === 'pending')).slice(0, WALL);
  if (!qs.length) wall.append(el('li', 'qa-none muted', t('proj.qa.none')));
  qs.forEach((x) => {
    const li = el('li', 'qa-card' + (x.pinned ? ' pinned' : '') + (x.answered ? ' answered' : ''));
    const txt = el('p', 'qa-card-text', x.text);
    txt.lang = '';
    const meta = el('p', 'qa-card-meta');
    const tags = [t('proj.qa.votes', { n: x.votes })];
    if (x.pinned) tags.unshift(t('proj.qa.pinned'));
    if (x.answered) tags.push('✓ ' + t('proj.qa.answered'));
    meta.textContent = tags.join(' · ');
    li.append(txt, meta);
    wall.append(li);
  });
  fit($('stage'));
}

// tick shows the countdown's time left, as text beside the join strip;
// a screen reader hears it once, at 10 seconds (the timer role is silent).
let said = -1;
function tick() {
  const st = f.st;
  const left = st && st.phase === 'question' ? clock(st) : '';
  $('countdown').textContent = left ? t('proj.left', { t: left }) : '';
  const n = left ? secondsLeft(st) : -1;
  if (n === 10 && said !== 10) $('countdown-say').textContent = t('proj.leftSay', { n });
  if (n > 10 || n < 0) $('countdown-say').textContent = '';
  said = n;
}
setInterval(tick, 1000);

// shortURL is the join address without its scheme, quiet enough for the strip.
function shortURL(u) { return u.replace(/^https?:\/\//, ''); }

function drawNumbers() {
  const st = f.st;
  if (!st) return;
  const joined = st.joined || 0;
  $('joined-count').textContent = joined;
  $('joined-label').textContent = t('proj.joined', { n: joined });
  $('corner-joined').textContent = t('proj.joinedN', { n: joined });
  $('corner-pos').textContent = st.index >= 0 ? t('proj.pos', { n: st.index + 1, total: st.total }) : '';
  drawCounts($('slide'), st);
  $('storage-alert').textContent = st.storage === 'failing' ? t('proj.storageFailing') : '';
  if (!$('slide').hidden) fit($('stage'));
}

// ---- controls that show on mouse move, dialogs, keys ----

let idle = 0;
function wake() {
  document.body.classList.add('awake');
  clearTimeout(idle);
  idle = setTimeout(() => document.body.classList.remove('awake'), 3000);
}
document.addEventListener('mousemove', wake);

function toggleDialog(d) {
  if (d.open) d.close(); else if (d.showModal) d.showModal(); else d.setAttribute('open', '');
}
function fullscreen() {
  if (document.fullscreenElement) document.exitFullscreen();
  else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen().catch(() => {});
}
function presenterView() {
  window.open('/host/s/' + encodeURIComponent(id) + '/presenter', 'rt-presenter-' + id);
}
function nextTheme() { setTheme(THEMES[(THEMES.indexOf(theme()) + 1) % THEMES.length]); }
// next on the last slide does nothing here: ending is the presenter view's.
// In game mode it shows the podium.
function next() { const st = f.st; if (st && (st.index < st.total - 1 || (st.game && st.game.view !== 'podium'))) f.act('next'); }

$('prev-btn').onclick = () => f.act('prev');
$('next-btn').onclick = next;
$('reveal-btn').onclick = () => f.act('reveal');
// The question's steps from the keyboard: C closes (or opens again), L
// turns live results on or off, B blanks the screen.
function closeOrOpen() { const st = f.st; if (st && (st.phase === 'question' || st.phase === 'closed')) f.act(st.phase === 'closed' ? 'open' : 'close'); }
function liveResults() { const st = f.st; if (st && st.slide && st.slide.question) f.act('results', { show: !st.results }); }
function blank() { const st = f.st; if (st) f.act('blank', { blank: !st.blank }); }
$('qr-btn').onclick = () => toggleDialog($('qr-dialog'));
$('help-btn').onclick = () => toggleDialog($('help-dialog'));
$('fs-btn').onclick = fullscreen;
$('pv-btn').onclick = presenterView;
document.addEventListener('fullscreenchange', () => $('fs-btn').setAttribute('aria-pressed', String(!!document.fullscreenElement)));
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
  const map = { ArrowRight: next, ' ': next, PageDown: next, ArrowLeft: () => f.act('prev'), PageUp: () => f.act('prev'), r: () => f.act('reveal'), R: () => f.act('reveal'), c: closeOrOpen, C: closeOrOpen, l: liveResults, L: liveResults, b: blank, B: blank };
  if (map[k]) { e.preventDefault(); map[k](); return; }
  if (k === 'f' || k === 'F') fullscreen();
  else if (k === 'p' || k === 'P') presenterView();
  else if (k === 't' || k === 'T') nextTheme();
  else if (k === 'd' || k === 'D') $('screen').classList.toggle('show-ranks'); // a ranking's per-place counts
});

onLang(() => { drawnKey = ''; draw(); f.redraw(); });
addEventListener('resize', drawNumbers); // fits the slide again, and lays out a word cloud for the new size
f.start();
