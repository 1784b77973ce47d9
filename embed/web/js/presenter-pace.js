// The presenter view of a self-paced session: each phone moves on its own,
// so instead of the slide showing there is one row per slide with how many
// phones are on it (a bar) and, for a question, the answers so far; the
// live controls (move, reveal, steps, Q&A, reactions) are hidden. The
// audience screen keeps the join code up the whole time.
import { t, lang } from '/static/js/i18n-dom.js';
import { $, el, SHAPES } from '/static/js/dom.js';

const css = document.createElement('link');
css.rel = 'stylesheet';
css.href = '/static/css/presenter-pace.css';
document.head.append(css);

let box = null;
function mount() {
  if (box) return box;
  box = el('section', 'pv-pace');
  box.id = 'pv-pace';
  box.setAttribute('aria-labelledby', 'pace-h');
  document.querySelector('.pv-main').prepend(box);
  return box;
}

const when = (iso) => new Date(iso).toLocaleString(lang, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });

// drawPace draws the panel from host_state (or host_counts merged into
// it); it does nothing for a live session.
export function drawPace(st, reportURL) {
  document.body.classList.toggle('pv-paced', !!st.pace);
  if (!st.pace) return;
  const b = mount();
  const p = st.pace;
  const s = st.session || {};
  const ended = st.phase === 'ended';
  b.textContent = '';
  const h = el('h2', 'pv-h', t('pv.pace.title'));
  h.id = 'pace-h';
  b.append(h);
  if (ended) {
    const a = el('a', 'btn primary', t('proj.report'));
    a.href = reportURL;
    a.id = 'report-link';
    b.append(el('p', 'pv-big', t('pv.pace.over')), a);
  } else {
    b.append(el('p', 'pv-big', t('pv.pace.join', { code: s.code || '' })),
      el('p', 'muted', p.closes_at ? t('pv.pace.until', { at: when(p.closes_at) }) : t('pv.pace.open')));
  }
  const joined = st.joined || 0;
  const most = Math.max(1, ...p.on, p.finished || 0);
  const ol = el('ol', 'pace-rows');
  ol.lang = s.lang || '';
  (st.slides || []).forEach((sl, i) => {
    const li = el('li', 'pace-row');
    const n = p.on[i] || 0;
    const title = el('span', 'pace-title', (i + 1) + '. ' + (sl.title || ''));
    const num = el('span', 'pace-num', t('pv.pace.here', { n }));
    num.lang = document.documentElement.lang;
    li.append(title, bar(n, most), num);
    if (sl.question) {
      const a = el('span', 'pace-answers', t('pv.pace.answered', { n: p.answered[i] || 0 }));
      a.lang = document.documentElement.lang;
      const c = p.counts[i];
      if (c) a.append(' · ', c.map((x, k) => SHAPES[k % SHAPES.length] + ' ' + String.fromCharCode(65 + k) + ': ' + x).join(' · '));
      li.append(a);
    }
    ol.append(li);
  });
  const done = el('li', 'pace-row pace-done');
  done.lang = document.documentElement.lang;
  done.append(el('span', 'pace-title', t('pv.pace.finished')), bar(p.finished || 0, most), el('span', 'pace-num', t('pv.pace.here', { n: p.finished || 0 })));
  ol.append(done);
  b.append(el('p', 'muted', t('pv.pace.help', { n: joined })), ol);
}

// bar is n phones as a share of the fullest row; the number beside it says it in words.
function bar(n, most) {
  const track = el('span', 'pace-track');
  track.setAttribute('aria-hidden', 'true');
  const fill = el('span', 'pace-fill');
  fill.style.width = Math.round(n * 100 / most) + '%';
  track.append(fill);
  return track;
}
