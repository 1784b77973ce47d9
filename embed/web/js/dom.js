// Small DOM helpers shared by every page. Text goes in as textContent only:
// user text is never parsed as HTML.
export const $ = (id) => document.getElementById(id);

export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

// Options are marked by shape and letter, never by colour alone.
export const SHAPES = ['▲', '◆', '●', '■', '★', '⬟', '✚', '⬢'];

// label is the shape and letter of option i; the glyph is hidden from screen
// readers, which read the letter.
export function label(i) {
  const s = el('span', 'shape');
  const g = el('span', '', SHAPES[i % SHAPES.length]);
  g.setAttribute('aria-hidden', 'true');
  s.append(g, ' ' + String.fromCharCode(65 + i));
  return s;
}
