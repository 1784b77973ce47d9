// What the audience screen and the presenter view share: the host socket of
// one session, commands that name the slide they were made on, the deck's
// language and the theme. Either window can be reloaded; the server holds
// the state and sends it to both.
import { t, setLang, errorText } from '/static/js/i18n-dom.js';
import { socket } from '/static/js/ws.js';
import { api } from '/static/js/api.js';

// follow(id, h): h.state(st) on every full state, h.counts(st) on new
// counts, h.status(line, lost) when the connection line changes,
// h.reactions(counts) (if given) on the room's reactions.
export function follow(id, h) {
  let st = null;
  let net = 'connecting';
  let lastErr = '';
  const conn = socket('/ws/host/' + encodeURIComponent(id), {
    message(m) {
      if (m.type === 'host_state') {
        // The countdown's end, by this clock: the two machines' clocks may differ.
        if (m.countdown) m.countdown.end = Date.now() + m.countdown.left_ms;
        st = m; lastErr = '';
        if (m.session && m.session.lang) setLang(m.session.lang, 1);
        h.state(st);
        drawStatus();
        // An ended session has nothing more to say: the server closes the
        // socket, and reconnecting would only ask it again, forever.
        if (m.phase === 'ended') conn.stop();
      } else if (m.type === 'host_counts') {
        if (!st || m.index !== st.index) return;
        ['joined', 'connected', 'answered', 'counts', 'storage', 'summary', 'pace'].forEach((k) => { if (m[k] !== undefined) st[k] = m[k]; });
        h.counts(st);
      } else if (m.type === 'host_reactions') {
        if (h.reactions) h.reactions(m.counts || []);
      } else if (m.type === 'host_qa') {
        if (h.qa) h.qa(m); // the anonymous Q&A (presenter-qa.js, projector.js)
      } else if (m.type === 'error') { lastErr = errorText(m.code, m.message); drawStatus(); }
    },
    status(s) { net = s; drawStatus(); if (s === 'reconnecting') diagnose(); },
  // A ping every second, and a socket silent for 2 s is dropped: the
  // screen says "connection lost" within 3 s of the server going away.
  }, { heartbeat: 1000, deadline: 2000 });

  // diagnose asks HTTP why the socket keeps failing, so a lost login or a
  // deleted session says so instead of "Reconnecting…" forever.
  let checking = false;
  async function diagnose() {
    if (checking) return;
    checking = true;
    try {
      await api('GET', '/api/sessions/' + encodeURIComponent(id));
      if (lastErr === errorText('network')) lastErr = '';
    } catch (e) { lastErr = errorText(e.code, e.message); }
    checking = false;
    drawStatus();
  }

  function drawStatus() {
    const lost = net !== 'connected' && !(st && st.phase === 'ended');
    const k = net === 'offline' ? 'status.offline' : net === 'connecting' ? 'status.connecting' : 'proj.connLost';
    h.status(lastErr || (lost ? t(k) : ''), lost && net !== 'connecting');
  }

  // act drives the session, over the socket when it is open, else over
  // HTTP; "on" names the slide showing when the command was made, so the
  // server refuses it (stale_slide) if the slide changed meanwhile.
  async function act(type, extra) {
    if (!st || st.phase === 'ended') return;
    const msg = Object.assign({ type, on: st.index }, extra);
    if (conn.send(msg)) return;
    try {
      delete msg.type;
      await api('POST', '/api/sessions/' + encodeURIComponent(id) + '/' + type, msg);
      lastErr = '';
    } catch (e) { lastErr = errorText(e.code, e.message); }
    drawStatus();
  }

  return {
    start() { conn.start(); drawStatus(); },
    act,
    // send sends a message as it is; false when the socket is not open.
    send: (m) => conn.send(m),
    get st() { return st; },
    redraw: drawStatus,
  };
}

// Themes: light (the default), dark and high contrast, kept per browser so
// the presenter view and the audience screen of one laptop agree.
export const THEMES = ['light', 'dark', 'contrast'];
const THEME = 'rt.theme';

export function theme() {
  let v = '';
  try { v = localStorage.getItem(THEME) || ''; } catch (e) { /* private mode */ }
  return THEMES.indexOf(v) >= 0 ? v : 'light';
}

export function setTheme(v) {
  try { localStorage.setItem(THEME, v); } catch (e) { /* private mode: this window only */ }
  applyTheme(v);
}

export function applyTheme(v) {
  document.documentElement.dataset.theme = v || theme();
  document.dispatchEvent(new CustomEvent('themechange'));
}

// The other window changed it: follow.
addEventListener('storage', (e) => { if (e.key === THEME) applyTheme(); });
applyTheme();

// gotoPicker fills the slide picker (#goto-select, #goto-form) from a host
// state (its options say label, proj.gotoOption unless given, with n and total); it leaves the picker alone while someone is using it. The returned
// draw(st) remembers what it drew; reset() makes it redraw (a new language).
export function gotoPicker(label) {
  let drawn = '';
  const draw = (st) => {
    const sel = document.getElementById('goto-select');
    document.getElementById('goto-form').querySelector('button').disabled = sel.disabled = st.phase === 'ended' || !st.total;
    if (document.activeElement === sel) return;
    const key = st.total + '|' + document.documentElement.lang;
    if (key !== drawn) {
      drawn = key;
      sel.textContent = '';
      for (let n = 0; n < st.total; n++) {
        const o = document.createElement('option');
        o.textContent = t(label || 'proj.gotoOption', { n: n + 1, total: st.total });
        o.value = n;
        sel.append(o);
      }
    }
    if (st.index >= 0) sel.value = String(st.index);
  };
  draw.reset = () => { drawn = ''; };
  return draw;
}
