// The presenter view's local contacts (docs/API.md, Local contacts): filled
// once, kept in the kit's database, shown on every phone under "Need
// help?" and on a deck's resources slide. Add, edit, remove, reorder, save
// the whole list, or go back to the kit's New Mexico contacts. The texts
// are the facilitator's: textContent and input values only.
import { t, onLang, errorText } from '/static/js/i18n-dom.js';
import { el } from '/static/js/dom.js';
import { api } from '/static/js/api.js';

const MAX = 20;
const LANGS = ['both', 'en', 'es'];

export function contactsPanel(box) {
  let list = [];     // the contacts as edited, not yet saved
  let defaults = false;
  // The page speaks the deck's language, set when the session's state
  // arrives: the panel's words follow it (onLang).
  const h = el('h2', 'pv-h');
  h.id = 'pc-title';
  box.setAttribute('aria-labelledby', 'pc-title');
  const note = el('p', 'muted');
  const def = el('p', 'pc-defaults');
  const ol = el('ol', 'pc-list');
  const add = el('button');
  add.type = 'button';
  const save = el('button', 'primary');
  save.type = 'button';
  const reset = el('button');
  reset.type = 'button';
  const words = () => {
    h.textContent = t('pc.title');
    note.textContent = t('pc.help');
    add.textContent = t('pc.add');
    save.textContent = t('pc.save');
    reset.textContent = t('pc.reset');
  };
  words();
  onLang(() => { words(); draw(); });
  const status = el('p', 'pc-status');
  status.setAttribute('role', 'status');
  const row = el('p', 'pv-row');
  row.append(add, ' ', save, ' ', reset);
  box.append(h, note, def, ol, row, status);

  function field(i, key, label, value, max) {
    const id = 'pc-' + key + '-' + i;
    const w = el('div', 'pc-field pc-' + key);
    const l = el('label', '', label);
    l.htmlFor = id;
    const input = el('input');
    input.id = id;
    input.name = key;
    input.maxLength = max;
    input.value = value || '';
    input.oninput = () => { list[i][key] = input.value; };
    w.append(l, input);
    return w;
  }

  function draw() {
    def.textContent = defaults ? t('pc.defaults') : '';
    ol.textContent = '';
    list.forEach((c, i) => {
      const li = el('li', 'pc-item');
      const fs = el('fieldset');
      fs.append(el('legend', '', t('pc.item', { n: i + 1 })));
      fs.append(field(i, 'name', t('pc.name'), c.name, 80), field(i, 'detail', t('pc.detail'), c.detail, 120), field(i, 'note', t('pc.note'), c.note, 200));
      const w = el('div', 'pc-field pc-lang');
      const l = el('label', '', t('pc.lang'));
      const sel = el('select');
      sel.id = l.htmlFor = 'pc-lang-' + i;
      LANGS.forEach((v) => { const o = el('option', '', t('pc.' + v)); o.value = v; sel.append(o); });
      sel.value = c.lang || 'both';
      sel.onchange = () => { list[i].lang = sel.value; };
      w.append(l, sel);
      const acts = el('p', 'pv-row');
      [['up', i > 0, -1], ['down', i < list.length - 1, 1]].forEach(([k, ok, d]) => {
        const b = el('button', '', t('pc.' + k));
        b.type = 'button';
        b.disabled = !ok;
        b.setAttribute('aria-describedby', 'pc-name-' + i);
        b.onclick = () => { const [m] = list.splice(i, 1); list.splice(i + d, 0, m); draw(); focusItem(i + d, k); };
        acts.append(b, ' ');
      });
      const rm = el('button', 'danger', t('pc.remove'));
      rm.type = 'button';
      rm.setAttribute('aria-describedby', 'pc-name-' + i);
      rm.onclick = () => { list.splice(i, 1); draw(); focusItem(Math.min(i, list.length - 1), 'name'); };
      acts.append(rm);
      fs.append(w, acts);
      li.append(fs);
      ol.append(li);
    });
    add.disabled = list.length >= MAX;
  }

  function focusItem(i, what) {
    const li = ol.children[i];
    if (!li) { add.focus(); return; }
    const b = what === 'name' ? li.querySelector('input') : [...li.querySelectorAll('button')].find((x) => x.textContent === t('pc.' + what) && !x.disabled);
    (b || li.querySelector('input')).focus();
  }

  function took(r, msg) {
    list = r.contacts.map((c) => Object.assign({}, c));
    defaults = r.defaults;
    draw();
    status.textContent = msg || '';
    // The audience screen in this browser redraws its resources slide.
    try { new BroadcastChannel('rt-contacts').postMessage('changed'); } catch (e) { /* an old browser: it redraws on the next slide */ }
  }

  function fail(e) { status.textContent = errorText(e.code, e.message); }

  add.onclick = () => {
    if (list.length >= MAX) { status.textContent = t('pc.max'); return; }
    list.push({ name: '', detail: '', note: '', lang: 'both' });
    draw();
    focusItem(list.length - 1, 'name');
  };
  save.onclick = () => api('PUT', '/api/contacts', { contacts: list }).then((r) => took(r, t('pc.saved')), (e) => {
    fail(e);
    const b = e.body;
    const input = b && b.contact !== undefined && document.getElementById('pc-' + b.field + '-' + b.contact);
    if (input) { input.setAttribute('aria-invalid', 'true'); input.focus(); }
  });
  reset.onclick = () => api('DELETE', '/api/contacts').then((r) => took(r, t('pc.resetDone')), fail);
  api('GET', '/api/contacts').then((r) => took(r, ''), fail);
}
