// The printable report: counts, bars and right answers per question.
import strings from '/static/i18n/report.js';
import { t, lang, onLang, use, setLang } from '/static/js/i18n-dom.js';
import { $, el, label } from '/static/js/dom.js';
import { api, showErr } from '/static/js/api.js';
import { isVoice, view } from '/static/js/views.js';
import * as share from '/static/js/report-share.js';

use(strings);

const id = decodeURIComponent(location.pathname.split('/')[3] || '');
let data = null;

const pct = (n, d) => (d ? Math.round(n * 100 / d) : 0);
// A null count is hidden: fewer than k answered, or its complement did.
const isHidden = (n) => n === null;
const few = () => t('report.hidden', { k: (data && data.min_group) || 5 });
const num = (n) => (isHidden(n) ? few() : String(n || 0));

async function load() {
  try {
    data = await api('GET', '/api/sessions/' + encodeURIComponent(id) + '/results');
    // A report is in its deck's language, as the deck report is; the
    // switch still works.
    const dl = (data.session || {}).lang;
    if (dl && dl !== lang) setLang(dl, true);
    draw();
    share.experiences(id, $('questions'));
  } catch (e) { showErr(e); }
}

// Practice: a session run to rehearse is left out of the deck's report.
$('practice').addEventListener('change', async (e) => {
  const on = e.target.checked;
  try {
    await api('POST', '/api/sessions/' + encodeURIComponent(id) + '/practice', { practice: on });
    if (data && data.session) data.session.practice = on;
  } catch (err) { e.target.checked = !on; showErr(err); }
});

function draw() {
  if (!data) return;
  const s = data.session || {};
  $('report-title').textContent = t('report.titleOf', { title: s.title || s.deck || '' });
  document.title = $('report-title').textContent + ' · Roundtable';
  const sum = $('summary');
  sum.textContent = '';
  const when = (x) => { const d = new Date(x); return x && !isNaN(d) ? d.toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' }) : ''; };
  // Each fact is classed by what it is (a room code and times are not counts).
  [['report.code', s.code, 'code'], ['report.started', when(s.created_at), 'when'], ['report.ended', s.ended_at ? when(s.ended_at) : t('phase.' + (s.phase || 'lobby')), 'when'], ['report.participants', num(data.participants), 'count']].forEach(([k, v, c]) => {
    sum.append(el('dt', '', t(k)), el('dd', c, v || '—'));
  });
  $('hidden-note').textContent = t('report.hiddenNote', { k: data.min_group || 5 });
  $('practice').checked = !!s.practice;
  drawPrePost(data.prepost || []);
  drawRoles(data.roles || [], data.questions || []);
  const box = $('questions');
  box.textContent = '';
  (data.questions || []).forEach((q, n) => {
    const sec = el('section', 'q');
    const hid = 'q' + n;
    sec.setAttribute('aria-labelledby', hid);
    const h = el('h2', '', t('report.qTitle', { n: n + 1, prompt: q.prompt }));
    h.id = hid;
    sec.append(h);
    const facts = [t('kind.' + q.kind), isHidden(q.responses) ? t('report.responsesHidden', { k: data.min_group || 5 }) : t('report.responses', { n: q.responses || 0 })];
    if (q.right !== undefined && !isHidden(q.right) && !isHidden(q.responses)) facts.push(t('report.pctRight', { pct: pct(q.right, q.responses), n: q.right }));
    else if (q.right !== undefined) facts.push(t('report.rightHidden'));
    sec.append(el('p', 'facts muted', facts.join(' · ')));
    // The room's voice kinds: their summary, as the audience screen showed it at the reveal.
    if (isVoice(q)) {
      if (q.kind === 'feedback') share.feedback(sec, q, few, s.lang);
      else if (q.summary) drawVoice(sec, q, s.lang);
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
      const shown = !isHidden(o.count) && !isHidden(q.responses);
      const base = q.kind === 'multiple' ? q.responses : total;
      row.append(name, el('span', 'num', shown ? t('report.countPct', { n: o.count || 0, pct: pct(o.count || 0, base) }) : few()));
      const track = el('div', 'bar-track');
      track.setAttribute('aria-hidden', 'true');
      const bar = el('div', shown ? 'bar' : 'bar hidden-bar');
      bar.style.width = (shown ? pct(o.count || 0, base) : 0) + '%';
      track.append(bar);
      row.append(track);
      li.append(row);
      ul.append(li);
    });
    sec.append(ul);
    if (q.skipped) sec.append(el('p', 'muted', t('view.skipped', { n: q.skipped })));
    box.append(sec);
  });
  if (!(data.questions || []).length) box.append(el('p', 'muted', t('report.noQuestions')));
}

// drawVoice draws a room's voice question from the results' summary: the
// view the audience screen showed at the reveal, and below it, for the
// facilitator, what the room did not see (texts not shown, removed words,
// each typed answer).
function drawVoice(sec, q, deckLang) {
  const sm = q.summary;
  const texts = sm.texts || [];
  const sum = Object.assign({}, sm, { total: q.responses || 0, skipped: q.skipped || 0, right: q.right });
  if (q.kind === 'open') sum.texts = texts.filter((x) => x.status === 'approved' || x.pinned);
  if (q.kind === 'wordcloud') sum.words = (sm.words || []).filter((w) => !w.hidden && !w.held);
  const v = view(q, sum, { revealed: true, cards: 30, area: { w: 900, h: 300, min: 14 } });
  if (deckLang) v.lang = deckLang;
  sec.append(v);
  const more = [];
  if (q.kind === 'open') {
    texts.filter((x) => !(x.status === 'approved' || x.pinned)).forEach((x) => more.push([x.text, t('report.st.' + x.status)]));
  }
  if (q.kind === 'typeanswer') texts.forEach((x) => more.push([x.text, x.right ? '✓ ' + t('report.right') : '✗']));
  if (q.kind === 'wordcloud') {
    (sm.words || []).forEach((w) => { if (w.hidden) more.push([w.text, t('report.removed', { n: w.count })]); });
    const held = (sm.words || []).filter((w) => w.held).length;
    if (held) sec.append(el('p', 'muted', t('report.heldWords', { n: held })));
  }
  if (!more.length) return;
  const d = el('details', 'more');
  d.append(el('summary', '', t(q.kind === 'typeanswer' ? 'report.answersGiven' : q.kind === 'open' ? 'report.notShown' : 'report.removedWords', { n: more.length })));
  const ul = el('ul', 'more-list');
  more.forEach(([text, tag]) => {
    const li = el('li');
    li.append(el('span', 'more-text', text), ' ', el('span', 'muted', '(' + tag + ')'));
    ul.append(li);
  });
  d.append(ul);
  sec.append(d);
}

// drawPrePost shows, for each question asked before and after, the share
// who got it right each time: the workshop's knowledge gain.
function drawPrePost(pairs) {
  $('prepost').hidden = pairs.length === 0;
  const body = $('prepost-rows');
  body.textContent = '';
  const cell = (c) => (isHidden(c.responses) || isHidden(c.right) ? few() : t('report.pctOf', { pct: pct(c.right, c.responses), n: c.responses }));
  pairs.forEach((p) => {
    const tr = el('tr');
    const th = el('th', '', p.prompt);
    th.scope = 'row';
    let change = few();
    if (![p.pre.responses, p.pre.right, p.post.responses, p.post.right].some(isHidden)) {
      const d = pct(p.post.right, p.post.responses) - pct(p.pre.right, p.pre.responses);
      change = (d > 0 ? '+' : d < 0 ? '−' : '±') + Math.abs(d) + ' ' + t('report.points');
    }
    tr.append(th, el('td', 'num', cell(p.pre)), el('td', 'num', cell(p.post)), el('td', 'num', change));
    body.append(tr);
  });
}

// drawRoles: the counts split by the answer to the deck's join question,
// one row per role; a hidden group reads "fewer than k".
function drawRoles(roles, qs) {
  $('roles').hidden = roles.length === 0;
  const head = $('roles-head');
  const body = $('roles-rows');
  head.textContent = '';
  body.textContent = '';
  if (!roles.length) return;
  const hr = el('tr');
  [t('report.colRole'), t('report.participants')].concat(qs.map((q, i) => t('report.qShort', { n: i + 1 }))).forEach((x) => {
    const th = el('th', '', x);
    th.scope = 'col';
    hr.append(th);
  });
  head.append(hr);
  roles.forEach((r) => {
    const tr = el('tr');
    const th = el('th', '', r.role || t('report.noRole'));
    th.scope = 'row';
    tr.append(th, el('td', 'num', num(r.participants)));
    (r.questions || []).forEach((q) => {
      let v = num(q.responses);
      if (!isHidden(q.responses) && q.right !== undefined) v = isHidden(q.right) ? few() : t('report.pctOf', { pct: pct(q.right, q.responses), n: q.responses });
      tr.append(el('td', 'num', v));
    });
    body.append(tr);
  });
}

$('csv-link').href = '/api/sessions/' + encodeURIComponent(id) + '/results.csv';
$('projector-link').href = '/host/s/' + encodeURIComponent(id);
$('print-btn').onclick = () => window.print();
onLang(() => { draw(); if (data) share.experiences(id, $('questions')); });
load();
