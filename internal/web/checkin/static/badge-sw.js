// The badge page's service worker: network first, the last copy when
// offline. Only the badge page and its style are kept.
const CACHE = 'convene-badge-v1';
const KEEP = ['/me/badge', '/static/style.css', '/checkin/static/checkin.css', '/checkin/static/badge.js'];

self.addEventListener('install', (e) => { self.skipWaiting(); });
self.addEventListener('activate', (e) => { e.waitUntil(self.clients.claim()); });
self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== location.origin || !KEEP.includes(url.pathname)) return;
  e.respondWith(fetch(e.request).then((res) => {
    if (res.ok) { const copy = res.clone(); caches.open(CACHE).then((c) => c.put(url.pathname, copy)); }
    return res;
  }).catch(() => caches.open(CACHE).then((c) => c.match(url.pathname)).then((r) => r || Response.error())));
});
