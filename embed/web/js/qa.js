// The phone's anonymous Q&A panel, loaded by phone.js when the Q&A first
// opens: an ask box with a character count, and the room's questions by
// votes with a vote toggle. Question texts are typed by phones: textContent
// only, never markup.
import strings from '/static/i18n/qa.js';
import { lang, onLang, errorText } from '/static/js/i18n-dom.js';
import { $, el } from '/static/js/dom.js';

const MAX = 280;
const REF0 = 1e6; // refs of this panel's messages; phone.js hands their replies here

// t is i18n-dom's t for this module's own strings (qa.*).
function t(k, v) {
  if (v && v.n === 1 && strings.en[k + '.one'] !== undefined) k += '.one';
  let s = (strings[lang] || {})[k];
  if (s === undefined) s = strings.en[k] || k;
  return v ? s.replace(/\{(\w+)\}/g, (m, x) => (x in v ? String(v[x]) : m)) : s;
}

export function panel(conn) {
  const link = el('link');
  link.rel = 'stylesheet';
  link.href = '/static/css/qa.css';
  document.head.append(link);

  let qa = { open: false, questions: [] };
  let ref = REF0;
  let asking = 0; // ref of the question being sent
  let note = '';
  let noteErr = false;
  let sent = '';    // the id of the question the note speaks of, until the room sees it
  const votes = {}; // ref -> question id, votes being sent

  const box = el('section', 'qa');
  box.id = 'qa';
  box.setAttribute('aria-labelledby', 'qa-h');
  $('ack').after(box);

  const h = el('h2', '', '');
  h.id = 'qa-h';
  const form = el('form', 'qa-ask');
  const lab = el('label');
  lab.htmlFor = 'qa-text';
  const ta = el('textarea');
  ta.id = 'qa-text';
  ta.rows = 3;
  ta.maxLength = MAX * 2; // the server counts characters; the count below tells
  ta.setAttribute('aria-describedby', 'qa-count qa-note');
  const count = el('p', 'qa-count');
  count.id = 'qa-count';
  const send = el('button', 'btn primary');
  send.type = 'submit';
  const noteP = el('p', 'qa-note');
  noteP.id = 'qa-note';
  noteP.setAttribute('role', 'status');
  form.append(lab, ta, count, send, noteP);
  const lh = el('h3');
  lh.id = 'qa-list-h';
  const list = el('ul', 'qa-list');
  list.setAttribute('aria-labelledby', 'qa-list-h');
  const closed = el('p', 'qa-closed');
  box.append(h, closed, form, lh, list);

  const chars = () => [...ta.value.trim()].length;
  function drawCount() {
    const n = chars();
    count.textContent = t('qa.count', { n, max: MAX });
    count.className = 'qa-count' + (n > MAX ? ' over' : '');
    // Said aloud only near the limit, not at every key.
    count.setAttribute('aria-live', MAX - n <= 20 ? 'polite' : 'off');
    send.disabled = !n || n > MAX || !!asking || !qa.open;
  }
  ta.oninput = drawCount;
  form.onsubmit = (e) => {
    e.preventDefault();
    const text = ta.value.trim();
    if (!text || [...text].length > MAX || asking) return;
    asking = ++ref;
    note = t('qa.sending');
    noteErr = false;
    const r = asking;
    conn.send({ type: 'qa_ask', text, ref: r });
    // A reply lost with the connection: let the phone send again (the
    // server keeps one question for the same text).
    setTimeout(() => { if (asking === r) { asking = 0; note = errorText('network'); noteErr = true; draw(); } }, 15000);
    draw();
  };

  function vote(q) {
    const r = ++ref;
    votes[r] = q.id;
    conn.send({ type: 'qa_vote', id: q.id, up: !q.voted, ref: r });
    // Shown at once; the ack or the next list confirms it.
    q.votes += q.voted ? -1 : 1;
    q.voted = !q.voted;
    drawList();
  }

  function drawList() {
    list.textContent = '';
    const qs = qa.questions || [];
    if (!qs.length) { list.append(el('li', 'qa-none', t('qa.none'))); return; }
    qs.forEach((q) => {
      const li = el('li', 'qa-q' + (q.answered ? ' answered' : '') + (q.pending ? ' pending' : ''));
      const p = el('p', 'qa-text', q.text);
      const meta = el('p', 'qa-meta');
      const tags = [];
      if (q.answered) tags.push(t('qa.answered'));
      if (q.pending) tags.push(t('qa.pending'));
      else if (q.mine) tags.push(t('qa.mine'));
      meta.textContent = tags.join(' · ');
      const b = el('button', 'qa-vote');
      b.type = 'button';
      b.setAttribute('aria-pressed', String(!!q.voted));
      const g = el('span', 'qa-arrow', '▲');
      g.setAttribute('aria-hidden', 'true');
      // The name read aloud starts with the number shown: "3 votes: vote for this question".
      b.append(g, el('span', 'qa-n', String(q.votes)), el('span', 'qa-sr', t('qa.vote', { n: q.votes })));
      b.disabled = !qa.open;
      b.onclick = () => vote(q);
      li.append(b, el('div', 'qa-body'));
      li.lastChild.append(p, meta);
      list.append(li);
    });
  }

  function draw() {
    box.hidden = !qa.open && !(qa.questions || []).length;
    h.textContent = t('qa.title');
    lab.textContent = t('qa.label');
    send.textContent = t('qa.send');
    lh.textContent = t('qa.listTitle');
    closed.textContent = qa.open ? '' : t('qa.closed');
    form.hidden = !qa.open;
    noteP.textContent = note;
    noteP.className = 'qa-note' + (noteErr ? ' err' : '');
    drawCount();
    drawList();
  }

  onLang(draw);

  return {
    // on takes a qa, qa_ack or error message (phone.js routes them here).
    on(m) {
      if (m.type === 'qa') {
        if (m.open) qa = m;
        else qa = { open: false, questions: [] };
        // "It shows once approved" is said until it shows.
        if (sent && qa.questions.some((q) => q.id === sent && !q.pending)) { sent = ''; note = ''; }
        draw();
      } else if (m.type === 'qa_ack') {
        if (m.ref === asking) {
          asking = 0;
          ta.value = '';
          note = m.status === 'approved' ? t('qa.sentShown') : t('qa.sent');
          sent = m.status === 'approved' ? '' : m.id;
          draw();
        }
        delete votes[m.ref];
      } else if (m.type === 'error') {
        if (m.ref === asking) {
          asking = 0;
          note = m.code === 'rate_limited' && m.retry_after ? t('qa.tooMany', { s: m.retry_after }) : errorText(m.code, m.message);
          noteErr = true;
          draw();
        } else if (votes[m.ref]) {
          delete votes[m.ref];
          note = errorText(m.code, m.message);
          noteErr = true;
          draw(); // the next list puts the vote right
        }
      }
    },
  };
}
