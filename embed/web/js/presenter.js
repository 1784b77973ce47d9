// The presenter view: the slide showing and the next one, the notes, the
// time, the counts and every control. It follows the same session as the
// audience screen, through the server, so either window can be reloaded.
import strings from '/static/i18n/presenter.js';
import { t, onLang, use } from '/static/js/i18n-dom.js';
import { $, el, SHAPES } from '/static/js/dom.js';
import { api } from '/static/js/api.js';
import { follow, theme, setTheme, gotoPicker } from '/static/js/follow.js';
import { drawSlide, drawCounts, fit, clock } from '/static/js/slide.js';
import '/static/js/presenter-tools.js'; // the remote's QR and the Wi-Fi setting
import { qaPanel } from '/static/js/presenter-qa.js';
import { moderation } from '/static/js/moderation.js';
import { isVoice } from '/static/js/views.js';
import { drawPanel } from '/static/js/game-panel.js';
import { contactsPanel } from '/static/js/presenter-contacts.js';
import { handouts } from '/static/js/presenter-handouts.js';
import { drawPace } from '/static/js/presenter-pace.js';

use(strings);

const id = decodeURIComponent(location.pathname.split('/')[3] || '');
const base = '/host/s/' + encodeURIComponent(id);
let drawnKey = '';
let started = 0; // the session's start, for the elapsed time
let endedAt = 0;

const qa = qaPanel(id); // the anonymous Q&A
const f = follow(id, {
  state: draw,
  counts: drawNumbers,
  qa: qa.on,
  status(line, lost) {
    $('pv-conn').textContent = line;
    $('pv-conn').className = 'pv-conn' + (line ? ' show' : '') + (lost ? ' lost' : '');
  },
});

qa.bind(f);
contactsPanel($('contacts')); // the local contacts, for Need help? and the resources slide
const drawModeration = moderation(id, f); // open text's queue, a word cloud's words
$('audience-link').href = base;
$('audience-link').target = 'rt-audience-' + id;

function draw() {
  const st = f.st;
  if (!st) return;
  const s = st.session || {};
  const p = st.phase;
  document.title = (s.title ? s.title + ' · ' : '') + t('pv.pageTitle');
  $('deck-title').textContent = s.title || '';
  $('deck-title').lang = s.lang || '';
  $('now-pos').textContent = st.index >= 0 ? t('proj.pos', { n: st.index + 1, total: st.total }) : '';
  $('now-phase').textContent = t('pv.phase.' + p);
  $('prev-btn').disabled = p === 'ended' || st.index < 0;
  $('next-btn').disabled = p === 'ended';
  $('end-btn').disabled = p === 'ended';
  handouts(s); // the take-home materials panel
  drawGoto(st);
  drawSteps(st);
  fitBar();
  drawOverview(st);
  $('pv-game').hidden = !st.game || p === 'ended';
  if (st.game && p !== 'ended') drawPanel($('game-panel'), st.game, f.act, (m) => f.act(m.type, m));
  const notes = $('notes-text');
  notes.textContent = (st.slide && st.slide.notes) || t('proj.noNotes');
  notes.lang = st.slide && st.slide.notes ? s.lang : document.documentElement.lang;
  const key = st.index + '|' + p + '|' + !!st.results + '|' + document.documentElement.lang;
  if (key !== drawnKey) {
    drawnKey = key;
    const lobby = $('now-lobby');
    lobby.hidden = p !== 'lobby' && p !== 'ended';
    lobby.textContent = '';
    if (p === 'lobby') lobby.append(el('p', 'pv-big', t('pv.lobby', { code: s.code || '' })));
    if (p === 'ended') {
      const a = el('a', 'btn primary', t('proj.report'));
      a.href = base + '/report';
      a.id = 'report-link';
      lobby.append(el('p', 'pv-big', t('proj.endedTitle')), a);
    }
    drawSlide($('now'), p === 'lobby' || p === 'ended' ? null : st.slide, p, s.lang, st.results);
    drawSlide($('next'), p === 'ended' ? null : st.next, 'question', s.lang);
    $('next-none').hidden = !!st.next && p !== 'ended';
    $('next-stage').closest('.screen').hidden = !$('next-none').hidden;
  }
  if (st.session && st.session.id && !started) loadTimes();
  if (p === 'ended' && !endedAt) loadTimes();
  drawNumbers();
}

const drawGoto = gotoPicker('pv.gotoOption'); // "7 / 12": the bar has no room for words

// ---- a question's steps: close or open, live results, countdown, blank ----

// COUNTDOWNS are the lengths offered, in seconds; none is the default.
const COUNTDOWNS = [10, 15, 30, 60, 90, 120, 180, 300];
let cdKey = '';
function drawSteps(st) {
  const p = st.phase;
  // A qa slide shows the Q&A and takes no answers: nothing to close, show or reveal.
  const qa = takesNone(st);
  $('steps').hidden = qa;
  const q = !!(st.slide && st.slide.question) && !qa && (p === 'question' || p === 'closed');
  $('close-btn').disabled = !q;
  $('close-btn').textContent = t(p === 'closed' ? 'pv.openQ' : 'pv.closeQ');
  $('results-btn').disabled = !q;
  $('results-btn').setAttribute('aria-pressed', String(!!st.results));
  $('reveal-btn').disabled = !q;
  $('blank-btn').disabled = p === 'ended';
  $('blank-btn').setAttribute('aria-pressed', String(!!st.blank));
  $('pv-blanked').hidden = !st.blank || p === 'ended';
  $('reactions-btn').disabled = p === 'ended';
  $('reactions-btn').setAttribute('aria-pressed', String(!!st.reactions));
  $('lock-btn').disabled = p === 'ended';
  $('lock-btn').setAttribute('aria-pressed', String(!!st.locked));
  $('lock-note').textContent = st.locked && p !== 'ended' ? t('pv.lockedNote') : '';
  const sel = $('cd-select');
  if (cdKey !== document.documentElement.lang) {
    cdKey = document.documentElement.lang;
    const was = sel.value;
    sel.textContent = '';
    sel.append(el('option', '', t('pv.cdOff')));
    sel.firstChild.value = '0';
    COUNTDOWNS.forEach((n) => {
      const o = el('option', '', n < 60 || n % 60 ? t('pv.cdSecs', { n }) : t('pv.cdMin', { n: n / 60 }));
      o.value = n;
      sel.append(o);
    });
    sel.value = was || '0';
  }
  const running = !!st.countdown;
  $('cd-tx').textContent = t(running ? 'pv.cdStop' : 'pv.cdStart');
  $('cd-ic').textContent = running ? '■' : '▶';
  $('cd-btn').disabled = p !== 'question' || (!running && sel.value === '0');
  sel.disabled = p !== 'question';
  tickCountdown();
}

function tickCountdown() {
  const st = f.st;
  const left = st && st.phase === 'question' ? clock(st) : '';
  $('pv-countdown').textContent = left ? t('proj.left', { t: left }) : '';
}
setInterval(tickCountdown, 1000);

function takesNone(st) { return !!(st && st.slide && st.slide.question && st.slide.question.kind === 'qa'); }
function closeOrOpen() {
  const st = f.st;
  if (st && st.slide && st.slide.question && !takesNone(st) && (st.phase === 'question' || st.phase === 'closed')) f.act(st.phase === 'closed' ? 'open' : 'close');
}
function liveResults() { const st = f.st; if (st && st.slide && st.slide.question && !takesNone(st)) f.act('results', { show: !st.results }); }
function reveal() { if (!takesNone(f.st)) f.act('reveal'); }
function countdown() {
  const st = f.st;
  if (st) f.act('countdown', { seconds: st.countdown ? 0 : parseInt($('cd-select').value, 10) || 0 });
}
function blank() { const st = f.st; if (st && st.phase !== 'ended') f.act('blank', { blank: !st.blank }); }
$('close-btn').onclick = closeOrOpen;
$('results-btn').onclick = liveResults;
$('cd-btn').onclick = countdown;
$('cd-select').onchange = () => { if (f.st) drawSteps(f.st); };
$('blank-btn').onclick = blank;
// Reactions: the presenter's switch for the whole session (off unless it or the deck turns them on).
$('reactions-btn').onclick = () => { const st = f.st; if (st && st.phase !== 'ended') f.act('reactions', { on: !st.reactions }); };
// The room lock: no one new joins (phones are told room_locked); who joined still comes back.
$('lock-btn').onclick = () => { const st = f.st; if (st && st.phase !== 'ended') f.act(st.locked ? 'unlock' : 'lock'); };

// ---- the overview: every slide, to jump to one ----

let overviewKey = '';
function drawOverview(st) {
  const grid = $('overview-grid');
  const key = JSON.stringify(st.slides || []) + '|' + st.index + '|' + st.phase + '|' + document.documentElement.lang;
  if (key === overviewKey) return;
  overviewKey = key;
  grid.textContent = '';
  grid.lang = (st.session && st.session.lang) || '';
  (st.slides || []).forEach((sl, i) => {
    const b = el('button', 'overview-slide' + (i === st.index ? ' current' : ''));
    b.type = 'button';
    b.disabled = st.phase === 'ended';
    const meta = el('span', 'overview-meta', String(i + 1));
    meta.lang = document.documentElement.lang;
    if (sl.question) meta.append(' · ', t('pv.question'));
    if (i === st.index) meta.append(' · ', t('pv.current'));
    b.append(meta, el('span', 'overview-title', sl.title || ''));
    if (i === st.index) b.setAttribute('aria-current', 'true');
    b.onclick = () => { $('overview').close(); if (i !== st.index) f.act('goto', { slide: i }); };
    const li = el('li');
    li.append(b);
    grid.append(li);
  });
}
function overview() {
  const d = $('overview');
  if (d.open) { d.close(); return; }
  d.showModal();
  const cur = d.querySelector('.current') || d.querySelector('button');
  if (cur) cur.focus();
}
$('overview-btn').onclick = overview;
$('overview').querySelector('.close-btn').onclick = () => $('overview').close();

function drawNumbers() {
  const st = f.st;
  if (!st) return;
  const joined = st.joined || 0;
  $('pv-joined').textContent = joined;
  $('pv-joined-label').textContent = t('proj.joined', { n: joined });
  const q = st.slide && st.slide.question && !takesNone(st) && st.phase !== 'ended' && st.phase !== 'lobby';
  $('pv-answered-box').hidden = !q;
  $('pv-answered').textContent = st.answered || 0;
  $('pv-answered-label').textContent = t('proj.answered', { n: st.answered || 0 });
  // The presenter sees the counts as they come; the room sees them on reveal.
  $('pv-live').textContent = q && !isVoice(st.slide.question) ? t('pv.live') + ' ' + (st.counts || []).map((c, i) => SHAPES[i % SHAPES.length] + ' ' + String.fromCharCode(65 + i) + ': ' + c).join(' · ') : '';
  drawCounts($('now'), st);
  drawModeration(st);
  drawPace(st, base + '/report'); // a self-paced session's panel
  $('pv-alert').textContent = st.storage === 'failing' ? t('proj.storageFailing') : '';
  fitAll();
}

function fitAll() {
  fit($('now-stage'));
  if (!$('next-stage').closest('.screen').hidden) fit($('next-stage'));
}

// ---- the clock: time since the session started ----

async function loadTimes() {
  started = started || 1; // asked once
  try {
    const s = await api('GET', '/api/sessions/' + encodeURIComponent(id));
    started = Date.parse(s.created_at) || Date.now();
    if (s.ended_at) endedAt = Date.parse(s.ended_at);
  } catch (e) { started = Date.now(); }
  tick();
}
function tick() {
  if (started <= 1) return;
  const secs = Math.max(0, Math.floor(((endedAt || Date.now()) - started) / 1000));
  const h = Math.floor(secs / 3600);
  const m = Math.floor(secs / 60) % 60;
  const s = String(secs % 60).padStart(2, '0');
  $('elapsed').textContent = h ? h + ':' + String(m).padStart(2, '0') + ':' + s : m + ':' + s;
}
setInterval(tick, 1000);

// ---- controls and keys ----

// next on the last slide offers to end the session rather than failing with bad_slide.
function next() {
  const st = f.st;
  // In game mode the last slide's next shows the podium first (game.go).
  const podium = st && st.game && st.game.view !== 'podium';
  if (st && st.total && st.index >= st.total - 1 && st.phase !== 'lobby' && !podium) end(); else f.act('next');
}
function end() {
  if (confirm(t('proj.endConfirm'))) f.act('end');
}
$('prev-btn').onclick = () => f.act('prev');
$('next-btn').onclick = next;
$('reveal-btn').onclick = reveal;
$('end-btn').onclick = end;
$('goto-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const n = parseInt($('goto-select').value, 10);
  if (n >= 0) f.act('goto', { slide: n });
});
$('theme-select').value = theme();
$('theme-select').onchange = () => setTheme($('theme-select').value);
document.addEventListener('themechange', () => { $('theme-select').value = theme(); });

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const tag = e.target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
  const k = e.key;
  // Space and Enter on a focused button press that button, not "next".
  if ((k === ' ' || k === 'Enter') && (tag === 'BUTTON' || tag === 'A')) return;
  if (document.querySelector('dialog[open]') || (f.st && f.st.pace)) return; // self-paced: nothing to move
  const map = { ArrowRight: next, ' ': next, PageDown: next, ArrowLeft: () => f.act('prev'), PageUp: () => f.act('prev'), r: reveal, R: reveal,
    c: closeOrOpen, C: closeOrOpen, l: liveResults, L: liveResults, b: blank, B: blank, g: overview, G: overview };
  if (map[k]) { e.preventDefault(); map[k](); }
});

// fitBar keeps the controls on one line: when their words do not fit, the
// secondary buttons show only their icons (.compact; their words stay their
// accessible names).
function fitBar() {
  const bar = $('pv-bar');
  bar.classList.remove('compact');
  if (bar.scrollWidth > bar.clientWidth + 1) bar.classList.add('compact');
}
new ResizeObserver(fitBar).observe($('pv-bar'));

onLang(() => { drawnKey = ''; drawModeration.reset(); drawGoto.reset(); overviewKey = ''; cdKey = ''; draw(); f.redraw(); });
addEventListener('resize', fitAll);
f.start();
