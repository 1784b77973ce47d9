// The phone's part of game mode, loaded as the page opens in a game (the
// server marks the page data-game) and never otherwise: the nickname form,
// the name in the lobby, and its own rank and points after each reveal.
// Outside a game a phone joins with no name, so none of this is in the
// join-to-first-question budget.
import strings from '/static/i18n/phone-game.js';
import { t, add, lang } from '/static/js/i18n-dom.js';
import { $, el } from '/static/js/dom.js';

add(strings);
let box = null;
let typed = ''; // the nickname typed so far, kept across redraws (a language switch)

// form draws the join screen of a game: a nickname, optional (empty: the
// server picks a friendly one; a name the word filter holds back is
// refused with bad_nick). join(nick) joins.
export function form(h, v, code, join) {
  h.textContent = t('pg.joinTitle', { code });
  const f = el('form', 'join');
  f.id = 'join';
  const l = el('label', '', t('pg.nickLabel'));
  l.htmlFor = 'nick';
  const i = el('input');
  Object.assign(i, { id: 'nick', name: 'nick', maxLength: 24, autocomplete: 'nickname', value: typed });
  i.setAttribute('autocapitalize', 'words');
  i.setAttribute('aria-describedby', 'nick-hint');
  i.oninput = () => { typed = i.value; };
  const hint = el('p', 'hint', t('pg.nickHint'));
  hint.id = 'nick-hint';
  const b = el('button', 'btn primary', t('pg.join'));
  b.id = 'join-btn';
  b.type = 'submit';
  f.append(l, i, hint, b);
  f.onsubmit = (e) => { e.preventDefault(); join(i.value.trim().slice(0, 24)); };
  v.append(f);
}

// named is the lobby's line with the player's name.
export const named = (nick) => el('p', 'big', t('pg.youAre', { nick }));

// nickBad says why a typed name was refused.
export const nickBad = () => t('pg.nickBad');

function ordinal(n) {
  if (lang === 'es') return String(n);
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] || 'th';
  return n + s;
}
const num = (n) => new Intl.NumberFormat(lang).format(n || 0);

function ensure() {
  if (!box) {
    box = el('section', 'rank');
    box.id = 'rank';
    box.setAttribute('role', 'status');
    $('view').after(box);
  }
  return box;
}

// game handles a rank or nick message.
export function game(m) {
  const b = ensure();
  if (m.type === 'nick') {
    b.textContent = '';
    b.append(el('p', '', t('pg.renamed', { nick: m.nick })));
    return;
  }
  b.textContent = '';
  b.append(el('p', 'rank-line', t(m.final ? 'pg.final' : 'pg.rank', { rank: ordinal(m.rank), of: num(m.of) })),
    el('p', 'rank-points', t('pg.points', { points: num(m.points) })));
  if (m.gained && !m.final) b.append(el('p', 'rank-gained', t('pg.gained', { n: num(m.gained) })));
  if (m.streak > 1) b.append(el('p', 'rank-streak', t('pg.streak', { n: m.streak })));
  if (m.team) {
    b.append(el('p', 'rank-team', t(m.team_name ? 'pg.teamNamed' : 'pg.team',
      { team: m.team_name || String.fromCharCode(64 + m.team), rank: ordinal(m.team_rank), points: num(m.team_points) })));
  }
}
