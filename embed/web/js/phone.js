// The phone: join a room, follow the slides, answer, see results.
import strings from '/static/i18n/phone.js';
import { t, lang, onLang, use, errorText } from '/static/js/i18n-dom.js';
import { $, el, label } from '/static/js/dom.js';
import { socket } from '/static/js/ws.js';

const code = decodeURIComponent(location.pathname.split('/').pop() || '').toUpperCase();
// The deck's language: the page starts in it, and deck text is marked with
// it, or with the slide's own when the server sends the deck's twin's text.
const D = document.documentElement.dataset.deck || '';
use(strings, D, code);
const deck = (e) => { const l = (slide && slide.lang) || D; if (l) e.lang = l; return e; };
const KEY = 'rt.token.' + code;
// A game (data-game, set by the server) names its players: the join form,
// the name and the ranks are phone-game.js's, loaded at once in a game and
// never otherwise. Any other session joins with no name at all.
const GM = '/static/js/phone-game.js';
const GAME = 'game' in document.documentElement.dataset;
let G = null; // that module, once loaded
// Should it not load, the phone joins anyway: the server picks a name.
if (GAME) import(GM).then((m) => { G = m; render(); }, () => { if (screen === 'join') join(''); });

// screen is what the phone shows; render() draws it and nothing else decides:
//   code       no room code in the address: type one
//   join       a game's room and no participant yet: choose a nickname
//   connecting joining or resuming, no slide yet
//   lobby, slide, question, closed, revealed   following the session (phaseScreen)
//   replaced   this participant is now open in another tab; this one waits
//   ended      the session is over
//   removed    the presenter removed this participant
//   notfound   the room does not exist
let screen = 'code';

// What the phone knows besides the screen.
let token = load();  // the participant's resume token, kept per room
let ready = false;   // welcome received on this connection
let nick = '';
let answers = {};    // slide index -> the choice the server holds (acked)
let slide = null;    // last slide message
let pending = null;  // {ref, slide, choice} sent or waiting, not yet acked
let picked = [];     // multiple: toggled options not yet submitted
let ref = 0;
let net = 'idle';    // the socket: idle | connecting | connected | reconnecting | offline
let ackState = null; // null | 'sending' | 'ok' | {error code, message}
let codeBad = false; // the typed room code is not 6 letters or digits
// The room's voice kinds (open, wordcloud, scale, …) and "prefer not to
// answer" draw from their own module, fetched when such a question first
// shows. Its path is a variable: the page weight counts what a choice
// question needs, and a choice deck never loads it.
const KINDS = '/static/js/kinds.js';
let K = null;        // that module, once loaded
let given = {};      // slide index -> what the server holds for those kinds ({text}, {words}, {value}, {skip}; an ack as is)
const voice = (q) => !!q && (!!q.prefer_not || !/^(single|multiple|truefalse|poll|qa)$/.test(q.kind));
const ownKind = (q) => K && K.KINDS.indexOf(q.kind) >= 0;
function kinds() {
  if (!K) import(KINDS).then((m) => { K = m; if (slide && voice(slide.question) && following()) render(); }, () => {});
}

// A self-paced session's phone moves on its own (phone-pace.js: its own
// module, loaded when a slide message says pace).
const PACE = '/static/js/phone-pace.js';
let P = null;

function load() { try { return localStorage.getItem(KEY); } catch (e) { return null; } }
function save(v) { try { if (v) localStorage.setItem(KEY, v); else localStorage.removeItem(KEY); } catch (e) { /* not kept */ } }

const conn = socket('/ws/join/' + encodeURIComponent(code), {
  open() {
    ready = false;
    if (token) conn.send({ type: 'resume', token });
    else if (screen === 'connecting') conn.send({ type: 'join', nick, lang });
    else conn.stop();
  },
  message: onMessage,
  status(s) { net = s; ready = ready && s === 'connected'; drawStatus(); },
}, { heartbeat: 25000 });

function onMessage(m) {
  switch (m.type) {
    case 'welcome':
      ready = true;
      if (m.resumed) conn.send({ type: 'lang', lang }); // a restart forgets a switch
      token = m.token;
      save(token);
      nick = m.nick || nick;
      answers = Object.assign({}, m.answers || {});
      given = Object.assign({}, m.given || {});
      if (pending) {
        if (pending.body ? K && K.same(heldBody(pending.slide), pending.body) : same(answers[pending.slide], pending.choice)) { pending = null; ackState = 'ok'; } else resend(pending);
      }
      // After a reconnect the slide is still on screen: update it in place so a tap
      // in flight is not lost; the `slide` message that follows redraws if it moved.
      if (slide && following()) { drawStatus(); drawAck(); markPressed(); } else render();
      if (m.join_question) import('/static/js/join-question.js').then((x) => x.ask(m.join_question, conn, deck), () => {});
      if (m.share) share(m);
      break;
    case 'slide': {
      // Drawn anew: another slide or phase, or the same one in the other
      // language of a twin deck (a switch while a question is up).
      const moved = !slide || slide.index !== m.index || slide.phase !== m.phase || (slide.lang || '') !== (m.lang || '');
      if (slide && slide.index !== m.index) { picked = []; ackState = null; pending = null; }
      slide = m;
      if (voice(m.question)) kinds();
      if (m.pace && !P) import(PACE).then((x) => { P = x; render(); }, () => {});
      clock(m.countdown);
      if (m.phase === 'ended') finish(); else screen = phaseScreen(m);
      if (moved) {
        render();
        // the tapped button is gone: keep keyboard and screen-reader users on the new heading
        if (!document.activeElement || document.activeElement === document.body) $('h').focus();
      } else { drawAck(); markPressed(); reactBar(); }
      break;
    }
    case 'ack':
      if (m.slide === undefined) break; // a role's
      if (m.choice) { answers[m.slide] = m.choice; delete given[m.slide]; } else { given[m.slide] = m; delete answers[m.slide]; }
      if (pending && pending.ref === m.ref) { pending = null; ackState = 'ok'; }
      drawAck();
      markPressed();
      if (slide && slide.phase === 'revealed') render(); // an ack after the reveal: mark the answer
      break;
    case 'rank': case 'nick': // game mode (phone-game.js)
      if (m.type === 'nick') nick = m.nick;
      import(GM).then((g) => g.game(m)).catch(() => {});
      break;
    case 'qa': case 'qa_ack': qa(m); break;
    case 'share_ack': share(m); break;
    case 'error': if (m.ref >= 2e6 && shareP) share(m); else if (!(m.ref >= 1e6 && qa(m))) onError(m); break;
    case 'bye':
      if (m.reason === 'ended') finish(); // shutdown: the socket closes and we come back
      else if (m.reason === 'removed') { token = null; save(null); screen = 'removed'; finish(); }
      else if (m.reason === 'replaced') {
        // Another tab resumed as this participant: two tabs taking turns would
        // replace each other forever, so this one stops until asked.
        screen = 'replaced';
        ready = false;
        conn.stop();
        net = 'idle';
        render();
        $('h').focus();
      }
      break;
    default:
  }
}

// The anonymous Q&A's panel (qa.js) loads when the Q&A first opens (its
// path a variable, like kinds.js: not part of the first load); its messages
// and the errors to its refs (from 1e6) go to it, in order.
const QA = '/static/js/qa.js';
let qaP = null;
function qa(m) {
  if (!qaP && !(m.type === 'qa' && m.open)) return false;
  qaP = qaP || import(QA).then((x) => x.panel(conn));
  qaP.then((p) => p.on(m));
  return true;
}

// "Share your experience" (share.js) loads when a welcome offers it; its
// acks and the errors to its refs (from 2e6) go to it.
const SHARE = '/static/js/share.js';
let shareP = null;
function share(m) {
  shareP = shareP || import(SHARE);
  shareP.then((x) => (m.type === 'welcome' ? x.mount(m.share, conn, D) : x.on(m)), () => {});
}

function onError(m) {
  const c = m.code;
  if (c === 'bad_token') {
    token = null; save(null); conn.stop(); ready = false; pending = null; slide = null;
    screen = GAME ? 'join' : 'connecting'; render();
    if (!GAME) conn.start(); // joins anew, with no name
    return;
  }
  if (c === 'not_found') { screen = 'notfound'; conn.stop(); render(); return; }
  if (c === 'session_ended') { finish(); return; }
  if (c === 'bad_nick' || c === 'room_locked' || c === 'session_full') { screen = 'join'; conn.stop(); render(); showErr(m); return; }
  if (m.ref !== undefined && pending && pending.ref === m.ref) {
    const p = pending;
    pending = null;
    showErr(m);
    // Not saved and not counted: try again shortly while the question is still open.
    if (c === 'storage_unavailable' || c === 'rate_limited') {
      setTimeout(() => { if (!pending && slide && slide.index === p.slide && slide.phase === 'question') resend(p); }, 3000);
    }
    markPressed();
  } else if (c !== 'shutting_down' && c !== 'already_joined') showErr(m);
}

function showErr(m) { ackState = { code: m.code, message: m.message }; drawAck(); }

function finish() {
  if (screen !== 'removed') screen = 'ended';
  conn.stop();
  net = 'idle';
  render();
}

// phaseScreen is the screen for a slide message while following the session.
function phaseScreen(m) {
  if (m.phase === 'lobby' || m.phase === 'ended') return m.phase;
  // A qa slide asks nothing itself: the Q&A panel below takes the questions.
  if (m.question && m.question.kind !== 'qa' && /^(question|closed|revealed)$/.test(m.phase)) return m.phase;
  return 'slide'; // a slide without a question, or a phase this page does not know: look up
}

// following tells whether the screen shows the session (a slide is drawn).
function following() { return /^(lobby|slide|question|closed|revealed)$/.test(screen); }

const sorted = (a) => a.slice().sort((x, y) => x - y);
// same compares two choices as sets (the server may order them differently).
function same(a, b) {
  if (!a || !b || a.length !== b.length) return false;
  const x = sorted(a);
  const y = sorted(b);
  return x.every((v, i) => v === y[i]);
}

// heldBody is what the server holds for a slide, as an answer body, or null.
function heldBody(i) {
  if (given[i]) return K ? K.body(given[i]) : given[i];
  return answers[i] ? { choice: answers[i] } : null;
}

// sendBody sends a kinds.js answer: {choice} in order (ranking), {text}, {words}, {value} or {skip}.
function sendBody(index, b) {
  pending = { ref: ++ref, slide: index, body: b };
  ackState = 'sending';
  if (ready) conn.send(Object.assign({ type: 'answer', slide: index, ref: pending.ref }, b));
  drawAck();
}
const resend = (p) => (p.body ? sendBody(p.slide, p.body) : send(p.slide, p.choice));

function send(index, choice) {
  pending = { ref: ++ref, slide: index, choice: sorted(choice) };
  ackState = 'sending';
  if (ready) conn.send({ type: 'answer', slide: index, choice: pending.choice, ref: pending.ref });
  drawAck();
}

// ---- drawing ----

// The countdown, when the presenter or the deck runs one: seconds left, as
// text (role=timer, silent), said aloud once, at 10 seconds.
let cdEnd = 0;
function clock(n) {
  cdEnd = n ? Date.now() + n * 1000 : 0;
  tick();
}
function tick() {
  const e = $('cd');
  const s = Math.ceil((cdEnd - Date.now()) / 1000);
  e.setAttribute('aria-live', s === 10 ? 'polite' : 'off');
  e.textContent = s > 0 && screen === 'question' ? t('phone.left', { s }) : '';
}
setInterval(tick, 1000);

function drawStatus() {
  const s = $('status');
  const k = screen === 'ended' ? 'status.ended' : screen === 'replaced' ? 'status.paused' : (net === 'connected' ? 'status.connected' : net === 'offline' ? 'status.offline' : net === 'idle' ? 'status.idle' : net === 'connecting' ? 'status.connecting' : 'status.reconnecting');
  s.textContent = code && screen !== 'removed' ? t(k) : ''; // no room yet (or no longer), nothing to be connected to
  s.className = 'status' + (net === 'connected' ? ' ok' : net === 'offline' || net === 'reconnecting' ? ' bad' : '');
}

function drawAck() {
  const a = $('ack');
  a.className = 'ack';
  if (!ackState) a.textContent = '';
  else if (ackState === 'sending') a.textContent = t('phone.sending');
  else if (ackState === 'ok') a.textContent = t('phone.received');
  else if (ackState.text) { a.textContent = ackState.text; a.className = 'ack err'; } else {
    // bad_nick's catalog text speaks of length only; a game's phone also hears of hidden characters
    a.textContent = ackState.code === 'bad_nick' && G ? G.nickBad() : errorText(ackState.code, ackState.message);
    a.className = 'ack err';
  }
}

function markPressed() {
  const q = slide && slide.question;
  if (!q || slide.phase !== 'question') return;
  const sk = $('skip-btn');
  if (sk) {
    const h = heldBody(slide.index);
    sk.setAttribute('aria-pressed', String(!!(h && h.skip)));
    if (h && h.skip) document.querySelectorAll('.scale input').forEach((r) => { r.checked = false; });
  }
  if (ownKind(q)) return; // kinds.js marks its own
  const held = pending ? pending.choice : answers[slide.index] || [];
  const on = q.kind === 'multiple' ? picked : held;
  document.querySelectorAll('.answer-btn').forEach((b) => {
    b.setAttribute('aria-pressed', String(on.indexOf(+b.dataset.index) >= 0));
  });
  const sub = $('submit-btn');
  if (sub) sub.disabled = !picked.length;
}

// render draws the current screen from scratch; only the ack line and the
// pressed answers are updated in place (drawAck, markPressed).
function render() {
  const h = $('h');
  const v = $('view');
  v.textContent = '';
  h.lang = '';
  if (screen !== 'revealed') say('', '');
  $('code-form').hidden = screen !== 'code';
  drawStatus();
  drawAck();
  tick();
  switch (screen) {
    case 'code':
      h.textContent = t('phone.codeTitle');
      $('code-err').textContent = codeBad ? t('phone.codeBad') : '';
      break;
    case 'join': // a game's name form, drawn when phone-game.js arrives; else a join refused (locked, full)
      if (G) G.form(h, v, code, join);
      else if (!GAME) { h.textContent = t('phone.notIn'); const b = el('button', 'btn primary', t('phone.retry')); b.type = 'button'; b.id = 'retry-btn'; b.onclick = () => join(''); v.append(b); }
      break;
    case 'connecting': h.textContent = t('phone.connecting'); break;
    case 'lobby':
      h.textContent = t('phone.lobbyTitle');
      v.append(G && nick ? G.named(nick) : el('p', 'big', t('phone.anon')), el('p', '', t('phone.waiting')));
      break;
    case 'slide':
      h.textContent = slide.title || t('phone.slide');
      if (slide.title) deck(h);
      v.append(el('p', 'big', t('phone.lookUp')));
      if (slide.resources && H) H.contacts(v);
      break;
    case 'question': drawQuestion(h, v); break;
    case 'closed':
      deck(h).textContent = slide.question.prompt || slide.title;
      v.append(el('p', 'big', t('phone.closed')));
      ackState = answers[slide.index] || given[slide.index] ? 'ok' : null;
      drawAck();
      break;
    case 'revealed': drawReveal(h, v); break;
    case 'replaced': drawReplaced(h, v); break;
    case 'ended': drawEnd(h, v); break;
    case 'removed': h.textContent = t('phone.removed'); if ($('rank')) $('rank').remove(); break;
    case 'notfound':
      h.textContent = t('phone.notFoundTitle');
      v.append(el('p', '', t('notfound.hint')));
      break;
    default:
  }
  if (P && slide && slide.pace && following()) P.draw({ screen, slide, h, v, deck, go: (i) => ready && conn.send({ type: 'go', slide: i }) });
  reactBar();
}

// The reaction bar is its own module, loaded the first time a slide says
// reactions are on; a tap sends one, never acked.
let bar = null;
function reactBar() {
  const on = !!(slide && slide.reactions) && following();
  if (!on && !bar) return;
  bar = bar || import('/static/js/reactions.js');
  bar.then((r) => r.show(on, (i) => ready && conn.send({ type: 'react', emoji: i })));
}

function drawQuestion(h, v) {
  const q = slide.question;
  const multi = q.kind === 'multiple';
  deck(h).textContent = q.prompt || slide.title;
  if (voice(q) && !K) { v.append(el('p', 'hint', t('phone.loading'))); return; }
  if (ownKind(q)) {
    K.drawInput(v, kindCtx());
    if (!ackState && heldBody(slide.index)) ackState = 'ok';
    drawAck();
    return;
  }
  v.append(el('p', 'hint', t(multi ? 'phone.hintMultiple' : q.kind === 'poll' ? 'phone.hintPoll' : 'phone.hintSingle')));
  if (multi && !picked.length) picked = (answers[slide.index] || []).slice();
  const g = el('div', 'answers');
  g.setAttribute('role', 'group');
  g.setAttribute('aria-labelledby', 'h');
  q.options.forEach((o, i) => {
    const b = el('button', 'answer-btn');
    b.type = 'button';
    b.dataset.index = i;
    b.append(label(i), deck(el('span', 'txt', o)));
    b.onclick = () => {
      if (multi) {
        const at = picked.indexOf(i);
        if (at >= 0) picked.splice(at, 1); else picked.push(i);
        if (!pending) { ackState = held() ? 'ok' : null; drawAck(); }
      } else send(slide.index, [i]);
      markPressed();
    };
    g.append(b);
  });
  v.append(g);
  if (multi) {
    const s = el('button', 'btn primary', t('phone.submit'));
    s.type = 'button';
    s.id = 'submit-btn';
    s.onclick = () => { if (picked.length) send(slide.index, picked); };
    v.append(s);
  }
  if (q.prefer_not) v.append(K.preferNot(kindCtx()));
  if (!ackState && held()) ackState = 'ok';
  drawAck();
  markPressed();
}

// kindCtx is what kinds.js needs to draw and send.
function kindCtx() {
  return {
    slide, q: slide.question, held: heldBody(slide.index), r: slide.reveal, deck, say,
    send: (b) => sendBody(slide.index, b),
    error(text) { ackState = { text }; drawAck(); },
  };
}

// held tells whether the server holds what the screen shows as chosen.
function held() {
  const a = answers[slide.index];
  if (given[slide.index]) return true;
  if (!a) return false;
  return slide.question.kind !== 'multiple' || same(a, picked);
}

function drawReveal(h, v) {
  const q = slide.question;
  const r = slide.reveal || { correct: [], counts: [], total: 0 };
  const mine = answers[slide.index];
  const poll = !r.correct || !r.correct.length;
  deck(h).textContent = q.prompt || slide.title;
  ackState = null;
  drawAck();
  if (ownKind(q)) { K.drawResult(v, kindCtx()); return; }
  if (voice(q) && !K) return; // drawn when kinds.js arrives
  if (poll) say(t('phone.results'), '');
  else if (!mine) say(t('phone.noAnswer'), '');
  else if (same(mine, r.correct)) say(t('phone.right'), ' right'); else say(t('phone.wrong'), ' wrong');
  const total = r.total || 0;
  const ul = el('ul', 'opts');
  q.options.forEach((o, i) => {
    const li = el('li');
    const right = !poll && r.correct.indexOf(i) >= 0;
    if (right) li.className = 'right';
    const row = el('div', 'row');
    row.append(label(i), deck(el('span', 'txt', o)));
    li.append(row);
    const tags = [];
    if (right) tags.push(t('phone.rightAnswer'));
    if (mine && mine.indexOf(i) >= 0) tags.push(t('phone.yourAnswer'));
    if (tags.length) li.append(el('div', 'tag', tags.join(' · ')));
    if (r.counts) { // a self-paced phone is not shown the others' answers
      const n = r.counts[i] || 0;
      const pct = total ? Math.round(n * 100 / total) : 0;
      const bar = el('div', 'bar');
      bar.setAttribute('aria-hidden', 'true');
      bar.style.width = pct + '%';
      li.append(bar, el('div', 'num', t('phone.count', { n, pct })));
    }
    ul.append(li);
  });
  v.append(ul);
  if (r.explanation) v.append(deck(el('p', 'expl', r.explanation)));
  if (q.prefer_not && K) K.pollSkip(v, kindCtx());
}

function drawReplaced(h, v) {
  h.textContent = t('phone.replacedTitle');
  const b = el('button', 'btn primary', t('phone.takeBack'));
  b.type = 'button';
  b.id = 'take-back';
  b.onclick = () => { screen = slide ? phaseScreen(slide) : 'connecting'; render(); conn.start(); };
  v.append(el('p', 'big', t('phone.replacedText')), b);
}

// The result line is a live region kept in the page, so it is announced, once.
function say(text, cls) {
  const r = $('result');
  r.className = text ? 'result' + cls : '';
  if (r.textContent !== text) r.textContent = text;
}

// The deck's take-home handout, when it names one, comes with the ended
// slide: a link to its page in the phone's language.
function drawEnd(h, v) {
  h.textContent = t('phone.endTitle');
  v.append(el('p', 'big', t('phone.endText')));
  const n = slide && slide.handout;
  if (n) {
    const a = v.appendChild(el('a', 'btn primary', t('phone.handout')));
    a.href = '/handouts/' + encodeURIComponent(n) + '.' + lang;
    a.id = 'handout-link';
  }
  v.append(el('p', 'hint', t('phone.help')));
}

// join joins with a game's nickname (phone-game.js's form).
function join(n) {
  nick = n;
  screen = 'connecting';
  ackState = null;
  render();
  conn.start();
}

// The room code form (the page at / has no code in its address).
$('code-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const c = $('code').value.replace(/\s+/g, '').toUpperCase();
  const bad = !/^[A-Z0-9]{6}$/.test(c);
  $('code').setAttribute('aria-invalid', String(bad));
  codeBad = bad;
  $('code-err').textContent = bad ? t('phone.codeBad') : '';
  if (bad) $('code').focus(); else location.href = '/j/' + c;
});

onLang(() => { if (ready) conn.send({ type: 'lang', lang }); }); // the twin's text, if the deck has one
onLang(render);
if (code) screen = token || !GAME ? 'connecting' : 'join';
if (code && screen === 'connecting') conn.start();
render();
// Need help? (help.js) and its data: fetched by every phone once drawn, so opening it asks nothing.
const HELP = '/static/js/help.js';
let H = null;
(window.requestIdleCallback || setTimeout)(() => import(HELP).then((m) => { H = m; m.mount(code); if (screen === 'slide') render(); }, () => {}));
