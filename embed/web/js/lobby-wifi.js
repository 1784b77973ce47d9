// The lobby's Wi-Fi QR, before the join QR, for a room whose network is the
// laptop's hotspot: the network's name in text, its password only inside
// the QR. The setting can change on the presenter view while the lobby
// shows, so the lobby asks again every few seconds.
import { t } from '/static/js/i18n-dom.js';
import { $ } from '/static/js/dom.js';
import { api } from '/static/js/api.js';

let shown = false;
let timer = 0;
let last = ''; // the setting drawn, so the QR is fetched again only when it changes
let version = 0;

async function load() {
  let w = { ssid: '' };
  try { w = await api('GET', '/api/wifi'); } catch (e) { return; } // keep what shows
  const key = JSON.stringify(w);
  if (key === last) return;
  last = key;
  version++;
  draw(w);
}

function draw(w) {
  const on = !!(shown && w && w.ssid);
  $('wifi').hidden = !on;
  $('lobby').classList.toggle('with-wifi', on);
  if (!on) { $('wifi-img').removeAttribute('src'); return; }
  $('wifi-img').src = '/api/wifi/qr.png?v=' + version;
  $('wifi-img').alt = t('proj.wifiAlt', { ssid: w.ssid });
  $('wifi-ssid').textContent = w.ssid;
  $('wifi-open').hidden = !!w.password;
}

// lobbyWifi(on) is called on every draw of the audience screen, with
// whether the lobby shows.
export function lobbyWifi(on) {
  if (on === shown) return;
  shown = on;
  clearInterval(timer);
  if (on) { last = ''; load(); timer = setInterval(load, 5000); } else draw(null);
}
