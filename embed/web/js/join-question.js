// The deck's join question ("I am a: parent / student / …"), loaded only
// when a welcome carries one. Optional: one tap answers, "Skip" closes it.
// The answer is kept with the anonymous participant and splits the
// results by role only in groups of 5 or more (docs/RESULTS.md).
import strings from '/static/i18n/join-question.js';
import { t, add } from '/static/js/i18n-dom.js';
import { $, el } from '/static/js/dom.js';

add(strings);

export function ask(q, conn, deck) {
  if ($('jq')) return;
  const box = el('fieldset', 'jq');
  box.id = 'jq';
  const legend = deck(el('legend', '', q.prompt));
  box.append(legend, el('p', 'hint', t('jq.why')));
  const done = () => box.remove();
  q.options.forEach((o, i) => {
    const b = deck(el('button', 'btn', o));
    b.type = 'button';
    b.onclick = () => {
      conn.send({ type: 'role', role: i });
      // Say it was taken, for a screen reader too, then get out of the way.
      box.replaceChildren(el('p', 'hint', t('jq.thanks')));
      box.setAttribute('role', 'status');
      setTimeout(done, 2000);
    };
    box.append(b);
  });
  const skip = el('button', 'btn', t('jq.skip'));
  skip.type = 'button';
  skip.onclick = done;
  box.append(skip);
  $('view').before(box);
}
