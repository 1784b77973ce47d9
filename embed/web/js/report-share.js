// The session report's parts for "How useful was this?" (a feedback
// question: the mean, the points and the comments) and "Share your
// experience" (the entries, fetched apart: they are in no results export).
// Both are for the facilitator; typed text goes in as textContent only.
import { t, lang } from '/static/js/i18n-dom.js';
import { el } from '/static/js/dom.js';
import { api } from '/static/js/api.js';

const css = document.createElement('link');
css.rel = 'stylesheet';
css.href = '/static/css/report-share.css';
document.head.append(css);

const pct = (n, d) => (d ? Math.round(n * 100 / d) : 0);
const num = (x) => (+(+x).toFixed(2)).toLocaleString(lang);

// feedback draws a feedback question's results into sec; few is the page's
// "fewer than k" text. A hidden total leaves no summary: nothing is drawn.
export function feedback(sec, q, few, deckLang) {
  const sm = q.summary;
  if (!sm) return;
  const n = q.responses;
  const counts = sm.counts || [];
  // No mean is either no answer yet (nothing to say) or a mean held back
  // beside hidden points (say why).
  if (sm.mean !== undefined && sm.mean !== null) sec.append(el('p', 'fb-mean', t('report.fbMean', { m: num(sm.mean), n })));
  else if (counts.some((c) => c === null || c === undefined)) sec.append(el('p', 'fb-mean muted', t('report.fbMeanHidden')));
  const ul = el('ol', 'bars fb-points');
  ul.setAttribute('aria-label', t('report.fbPoints'));
  for (let i = 0; i < 5; i++) {
    const c = counts[i];
    const shown = c !== null && c !== undefined;
    const li = el('li');
    const row = el('div', 'bar-row');
    const name = el('span', '', String(i + 1));
    const end = i === 0 ? q.low : i === 4 ? q.high : '';
    if (end) { const e = el('span', '', end); if (deckLang) e.lang = deckLang; name.append(' · ', e); }
    row.append(name, el('span', 'num', shown ? t('report.countPct', { n: c, pct: pct(c, n) }) : few()));
    const track = el('div', 'bar-track');
    track.setAttribute('aria-hidden', 'true');
    const bar = el('div', shown ? 'bar' : 'bar hidden-bar');
    bar.style.width = (shown ? pct(c, n) : 0) + '%';
    track.append(bar);
    row.append(track);
    li.append(row);
    ul.append(li);
  }
  sec.append(ul);
  const comments = sm.comments || [];
  const box = el('div', 'fb-comments');
  const hid = sec.getAttribute('aria-labelledby') + '-c';
  const h = el('h3', '', t('report.fbComments', { n: comments.length }));
  h.id = hid;
  box.append(h, el('p', 'muted', t('report.fbPrivate')));
  if (comments.length) {
    const list = el('ul', 'fb-list');
    list.setAttribute('aria-labelledby', hid);
    comments.forEach((c) => list.append(el('li', '', c)));
    box.append(list);
  } else box.append(el('p', 'muted', t('report.fbNone')));
  sec.append(box);
}

// experiences adds the "Shared experiences" section after box, when the
// session's deck offers the form; the entries stay folded until opened,
// and print only when open.
export async function experiences(id, box) {
  let ex;
  try {
    ex = await api('GET', '/api/sessions/' + encodeURIComponent(id) + '/experiences');
  } catch (e) { return; }
  const old = document.getElementById('experiences');
  if (old) old.remove();
  if (!ex || (!ex.prompt && !(ex.entries || []).length)) return;
  const sec = el('section', 'experiences');
  sec.id = 'experiences';
  sec.setAttribute('aria-labelledby', 'experiences-title');
  const h = el('h2', '', t('report.shareTitle'));
  h.id = 'experiences-title';
  sec.append(h, el('p', 'muted', t('report.shareIntro')));
  if (ex.prompt) {
    const p = el('p', 'share-asked');
    p.append(el('strong', '', t('report.shareAsked') + ' '), el('span', '', ex.prompt));
    sec.append(p);
  }
  const entries = ex.entries || [];
  if (!entries.length) {
    sec.append(el('p', 'muted', t('report.shareNone')));
  } else {
    const d = el('details', 'share-entries');
    d.append(el('summary', '', t('report.shareShow', { n: entries.length })));
    const ul = el('ul', 'share-list');
    entries.forEach((x) => {
      const li = el('li');
      const day = new Date(x.day + 'T12:00:00');
      li.append(el('p', 'muted share-day', isNaN(day) ? x.day : day.toLocaleDateString(lang, { dateStyle: 'medium' })), el('p', 'share-text', x.text));
      ul.append(li);
    });
    d.append(ul);
    const a = el('a', 'btn no-print', t('report.shareCsv'));
    a.href = '/api/sessions/' + encodeURIComponent(id) + '/experiences?format=csv';
    a.setAttribute('download', '');
    sec.append(d, a);
  }
  box.after(sec);
}
