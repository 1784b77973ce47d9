// A reconnecting WebSocket: exponential backoff with jitter (0.5 s to 10 s),
// retried at once when the network comes back or the page becomes visible.
// h: {open(), message(msg), status('connecting'|'connected'|'reconnecting'|'offline')}
export function socket(path, h, opts) {
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path;
  const heartbeat = opts && opts.heartbeat; // ms; phones send {"type":"ping"} to notice dead Wi-Fi
  const silence = (opts && opts.deadline) || 8000; // ms
  let ws = null;
  let tries = 0;
  let timer = 0;
  let hb = 0;
  let deadline = 0;
  let stopped = true;

  const status = (s) => h.status && h.status(s);
  const offline = () => navigator.onLine === false;

  function connect() {
    clearTimeout(timer);
    timer = 0;
    if (stopped || ws) return;
    if (offline()) { status('offline'); return; } // the online event retries
    status(tries ? 'reconnecting' : 'connecting');
    let w;
    try { w = new WebSocket(url); } catch (e) { schedule(); return; }
    ws = w;
    w.onopen = () => {
      tries = deadline = 0;
      status('connected');
      if (heartbeat) hb = setInterval(probe, heartbeat);
      h.open && h.open();
    };
    w.onmessage = (e) => {
      clearTimeout(deadline);
      deadline = 0;
      let m;
      try { m = JSON.parse(e.data); } catch (err) { return; }
      if (m && m.type !== 'pong') h.message(m);
    };
    w.onclose = () => { if (ws === w) drop(); };
  }

  // drop forgets the socket now (a dead one may take minutes to close) and retries.
  function drop() {
    const w = ws;
    ws = null;
    clearInterval(hb);
    clearTimeout(deadline);
    if (w) { w.onclose = null; w.onmessage = null; try { w.close(); } catch (e) { /* already closed */ } }
    schedule();
  }

  function schedule() {
    if (stopped || timer) return;
    if (offline()) { status('offline'); return; }
    const d = Math.min(10000, 500 * Math.pow(2, tries++));
    status('reconnecting');
    timer = setTimeout(connect, d / 2 + Math.random() * d / 2);
  }

  // probe asks the server for a pong; silence from the first unanswered one means the socket is dead.
  function probe() {
    if (!ws || ws.readyState !== 1) return;
    if (!deadline) deadline = setTimeout(() => { deadline = 0; drop(); }, silence);
    ws.send('{"type":"ping"}');
  }

  function kick() {
    if (stopped) return;
    if (ws) { if (heartbeat) probe(); return; }
    tries = 0;
    clearTimeout(timer);
    timer = 0;
    connect();
  }

  addEventListener('online', kick);
  // The browser knows the network is gone before the socket does: say so now.
  addEventListener('offline', () => { if (stopped) return; if (ws) drop(); else status('offline'); });
  document.addEventListener('visibilitychange', () => { if (!document.hidden) kick(); });

  return {
    start() { stopped = false; kick(); },
    stop() {
      stopped = true;
      clearTimeout(timer);
      timer = 0;
      const w = ws;
      ws = null;
      clearInterval(hb);
      clearTimeout(deadline);
      if (w) { w.onclose = null; w.close(); }
    },
    // send answers false when there is no open socket, so callers can fall back.
    send(o) {
      if (!ws || ws.readyState !== 1) return false;
      ws.send(JSON.stringify(o));
      return true;
    },
    get open() { return !!ws && ws.readyState === 1; },
  };
}
