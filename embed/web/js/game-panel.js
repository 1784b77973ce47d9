// The presenter view's game panel (issue 15). Nicknames are typed by
// phones: they go in as textContent only.
import { t } from '/static/js/i18n-dom.js';
import { el } from '/static/js/dom.js';
import { ordinal, num } from '/static/js/game-board.js';

// The panel's status line says the last rename or removal; it is one
// node kept across redraws, so a screen reader hears each once.
const status = el('p', 'muted');
status.id = 'game-said';
status.tabIndex = -1;
status.setAttribute('role', 'status');
const say = (text) => { status.textContent = text; };

// drawPanel fills the presenter's game panel: which view the audience
// screen shows (the room's lock is the header's, for every session), and the board with a rename and a remove
// button on each row, one click each (rename gives a new generated name;
// remove takes the player out, answers kept in the results without the
// name, and the phone is told).
export function drawPanel(root, g, act, send) {
  const focused = document.activeElement && root.contains(document.activeElement) ? document.activeElement.id : '';
  root.textContent = '';
  const views = el('p', 'pv-row');
  [['board', 'pv.gameBoard'], ['podium', 'pv.gamePodium'], ['', 'pv.gameSlide']].forEach(([v, key]) => {
    const b = el('button', 'pv-view', t(key)); // the one showing is pressed (aria-pressed), none looks chosen by default
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
    rn.id = 'rename-' + r.id;
    rn.setAttribute('aria-label', t('pv.gameRename', { nick: r.nick }));
    rn.onclick = () => { say(t('pv.gameRenamed', { nick: r.nick })); send({ type: 'rename', participant: r.id, nick: '' }); };
    const rm = el('button', 'small danger', t('pv.gameRemoveShort'));
    rm.type = 'button';
    rm.id = 'remove-' + r.id;
    rm.setAttribute('aria-label', t('pv.gameRemove', { nick: r.nick }));
    rm.onclick = () => { say(t('pv.gameRemoved', { nick: r.nick })); send({ type: 'remove', participant: r.id }); };
    li.append(rn, ' ', rm);
    ol.append(li);
  });
  root.append(ol, el('p', 'muted', t('proj.gamePlayers', { n: num(g.players) })), status);
  // The panel is redrawn on every state: keep the keyboard where it was
  // (a removed row's button is gone: then the panel's status line).
  if (focused) (document.getElementById(focused) || status).focus();
}
