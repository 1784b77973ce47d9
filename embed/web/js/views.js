// What the room's voice kinds look like on the audience screen, the
// presenter view's previews and the results page: a word cloud (SVG),
// a scale's distribution and median, a number's histogram and true value,
// a ranking by mean place (the per-place counts one key away), a typed
// answer's right share and accepted answers, and open text as cards. Each
// is drawn from a `summary` (PROTOCOL.md). Typed text goes in as
// textContent only, SVG text nodes included.
import { t } from '/static/js/i18n-dom.js';
import { el } from '/static/js/dom.js';

export const VOICE = ['open', 'wordcloud', 'scale', 'ranking', 'number', 'typeanswer', 'feedback'];
export const isVoice = (q) => !!q && VOICE.indexOf(q.kind) >= 0;

const SVG = 'http://www.w3.org/2000/svg';
const svg = (tag, attrs) => {
  const e = document.createElementNS(SVG, tag);
  Object.keys(attrs || {}).forEach((k) => e.setAttribute(k, attrs[k]));
  return e;
};
const pct = (n, d) => (d ? Math.round(n * 100 / d) : 0);
// num writes a number the way the page's language does (3.5, 3,5).
export const num = (x) => (x === undefined || x === null ? '—' : (+(+x).toFixed(2)).toLocaleString(document.documentElement.lang || 'en'));
// answered is how many gave a point or a number: shares leave out those who preferred not to.
const answered = (sum) => Math.max(0, (sum.total || 0) - (sum.skipped || 0));
const itemText = (o) => (o && typeof o === 'object' ? o.text : o) || '';

// view returns the element showing summary sum of question q.
// o: {revealed, live (the room sees answers come in), cards (most open-text
// cards shown), area ({w, h, min}: the word cloud's size and smallest word,
// in pixels of the screen it is drawn for)}
export function view(q, sum, o) {
  sum = sum || {};
  o = o || {};
  const box = el('div', 'voice voice-' + q.kind);
  const show = o.revealed || o.live;
  switch (q.kind) {
    case 'wordcloud': if (show) box.append(cloud(sum.words || [], o.area || { w: 1000, h: 500, min: 16 })); break;
    case 'scale': if (show) scale(box, q, sum, o); else ends(box, q, q.points || 5); break;
    // feedback: the usefulness distribution and mean only; its open answers never reach a screen
    case 'feedback': if (show) usefulness(box, q, sum); else ends(box, q, 5); break;
    case 'number': if (show) number(box, q, sum, o); break;
    case 'ranking':
      if (show) ranking(box, q, sum);
      else {
        // Before the results: the items, so the room can read them.
        const ol = el('ol', 'rank-items');
        (q.options || []).forEach((x) => ol.append(el('li', '', itemText(x))));
        box.append(ol);
      }
      break;
    case 'typeanswer': if (o.revealed) typed(box, sum); break;
    case 'open': cards(box, sum, o.cards || 12); break;
    default:
  }
  if (show && sum.skipped) box.append(el('p', 'muted skipped', t('view.skipped', { n: sum.skipped })));
  return box;
}

// ---- word cloud ----

let ctx2d = null;
function measure(text, size) {
  if (!ctx2d) ctx2d = document.createElement('canvas').getContext('2d');
  ctx2d.font = '700 ' + size + 'px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif';
  return ctx2d.measureText(text).width;
}

// layout places the words, biggest first, on a spiral out from the middle,
// each where its box touches none placed before. Sizes go with the square
// root of the count, scaled so the words cover about two fifths of the
// drawing; a word that finds no room tries smaller, then is left out (the
// list beside the cloud, for screen readers, still has it).
export function layout(words, area) {
  const W = area.w;
  const H = area.h;
  const MIN = area.min;
  const placed = [];
  if (!words.length) return placed;
  const top = words[0].count;
  const low = words[words.length - 1].count;
  const want = words.map((w, n) => {
    const f = top === low ? (n ? 0.6 : 1) : (w.count - low) / (top - low);
    const size = (MIN + Math.sqrt(f) * 0.25 * H) * 1.2;
    // no word wider than nine tenths of the drawing
    return Math.min(size, size * (W * 0.9) / (measure(w.text, size) + 8));
  });
  const cover = want.reduce((a, size, n) => a + (measure(words[n].text, size) + 8) * size * 1.05, 0);
  const k = Math.min(1, Math.sqrt((W * H * 0.4) / cover));
  // A word that had to shrink to find room caps those after it, so a rarer
  // word is never drawn larger than a more frequent one of its length.
  let cap = Infinity;
  words.forEach((w, n) => {
    for (let size = Math.max(MIN, Math.min(cap, Math.round(want[n] * k))); size >= MIN; size = Math.floor(size * 0.8)) {
      const bw = measure(w.text, size) + 8;
      const bh = size * 1.05;
      // An ellipse as wide as the drawing, walked in steps of about 6 units.
      for (let a = 0, r = 0; r < W; a += 6 / Math.max(r, 6), r = a * 3) {
        const x = W / 2 + r * Math.cos(a) - bw / 2;
        const y = H / 2 + r * Math.sin(a) * (H / W) - bh / 2;
        if (x < 0 || y < 0 || x + bw > W || y + bh > H) continue;
        if (placed.some((p) => x < p.x + p.w && p.x < x + bw && y < p.y + p.h && p.y < y + bh)) continue;
        placed.push({ text: w.text, count: w.count, size, x, y, w: bw, h: bh, n });
        if (size < Math.round(want[n] * k)) cap = size;
        return;
      }
    }
  });
  return placed;
}

function cloud(words, area) {
  const wrap = el('figure', 'cloud');
  if (!words.length) {
    wrap.append(el('p', 'muted', t('view.noWords')));
    return wrap;
  }
  // Drawn at the screen's own pixels: a word's font-size is its size on the screen.
  const s = svg('svg', { viewBox: '0 0 ' + area.w + ' ' + area.h, width: area.w, height: area.h, 'aria-hidden': 'true', focusable: 'false' });
  layout(words, area).forEach((p) => {
    const tx = svg('text', { x: (p.x + p.w / 2).toFixed(1), y: (p.y + p.h * 0.8).toFixed(1), 'font-size': p.size, 'text-anchor': 'middle', class: 'w' + (p.n % 4) });
    tx.textContent = p.text;
    s.append(tx);
  });
  // The words and their counts, for a screen reader (the drawing is hidden from it).
  const list = el('ul', 'visually-hidden');
  words.forEach((w) => list.append(el('li', '', t('view.wordCount', { w: w.text, n: w.count }))));
  wrap.append(s, list);
  return wrap;
}

// ---- columns: a scale's points, a number's bins ----

// columns draws a bar per count, labelled under it, and markers at
// positions (0 to 1 along the axis) for the median and the true value.
function columns(counts, labels, marks, total) {
  const top = Math.max(1, ...counts);
  const fig = el('div', 'cols marks-' + marks.filter((m) => m.at !== undefined && m.at !== null && !isNaN(m.at)).length);
  const plot = el('div', 'cols-plot');
  const axis = el('div', 'cols-axis');
  counts.forEach((c, i) => {
    const col = el('div', 'col');
    const bar = el('div', 'col-bar');
    bar.style.height = (c * 100 / top) + '%';
    bar.setAttribute('aria-hidden', 'true');
    col.append(el('span', 'col-num', total ? t('view.countPct', { n: c, pct: pct(c, total) }) : String(c)), bar);
    plot.append(col);
    axis.append(el('span', 'col-label', labels[i]));
  });
  marks.forEach((m) => {
    if (m.at === undefined || m.at === null || isNaN(m.at)) return;
    const k = el('div', 'mark ' + m.cls);
    k.style.left = (Math.max(0, Math.min(1, m.at)) * 100) + '%';
    k.append(el('span', 'mark-label', m.text));
    plot.append(k);
  });
  fig.append(plot, axis);
  return fig;
}

function scale(box, q, sum, o) {
  const n = q.points || (sum.counts || []).length || 5;
  const counts = [];
  const labels = [];
  for (let i = 0; i < n; i++) { counts.push((sum.counts || [])[i] || 0); labels.push(String(i + 1)); }
  const marks = [];
  // The median sits between the columns' centres: point p is at (p - 0.5) / n.
  if (sum.median !== undefined && sum.median !== null && sum.total) marks.push({ at: (sum.median - 0.5) / n, cls: 'median', text: t('view.median', { m: num(sum.median) }) });
  box.append(columns(counts, labels, marks, answered(sum)));
  ends(box, q, n);
}

function usefulness(box, q, sum) {
  const counts = [];
  const labels = [];
  for (let i = 0; i < 5; i++) { counts.push((sum.counts || [])[i] || 0); labels.push(String(i + 1)); }
  const marks = [];
  if (sum.mean !== undefined && sum.mean !== null && sum.total) marks.push({ at: (sum.mean - 0.5) / 5, cls: 'median', text: t('view.mean', { m: num(sum.mean) }) });
  box.append(columns(counts, labels, marks, answered(sum)));
  ends(box, q, 5);
}

function ends(box, q, n) {
  if (!q.low && !q.high) return;
  const e = el('div', 'scale-ends');
  e.append(el('span', '', '1 · ' + (q.low || '')), el('span', '', n + ' · ' + (q.high || '')));
  box.append(e);
}

function number(box, q, sum, o) {
  const hs = sum.histogram || { counts: [] };
  const lo = hs.min !== undefined ? hs.min : q.min;
  const hi = hs.max !== undefined ? hs.max : q.max;
  const bins = hs.counts && hs.counts.length ? hs.counts : [];
  const w = bins.length ? (hi - lo) / bins.length : 0;
  const labels = bins.map((c, i) => num(lo + i * w) + '–' + num(lo + (i + 1) * w));
  const at = (x) => (hi > lo ? (x - lo) / (hi - lo) : 0.5);
  const marks = [];
  if (sum.median !== undefined && sum.median !== null && sum.total) marks.push({ at: at(sum.median), cls: 'median', text: t('view.median', { m: num(sum.median) }) });
  if (o.revealed && sum.answer !== undefined && sum.answer !== null) marks.push({ at: at(sum.answer), cls: 'truth', text: t('view.truth', { v: num(sum.answer) }) });
  box.append(columns(bins, labels, marks, answered(sum)));
  const facts = [];
  if (o.revealed && sum.answer !== undefined && sum.answer !== null) facts.push(t('view.truth', { v: num(sum.answer) }));
  if (sum.right !== undefined && sum.right !== null && o.revealed) facts.push(t('view.close', { n: sum.right, total: sum.total || 0 }));
  if (facts.length) box.append(el('p', 'facts', facts.join(' · ')));
}

// ranking: items by mean place; the table of how many put each item at
// each place is drawn too, shown when the screen has .show-ranks (key D).
function ranking(box, q, sum) {
  const items = (q.options || []).map(itemText);
  const mean = sum.mean_ranks || [];
  const order = items.map((x, i) => i).sort((a, b) => (mean[a] || 99) - (mean[b] || 99) || a - b);
  const n = items.length;
  const ol = el('ol', 'rank-means');
  order.forEach((i) => {
    const li = el('li');
    const row = el('div', 'bar-row');
    row.append(el('span', 'opt-text', items[i]), el('span', 'num', mean[i] ? t('view.meanPlace', { m: num(mean[i]) }) : '—'));
    const track = el('div', 'bar-track');
    track.setAttribute('aria-hidden', 'true');
    const bar = el('div', 'rbar');
    // First place fills the track, last place leaves a sliver.
    bar.style.width = (mean[i] && n > 1 ? Math.max(3, (n - mean[i]) * 100 / (n - 1)) : 0) + '%';
    track.append(bar);
    row.append(track);
    li.append(row);
    ol.append(li);
  });
  box.append(ol);
  const tbl = el('table', 'rank-dist');
  const head = el('tr');
  head.append(el('th', '', t('view.item')));
  for (let p = 1; p <= n; p++) head.append(el('th', 'num', t('view.place', { n: p })));
  const thead = el('thead');
  thead.append(head);
  const tb = el('tbody');
  order.forEach((i) => {
    const tr = el('tr');
    const th = el('th', '', items[i]);
    th.scope = 'row';
    tr.append(th);
    for (let p = 0; p < n; p++) tr.append(el('td', 'num', String(((sum.ranks || [])[i] || [])[p] || 0)));
    tb.append(tr);
  });
  tbl.append(el('caption', '', t('view.rankDist')), thead, tb);
  box.append(tbl);
}

function typed(box, sum) {
  const total = sum.total || 0;
  box.append(el('p', 'share', t('view.rightShare', { pct: pct(sum.right || 0, total), n: sum.right || 0, total })));
  if (sum.accepted && sum.accepted.length) {
    box.append(el('p', 'accepted-title', t('view.accepted')));
    const ul = el('ul', 'accepted');
    sum.accepted.forEach((a) => ul.append(el('li', '', a)));
    box.append(ul);
  }
}

// cards: approved open-text answers, the pinned one first and wide.
function cards(box, sum, most) {
  const all = (sum.texts || []).slice();
  all.sort((a, b) => (b.pinned ? 1 : 0) - (a.pinned ? 1 : 0));
  // As many as the screen can hold at a readable size: a dozen short ones,
  // fewer long ones (about 900 characters in all).
  const shown = [];
  let chars = 0;
  for (const x of all) {
    if (shown.length >= most || (shown.length && chars + x.text.length > 900 && most < 30)) break;
    shown.push(x);
    chars += Math.max(40, x.text.length);
  }
  if (!shown.length) {
    box.append(el('p', 'muted', t('view.noTexts')));
    return;
  }
  const ul = el('ul', 'cards' + (shown.length > 6 ? ' many' : ''));
  shown.forEach((x) => {
    const li = el('li', 'card' + (x.pinned ? ' pinned' : ''));
    if (x.pinned) {
      const p = el('span', 'pin', '★ ' + t('view.pinned'));
      li.append(p);
    }
    li.append(el('span', 'card-text', x.text));
    ul.append(li);
  });
  box.append(ul);
  if (all.length > shown.length) box.append(el('p', 'muted', t('view.more', { n: all.length - shown.length })));
}
