// The audience screen's reactions: each host_reactions message becomes at
// most MAX_DRAWN floating emoji, shared among the emoji by their counts, so
// ten thousand phones draw no more than ten. With reduced motion asked
// for, a counter in the join strip adds them up instead.
import { $, el } from '/static/js/dom.js';

export const EMOJI = ['👍', '❤️', '😂', '😮', '👏'];
export const MAX_DRAWN = 12;
const still = matchMedia('(prefers-reduced-motion: reduce)');
let totals = [0, 0, 0, 0, 0];
still.addEventListener('change', () => drawCount());

// pick shares min(total, MAX_DRAWN) emoji among counts, by largest
// remainder, and returns their indexes.
export function pick(counts) {
  const c = EMOJI.map((e, i) => Math.max(0, +counts[i] || 0));
  const total = c.reduce((a, b) => a + b, 0);
  const n = Math.min(total, MAX_DRAWN);
  if (!n) return [];
  const share = c.map((v) => v * n / total);
  const got = share.map(Math.floor);
  let left = n - got.reduce((a, b) => a + b, 0);
  share.map((s, i) => [s - got[i], i]).sort((a, b) => b[0] - a[0]).forEach(([, i]) => { if (left > 0 && c[i]) { got[i]++; left--; } });
  const out = [];
  got.forEach((k, i) => { for (let j = 0; j < k; j++) out.push(i); });
  return out;
}

// drawReactions draws one host_reactions message on layer.
export function drawReactions(layer, counts) {
  counts.forEach((v, i) => { if (i < totals.length) totals[i] += Math.max(0, +v || 0); });
  drawCount();
  if (still.matches) return;
  // The emoji rise from above the join strip, so its code stays readable.
  const strip = $('strip');
  layer.style.bottom = strip && !strip.hidden ? strip.offsetHeight + 'px' : '';
  pick(counts).forEach((i, k) => {
    const f = el('span', 'react-float', EMOJI[i]);
    f.style.left = (4 + Math.random() * 88) + '%';
    f.style.animationDelay = Math.round(k * 60 + Math.random() * 300) + 'ms';
    f.addEventListener('animationend', () => f.remove());
    setTimeout(() => f.remove(), 6000); // a screen that never animates does not keep them
    layer.append(f);
  });
}

// resetReactions starts the counter again (a new slide), and clears the air.
export function resetReactions(layer) {
  totals = [0, 0, 0, 0, 0];
  layer.textContent = '';
  drawCount();
}

function drawCount() {
  const box = $('react-count');
  if (!box) return;
  const any = totals.some((v) => v > 0);
  box.hidden = !still.matches || !any;
  $('react-nums').textContent = EMOJI.map((e, i) => e + ' ' + totals[i]).join('  ');
}
