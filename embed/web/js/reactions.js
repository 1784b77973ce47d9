// The phone's reaction bar: five large buttons under the slide, loaded only
// when a slide message says reactions are on (phone.js imports it then).
// A tap sends {"type":"react"}; nothing comes back (the server drops what
// is over one a second), so the bar confirms on its own and rests a second.
import S from '/static/i18n/reactions.js';
import { lang, onLang } from '/static/js/i18n-dom.js';

const EMOJI = ['👍', '❤️', '😂', '😮', '👏'];
const REST = 1000; // ms: the server counts one reaction a second per phone

const tr = (k, e) => ((S[lang] && S[lang][k]) || S.en[k] || k).replace('{e}', e || '');
let bar = null;
let send = null;
let resting = 0;
let want = false;   // the last slide said reactions are on
let styled = false; // the bar's stylesheet is in: it shows only then, so it does not jump under a finger

function build() {
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = '/static/css/reactions.css';
  css.onload = css.onerror = () => { styled = true; bar.hidden = !want; };
  document.head.append(css);
  bar = document.createElement('section');
  bar.hidden = true;
  bar.id = 'react';
  bar.className = 'react';
  const g = document.createElement('div');
  g.className = 'react-row';
  g.setAttribute('role', 'group');
  EMOJI.forEach((e, i) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'react-btn';
    b.dataset.emoji = i;
    b.textContent = e;
    b.onclick = () => tap(b, i);
    g.append(b);
  });
  const said = document.createElement('p');
  said.className = 'react-said';
  said.setAttribute('role', 'status');
  bar.append(g, said);
  document.querySelector('main').append(bar);
  label();
  onLang(label);
}

function label() {
  bar.setAttribute('aria-label', tr('react.group'));
  bar.firstChild.setAttribute('aria-label', tr('react.group'));
  bar.querySelectorAll('.react-btn').forEach((b) => b.setAttribute('aria-label', tr('react.' + b.dataset.emoji)));
}

function tap(b, i) {
  if (Date.now() < resting || !send(i)) return;
  resting = Date.now() + REST;
  bar.classList.add('resting');
  b.classList.remove('sent');
  void b.offsetWidth; // restart the confirmation's animation
  b.classList.add('sent');
  const said = bar.querySelector('.react-said');
  said.textContent = tr('react.sent', EMOJI[i]);
  setTimeout(() => { bar.classList.remove('resting'); b.classList.remove('sent'); said.textContent = ''; }, REST);
}

// show(on, fn) shows or hides the bar; fn(i) sends reaction i and answers
// whether it could (false while the socket is down).
export function show(on, fn) {
  send = fn;
  want = on;
  if (on && !bar) build();
  if (bar && styled) bar.hidden = !on;
}
