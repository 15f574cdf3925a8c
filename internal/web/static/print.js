// Buttons marked data-print open the browser's print dialog. A file, not an
// inline onclick, so the site's Content-Security-Policy (script-src 'self')
// lets it run.
document.addEventListener("click", (e) => {
  if (e.target instanceof Element && e.target.closest("[data-print]")) {
    window.print();
  }
});
