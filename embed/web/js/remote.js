// The phone remote: next, back, reveal, jump, the notes and the counts of
// one session, with one thumb. Its key arrives in the URL's fragment (never
// sent to the server by the browser), is traded once for the rt_remote
// cookie, and leaves the address bar; from then on the cookie does the work.
import strings from '/static/i18n/remote.js';
import { t, onLang, use, errorText } from '/static/js/i18n-dom.js';
import { $, el, SHAPES } from '/static/js/dom.js';
import { request, failure } from '/static/js/api.js';
import { follow, gotoPicker } from '/static/js/follow.js';

use(strings);

const id = decodeURIComponent(location.pathname.split('/')[3] || '');
const drawGoto = gotoPicker();
let broken = ''; // a reason this remote cannot work, shown instead of the connection line

const f = follow(id, {
  state: draw,
  counts: drawNumbers,
  status(line, lost) {
    const c = $('rm-conn');
    // No cookie (or another session's): this page is opened from the QR, not with the host key.
    if (line === errorText('unauthorized')) line = errorText('remote_key');
    const st = f.st;
    c.textContent = broken || line || (st && st.phase === 'ended' ? t('remote.ended') : t('remote.connected'));
    c.className = 'rm-conn' + (lost || broken ? ' lost' : '');
  },
});

function draw() {
  const st = f.st;
  if (!st) return;
  const s = st.session || {};
  const p = st.phase;
  document.title = t('remote.pageTitle');
  $('deck-title').textContent = s.title || t('remote.title');
  $('deck-title').lang = s.title ? s.lang || '' : '';
  $('rm-pos').textContent = st.index >= 0 ? t('proj.pos', { n: st.index + 1, total: st.total }) : t('remote.lobby', { code: s.code || '' });
  $('rm-phase').textContent = st.index >= 0 || p === 'ended' ? t('pv.phase.' + p) : '';
  const off = p === 'ended';
  $('prev-btn').disabled = off || st.index < 0;
  $('next-btn').disabled = off || st.index >= st.total - 1;
  // A qa slide takes no answers: nothing to close, show or reveal.
  const asks = !!(st.slide && st.slide.question) && st.slide.question.kind !== 'qa';
  const open = asks && (p === 'question' || p === 'closed');
  $('reveal-btn').disabled = !open;
  $('close-btn').disabled = !open;
  $('close-btn').textContent = t(p === 'closed' ? 'remote.open' : 'remote.close');
  $('results-btn').disabled = !open;
  $('results-btn').setAttribute('aria-pressed', String(!!st.results));
  $('reactions-btn').disabled = off;
  $('reactions-btn').setAttribute('aria-pressed', String(!!st.reactions));
  drawGoto(st);
  const notes = $('notes-text');
  const text = p !== 'lobby' && p !== 'ended' && st.slide && st.slide.notes;
  notes.textContent = text || t('proj.noNotes');
  notes.lang = text ? s.lang || '' : document.documentElement.lang;
  drawNumbers();
  f.redraw();
}


function drawNumbers() {
  const st = f.st;
  if (!st) return;
  const joined = st.joined || 0;
  $('rm-joined').textContent = joined;
  $('rm-joined-label').textContent = t('proj.joined', { n: joined });
  const q = st.slide && st.slide.question && st.phase !== 'ended' && st.phase !== 'lobby';
  $('rm-answered-box').hidden = !q || st.slide.question.kind === 'qa';
  $('rm-answered').textContent = st.answered || 0;
  $('rm-answered-label').textContent = t('proj.answered', { n: st.answered || 0 });
  $('rm-alert').textContent = st.storage === 'failing' ? t('proj.storageFailing') : '';
  $('rm-live').textContent = q ? liveLine(st.slide.question, st) : '';
}

// liveLine is what came in so far, in the words of the question's kind:
// options by letter, a scale's points 1…N with its labelled ends, a
// number's median, a ranking's average places, a cloud's top words.
function liveLine(q, st) {
  const sum = st.summary || {};
  const total = t('remote.total', { n: sum.total || 0 });
  const num = (v) => (Math.round(v * 10) / 10).toLocaleString(document.documentElement.lang);
  switch (q.kind) {
    case 'qa': return t('remote.qa');
    case 'scale': {
      const n = q.points || (sum.counts || []).length || 5;
      const parts = [];
      for (let i = 0; i < n; i++) {
        const end = i === 0 ? q.low : i === n - 1 ? q.high : '';
        parts.push((i + 1) + (end ? ' (' + end + ')' : '') + ': ' + ((sum.counts || [])[i] || 0));
      }
      return parts.join(' · ');
    }
    case 'number': {
      const out = [total];
      if (sum.median !== undefined && sum.median !== null) out.push(t('remote.median', { m: num(sum.median) }));
      if (sum.right !== undefined) out.push(t('remote.right', { n: sum.right }));
      return out.join(' · ');
    }
    case 'typeanswer': return [total, t('remote.right', { n: sum.right || 0 })].join(' · ');
    case 'ranking': {
      const items = (q.options || []).map((o, i) => ({ text: o.text, r: (sum.mean_ranks || [])[i] }));
      if (!sum.total) return total;
      items.sort((a, b) => a.r - b.r);
      return [total].concat(items.map((x) => t('remote.place', { item: x.text, r: num(x.r) }))).join(' · ');
    }
    case 'wordcloud': {
      const ws = (sum.words || []).slice(0, 5).map((w) => w.text + ' (' + w.count + ')');
      return [total].concat(ws).join(' · ');
    }
    case 'open': return [total, t('remote.pending', { n: sum.pending || 0 })].join(' · ');
  }
  return (st.counts || []).map((c, i) => SHAPES[i % SHAPES.length] + ' ' + String.fromCharCode(65 + i) + ': ' + c).join(' · ');
}

$('prev-btn').onclick = () => f.act('prev');
$('next-btn').onclick = () => f.act('next');
$('reveal-btn').onclick = () => f.act('reveal');
$('close-btn').onclick = () => { const st = f.st; if (st) f.act(st.phase === 'closed' ? 'open' : 'close'); };
$('results-btn').onclick = () => { const st = f.st; if (st) f.act('results', { show: !st.results }); };
// The reactions switch is the session's, not a slide's: "on" is the switch (PROTOCOL.md).
$('reactions-btn').onclick = () => { const st = f.st; if (st) f.act('reactions', { on: !st.reactions }); };
$('goto-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const n = parseInt($('goto-select').value, 10);
  if (n >= 0) f.act('goto', { slide: n });
});
onLang(() => { drawGoto.reset(); draw(); });

// login trades the fragment's key for the cookie, then takes it out of the
// address bar and history before anything else runs.
async function login() {
  const key = location.hash.slice(1);
  if (!key) return true; // a reload: the cookie is there already (or not: the socket says)
  history.replaceState(null, '', location.pathname);
  try {
    const r = await request('POST', '/remote/s/' + encodeURIComponent(id) + '/key', { key });
    if (r.ok) return true;
    broken = errorText(failure(r).code);
  } catch (e) { broken = errorText(e.code); }
  f.redraw();
  return false;
}

login().then((ok) => { if (ok) f.start(); });
