// A self-paced session on the phone: Back and Next (the server sends the
// slide moved to), a content slide's own text (no screen to look up at),
// where the phone is in the deck, and the end. phone.js loads this module
// when a slide message says pace, and calls draw after each render.
import strings from '/static/i18n/phone-pace.js';
import { t, add, lang } from '/static/js/i18n-dom.js';
import { el } from '/static/js/dom.js';

add(strings);
const css = document.createElement('link');
css.rel = 'stylesheet';
css.href = '/static/css/pace.css';
document.head.append(css);

function button(cls, text, onclick, off) {
  const b = el('button', 'btn ' + cls, text);
  b.type = 'button';
  b.disabled = !!off;
  b.onclick = onclick;
  return b;
}

// draw adds the self-paced parts to what phone.js drew: ctx has the screen,
// the slide message, the heading and view elements, deck (marks deck text
// with its language) and go(index).
export function draw(ctx) {
  const { slide: s, h, v } = ctx;
  const done = s.phase === 'finished';
  if (done) {
    h.lang = '';
    h.textContent = t('pp.doneTitle');
    v.textContent = '';
    v.append(el('p', 'big', t('pp.doneText')));
    if (s.handout) { // the deck's take-home material, as at a live session's end
      const a = v.appendChild(el('a', 'btn primary', t('pp.handout')));
      a.href = '/handouts/' + encodeURIComponent(s.handout) + '.' + lang;
      a.id = 'handout-link';
    }
  } else if (ctx.screen === 'question' && /^(single|truefalse)$/.test(s.question.kind)) {
    // the right answer shows as soon as it is tapped: there is no changing it after
    const hint = v.querySelector('.hint');
    if (hint) hint.textContent = t('pp.hintOnce');
  } else if (ctx.screen === 'slide') {
    v.textContent = '';
    if (s.html) {
      const body = ctx.deck(el('div', 'pace-body'));
      body.innerHTML = s.html; // the deck's HTML, sanitized by the server's renderer
      v.append(body);
    }
  }
  const nav = el('nav', 'pace-nav');
  nav.setAttribute('aria-label', t('pp.nav'));
  const last = s.index >= s.total - 1;
  nav.append(button('pace-back', t('pp.back'), () => ctx.go(s.index - 1), s.index <= 0));
  if (!done) nav.append(button('primary pace-next', t(last ? 'pp.finish' : 'pp.next'), () => ctx.go(s.index + 1)));
  v.append(nav);
  if (!done) v.append(el('p', 'hint pace-where', t('pp.where', { n: s.index + 1, total: s.total })));
  if (s.closes_at) {
    const at = new Date(s.closes_at).toLocaleString(lang, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
    v.append(el('p', 'hint pace-until', t('pp.until', { at })));
  }
}
