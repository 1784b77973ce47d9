// The presenter view's room tools, beside the notes: the phone remote's QR
// (behind a button, so it is never on screen by accident) with its off
// switch, and the Wi-Fi network the lobby offers as a QR.
import { t, errorText } from '/static/js/i18n-dom.js';
import { $ } from '/static/js/dom.js';
import { api } from '/static/js/api.js';

const id = decodeURIComponent(location.pathname.split('/')[3] || '');
const remotePath = '/api/sessions/' + encodeURIComponent(id) + '/remote';
let remoteQR = ''; // the QR made in this window; hidden, not forgotten, until switched off

function say(msg) { $('remote-status').textContent = msg; }

async function showRemote() {
  const open = !$('remote-panel').hidden;
  if (open) { hideRemote(); return; }
  if (!remoteQR) {
    try {
      const r = await api('POST', remotePath);
      remoteQR = r.qr;
    } catch (e) { say(errorText(e.code, e.message)); return; }
  }
  $('remote-qr').src = remoteQR;
  $('remote-panel').hidden = false;
  $('remote-btn').setAttribute('aria-expanded', 'true');
  say('');
}

function hideRemote() {
  $('remote-panel').hidden = true;
  $('remote-qr').removeAttribute('src');
  $('remote-btn').setAttribute('aria-expanded', 'false');
}

async function remoteOff() {
  try {
    await api('DELETE', remotePath);
    remoteQR = '';
    hideRemote();
    say(t('pv.remoteIsOff'));
  } catch (e) { say(errorText(e.code, e.message)); }
}

$('remote-btn').onclick = showRemote;
$('remote-hide').onclick = hideRemote;
$('remote-off').onclick = remoteOff;

// ---- Wi-Fi ----

async function loadWifi() {
  try {
    const w = await api('GET', '/api/wifi');
    $('wifi-ssid').value = w.ssid || '';
    $('wifi-pass').value = w.password || '';
  } catch (e) { $('wifi-status').textContent = errorText(e.code, e.message); }
}

$('wifi-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const w = await api('PUT', '/api/wifi', { ssid: $('wifi-ssid').value.trim(), password: $('wifi-pass').value });
    $('wifi-status').textContent = w.ssid ? t('pv.wifiSaved', { ssid: w.ssid }) : t('pv.wifiCleared');
  } catch (err) { $('wifi-status').textContent = errorText(err.code, err.message); }
});

loadWifi();
