// A phone's modal dialog, shared by "Need help?" (help.js) and "Share your
// experience" (share.js): the page behind goes inert, Tab stays inside,
// Escape closes it, and focus goes back to the button that opened it.
import { el } from '/static/js/dom.js';

// modal makes a dialog whose backdrop and box have the classes NAME-back
// and NAME-dlg, labelled by the element with id titleId, which draw(box)
// fills (again on each redraw). With backdrop set, a tap outside the box
// closes it too (not for a form someone is typing in).
export function modal(name, titleId, draw, backdrop) {
  let back = null;
  let opener = null;
  const close = () => {
    if (!back) return;
    back.remove();
    back = null;
    document.querySelectorAll('body > header, body > main').forEach((e) => { e.inert = false; e.removeAttribute('aria-hidden'); });
    if (opener && opener.focus) opener.focus();
  };
  const trap = (e) => {
    if (e.key === 'Escape') { e.preventDefault(); close(); return; }
    if (e.key !== 'Tab') return;
    const f = [...back.querySelectorAll('a[href], button, textarea, input')].filter((x) => !x.disabled);
    const first = f[0];
    const last = f[f.length - 1];
    const at = document.activeElement;
    if (e.shiftKey && (at === first || !back.contains(at) || at.id === titleId)) { e.preventDefault(); last.focus(); } else if (!e.shiftKey && at === last) { e.preventDefault(); first.focus(); }
  };
  const open = () => {
    if (back) return;
    opener = document.activeElement;
    back = el('div', name + '-back');
    const box = el('div', name + '-dlg');
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-modal', 'true');
    box.setAttribute('aria-labelledby', titleId);
    back.append(box);
    draw(box);
    document.querySelectorAll('body > header, body > main').forEach((e) => { e.inert = true; e.setAttribute('aria-hidden', 'true'); });
    document.body.append(back);
    back.addEventListener('keydown', trap);
    if (backdrop) back.addEventListener('click', (e) => { if (e.target === back) close(); });
    const h = document.getElementById(titleId);
    h.tabIndex = -1;
    h.focus();
  };
  return { open, close, box: () => back && back.firstChild };
}
