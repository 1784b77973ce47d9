// The deck report: what a deck taught across its sessions (and its twin's),
// with small groups hidden by the server. Charts are SVG so they print sharp.
import strings from '/static/i18n/deck-report.js';
import { t, lang, onLang, use, setLang } from '/static/js/i18n-dom.js';
import { $, el } from '/static/js/dom.js';
import { api, showErr } from '/static/js/api.js';

use(strings);

const id = decodeURIComponent(location.pathname.split('/')[3] || '');
const params = new URLSearchParams(location.search);
let data = null;

const hid = (n) => n === null || n === undefined;
const k = () => (data && data.min_group) || 5;
const few = () => t('report.hidden', { k: k() });
const num = (n) => (hid(n) ? few() : String(n));
const pc = (v) => Math.round(v * 100);

function query() {
  const q = new URLSearchParams();
  ['from', 'to'].forEach((f) => { if (params.get(f)) q.set(f, params.get(f)); });
  if (params.get('practice') === '1') q.set('practice', '1');
  const s = q.toString();
  return s ? '?' + s : '';
}

async function load() {
  try {
    data = await api('GET', '/api/decks/' + encodeURIComponent(id) + '/report' + query());
    // Reports use the deck's language; the switch still works.
    if (data.lang && data.lang !== lang) setLang(data.lang, true);
    draw();
  } catch (e) { showErr(e); }
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  Object.entries(attrs || {}).forEach(([a, v]) => e.setAttribute(a, String(v)));
  if (text !== undefined) e.textContent = text;
  return e;
}

// chart draws one bar per row ({label, share, low, high, cls}); a hidden
// share draws an empty track with "fewer than k".
function chart(rows) {
  const W = 480, X = 160, BW = 260, RH = 34;
  const s = svg('svg', { class: 'chart', viewBox: '0 0 ' + W + ' ' + rows.length * RH, role: 'img' });
  const desc = [];
  rows.forEach((r, i) => {
    const y = i * RH;
    s.append(svg('text', { x: 0, y: y + 22 }, r.label));
    s.append(svg('rect', { class: 'track', x: X, y: y + 6, width: BW, height: 22, rx: 3 }));
    if (r.share === null || r.share === undefined) {
      s.append(svg('text', { x: X + 8, y: y + 22 }, few()));
      desc.push(r.label + ': ' + few());
      return;
    }
    s.append(svg('rect', { class: r.cls || 'fill', x: X, y: y + 6, width: Math.max(2, r.share * BW), height: 22, rx: 3 }));
    if (r.low !== undefined && r.high !== undefined) {
      s.append(svg('line', { class: 'whisker', x1: X + r.low * BW, x2: X + r.high * BW, y1: y + 17, y2: y + 17 }));
      s.append(svg('line', { class: 'whisker', x1: X + r.low * BW, x2: X + r.low * BW, y1: y + 11, y2: y + 23 }));
      s.append(svg('line', { class: 'whisker', x1: X + r.high * BW, x2: X + r.high * BW, y1: y + 11, y2: y + 23 }));
    }
    s.append(svg('text', { x: X + BW + 8, y: y + 22 }, pc(r.share) + '%'));
    desc.push(t('deckreport.chart', { label: r.label, pct: pc(r.share) }));
  });
  s.setAttribute('aria-label', desc.join('; '));
  return s;
}

function item(it, n, box) {
  const sec = el('section', 'q');
  const hidn = 'item' + box.id + n;
  sec.setAttribute('aria-labelledby', hidn);
  const h = el('h3', '', t('report.qTitle', { n: n + 1, prompt: it.prompt }));
  h.id = hidn;
  sec.append(h);
  const p = el('p', 'sentence', it.sentence);
  p.lang = data.lang || 'en';
  sec.append(p);
  const facts = [t('kind.' + it.kind), t('deckreport.sessionsAsked', { n: it.sessions })];
  if (it.paired) {
    const pr = it.paired;
    sec.append(chart([
      { label: t('deckreport.before'), share: pr.pre_share },
      { label: t('deckreport.after'), share: pr.post_share, cls: 'after' },
    ]));
    facts.push(hid(pr.n) ? t('deckreport.pairedHidden', { k: k() }) : t('deckreport.paired', { n: pr.n }));
    if (pr.gain !== undefined) facts.push(t('deckreport.gain', { gain: (pr.gain > 0 ? '+' : '') + pr.gain }));
  } else if (it.all && it.all.right !== undefined) {
    const a = it.all;
    sec.append(chart([{ label: t('deckreport.everyone'), share: a.share, low: a.low, high: a.high }]));
    if (a.share !== undefined) facts.push(t('deckreport.interval', { pct: pc(a.share), low: pc(a.low), high: pc(a.high), n: a.responses }));
    else facts.push(t('report.responsesHidden', { k: k() }));
  } else if (it.feedback) {
    // "How useful was this?": the points as shares, the mean, and the
    // comments for the facilitator (none of it under k).
    const f = it.feedback;
    const n = f.responses;
    if (!hid(n) && n > 0) sec.append(chart((f.counts || []).map((c, i) => ({ label: String(i + 1), share: hid(c) ? null : c / n }))));
    if (hid(n)) facts.push(t('report.responsesHidden', { k: k() }));
    else if (f.mean !== undefined && f.mean !== null) facts.push(t('deckreport.fbMean', { m: (+f.mean.toFixed(2)).toLocaleString(lang), n }));
    else if (n > 0) facts.push(t('report.fbMeanHidden'));
    facts.push(t('deckreport.fbScale'));
    if (f.comments && f.comments.length) {
      const d = el('details', 'fb-comments');
      d.append(el('summary', '', t('deckreport.fbComments', { n: f.comments.length })));
      const ul = el('ul', 'fb-list');
      f.comments.forEach((c) => { const li = el('li', '', c); li.lang = data.lang || 'en'; ul.append(li); });
      d.append(ul);
      sec.append(d);
    }
  } else if (it.all) {
    const n = it.all.responses;
    if (!hid(n) && n > 0) sec.append(chart((it.options || []).map((o, i) => ({ label: String.fromCharCode(65 + i) + ' ' + o.text, share: hid(o.count) ? null : o.count / n }))));
    facts.push(hid(n) ? t('report.responsesHidden', { k: k() }) : t('deckreport.poll', { n }));
  }
  if (it.prompts) facts.push(t('deckreport.wordings', { list: it.prompts.map((w) => '“' + w + '”').join(', ') }));
  sec.append(el('p', 'facts muted', facts.join(' · ')));
  box.append(sec);
}

function draw() {
  if (!data) return;
  $('report-title').textContent = t('deckreport.titleOf', { title: data.title || data.deck || '' });
  document.title = $('report-title').textContent + ' · Roundtable';
  const day = (x) => { const d = new Date(x); return isNaN(d) ? '' : d.toLocaleDateString(lang, { dateStyle: 'medium' }); };
  const sum = $('summary');
  sum.textContent = '';
  const range = data.from || data.to ? (data.from || '…') + ' – ' + (data.to || '…') : t('deckreport.allDates');
  [['deckreport.sessions', String((data.sessions || []).length)], ['report.participants', num(data.participants)],
    ['deckreport.range', range], ['deckreport.practiceLeftOut', String(data.practice_left_out || 0)]].forEach(([key, v]) => {
    sum.append(el('dt', '', t(key)), el('dd', '', v));
  });
  $('hidden-note').textContent = t('report.hiddenNote', { k: k() });
  const rows = $('session-rows');
  rows.textContent = '';
  (data.sessions || []).forEach((s) => {
    const tr = el('tr');
    tr.append(el('td', '', day(s.created_at)), el('td', '', s.code + (s.mode === 'self-paced' ? ' · ' + t('deckreport.selfPaced') : '')), el('td', '', t('lang.' + s.lang)), el('td', 'num', num(s.participants)));
    rows.append(tr);
  });
  const box = $('items');
  box.textContent = '';
  (data.items || []).forEach((it, n) => item(it, n, box));
  if (!(data.sessions || []).length) box.append(el('p', 'muted', t('deckreport.none')));
  const ch = $('changed-items');
  ch.textContent = '';
  $('changed').hidden = !(data.changed || []).length;
  (data.changed || []).forEach((it, n) => item(it, n, ch));
  drawRoles();
}

function drawRoles() {
  const roles = data.roles || [];
  $('roles').hidden = roles.length === 0;
  const head = $('roles-head');
  const body = $('roles-rows');
  head.textContent = '';
  body.textContent = '';
  if (!roles.length) return;
  const hr = el('tr');
  [t('report.colRole'), t('report.participants')].concat((data.items || []).map((q, i) => t('report.qShort', { n: i + 1 }))).forEach((x) => {
    const th = el('th', '', x);
    th.scope = 'col';
    hr.append(th);
  });
  head.append(hr);
  roles.forEach((r) => {
    const tr = el('tr');
    const th = el('th', '', r.role);
    th.scope = 'row';
    tr.append(th, el('td', 'num', num(r.participants)));
    (r.items || []).forEach((q) => {
      let v = num(q.responses);
      if (!hid(q.responses) && q.right !== undefined) v = hid(q.share) ? few() : pc(q.share) + '% · ' + q.responses;
      tr.append(el('td', 'num', v));
    });
    body.append(tr);
  });
}

['from', 'to'].forEach((f) => { $(f).value = params.get(f) || ''; });
$('practice').checked = params.get('practice') === '1';
$('filters').onsubmit = (e) => {
  e.preventDefault();
  ['from', 'to'].forEach((f) => { if ($(f).value) params.set(f, $(f).value); else params.delete(f); });
  if ($('practice').checked) params.set('practice', '1'); else params.delete('practice');
  history.replaceState(null, '', location.pathname + query());
  setLinks();
  load();
};
function setLinks() {
  const base = '/api/decks/' + encodeURIComponent(id) + '/report';
  $('csv-link').href = base + '.csv' + query();
  $('json-link').href = base + query();
}
setLinks();
$('print-btn').onclick = () => window.print();
onLang(draw);
load();
