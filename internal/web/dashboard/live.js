// Live dashboard: keeps the counters and charts of the page's
// [data-stream] element current from its Server-Sent Events stream. The
// page is complete without this script (reload for newer figures).
(() => {
  const root = document.querySelector("[data-stream]");
  if (!root || !window.EventSource) return;
  const status = document.querySelector("[data-live-status]");
  const es = new EventSource(root.dataset.stream);
  es.addEventListener("live", (ev) => {
    const d = JSON.parse(ev.data);
    for (const [k, v] of Object.entries(d.counters || {})) {
      const el = root.querySelector('[data-live="' + k + '"]');
      if (el && el.textContent !== String(v)) {
        el.textContent = v;
        el.classList.add("changed");
        setTimeout(() => el.classList.remove("changed"), 1500);
      }
    }
    for (const [id, html] of Object.entries(d.charts || {})) {
      const el = document.getElementById(id);
      if (el) el.outerHTML = html;
    }
    if (status) status.textContent = status.dataset.live + " " + new Date(d.at).toLocaleTimeString();
  });
  es.onerror = () => {
    if (status) status.textContent = status.dataset.lost;
  };
})();
