// Keeps the badge page for use without a network: a service worker stores
// the page the last time it loaded.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/me/badge-sw.js', {scope: '/me/'}).catch(() => {});
}
