// "Share your experience" (a deck's share:, docs/PROTOCOL.md): loaded by
// phone.js when a welcome offers it. It adds one button to the header's
// tools; the button opens a form with the deck's prompt and a text box.
// Entries are anonymous (no name, no time of day kept) and only the
// facilitator reads them. What a phone types is only ever set as a value
// or textContent, never markup.
import strings from '/static/i18n/share.js';
import { t, lang, onLang, add, errorText } from '/static/js/i18n-dom.js';
import { $, el } from '/static/js/dom.js';
import { modal } from '/static/js/modal.js';

add(strings);
const css = document.createElement('link');
css.rel = 'stylesheet';
css.href = '/static/css/share.css';
document.head.append(css);

const MAX = 2000;
const PER_PHONE = 3;
const REF0 = 2e6; // refs of this module's messages; phone.js hands their replies here

let offer = {};   // the prompt by language
let deckLang = '';
let conn = null;
let ref = REF0;
let sending = 0;  // the ref of the entry being sent
let sent = 0;     // entries acked on this page
let draft = '';
let note = '';
let noteErr = false;
let btn = null;

// mount puts the button in the tools (after "Need help?", which is first).
export function mount(o, c, deck) {
  offer = o || {};
  conn = c;
  deckLang = deck || '';
  if (btn) return;
  btn = el('button', 'tool share-btn', t('share.open'));
  btn.type = 'button';
  btn.id = 'share-btn';
  btn.setAttribute('aria-haspopup', 'dialog');
  btn.onclick = () => { if (!sending) note = ''; dlg.open(); };
  $('tools').append(btn);
  onLang(() => {
    btn.textContent = t('share.open');
    if (dlg.box()) draw(dlg.box());
  });
}

// on takes a share_ack, or an error to one of this module's refs.
export function on(m) {
  if (m.ref !== sending) return;
  sending = 0;
  if (m.type === 'share_ack') {
    sent++;
    draft = '';
    note = t('share.sent');
    noteErr = false;
  } else {
    if (m.code === 'rate_limited') sent = PER_PHONE;
    note = errorText(m.code, m.message);
    noteErr = true;
  }
  if (dlg.box()) draw(dlg.box(), true);
}

function prompt() {
  if (offer[lang]) return [offer[lang], lang];
  const l = offer[deckLang] !== undefined ? deckLang : Object.keys(offer)[0];
  return [offer[l] || '', l];
}

function draw(box, keepFocus) {
  const had = document.activeElement && document.activeElement.id;
  box.textContent = '';
  const h = el('h2', '', t('share.title'));
  h.id = 'share-title';
  h.tabIndex = -1;
  const x = el('button', 'share-x', '×');
  x.type = 'button';
  x.setAttribute('aria-label', t('share.close'));
  x.onclick = dlg.close;
  const [text, l] = prompt();
  const p = el('p', 'share-prompt', text);
  if (l && l !== lang) p.lang = l;
  const status = el('p', 'ack' + (noteErr ? ' err' : ''), note);
  status.id = 'share-note';
  status.setAttribute('role', 'status');
  // The note sits above the form, where a phone sees it after sending.
  box.append(x, h, p, el('p', 'hint', t('share.anon')), status);
  if (sent >= PER_PHONE) {
    box.append(el('p', 'big', t('share.none')));
  } else {
    const f = el('form', 'share-form');
    f.noValidate = true;
    const lab = el('label', 'field-label', t('share.label'));
    lab.htmlFor = 'share-text';
    const ta = el('textarea');
    ta.id = 'share-text';
    ta.rows = 8;
    ta.value = draft;
    ta.setAttribute('aria-describedby', 'share-count share-note');
    const count = el('p', 'count');
    count.id = 'share-count';
    const go = el('button', 'btn primary', t(sending ? 'share.sending' : 'share.send'));
    go.type = 'submit';
    go.id = 'share-send';
    go.disabled = !!sending;
    const n = () => [...ta.value.trim()].length;
    const drawCount = () => {
      const left = MAX - n();
      count.textContent = t('share.count', { n: n(), max: MAX });
      count.className = 'count' + (left < 0 ? ' over' : '');
      count.setAttribute('aria-live', left <= 50 ? 'polite' : 'off');
    };
    ta.oninput = () => { draft = ta.value; drawCount(); };
    drawCount();
    f.onsubmit = (e) => {
      e.preventDefault();
      const s = ta.value.trim();
      if (!s) { note = t('share.empty'); noteErr = true; draw(box, true); return; }
      if ([...s].length > MAX) { note = t('share.tooLong', { max: MAX }); noteErr = true; draw(box, true); return; }
      sending = ++ref;
      note = t('share.sending');
      noteErr = false;
      conn.send({ type: 'share', text: s, ref: sending });
      draw(box, true);
    };
    f.append(lab, ta, count, go);
    box.append(f);
    if (sent > 0) box.append(el('p', 'hint', t('share.left', { n: PER_PHONE - sent })));
  }
  const c = el('button', 'btn', t('share.close'));
  c.type = 'button';
  c.onclick = dlg.close;
  box.append(c);
  if (keepFocus) {
    const again = had && $(had);
    (again && !again.disabled ? again : h).focus();
  }
}

const dlg = modal('share', 'share-title', draw, false);
