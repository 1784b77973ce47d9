// Game mode's screens (issue 15): the leaderboard and the podium on the
// audience screen (the presenter's panel is game-panel.js). Nicknames are typed by
// phones: they go in as textContent only.
import { t, lang } from '/static/js/i18n-dom.js';
import { el } from '/static/js/dom.js';

export const num = (n) => new Intl.NumberFormat(lang).format(n || 0);

// ordinal is a rank as people say it: 1st, 2nd (English), 1.º (Spanish).
export function ordinal(n) {
  if (lang === 'es') return n + '.º';
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] || 'th';
  return n + s;
}

// drawGame fills the audience screen's game section with the leaderboard
// (view "board") or the podium ("podium") from host_state.game.
export function drawGame(root, g) {
  root.textContent = '';
  const board = g.board || [];
  const h = el('h1', 'game-title', t(g.view === 'podium' ? 'proj.gamePodium' : 'proj.gameBoard'));
  h.id = 'game-title';
  root.setAttribute('aria-labelledby', 'game-title');
  root.append(h);
  if (!board.length) { root.append(el('p', 'game-empty', t('proj.gameEmpty'))); return; }
  if (g.view === 'podium') {
    const ol = el('ol', 'podium');
    // Second, first, third from left to right; the list's order is the rank's.
    if (g.teams && g.teams.length) {
      root.append(el('p', 'game-players', teamLine(g.teams[0])));
    }
    board.slice(0, 3).forEach((r, i) => {
      const li = el('li', 'podium-step podium-' + (i + 1));
      li.append(el('span', 'podium-rank', t('proj.gamePlace', { rank: ordinal(r.rank) })), el('span', 'podium-nick', r.nick),
        el('span', 'podium-points', t('proj.gamePoints', { n: num(r.points) })));
      ol.append(li);
    });
    root.append(ol);
    return;
  }
  const ol = el('ol', 'board');
  board.forEach((r) => {
    const li = el('li', 'board-row');
    li.append(el('span', 'board-rank', ordinal(r.rank)), el('span', 'board-nick', r.nick),
      el('span', 'board-points', t('proj.gamePoints', { n: num(r.points) })));
    if (r.gained) li.append(el('span', 'board-gained', '+' + num(r.gained)));
    ol.append(li);
  });
  root.append(ol, el('p', 'game-players', t('proj.gamePlayers', { n: num(g.players) })));
  if (g.teams && g.teams.length) {
    const h2 = el('h2', 'game-teams-title', t('proj.gameTeams'));
    const tl = el('ol', 'game-teams');
    g.teams.forEach((x) => tl.append(el('li', '', teamLine(x))));
    root.append(h2, tl);
  }
}

// teamName is a team's letter: A, B, …
export function teamName(n) { return String.fromCharCode(64 + n); }

// teamLine is a team's standing: lettered (Team A), or named by the deck's
// join question when its answers picked the teams (deck text: as text).
function teamLine(x) {
  return t(x.name ? 'proj.gameTeamLineNamed' : 'proj.gameTeamLine',
    { rank: ordinal(x.rank), team: x.name || teamName(x.team), points: num(x.points), n: x.members });
}
