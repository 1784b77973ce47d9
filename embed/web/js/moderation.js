// The presenter view's moderation of the room's voice: for an open-text
// question, the queue of answers (50 at a time from the texts route, API.md)
// to approve, hide or pin, the counts per status and the "show as they
// come" switch; for a word cloud, the words with a button to remove one (it
// stays in the data, marked hidden). Typed text goes in as textContent only.
import { t } from '/static/js/i18n-dom.js';
import { $, el } from '/static/js/dom.js';
import { api } from '/static/js/api.js';

const STATUSES = ['pending', 'approved', 'hidden', 'held', 'all'];
const PAGE = 50;

// moderation(id, f) answers draw(st), called on every state and count;
// draw.reset() redraws everything (a new language).
export function moderation(id, f) {
  const box = $('mod');
  const base = '/api/sessions/' + encodeURIComponent(id) + '/slides/';
  let slide = -1;     // the question the panel is about
  let kind = '';
  let filter = 'pending';
  let texts = [];     // loaded rows of the texts route
  let next = '';      // its cursor for the next page
  let counts = null;  // the route's counts per status
  let countsKey = ''; // the summary's counts when last loaded, to reload on change
  let loading = false;
  let loaded = false; // a page came for this question
  let stale = false;  // answers changed since: the list offers to refresh
  let again = false;  // a change came while loading: load once more
  let hiddenWords = []; // words removed from the cloud, to bring back (host_state.hidden_words)
  let stateSeen = null; // the host_state they were last taken from
  let drawnKey = '';
  let err = '';

  // send: over the socket when it is open, else the HTTP route.
  async function moderate(pid, action) {
    err = '';
    const row = texts.find((x) => x.id === pid);
    if (!f.send({ type: 'moderate', slide, id: pid, action, on: slide })) {
      try { await api('POST', base + slide + '/texts/' + encodeURIComponent(pid), { action }); } catch (e) { err = e.message; }
    }
    if (row) {
      if (action === 'approve') row.status = 'approved';
      if (action === 'hide') row.status = 'hidden';
      if (action === 'pin' || action === 'unpin') texts.forEach((x) => { x.pinned = action === 'pin' && x === row; });
      if (action === 'pin' && row.status !== 'approved') row.status = 'approved';
    }
    drawList(pid);
  }

  async function load(more) {
    if (loading) { again = true; return; }
    loading = true;
    const s = slide;
    const q = '?status=' + filter + '&limit=' + PAGE + (more && next ? '&after=' + encodeURIComponent(next) : '');
    try {
      const r = await api('GET', base + s + '/texts' + q);
      if (s === slide) {
        texts = more ? texts.concat(r.texts || []) : r.texts || [];
        next = r.next || '';
        counts = r.counts || counts;
        err = '';
        loaded = true;
        if (!more) stale = false;
      }
    } catch (e) { err = e.message; }
    loading = false;
    if (again) { again = false; load(false); return; }
    drawList();
  }

  function draw(st) {
    const q = st.slide && st.slide.question;
    const on = !!q && (q.kind === 'open' || q.kind === 'wordcloud') && st.phase !== 'lobby' && st.phase !== 'ended';
    box.hidden = !on;
    if (!on) { slide = -1; drawnKey = ''; return; }
    if (st.index !== slide) {
      slide = st.index;
      kind = q.kind;
      texts = [];
      next = '';
      counts = null;
      countsKey = '';
      loaded = stale = false;
      hiddenWords = [];
      filter = 'pending';
    }
    // Each host_state says which words are removed (a reload keeps them);
    // between two, this window's own clicks stand.
    if (st !== stateSeen) { stateSeen = st; hiddenWords = (st.hidden_words || []).slice(); }
    const sum = st.summary || {};
    const key = slide + '|' + document.documentElement.lang;
    if (key !== drawnKey) { drawnKey = key; frame(); }
    if (kind === 'wordcloud') { drawWords(sum); return; }
    $('mod-stream').checked = sum.mode === 'stream';
    const ck = [sum.total, sum.pending, sum.held, sum.hidden, sum.skipped].join('|');
    if (ck === countsKey) return;
    countsKey = ck;
    if (sum.total !== undefined) {
      const c = { pending: sum.pending || 0, held: sum.held || 0, hidden: sum.hidden || 0 };
      c.approved = Math.max(0, sum.total - (sum.skipped || 0) - c.pending - c.held - c.hidden);
      counts = c;
    }
    // The list is newest first: redrawn under the presenter's hand, a row
    // would move as they click. While they point at it or work in it, it
    // offers the new answers instead.
    if (!loaded || !busy()) load(false);
    else { stale = true; drawList(); }
  }

  const busy = () => box.matches(':hover') || box.contains(document.activeElement);
  // A phone that changes its text changes no count: look again now and then.
  setInterval(() => { if (!box.hidden && kind === 'open' && loaded && !loading && !busy()) load(false); }, 3000);

  // frame builds the panel's fixed parts for the question showing.
  function frame() {
    box.textContent = '';
    const h = el('h2', 'pv-h', t(kind === 'open' ? 'pv.mod.title' : 'pv.mod.wordsTitle'));
    h.id = 'mod-title';
    h.tabIndex = -1;
    box.append(h);
    if (kind === 'open') {
      const sw = el('label', 'mod-switch');
      const cb = el('input');
      cb.type = 'checkbox';
      cb.id = 'mod-stream';
      cb.onchange = () => f.send({ type: 'moderation', slide, mode: cb.checked ? 'stream' : 'queue', on: slide });
      sw.append(cb, ' ', t('pv.mod.stream'));
      const tabs = el('div', 'mod-tabs');
      tabs.setAttribute('role', 'group');
      tabs.setAttribute('aria-label', t('pv.mod.show'));
      STATUSES.forEach((s) => {
        const b = el('button', 'mod-tab');
        b.type = 'button';
        b.dataset.status = s;
        b.onclick = () => { filter = s; texts = []; next = ''; load(false); };
        tabs.append(b);
      });
      const fresh = el('button', 'mod-fresh', t('pv.mod.fresh'));
      fresh.type = 'button';
      fresh.id = 'mod-fresh';
      fresh.hidden = true;
      fresh.onclick = () => load(false);
      const list = el('ul', 'mod-list');
      list.id = 'mod-list';
      const more = el('button', 'mod-more', t('pv.mod.more'));
      more.type = 'button';
      more.id = 'mod-more';
      more.onclick = () => load(true);
      box.append(sw, el('p', 'muted mod-help', t('pv.mod.help')), tabs, fresh, list, more);
    } else {
      const list = el('ul', 'mod-words');
      list.id = 'mod-words';
      box.append(el('p', 'muted mod-help', t('pv.mod.wordsHelp')), list);
    }
    const e = el('p', 'mod-err');
    e.id = 'mod-err';
    e.setAttribute('role', 'status');
    box.append(e);
  }

  function drawList(focusAfter) {
    if (kind !== 'open' || !$('mod-list')) return;
    const c = counts || {};
    box.querySelectorAll('.mod-tab').forEach((b) => {
      const s = b.dataset.status;
      const n = s === 'all' ? ['pending', 'approved', 'hidden', 'held'].reduce((a, k) => a + (c[k] || 0), 0) : c[s] || 0;
      b.textContent = t('pv.mod.' + s, { n });
      b.setAttribute('aria-pressed', String(s === filter));
    });
    const list = $('mod-list');
    // Keep the keyboard where it was: on the same button of the same row,
    // or, when that row left the list, on the row that took its place.
    const fr = document.activeElement && list.contains(document.activeElement) ? document.activeElement.closest('.mod-row') : null;
    const keep = focusAfter || (fr && fr.dataset.id);
    const old = [...list.children].findIndex((r) => r.dataset.id === keep);
    const nth = fr ? [...fr.querySelectorAll('button')].indexOf(document.activeElement) : 0;
    list.textContent = '';
    // In a filtered list a row that changed status goes (the next one takes the focus).
    const rows = texts.filter((x) => filter === 'all' || x.status === filter);
    rows.forEach((x) => {
      const li = el('li', 'mod-row ' + x.status + (x.pinned ? ' pinned' : ''));
      li.dataset.id = x.id;
      const p = el('p', 'mod-text', x.text);
      const meta = el('p', 'mod-meta', t('pv.mod.st.' + x.status) + (x.pinned ? ' · ★ ' + t('pv.mod.pinned') : '') + (x.at ? ' · ' + new Date(x.at).toLocaleTimeString(document.documentElement.lang, { hour: '2-digit', minute: '2-digit' }) : ''));
      const acts = el('p', 'pv-row mod-acts');
      const btn = (k, action, cls) => {
        const b = el('button', cls || '', t(k));
        b.type = 'button';
        b.onclick = () => moderate(x.id, action);
        acts.append(b);
      };
      if (x.status !== 'approved') btn('pv.mod.approve', 'approve', 'primary');
      if (x.status !== 'hidden') btn('pv.mod.hide', 'hide', 'danger');
      btn(x.pinned ? 'pv.mod.unpin' : 'pv.mod.pin', x.pinned ? 'unpin' : 'pin');
      li.append(p, meta, acts);
      list.append(li);
    });
    if (!rows.length) list.append(el('li', 'muted', t('pv.mod.none')));
    $('mod-more').hidden = !next;
    $('mod-fresh').hidden = !stale;
    $('mod-err').textContent = err;
    if (keep) {
      const row = [...list.children].find((r) => r.dataset.id === keep) || list.children[Math.max(0, Math.min(old, list.children.length - 1))];
      const bs = row ? row.querySelectorAll('button') : [];
      if (bs.length) bs[Math.max(0, Math.min(nth, bs.length - 1))].focus(); else $('mod-title').focus();
    }
  }

  let wordsKey = '';
  function drawWords(sum) {
    const ws = sum.words || [];
    const key = JSON.stringify(ws) + hiddenWords.join('\n') + document.documentElement.lang;
    if (key === wordsKey || !$('mod-words')) return;
    wordsKey = key;
    const list = $('mod-words');
    const had = document.activeElement && list.contains(document.activeElement);
    list.textContent = '';
    const row = (w, n, hidden) => {
      const li = el('li', 'mod-word' + (hidden ? ' hidden' : ''));
      li.append(el('span', 'mod-w', w), ' ', el('span', 'muted', hidden ? t('pv.mod.removed') : t('pv.mod.times', { n })));
      const b = el('button', hidden ? '' : 'danger', t(hidden ? 'pv.mod.restore' : 'pv.mod.remove'));
      b.type = 'button';
      b.setAttribute('aria-label', t(hidden ? 'pv.mod.restoreW' : 'pv.mod.removeW', { w }));
      b.onclick = () => {
        f.send({ type: 'hide_word', slide, word: w, hidden: !hidden, on: slide });
        hiddenWords = hidden ? hiddenWords.filter((x) => x !== w) : hiddenWords.concat([w]);
        wordsKey = '';
        drawWords(sum);
      };
      li.append(' ', b);
      list.append(li);
    };
    ws.forEach((w) => { if (hiddenWords.indexOf(w.text) < 0) row(w.text, w.count, false); });
    hiddenWords.forEach((w) => row(w, 0, true));
    if (!list.firstChild) list.append(el('li', 'muted', t('pv.mod.noWords')));
    if (had && list.querySelector('button')) list.querySelector('button').focus();
  }

  draw.reset = () => { drawnKey = ''; wordsKey = ''; countsKey = ''; };
  return draw;
}
