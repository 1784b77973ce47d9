// The phone's inputs and results for the room's voice kinds (open,
// wordcloud, scale, ranking, number, typeanswer) and "prefer not to
// answer". phone.js loads this module the first time such a question shows,
// so a choice-only deck never downloads it. Typed text is only ever set as
// textContent or an input's value.
import strings from '/static/i18n/kinds.js';
import { t, add } from '/static/js/i18n-dom.js';
import { el } from '/static/js/dom.js';

add(strings);
const css = document.createElement('link');
css.rel = 'stylesheet';
css.href = '/static/css/kinds.css';
document.head.append(css);

export const KINDS = ['open', 'wordcloud', 'scale', 'ranking', 'number', 'typeanswer', 'feedback'];

// drafts keeps what a phone typed or tapped and has not sent, per slide, so a
// redraw (a reconnect, a language switch) does not lose it.
const drafts = {};

// fold is freetext.Fold's rule in short: lowered, accents off, outer
// punctuation off, inner spaces one.
export function fold(s) {
  return String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '').replace(/\s+/g, ' ');
}

// same tells whether two answer bodies say the same (the server's echo of
// what was sent: text normalized, so compared folded).
export function same(a, b) {
  if (!a || !b) return false;
  if (a.skip || b.skip) return !!a.skip === !!b.skip;
  if (a.choice) return !!b.choice && a.choice.join() === b.choice.join();
  if (a.words) return !!b.words && a.words.map(fold).join('\n') === b.words.map(fold).join('\n');
  if (a.value !== undefined) return b.value !== undefined && Math.abs(a.value - b.value) < 1e-9 && (a.text || '').trim() === (b.text || '').trim();
  return a.text !== undefined && b.text !== undefined && a.text.trim() === b.text.trim();
}

// body is the answer part of an ack or welcome.given entry.
export function body(m) {
  if (m.skip) return { skip: true };
  if (m.words) return { words: m.words };
  if (m.value !== undefined && m.value !== null) return m.text !== undefined && m.text !== null ? { value: m.value, text: m.text } : { value: m.value };
  if (m.text !== undefined) return { text: m.text };
  return m.choice ? { choice: m.choice } : null;
}

// c: {slide, q, held, pending, send(body), error(text), deck(el)}
export function drawInput(v, c) {
  const q = c.q;
  const d = drafts[c.slide.index] || (drafts[c.slide.index] = {});
  const draw = { open: openText, typeanswer: openText, wordcloud: words, scale, ranking, number, feedback }[q.kind];
  if (draw) draw(v, c, d);
  if (q.prefer_not) v.append(preferNot(c));
}

// preferNot is the "prefer not to answer" button, pressed while that is what the server holds.
export function preferNot(c) {
  const b = el('button', 'btn skip-btn', t('pk.preferNot'));
  b.type = 'button';
  b.id = 'skip-btn';
  b.setAttribute('aria-pressed', String(!!(c.held && c.held.skip)));
  b.onclick = () => c.send({ skip: true });
  return b;
}

function form(v, c, make, hint) {
  const f = el('form', 'kind-form');
  f.noValidate = true;
  if (hint) {
    const h = el('p', 'hint', hint);
    h.id = 'kind-hint';
    f.append(h);
  }
  make(f);
  const s = el('button', 'btn primary', t(c.held && !c.held.skip ? 'pk.update' : 'pk.send'));
  s.type = 'submit';
  s.id = 'send-btn';
  f.append(s);
  v.append(f);
  return f;
}

function field(id, text, input) {
  const l = el('label', 'field-label', text);
  l.htmlFor = id;
  input.id = id;
  return l;
}

// openText: a textarea (open) or one line (typeanswer) with a live count.
function openText(v, c, d) {
  const q = c.q;
  const open = q.kind === 'open';
  const max = q.max_chars || (open ? 280 : 80);
  const was = c.held && c.held.text !== undefined ? c.held.text : '';
  if (d.text === undefined) d.text = was;
  const f = form(v, c, (f) => {
    const i = el(open ? 'textarea' : 'input', 'text-in');
    if (open) i.rows = 5; else { i.autocapitalize = 'off'; i.spellcheck = false; i.setAttribute('enterkeyhint', 'send'); }
    i.autocomplete = 'off';
    i.maxLength = max;
    i.value = d.text;
    i.setAttribute('aria-describedby', 'kind-count');
    const n = el('p', 'count');
    n.id = 'kind-count';
    const count = () => {
      const left = max - [...i.value].length;
      n.textContent = t('pk.left', { n: left, max });
      // Said aloud only near the limit, not on every key.
      n.setAttribute('aria-live', left <= 20 ? 'polite' : 'off');
    };
    i.oninput = () => { d.text = i.value; count(); };
    count();
    f.append(field('kind-text', t(open ? 'pk.openLabel' : 'pk.typeLabel'), i), i, n);
  });
  f.onsubmit = (e) => {
    e.preventDefault();
    const s = f.querySelector('.text-in').value.trim();
    if (!s) { c.error(t('pk.empty')); return; }
    c.send({ text: s });
  };
}

// words: one to three short entries, each its own labelled input.
function words(v, c, d) {
  const q = c.q;
  const n = Math.max(1, Math.min(3, q.entries || 1));
  const max = q.max_chars || 25;
  if (!d.words) d.words = ((c.held && c.held.words) || []).slice();
  const f = form(v, c, (f) => {
    for (let i = 0; i < n; i++) {
      const inp = el('input', 'word-in');
      inp.maxLength = max;
      inp.autocomplete = 'off';
      inp.setAttribute('enterkeyhint', i === n - 1 ? 'send' : 'next');
      inp.value = d.words[i] || '';
      inp.setAttribute('aria-describedby', 'kind-hint');
      inp.oninput = () => { d.words[i] = inp.value; };
      f.append(field('word-' + i, n > 1 ? t('pk.wordN', { n: i + 1 }) : t('pk.word'), inp), inp);
    }
  }, t(n > 1 ? 'pk.wordsHint' : 'pk.wordHint', { n, max }));
  f.onsubmit = (e) => {
    e.preventDefault();
    const ws = [...f.querySelectorAll('.word-in')].map((i) => i.value.replace(/\s+/g, ' ').trim()).filter((w) => w);
    if (!ws.length) { c.error(t('pk.empty')); return; }
    const folded = ws.map(fold);
    if (folded.some((w, i) => folded.indexOf(w) !== i)) { c.error(t('pk.twice')); return; }
    c.send({ words: ws });
  };
}

// points is a row of large radio buttons 1 to n, the end labels read with
// the first's and last's number and shown under them; pick(i) runs when i
// is chosen. A scale and the feedback slide both answer with one.
function points(c, n, checked, pick) {
  const q = c.q;
  const fs = el('fieldset', 'scale' + (n > 7 ? ' wide' : ''));
  fs.setAttribute('aria-labelledby', 'h');
  const row = el('div', 'scale-row');
  for (let i = 1; i <= n; i++) {
    const l = el('label', 'scale-pt');
    const r = el('input');
    r.type = 'radio';
    r.name = 'scale';
    r.value = i;
    r.checked = checked === i;
    const end = i === 1 ? q.low : i === n ? q.high : '';
    // A screen reader hears the end label with its number.
    if (end) r.setAttribute('aria-label', i + ', ' + end);
    r.onchange = () => { if (r.checked) pick(i); };
    l.append(r, el('span', 'pt-num', String(i)));
    row.append(l);
  }
  fs.append(row);
  if (q.low || q.high) {
    const ends = el('div', 'scale-ends');
    ends.setAttribute('aria-hidden', 'true');
    ends.append(c.deck(el('span', '', q.low || '')), c.deck(el('span', '', q.high || '')));
    fs.append(ends);
  }
  return fs;
}

// scale: the points, sent as soon as one is chosen.
function scale(v, c) {
  const n = c.q.points || 5;
  v.append(el('p', 'hint', t('pk.scaleHint', { n })), points(c, n, c.held && c.held.value, (i) => c.send({ value: i })));
}

// feedback: "How useful was this?" as a row of five points with labelled
// ends, and the deck's optional open question; both go in one answer, sent
// with the button. The open answer is read by the facilitator only.
function feedback(v, c, d) {
  const q = c.q;
  const n = q.points || 5;
  const held = c.held || {};
  if (d.value === undefined) d.value = held.value;
  if (d.text === undefined) d.text = held.text || '';
  const f = form(v, c, (f) => {
    f.append(points(c, n, d.value, (i) => { d.value = i; }));
    if (!q.open) return;
    const max = q.max_chars || 280;
    const ta = el('textarea', 'text-in');
    ta.rows = 4;
    ta.maxLength = max;
    ta.value = d.text;
    ta.setAttribute('aria-describedby', 'fb-private kind-count');
    const lab = field('fb-text', '', ta);
    lab.append(c.deck(el('span', '', q.open)), ' ', el('span', 'hint', t('pk.fbOptional')));
    const priv = el('p', 'hint', t('pk.fbPrivate'));
    priv.id = 'fb-private';
    const cnt = el('p', 'count');
    cnt.id = 'kind-count';
    const count = () => { cnt.textContent = t('pk.left', { n: max - [...ta.value].length, max }); };
    ta.oninput = () => { d.text = ta.value; count(); };
    count();
    f.append(lab, priv, ta, cnt);
  });
  f.onsubmit = (e) => {
    e.preventDefault();
    if (!d.value) { c.error(t('pk.fbPick')); return; }
    const s = (d.text || '').trim();
    c.send(s ? { value: d.value, text: s } : { value: d.value });
  };
}

// ranking: tap the items in order, best first; tapping a placed one takes
// it (and those after it) out again. No dragging.
function ranking(v, c, d) {
  const q = c.q;
  const items = q.options || [];
  if (!d.order) d.order = ((c.held && c.held.choice) || []).slice();
  v.append(el('p', 'hint', t('pk.rankHint', { n: items.length })));
  const g = el('div', 'answers rank-items');
  g.setAttribute('role', 'group');
  g.setAttribute('aria-labelledby', 'h');
  const list = el('ol', 'rank-list');
  list.setAttribute('aria-label', t('pk.yourOrder'));
  const sendBtn = el('button', 'btn primary', t(c.held && c.held.choice ? 'pk.update' : 'pk.send'));
  const clear = el('button', 'btn', t('pk.clear'));
  const redraw = () => {
    g.textContent = '';
    list.textContent = '';
    items.forEach((o, i) => {
      const at = d.order.indexOf(i);
      const b = el('button', 'answer-btn rank-btn');
      b.type = 'button';
      b.dataset.index = i;
      b.setAttribute('aria-pressed', String(at >= 0));
      const badge = el('span', 'rank-badge', at >= 0 ? String(at + 1) : '');
      badge.setAttribute('aria-hidden', 'true');
      b.append(badge, c.deck(el('span', 'txt', o)));
      if (at >= 0) b.append(el('span', 'visually-hidden', ', ' + t('pk.rankedN', { n: at + 1 })));
      b.onclick = () => {
        if (at >= 0) d.order.splice(at); else d.order.push(i);
        redraw();
        const again = g.querySelector('[data-index="' + i + '"]');
        if (again) again.focus();
      };
      g.append(b);
    });
    d.order.forEach((i) => list.append(c.deck(el('li', '', items[i]))));
    list.hidden = !d.order.length;
    sendBtn.disabled = d.order.length !== items.length;
    clear.disabled = !d.order.length;
  };
  sendBtn.type = clear.type = 'button';
  sendBtn.id = 'send-btn';
  sendBtn.onclick = () => { if (d.order.length === items.length) c.send({ choice: d.order.slice() }); };
  clear.onclick = () => { d.order = []; redraw(); };
  redraw();
  v.append(g, list, sendBtn, clear);
}

// number: a number field with − and + beside it, stepping by the question's step.
function number(v, c, d) {
  const q = c.q;
  const min = q.min !== undefined ? q.min : 0;
  const max = q.max !== undefined ? q.max : 100;
  const step = q.step || 1;
  if (d.value === undefined) d.value = c.held && c.held.value !== undefined ? String(c.held.value) : '';
  const f = form(v, c, (f) => {
    const i = el('input', 'num-in');
    i.type = 'number';
    i.inputMode = Number.isInteger(step) && Number.isInteger(min) ? (min < 0 ? 'text' : 'numeric') : 'decimal';
    i.min = min;
    i.max = max;
    i.step = step;
    i.value = d.value;
    i.oninput = () => { d.value = i.value; };
    const bump = (k) => {
      const x = parseFloat(i.value);
      // From an empty field the first press starts in the middle of the range.
      let y = isNaN(x) ? (min + max) / 2 : x + k * step;
      y = Math.min(max, Math.max(min, min + Math.round((y - min) / step) * step));
      i.value = d.value = String(+y.toFixed(10));
    };
    const less = el('button', 'btn step-btn', '−');
    const more = el('button', 'btn step-btn', '+');
    less.type = more.type = 'button';
    less.setAttribute('aria-label', t('pk.less', { step }));
    more.setAttribute('aria-label', t('pk.more', { step }));
    less.onclick = () => bump(-1);
    more.onclick = () => bump(1);
    const row = el('div', 'num-row');
    row.append(less, i, more);
    i.setAttribute('aria-describedby', 'kind-hint');
    f.append(field('kind-num', t('pk.numLabel'), i), row);
  }, t('pk.numHint', { min, max, step }));
  f.onsubmit = (e) => {
    e.preventDefault();
    const x = parseFloat(String(f.querySelector('.num-in').value).replace(',', '.'));
    const k = (x - min) / step;
    if (isNaN(x) || x < min || x > max || Math.abs(k - Math.round(k)) > 1e-9) { c.error(t('pk.numBad', { min, max, step })); return; }
    c.send({ value: x });
  };
}

// ---- results at reveal ----

// pollSkip adds to a revealed poll offering "prefer not to answer" what a
// phone that chose it should hear, and how many did.
export function pollSkip(v, c) {
  const r = c.r || {};
  if (c.held && c.held.skip) c.say(t('pk.youSkipped'), '');
  if (r.skipped) v.append(el('p', 'hint', t('pk.skipped', { n: r.skipped })));
}

const pct = (n, d) => (d ? Math.round(n * 100 / d) : 0);
const num = (x) => (x === undefined || x === null ? '—' : String(+(+x).toFixed(2)).replace('.', t('pk.decimal')));

// bars lists rows [name element, count, class] with a bar each, as long
// as its count beside the largest; the text says the share of total.
function bars(rows, total) {
  const ul = el('ul', 'opts vbars');
  const top = Math.max(1, ...rows.map((r) => r[1]));
  rows.forEach(([name, n, cls]) => {
    const li = el('li', cls || '');
    const row = el('div', 'row');
    row.append(name, el('span', 'num', t('pk.count', { n, pct: pct(n, total) })));
    const bar = el('div', 'bar');
    bar.setAttribute('aria-hidden', 'true');
    bar.style.width = (n * 100 / top) + '%';
    li.append(row, bar);
    ul.append(li);
  });
  return ul;
}

// c: {q, r (the reveal), held, deck(el), say(text, cls)}
export function drawResult(v, c) {
  const q = c.q;
  const r = c.r || {};
  const h = c.held;
  const mine = el('p', 'big mine');
  if (h && h.skip) c.say(t('pk.youSkipped'), '');
  else if (!h) c.say(t('pk.noAnswer'), '');
  else if (q.kind === 'typeanswer' && r.accepted) {
    const ok = r.accepted.map(fold).indexOf(fold(h.text)) >= 0;
    c.say(t(ok ? 'pk.right' : 'pk.wrong'), ok ? ' right' : ' wrong');
  } else c.say(t('pk.results'), '');
  // shares of those who answered: "prefer not to answer" is counted apart
  const total = Math.max(0, (r.total || 0) - (r.skipped || 0));
  if (h && !h.skip && q.kind !== 'ranking') {
    const said = q.kind === 'feedback' ? num(h.value) : h.text !== undefined ? h.text : h.words ? h.words.join(', ') : h.value !== undefined ? num(h.value) : '';
    mine.textContent = t('pk.yours', { a: said });
    v.append(mine);
  }
  switch (q.kind) {
    case 'scale': {
      const n = q.points || (r.counts || []).length;
      const rows = [];
      for (let i = 1; i <= n; i++) {
        const end = i === 1 ? q.low : i === n ? q.high : '';
        const name = el('span', 'txt', String(i));
        if (end) name.append(' · ', c.deck(el('span', '', end)));
        rows.push([name, (r.counts || [])[i - 1] || 0, h && h.value === i ? 'mine' : '']);
      }
      v.append(el('p', 'big', t('pk.median', { m: num(r.median) })), bars(rows, total));
      break;
    }
    case 'feedback': {
      const n = q.points || 5;
      const rows = [];
      for (let i = 1; i <= n; i++) {
        const end = i === 1 ? q.low : i === n ? q.high : '';
        const name = el('span', 'txt', String(i));
        if (end) name.append(' · ', c.deck(el('span', '', end)));
        rows.push([name, (r.counts || [])[i - 1] || 0, h && h.value === i ? 'mine' : '']);
      }
      v.append(el('p', 'big', t('pk.fbMean', { m: num(r.mean) })), bars(rows, total));
      if (q.open) v.append(el('p', 'hint', t('pk.fbPrivate')));
      break;
    }
    case 'number': {
      const hs = r.histogram || { counts: [] };
      if (r.answer !== undefined && r.answer !== null) v.append(el('p', 'big truth', t('pk.truth', { v: num(r.answer) })));
      if (!r.histogram) break; // a self-paced phone is not shown the others' answers
      v.append(el('p', '', t('pk.median', { m: num(r.median) })));
      const w = ((hs.max || 0) - (hs.min || 0)) / (hs.counts.length || 1);
      v.append(bars(hs.counts.map((k, i) => [el('span', 'txt', num(hs.min + i * w) + ' – ' + num(hs.min + (i + 1) * w)), k]), total));
      break;
    }
    case 'ranking': {
      const items = q.options || [];
      const mean = r.mean_ranks || [];
      const order = items.map((o, i) => i).sort((a, b) => (mean[a] || 99) - (mean[b] || 99));
      const ol = el('ol', 'rank-result');
      order.forEach((i) => {
        const li = el('li');
        li.append(c.deck(el('span', 'txt', items[i])), ' ', el('span', 'num', t('pk.meanRank', { m: num(mean[i]) })));
        ol.append(li);
      });
      v.append(ol);
      if (h && h.choice) v.append(el('p', 'hint', t('pk.yourOrderWas', { order: h.choice.map((i) => items[i]).join(' > ') })));
      break;
    }
    case 'typeanswer':
      if (total) v.append(el('p', 'big', t('pk.rightShare', { pct: pct(r.right || 0, total), n: r.right || 0, total })));
      if (r.accepted && r.accepted.length) {
        v.append(el('p', 'field-label', t('pk.accepted')));
        const ul = el('ul', 'accepted');
        r.accepted.forEach((a) => ul.append(c.deck(el('li', '', a))));
        v.append(ul);
      }
      break;
    case 'wordcloud': {
      const ws = (r.words || []).slice(0, 10);
      v.append(bars(ws.map((w) => [el('span', 'txt', w.text), w.count]), total));
      break;
    }
    case 'open': {
      const ul = el('ul', 'texts');
      // the pinned one first, as on the audience screen
      (r.texts || []).slice().sort((a, b) => (b.pinned ? 1 : 0) - (a.pinned ? 1 : 0)).slice(0, 10).forEach((x) => ul.append(el('li', x.pinned ? 'pinned' : '', x.text)));
      if (ul.firstChild) v.append(el('p', 'field-label', t('pk.shared')), ul);
      break;
    }
    default:
  }
  if (r.skipped) v.append(el('p', 'hint', t('pk.skipped', { n: r.skipped })));
}
