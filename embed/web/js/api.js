// The kit's HTTP API for the presenter's pages. The host key travels in the
// HttpOnly cookie that /host?key=… set, so no script ever holds it.
import { errorText } from '/static/js/i18n-dom.js';
import { $ } from '/static/js/dom.js';

// apiError is an Error carrying the server's code (or 'network' when the
// kit could not be reached) and the parsed body, if any.
export function apiError(code, message, body) {
  const e = new Error(message || '');
  e.code = code || 'unknown';
  e.body = body;
  return e;
}

// request sends a request and answers the response with its parsed JSON
// body (null when there is none), whatever the status; only a failure to
// reach the kit throws.
export async function request(method, path, body) {
  const opt = { method, credentials: 'same-origin', headers: {} };
  if (body instanceof FormData || body instanceof Blob) opt.body = body; // a Blob: an image file, sent as it is
  else if (body !== undefined) { opt.body = JSON.stringify(body); opt.headers['Content-Type'] = 'application/json'; }
  let r;
  try { r = await fetch(path, opt); } catch (e) { throw apiError('network'); }
  const j = r.status === 204 ? null : await r.json().catch(() => null);
  return { status: r.status, ok: r.ok, body: j };
}

// api calls the API and answers the JSON body, or throws an apiError with
// the server's code and message.
export async function api(method, path, body) {
  const r = await request(method, path, body);
  if (!r.ok) throw failure(r);
  return r.body;
}

// failure turns an error response into an apiError; a 401 without a body
// (a lost login) still says so.
export function failure(r) {
  const e = r.body && r.body.error;
  return apiError(e ? e.code : r.status === 401 ? 'unauthorized' : 'unknown', e && e.message, r.body);
}

// showErr puts an error's text in the page's #alert; clearErr empties it.
export function showErr(e) { $('alert').textContent = errorText(e.code, e.message); }
export function clearErr() { $('alert').textContent = ''; }
