// The presenter view's anonymous Q&A panel: open or close it for phones,
// "show as they come", the sort, and the queue with approve / hide /
// answered / pin, paged through the HTTP list (50 at a time, never
// thousands of nodes). host_qa says when something changed; question texts
// are typed by phones: textContent only.
import { t, onLang, errorText } from '/static/js/i18n-dom.js';
import { $, el } from '/static/js/dom.js';
import { api } from '/static/js/api.js';

const PAGE = 50;
const MAXPAGES = 4; // the list route gives at most 200 at once
const FILTERS = ['all', 'pending', 'held', 'approved', 'hidden', 'answered'];

export function qaPanel(id) {
  const path = '/api/sessions/' + encodeURIComponent(id) + '/qa';
  let f = null;
  let hq = null;    // the last host_qa
  let pages = 1;
  let busy = false;
  let again = false;
  let list = null;  // the last page answered
  let filterKey = '';

  function say(msg) { $('qa-status').textContent = msg; }

  // send a command over the socket, or over HTTP when it is down.
  async function send(m) {
    if (f && f.send(m)) return;
    try {
      if (m.type === 'qa_moderate') await api('POST', path + '/' + encodeURIComponent(m.id), { action: m.action });
      else await api('POST', path, m.type === 'qa_open' ? { open: m.open } : m.type === 'qa_mode' ? { mode: m.mode } : { sort: m.sort });
      say('');
    } catch (e) { say(errorText(e.code, e.message)); }
  }

  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      const q = '?status=' + $('qa-filter').value + '&sort=' + $('qa-sort').value + '&limit=' + Math.min(pages, MAXPAGES) * PAGE;
      list = await api('GET', path + q);
      say('');
    } catch (e) { say(errorText(e.code, e.message)); }
    busy = false;
    drawList();
    if (again) { again = false; refresh(); }
  }

  function drawControls() {
    const c = (hq && hq.counts) || {};
    const open = !!(hq && hq.open);
    $('qa-open').setAttribute('aria-pressed', String(open));
    $('qa-stream').setAttribute('aria-pressed', String(!!hq && hq.mode === 'stream'));
    if (hq && document.activeElement !== $('qa-sort')) $('qa-sort').value = hq.sort;
    $('qa-showing').hidden = !(hq && hq.showing);
    const all = (c.pending || 0) + (c.approved || 0) + (c.hidden || 0) + (c.held || 0);
    const n = { all, pending: c.pending || 0, held: c.held || 0, approved: c.approved || 0, hidden: c.hidden || 0, answered: c.answered || 0 };
    const sel = $('qa-filter');
    const key = JSON.stringify(n) + document.documentElement.lang;
    if (key !== filterKey) {
      filterKey = key;
      const was = sel.value || 'all';
      sel.textContent = '';
      FILTERS.forEach((k) => {
        const o = el('option', '', t('pv.qa.f.' + k, { n: n[k] }));
        o.value = k;
        sel.append(o);
      });
      sel.value = was;
    }
  }

  function button(label, on, fn) {
    const b = el('button', '', t(label));
    b.type = 'button';
    if (on !== null) b.setAttribute('aria-pressed', String(on));
    b.onclick = fn;
    return b;
  }

  function drawList() {
    const ol = $('qa-list');
    ol.textContent = '';
    const qs = (list && list.questions) || [];
    if (!qs.length) ol.append(el('li', 'muted', t('pv.qa.empty')));
    qs.forEach((q) => {
      const li = el('li', 'pv-qa-q' + (q.pinned ? ' pinned' : '') + ' ' + q.status);
      const meta = [t('pv.qa.votes', { n: q.votes }), t('pv.qa.st.' + q.status)];
      if (q.pinned) meta.push(t('pv.qa.pinned'));
      const text = el('p', 'pv-qa-text', q.text);
      text.lang = ''; // the phone's own language, which we do not know
      const row = el('p', 'pv-row pv-qa-acts');
      const mod = (action) => () => send({ type: 'qa_moderate', id: q.id, action });
      if (q.status !== 'approved') row.append(button('pv.qa.approve', null, mod('approve')));
      if (q.status !== 'hidden') row.append(button('pv.qa.hide', null, mod('hide')));
      row.append(button('pv.qa.answer', q.answered, mod(q.answered ? 'unanswer' : 'answer')));
      row.append(button('pv.qa.pin', q.pinned, mod(q.pinned ? 'unpin' : 'pin')));
      li.append(text, el('p', 'pv-qa-meta', meta.join(' · ')), row);
      ol.append(li);
    });
    const total = list ? countOf(list.counts, $('qa-filter').value) : 0;
    $('qa-more').hidden = !(list && list.next) || pages >= MAXPAGES;
    $('qa-shown').textContent = qs.length < total ? t('pv.qa.shown', { shown: qs.length, n: total }) : '';
  }

  function countOf(c, k) {
    if (!c) return 0;
    return k === 'all' ? c.pending + c.approved + c.hidden + c.held : c[k] || 0;
  }

  $('qa-open').onclick = () => send({ type: 'qa_open', open: !(hq && hq.open) });
  $('qa-stream').onclick = () => send({ type: 'qa_mode', mode: hq && hq.mode === 'stream' ? 'queue' : 'stream' });
  $('qa-sort').onchange = () => { send({ type: 'qa_sort', sort: $('qa-sort').value }); refresh(); };
  $('qa-filter').onchange = () => { pages = 1; refresh(); };
  $('qa-more').onclick = () => { pages++; refresh(); };
  onLang(() => { filterKey = ''; drawControls(); drawList(); });
  drawControls();
  refresh();

  return {
    bind(follow) { f = follow; },
    on(m) { hq = m; drawControls(); refresh(); },
  };
}
