// The deck editor: Markdown source on the left, the linter's problems under
// it, and a live preview of every slide (rendered by the server's own parser,
// so the preview, `roundtable check` and a session agree).
import strings from '/static/i18n/editor.js';
import { t, onLang, use } from '/static/js/i18n-dom.js';
import { $, el } from '/static/js/dom.js';
import { api, showErr, clearErr } from '/static/js/api.js';

use(strings);

const enc = encodeURIComponent;
const text = $('ed-text');

// /host/decks/new or /host/decks/{id}/edit
const m = location.pathname.match(/^\/host\/decks\/([^/]+)\/edit\/?$/);
const state = { id: m ? decodeURIComponent(m[1]) : '', title: '', editable: !m, loaded: !m, dirty: false, check: null, saveProblems: null };
let seq = 0;
let timer = 0;

let said = null;
function status(key, vars) { said = key ? [key, vars] : null; $('ed-status').textContent = key ? t(key, vars) : ''; }

// ---- title, read-only mode, export links ----

function drawHead() {
  let h;
  if (!state.loaded) h = t('ed.loading');
  else if (!state.id) h = t('ed.titleNew');
  else h = t(state.editable ? 'ed.titleEdit' : 'ed.titleView', { title: state.title });
  $('ed-title').textContent = h;
  document.title = h + ' · Roundtable';
  $('ed-readonly').hidden = !state.loaded || state.editable || state.missing;
  text.readOnly = !state.loaded || !state.editable;
  $('ed-save').hidden = !state.editable;
  $('ed-add-image').hidden = !state.editable;
  ['md', 'gift'].forEach((f) => {
    const a = $('ed-export-' + f);
    a.hidden = !state.id;
    if (state.id) a.href = '/api/decks/' + enc(state.id) + '/export.' + f;
  });
}

// ---- problems and preview ----

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(check, 300);
}
async function check() {
  const n = ++seq;
  try {
    // A deck is checked as itself: its images are the files the kit has for it.
    const r = await api('POST', '/api/decks/check' + (state.id ? '?deck=' + enc(state.id) : ''), { source: text.value });
    if (n !== seq) return; // a later keystroke already asked again
    state.check = r;
    state.saveProblems = null;
    drawProblems();
    drawPreview();
  } catch (e) { if (n === seq) showErr(e); }
}

function problems() {
  if (state.saveProblems) return state.saveProblems;
  return state.check ? state.check.problems || [] : [];
}

let lastSummary = '';
function drawProblems() {
  const ps = problems();
  const ul = $('ed-problems');
  ul.textContent = '';
  ps.forEach((p) => {
    const li = el('li', 'sev-' + p.severity);
    const b = el('button', 'ed-goto');
    b.type = 'button';
    b.dataset.line = p.line;
    b.append(el('span', 'ed-line', t('ed.line', { n: p.line })), ' ', el('span', 'ed-sev', t('sev.' + p.severity) + ':'), ' ', el('span', 'ed-msg', p.message), el('span', 'visually-hidden', ' ' + t('ed.gotoHint')));
    b.onclick = () => gotoLine(p.line);
    li.append(b);
    ul.append(li);
  });
  const errors = ps.filter((p) => p.severity === 'error').length;
  const warnings = ps.length - errors;
  let s;
  if (!state.check && !state.saveProblems) s = '';
  else if (!ps.length) s = t('ed.noProblems');
  else s = t('ed.counts', { errors: t('ed.errors', { n: errors }), warnings: t('ed.warnings', { n: warnings }) });
  const sum = $('ed-summary');
  sum.className = 'ed-summary' + (errors ? ' bad' : ps.length ? ' warn' : ' good');
  // Speak the counts only when they change, not on every keystroke.
  if (s !== lastSummary) { sum.textContent = s; lastSummary = s; }
}

function drawPreview() {
  const box = $('ed-slides');
  box.textContent = '';
  const d = state.check && state.check.deck;
  if (!d) { box.append(el('p', 'muted', t(state.check ? 'ed.noPreview' : 'ed.loading'))); return; }
  const meta = [d.title, t('lang.' + d.lang)].filter(Boolean).join(' · ');
  box.append(el('p', 'ed-deckmeta', meta));
  const ps = problems();
  const slides = d.slides || [];
  slides.forEach((s, i) => {
    const next = i + 1 < slides.length ? slides[i + 1].line : Infinity;
    const lo = i === 0 ? 0 : s.line; // front-matter problems count with the first slide
    const mine = ps.filter((p) => p.line >= lo && p.line < next);
    const art = el('article', 'ed-slide' + (mine.some((p) => p.severity === 'error') ? ' has-error' : ''));
    const hid = 'ed-slide-' + i;
    art.setAttribute('aria-labelledby', hid);
    const head = el('div', 'ed-slide-head');
    const h = el('h3', '', t('ed.slide', { n: i + 1 }));
    h.id = hid;
    head.append(h);
    if (mine.length) head.append(el('span', 'ed-flag', t('ed.slideProblems', { n: mine.length })));
    const go = el('button', 'ed-goto-slide', t('ed.line', { n: s.line }));
    go.type = 'button';
    go.append(el('span', 'visually-hidden', ' ' + t('ed.gotoSlide', { n: i + 1 })));
    go.onclick = () => gotoLine(s.line);
    head.append(go);
    art.append(head);
    const body = el('div', 'ed-slide-body');
    body.innerHTML = s.html || ''; // sanitized by the server's renderer
    art.append(body);
    const q = s.question;
    if (q) {
      const qb = el('div', 'ed-q');
      const facts = el('p', 'ed-qfacts');
      facts.append(el('span', 'badge', t('kind.' + q.kind)), document.createTextNode(' ' + t('ed.qid', { id: q.id })));
      if (q.check) facts.append(document.createTextNode(' · ' + t('ed.check.' + q.check)));
      qb.append(facts);
      if (!s.title && q.prompt) qb.append(el('p', 'ed-prompt', q.prompt));
      const ol = el('ol', 'ed-options');
      (q.options || []).forEach((o) => {
        const li = el('li', o.correct ? 'right' : '');
        li.append(document.createTextNode(o.text));
        if (o.correct) {
          const mark = el('span', 'ed-right');
          mark.append(el('span', '', ' ✓'));
          mark.firstChild.setAttribute('aria-hidden', 'true');
          mark.append(el('span', 'visually-hidden', ' ' + t('ed.right')));
          li.append(mark);
        }
        ol.append(li);
      });
      qb.append(ol);
      if (q.explanation_html) {
        const ex = el('div', 'ed-expl');
        ex.append(el('p', 'ed-label', t('ed.explanation')));
        const eb = el('div');
        eb.innerHTML = q.explanation_html; // sanitized by the server's renderer
        ex.append(eb);
        qb.append(ex);
      }
      art.append(qb);
    }
    if (s.notes) {
      const n = el('div', 'ed-notes');
      n.append(el('p', 'ed-label', t('ed.notes')), el('p', 'ed-notes-text', s.notes));
      art.append(n);
    }
    box.append(art);
  });
  if (!slides.length) box.append(el('p', 'muted', t('ed.noSlides')));
}

// gotoLine puts the caret at the start of a 1-based line and scrolls to it.
function gotoLine(n) {
  const lines = text.value.split('\n');
  n = Math.max(1, Math.min(n, lines.length));
  let off = 0;
  for (let i = 0; i < n - 1; i++) off += lines[i].length + 1;
  text.focus();
  text.setSelectionRange(off, off);
  text.scrollTop = Math.max(0, heightOf(text.value.slice(0, off)) - text.clientHeight / 3);
  drawCaret();
}
// heightOf measures how tall some of the source is in the textarea, wrapped
// lines included, with an off-screen copy of its box (setting the
// textarea's own value would wipe its undo history).
let mirror = null;
function heightOf(s) {
  if (!mirror) { mirror = el('div', 'ed-mirror'); mirror.setAttribute('aria-hidden', 'true'); document.body.append(mirror); }
  const cs = getComputedStyle(text);
  mirror.style.width = text.clientWidth + 'px';
  mirror.style.font = cs.font;
  mirror.style.padding = cs.padding;
  mirror.style.tabSize = cs.tabSize;
  mirror.textContent = s;
  return mirror.scrollHeight;
}
function caretLine() { return text.value.slice(0, text.selectionStart).split('\n').length; }
function drawCaret() { $('ed-caret').textContent = t('ed.caret', { n: caretLine(), total: text.value.split('\n').length }); }

// ---- saving ----

async function save() {
  if (!state.editable || !state.loaded) return;
  clearErr();
  status('ed.saving');
  const b = $('ed-save');
  b.disabled = true;
  const source = text.value;
  try {
    const r = state.id
      ? await api('PUT', '/api/decks/' + enc(state.id), { source })
      : await api('POST', '/api/decks', { source });
    if (!state.id) history.replaceState(null, '', '/host/decks/' + enc(r.deck.id) + '/edit');
    state.id = r.deck.id;
    state.title = r.deck.title;
    state.dirty = text.value !== source;
    state.saveProblems = null;
    drawHead();
    status('ed.saved', { title: r.deck.title });
    check();
  } catch (e) {
    if (e.code === 'invalid_deck' && e.body && e.body.problems) {
      state.saveProblems = e.body.problems;
      drawProblems();
      status('ed.notSaved');
      $('ed-problems-h').focus();
    } else { status(''); showErr(e); }
  } finally { b.disabled = false; }
}

// addImage stores the chosen image file with the (saved) deck and puts
// ![](name) at the caret.
async function addImage() {
  const f = $('ed-image').files[0];
  $('ed-image').value = '';
  if (!f) return;
  clearErr();
  if (!state.id) { status('ed.imageSaveFirst'); return; }
  const name = f.name.replace(/[\s\\/?#%]+/g, '-');
  try {
    await api('PUT', '/api/decks/' + enc(state.id) + '/images/' + enc(name), f);
    const at = text.selectionStart;
    text.setRangeText('![](' + name + ')', at, text.selectionEnd, 'end');
    text.dispatchEvent(new Event('input'));
    status('ed.imageAdded', { name });
    text.focus();
  } catch (e) { showErr(e); }
}

// makeCopy turns a read-only deck into the user's own and opens that copy.
async function makeCopy() {
  clearErr();
  const b = $('ed-copy');
  b.disabled = true;
  try {
    const r = await api('POST', '/api/decks/' + enc(state.id) + '/copy');
    location.href = '/host/decks/' + enc(r.deck.id) + '/edit';
  } catch (e) { b.disabled = false; showErr(e); }
}

// ---- wiring ----

text.addEventListener('input', () => {
  if (!said || said[0] !== 'ed.unsaved') status('ed.unsaved'); // said once, not per keystroke
  state.dirty = true;
  schedule();
  drawCaret();
});
['keyup', 'click', 'select', 'focus'].forEach((ev) => text.addEventListener(ev, drawCaret));
$('ed-save').addEventListener('click', save);
$('ed-copy').addEventListener('click', makeCopy);
$('ed-add-image').addEventListener('click', () => $('ed-image').click());
$('ed-image').addEventListener('change', addImage);
document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') { e.preventDefault(); save(); }
});
window.addEventListener('beforeunload', (e) => { if (state.dirty) { e.preventDefault(); e.returnValue = ''; } });
onLang(() => { drawHead(); drawProblems(); drawPreview(); drawCaret(); if (said) status(said[0], said[1]); });

async function load() {
  drawHead();
  if (!state.id) {
    let draft = null;
    // An import that could not be saved hands its source over once.
    try { draft = sessionStorage.getItem('rt.draft'); sessionStorage.removeItem('rt.draft'); } catch (e) { /* no storage */ }
    text.value = draft || t('ed.template');
    state.dirty = !!draft;
    if (draft) status('ed.unsaved');
  } else {
    try {
      const r = await api('GET', '/api/decks/' + enc(state.id));
      text.value = r.source || '';
      state.title = r.summary.title;
      state.editable = !!r.summary.editable;
    } catch (e) { state.missing = true; showErr(e); }
  }
  state.loaded = true;
  drawHead();
  drawCaret();
  check();
}
load();
