// The slide as the room sees it, drawn by the audience screen and by the
// presenter view (its "now" and "next" previews), and fitted to its screen.
import { t } from '/static/js/i18n-dom.js';
import { el, label } from '/static/js/dom.js';
import { isVoice, view } from '/static/js/views.js';

// drawSlide fills box with slide (host_state's slide or next) in phase,
// marked with the deck's language (lang), for the screen's .screen box.
// live: the room sees the answers come in (host_state's results), so the
// bars show before the reveal.
export function drawSlide(box, slide, phase, lang, live) {
  box.textContent = '';
  const q = slide && slide.question;
  box.className = 'slide' + (q ? ' question' : '');
  box.lang = lang || '';
  if (!slide) return;
  if (!q || slide.html) {
    const html = el('div', 'slide-html');
    // The server strips a question slide's options and explanation from its
    // HTML, leaving the prompt and any context the author wrote.
    html.innerHTML = slide.html || ''; // server-sanitized deck HTML
    box.append(html);
  }
  if (slide.resources) drawContacts(box, lang);
  if (!q) return;
  if (!slide.html) box.append(el('h2', 'prompt', q.prompt || slide.title || ''));
  if (q.kind === 'qa') return; // the Q&A wall is the audience screen's (projector.js drawQA)
  const revealed = phase === 'revealed';
  const bars = revealed || !!live;
  if (isVoice(q)) {
    // The room's voice kinds: a view of the summary, redrawn by drawCounts.
    const v = el('div', 'voice-box chart');
    v.dataset.show = revealed ? 'revealed' : live ? 'live' : '';
    box.append(v);
  } else drawOptions(box, q, revealed, bars);
  const foot = el('p', 'answered');
  foot.lang = document.documentElement.lang;
  foot.append(el('span', 'answered-count'), ' ', el('span', 'answered-label'));
  if (phase === 'closed') foot.append(' · ', el('strong', 'closed-note', t('proj.closedNote')));
  box.append(foot);
  if (revealed && !isVoice(q) && !q.options.some((o) => o.correct)) {
    const p = el('p', 'muted poll-note', t('proj.pollNote'));
    p.lang = document.documentElement.lang;
    box.append(p);
  }
  if (revealed && q.explanation_html) {
    const ex = el('div', 'explanation');
    ex.innerHTML = q.explanation_html; // server-sanitized deck HTML
    box.append(ex);
  }
}

// A resources slide shows the facilitator's local contacts below its
// Markdown (GET /api/contacts), in the deck's language, as text only. The
// last list fetched draws at once; a fresh one replaces it, and the
// presenter's contacts panel says when they change (rt-contacts).
let contacts = null;
let shown = null; // the list box on screen, and its language
function drawContacts(box, lang) {
  const ul = el('ul', 'contacts');
  box.append(ul);
  shown = { ul, lang };
  fillContacts();
  loadContacts();
}
function fillContacts() {
  if (!shown || !shown.ul.isConnected) return;
  const ul = shown.ul;
  ul.textContent = '';
  const list = (contacts || []).filter((c) => c.lang === 'both' || c.lang === shown.lang || !shown.lang);
  list.forEach((c) => {
    const li = el('li', 'contact');
    li.append(el('strong', 'contact-name', c.name), ' ', el('span', 'contact-detail', c.detail));
    if (c.note) li.append(el('span', 'contact-note', c.note));
    ul.append(li);
  });
  // None: the presenter's preview says where to add them; the room sees nothing.
  if (contacts && !list.length && ul.closest('.pv-screen')) {
    const p = el('li', 'muted', t('proj.noContacts'));
    p.lang = document.documentElement.lang;
    ul.append(p);
  }
  const stage = ul.closest('.stage');
  if (stage) fit(stage);
}
function loadContacts() {
  fetch('/api/contacts', { credentials: 'same-origin' }).then((r) => (r.ok ? r.json() : null)).then((j) => {
    if (j) { contacts = j.contacts; fillContacts(); }
  }, () => {});
}
try { new BroadcastChannel('rt-contacts').onmessage = loadContacts; } catch (e) { /* an old browser: the next draw fetches them */ }

function drawOptions(box, q, revealed, bars) {
  const n = q.options.length;
  const chart = el('ol', 'bars options chart' + (n > 4 ? ' many' : '') + (bars ? ' revealed' : ''));
  q.options.forEach((o, i) => {
    const li = el('li', revealed && o.correct ? 'right' : '');
    const row = el('div', 'bar-row');
    const name = el('span', 'opt');
    name.append(label(i), ' ', el('span', 'opt-text', o.text));
    if (revealed && o.correct) {
      const tag = el('span', 'right-tag', '✓ ' + t('proj.rightAnswer'));
      tag.lang = document.documentElement.lang;
      name.append(' ', tag);
    }
    row.append(name);
    if (bars) {
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
}

// drawCounts writes the answered count and each bar of a revealed chart.
export function drawCounts(box, st) {
  const a = box.querySelector('.answered-count');
  if (a) {
    a.textContent = st.answered || 0;
    box.querySelector('.answered-label').textContent = t('proj.answered', { n: st.answered || 0 });
  }
  const q = st.slide && st.slide.question;
  const v = box.querySelector('.voice-box');
  if (v && q) drawVoice(v, q, st);
  const counts = st.counts || [];
  // % of people who answered: for `multiple` the rows may add up to more than 100.
  const sum = counts.reduce((x, y) => x + y, 0);
  const total = q && q.kind === 'multiple' ? (st.answered || sum) : sum;
  box.querySelectorAll('.bar').forEach((b) => {
    const c = counts[+b.dataset.index] || 0;
    const pct = total ? Math.round(c * 100 / total) : 0;
    b.dataset.count = c;
    b.style.width = pct + '%';
    b.closest('li').querySelector('.num').textContent = t('proj.countPct', { n: c, pct });
  });
}

// drawVoice redraws a voice kind's view from st.summary, at most four
// times a second (a word cloud's layout is the costly part); the last
// summary always gets drawn.
function drawVoice(v, q, st) {
  v.pending = st.summary;
  if (v.timer) return;
  const go = () => {
    v.timer = 0;
    const s = v.pending;
    // The word cloud is laid out in the screen's pixels: a word is never
    // below the smallest text size the fit rule allows (2.3% of a 16:9
    // screen's height), and a new screen size lays it out again.
    const sc = v.closest('.screen');
    const u = sc ? Math.min(sc.clientHeight, sc.clientWidth * 0.5625) / 100 : 0;
    const area = u ? { w: v.clientWidth, h: Math.round(Math.min(v.clientWidth / 2, 44 * u)), min: Math.ceil(2.3 * u) } : undefined;
    const key = JSON.stringify(s || null) + (area ? area.w + 'x' + area.h : '');
    if (key === v.drawn) return;
    v.drawn = key;
    v.textContent = '';
    v.append(view(q, s, { revealed: v.dataset.show === 'revealed', live: v.dataset.show === 'live', area }));
    v.last = Date.now();
    const stage = v.closest('.stage');
    if (stage && v.isConnected) fit(stage);
  };
  const wait = 250 - (Date.now() - (v.last || 0));
  if (wait <= 0) go(); else v.timer = setTimeout(go, wait);
}

// MIN_FIT is the smallest scale fit() uses: at it, option and body text is
// 24 px on a 1080-pixel-high screen (2.22% of the screen's height), the
// minimum docs/PRESENTING.md promises for the back of a room.
export const MIN_FIT = 0.7;

// fit shrinks the text of the slide in stage (a .stage inside a .screen)
// from full size in steps until it fits without scrolling, down to MIN_FIT;
// what still does not fit scrolls, as a last resort (a user's deck; the
// linter warns of it).
export function fit(stage) {
  const screen = stage.closest('.screen');
  let f = 1;
  stage.classList.remove('overflow');
  for (;;) {
    screen.style.setProperty('--fit', String(f));
    if (stage.scrollHeight <= stage.clientHeight + 1 && stage.scrollWidth <= stage.clientWidth + 1) return f;
    if (f <= MIN_FIT) break;
    f = Math.max(MIN_FIT, Math.round((f - 0.05) * 100) / 100);
  }
  stage.classList.add('overflow');
  return f;
}

// clock is the time left of host_state's countdown as m:ss, or '' when
// none runs (follow.js sets its end on arrival).
export function clock(st) {
  const c = st && st.countdown;
  if (!c || !c.end) return '';
  const s = Math.max(0, Math.ceil((c.end - Date.now()) / 1000));
  return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
}

// secondsLeft is the whole seconds left of the countdown, or -1.
export function secondsLeft(st) {
  const c = st && st.countdown;
  return c && c.end ? Math.max(0, Math.ceil((c.end - Date.now()) / 1000)) : -1;
}
