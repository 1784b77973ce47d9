// The presenter view's game panel (issue 15). Nicknames are typed by
// phones: they go in as textContent only.
import { t } from '/static/js/i18n-dom.js';
import { el } from '/static/js/dom.js';
import { ordinal, num } from '/static/js/game-board.js';

// drawPanel fills the presenter's game panel: which view the audience
// screen shows, and the board with a rename and a remove button on each row
// (one click each: rename gives a new generated name).
export function drawPanel(root, g, act, send) {
  root.textContent = '';
  const views = el('p', 'pv-row');
  [['board', 'pv.gameBoard'], ['podium', 'pv.gamePodium'], ['', 'pv.gameSlide']].forEach(([v, key]) => {
    const b = el('button', v === 'podium' ? 'primary' : '', t(key));
    b.type = 'button';
    b.id = 'game-' + (v || 'slide');
    b.setAttribute('aria-pressed', String((g.view || '') === v));
    b.onclick = () => act('game_view', { view: v });
    views.append(b);
  });
  root.append(views);
  if (g.speed) root.append(el('p', 'muted', t('pv.gameSpeed')));
  const ol = el('ol', 'pv-board');
  (g.board || []).forEach((r) => {
    const li = el('li');
    li.append(el('span', 'board-rank', ordinal(r.rank)), ' ', el('span', 'board-nick', r.nick), ' ',
      el('span', 'muted', t('proj.gamePoints', { n: num(r.points) })), ' ');
    const rn = el('button', 'small', t('pv.gameRenameShort'));
    rn.type = 'button';
    rn.setAttribute('aria-label', t('pv.gameRename', { nick: r.nick }));
    rn.onclick = () => send({ type: 'rename', participant: r.id, nick: '' });
    const rm = el('button', 'small danger', t('pv.gameRemoveShort'));
    rm.type = 'button';
    rm.setAttribute('aria-label', t('pv.gameRemove', { nick: r.nick }));
    rm.onclick = () => { if (confirm(t('pv.gameRemoveConfirm', { nick: r.nick }))) send({ type: 'remove', participant: r.id }); };
    li.append(rn, ' ', rm);
    ol.append(li);
  });
  root.append(ol, el('p', 'muted', t('proj.gamePlayers', { n: num(g.players) })));
}
