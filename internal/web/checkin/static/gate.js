// The gate page: checks a badge on the device (the Ed25519 signature with
// WebCrypto, the revocation list, the gate's roles and days), asks the
// server while online (it knows every gate's entries), and while offline
// queues each scan in IndexedDB with a random nonce and syncs the queue when
// the network returns. No build step, no third-party code.
(() => {
  'use strict';
  const root = document.getElementById('gate');
  const cfg = JSON.parse(document.getElementById('gate-config').textContent);
  const W = JSON.parse(document.getElementById('gate-words').textContent);
  const $ = (id) => document.getElementById(id);
  const gateID = cfg.gate.id;
  const SCANS = '/api/v1/gates/' + gateID + '/scans';
  const ROLES = ['', 'talent', 'enterprise', 'delegation', 'judge', 'speaker', 'press', 'staff', 'organizer', 'gate'];
  const revoked = new Set(cfg.revoked);
  const device = localStorage.getItem('gate-device') || (() => {
    const d = 'dev-' + hex(crypto.getRandomValues(new Uint8Array(8)));
    localStorage.setItem('gate-device', d);
    return d;
  })();

  function hex(b) { return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(''); }
  function nonce() { return hex(crypto.getRandomValues(new Uint8Array(16))); }
  function b64url(s) {
    s = s.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function today(d) {
    // The date in the edition's zone, as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', {timeZone: cfg.zone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit'}).format(d);
  }

  // Keys: imported once; without Ed25519 in WebCrypto the server decides.
  let keys = null;
  const keysReady = (async () => {
    try {
      const m = new Map();
      for (const k of cfg.keys) {
        m.set(k.id >>> 0, await crypto.subtle.importKey('raw', b64url(k.public_key.replace(/=+$/, '')), {name: 'Ed25519'}, false, ['verify']));
      }
      keys = m;
    } catch (e) { keys = null; }
  })();

  // The device's own memory of who came in today, for offline verdicts.
  const seen = new Map(); // person|day -> true

  async function localVerdict(code, at) {
    // A typed short code proves nothing here (its key is the server's): the
    // server decides it online; offline it is queued unverified.
    if (/^[0-9A-Za-z]{5}[- ]?[0-9A-Za-z]{5}[- ]?[0-9A-Za-z]{5}$/.test(code)) return {result: 'unverified', reason: 'unverified'};
    let raw;
    try { raw = b64url(code); } catch (e) { return {result: 'refused', reason: 'malformed'}; }
    if (code.length !== 120 || raw.length !== 90 || raw[0] !== 1) return {result: 'refused', reason: 'malformed'};
    const dv = new DataView(raw.buffer);
    const c = {key: dv.getUint32(1), badge: dv.getUint32(5), person: dv.getUint32(9), edition: dv.getUint32(13),
      role: ROLES[raw[17]] || '', nbf: dv.getUint32(18), naf: dv.getUint32(22)};
    if (!c.role || c.naf <= c.nbf) return {result: 'refused', reason: 'malformed'};
    await keysReady;
    if (!keys) return {result: 'unverified', reason: 'unverified', claims: c};
    const key = keys.get(c.key);
    if (!key) return {result: 'refused', reason: 'key', claims: c};
    const ok = await crypto.subtle.verify({name: 'Ed25519'}, key, raw.slice(26), raw.slice(0, 26));
    if (!ok) return {result: 'refused', reason: 'signature', claims: c};
    const now = Math.floor(at.getTime() / 1000);
    if (c.edition !== cfg.edition) return {result: 'refused', reason: 'edition', claims: c};
    if (now < c.nbf) return {result: 'refused', reason: 'not_yet', claims: c};
    if (now >= c.naf) return {result: 'refused', reason: 'expired', claims: c};
    if (revoked.has(c.badge)) return {result: 'refused', reason: 'revoked', claims: c};
    if (cfg.gate.roles.length && !cfg.gate.roles.includes(c.role)) return {result: 'refused', reason: 'role', claims: c};
    const day = today(at);
    if (cfg.gate.days.length && !cfg.gate.days.includes(day)) return {result: 'refused', reason: 'day', claims: c};
    if (seen.has(c.person + '|' + day)) return {result: 'already', reason: 'same_gate', claims: c};
    return {result: 'admitted', reason: '', claims: c};
  }

  // IndexedDB: the queue of scans not yet accepted by the server.
  const dbReady = new Promise((resolve, reject) => {
    const req = indexedDB.open('convene-gate-' + gateID, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('queue', {keyPath: 'nonce'});
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  async function store(mode, fn) {
    const db = await dbReady;
    return new Promise((resolve, reject) => {
      const tx = db.transaction('queue', mode);
      const out = fn(tx.objectStore('queue'));
      tx.oncomplete = () => resolve(out && out.result !== undefined ? out.result : undefined);
      tx.onerror = () => reject(tx.error);
    });
  }
  const queuePut = (item) => store('readwrite', (s) => s.put(item));
  const queueAll = () => store('readonly', (s) => s.getAll());
  const queueDel = (nonces) => store('readwrite', (s) => { nonces.forEach((n) => s.delete(n)); });
  const queueCount = () => store('readonly', (s) => s.count());

  let admitted = 0;
  async function refreshCounts() {
    $('queue').textContent = String(await queueCount());
    $('count').textContent = String(admitted);
  }
  function setOnline(on) {
    const n = $('net');
    n.dataset.online = on ? '1' : '0';
    n.textContent = on ? W['gate.online'] : W['gate.offline'];
  }

  function show(v, who) {
    const el = $('verdict');
    const result = v.result === 'unverified' ? 'already' : v.result;
    el.dataset.result = result;
    $('verdict-text').textContent = v.result === 'unverified' ? W['gate.queued'] : W['gate.' + v.result];
    const parts = [];
    if (who) parts.push(who);
    if (v.reason) parts.push((W['gate.reason.' + v.reason] || v.reason).replace('{n}', v.coach || ''));
    if (v.other_gate) parts.push(v.other_gate);
    $('verdict-detail').textContent = parts.join(' · ');
    const li = document.createElement('li');
    li.className = result;
    li.textContent = new Date().toLocaleTimeString() + ' ' + $('verdict-text').textContent + (parts.length ? ' · ' + parts.join(' · ') : '');
    $('log').prepend(li);
    while ($('log').children.length > 50) $('log').lastChild.remove();
  }

  async function post(body, ms) {
    const ctl = new AbortController();
    const t = setTimeout(() => ctl.abort(), ms);
    try {
      const res = await fetch(SCANS, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body),
        credentials: 'same-origin', signal: ctl.signal});
      if (!res.ok) throw new Error('http ' + res.status);
      return await res.json();
    } finally { clearTimeout(t); }
  }

  async function handle(code) {
    code = code.trim();
    if (!code) return;
    const at = new Date();
    const v = await localVerdict(code, at);
    const item = {nonce: nonce(), token: code, scanned_at: at.toISOString(), device_result: v.result};
    const who = v.claims ? W['gate.person'] + ' ' + v.claims.person + ' · ' + v.claims.role : '';
    if (navigator.onLine) {
      try {
        const out = await post({device: device, queue: await queueCount(), scans: [item]}, 2500);
        const r = out.results[0];
        if (r.result !== 'refused' && v.claims) seen.set(v.claims.person + '|' + today(at), true);
        if (r.result === 'admitted') admitted++;
        setOnline(true);
        show(r, r.name ? r.name + ' · ' + r.role : who);
        await refreshCounts();
        return;
      } catch (e) { setOnline(false); }
    }
    // Offline: the device decides, and the server hears of it later.
    item.offline = true;
    if (v.result === 'admitted' || v.result === 'already') seen.set(v.claims.person + '|' + today(at), true);
    if (v.result === 'admitted') admitted++;
    show(v, who);
    await queuePut(item);
    await refreshCounts();
  }

  let syncing = false;
  async function sync() {
    if (syncing || !navigator.onLine) return;
    syncing = true;
    try {
      let items = await queueAll();
      if (!items.length) {
        await post({device: device, queue: 0, scans: []}, 5000); // a heartbeat: the organizer sees the gate online
        setOnline(true);
        return;
      }
      items.sort((a, b) => a.scanned_at < b.scanned_at ? -1 : 1);
      for (let i = 0; i < items.length; i += 2000) {
        const chunk = items.slice(i, i + 2000);
        const out = await post({device: device, queue: items.length - i, scans: chunk}, 30000);
        await queueDel(out.results.map((r) => r.nonce));
      }
      setOnline(true);
      $('last-sync').textContent = W['gate.synced'] + ' ' + new Date().toLocaleTimeString();
      root.dataset.synced = String(Number(root.dataset.synced || 0) + items.length);
    } catch (e) {
      setOnline(false);
    } finally {
      syncing = false;
      refreshCounts();
    }
  }

  $('scan-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const c = $('code').value;
    $('code').value = '';
    $('code').focus();
    handle(c);
  });
  // While online, the revocation list and the rules are refreshed every minute.
  async function refreshConfig() {
    if (!navigator.onLine) return;
    try {
      const res = await fetch('/api/v1/gates/' + gateID + '/config', {credentials: 'same-origin'});
      if (!res.ok) return;
      const c = await res.json();
      c.revoked.forEach((id) => revoked.add(id));
      cfg.gate.roles = c.gate.roles;
      cfg.gate.days = c.gate.days;
    } catch (e) {}
  }
  setInterval(refreshConfig, 60000);
  window.addEventListener('online', () => { setOnline(true); sync(); refreshConfig(); });
  window.addEventListener('offline', () => setOnline(false));
  setInterval(sync, 5000);
  setOnline(navigator.onLine);
  refreshCounts();
  sync();

  // Camera scanning where the browser has a barcode detector.
  if ('BarcodeDetector' in window) {
    const btn = $('camera');
    btn.hidden = false;
    btn.addEventListener('click', async () => {
      const video = $('video');
      try {
        const det = new BarcodeDetector({formats: ['qr_code']});
        video.srcObject = await navigator.mediaDevices.getUserMedia({video: {facingMode: 'environment'}});
        video.hidden = false;
        await video.play();
        let last = '', lastAt = 0;
        const tick = async () => {
          if (video.hidden) return;
          try {
            const codes = await det.detect(video);
            const now = Date.now();
            if (codes.length && (codes[0].rawValue !== last || now - lastAt > 3000)) {
              last = codes[0].rawValue; lastAt = now;
              handle(last);
            }
          } catch (e) {}
          setTimeout(tick, 250);
        };
        tick();
      } catch (e) { video.hidden = true; }
    });
  }
  root.dataset.ready = '1';
})();
