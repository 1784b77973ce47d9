// The printable report: counts, bars and right answers per question.
import strings from '/static/i18n/report.js';
import { t, lang, onLang, use } from '/static/js/i18n-dom.js';
import { $, el, label } from '/static/js/dom.js';
import { api, showErr } from '/static/js/api.js';
import { isVoice, view } from '/static/js/views.js';

use(strings);

const id = decodeURIComponent(location.pathname.split('/')[3] || '');
let data = null;

const pct = (n, d) => (d ? Math.round(n * 100 / d) : 0);

async function load() {
  try {
    data = await api('GET', '/api/sessions/' + encodeURIComponent(id) + '/results');
    draw();
  } catch (e) { showErr(e); }
}

function draw() {
  if (!data) return;
  const s = data.session || {};
  $('report-title').textContent = t('report.titleOf', { title: s.title || s.deck || '' });
  document.title = $('report-title').textContent + ' · Roundtable';
  const sum = $('summary');
  sum.textContent = '';
  const when = (x) => { const d = new Date(x); return x && !isNaN(d) ? d.toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' }) : ''; };
  [['report.code', s.code], ['report.started', when(s.created_at)], ['report.ended', s.ended_at ? when(s.ended_at) : t('phase.' + (s.phase || 'lobby'))], ['report.participants', String(data.participants || 0)]].forEach(([k, v]) => {
    sum.append(el('dt', '', t(k)), el('dd', '', v || '—'));
  });
  drawPrePost(data.prepost || []);
  const box = $('questions');
  box.textContent = '';
  (data.questions || []).forEach((q, n) => {
    const sec = el('section', 'q');
    const hid = 'q' + n;
    sec.setAttribute('aria-labelledby', hid);
    const h = el('h2', '', t('report.qTitle', { n: n + 1, prompt: q.prompt }));
    h.id = hid;
    sec.append(h);
    const facts = [t('kind.' + q.kind), t('report.responses', { n: q.responses || 0 })];
    if (q.right !== undefined && q.right !== null) facts.push(t('report.pctRight', { pct: pct(q.right, q.responses), n: q.right }));
    sec.append(el('p', 'facts muted', facts.join(' · ')));
    // The room's voice kinds: their summary, as the audience screen showed it at the reveal.
    if (isVoice(q)) {
      const v = view(q, q.summary, { revealed: true, cards: 30 });
      if (s.lang) v.lang = s.lang;
      sec.append(v);
      box.append(sec);
      return;
    }
    const ul = el('ol', 'bars');
    const total = (q.options || []).reduce((a, o) => a + (o.count || 0), 0);
    (q.options || []).forEach((o, i) => {
      const li = el('li', o.correct ? 'right' : '');
      const row = el('div', 'bar-row');
      const name = el('span');
      name.append(label(i), ' ', el('span', '', o.text));
      if (o.correct) name.append(' ', el('span', 'right-tag', '✓ ' + t('report.right')));
      // % of responses (people), so multiple-choice rows can add up to more than 100.
      row.append(name, el('span', 'num', t('report.countPct', { n: o.count || 0, pct: pct(o.count || 0, q.kind === 'multiple' ? q.responses : total) })));
      const track = el('div', 'bar-track');
      track.setAttribute('aria-hidden', 'true');
      const bar = el('div', 'bar');
      bar.style.width = pct(o.count || 0, q.kind === 'multiple' ? q.responses : total) + '%';
      track.append(bar);
      row.append(track);
      li.append(row);
      ul.append(li);
    });
    sec.append(ul);
    box.append(sec);
  });
  if (!(data.questions || []).length) box.append(el('p', 'muted', t('report.noQuestions')));
}

// MIN_GROUP: below this many answers a share would point at individuals,
// so it is not shown.
const MIN_GROUP = 3;

// drawPrePost shows, for each question asked before and after, the share
// who got it right each time: the workshop's knowledge gain.
function drawPrePost(pairs) {
  $('prepost').hidden = pairs.length === 0;
  const body = $('prepost-rows');
  body.textContent = '';
  const cell = (c) => (c.responses < MIN_GROUP ? t('report.tooFew') : t('report.pctOf', { pct: pct(c.right, c.responses), n: c.responses }));
  pairs.forEach((p) => {
    const tr = el('tr');
    const th = el('th', '', p.prompt);
    th.scope = 'row';
    let change = t('report.tooFew');
    if (p.pre.responses >= MIN_GROUP && p.post.responses >= MIN_GROUP) {
      const d = pct(p.post.right, p.post.responses) - pct(p.pre.right, p.pre.responses);
      change = (d > 0 ? '+' : d < 0 ? '−' : '±') + Math.abs(d) + ' ' + t('report.points');
    }
    tr.append(th, el('td', 'num', cell(p.pre)), el('td', 'num', cell(p.post)), el('td', 'num', change));
    body.append(tr);
  });
}

$('csv-link').href = '/api/sessions/' + encodeURIComponent(id) + '/results.csv';
$('projector-link').href = '/host/s/' + encodeURIComponent(id);
$('print-btn').onclick = () => window.print();
onLang(draw);
load();
