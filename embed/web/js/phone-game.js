// The phone's part of game mode, loaded the first time a rank (or a new
// name) arrives: its own rank and points after each reveal. Never in the
// join-to-first-question budget.
import strings from '/static/i18n/phone-game.js';
import { t, add, lang } from '/static/js/i18n-dom.js';
import { $, el } from '/static/js/dom.js';

add(strings);
let box = null;

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
  if (m.team) b.append(el('p', 'rank-team', t('pg.team', { team: String.fromCharCode(64 + m.team), rank: ordinal(m.team_rank), points: num(m.team_points) })));
}
