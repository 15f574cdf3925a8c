// Tables become cards on a phone (style.css): each cell shows its column's
// name from data-label. Templates may set data-label; this fills in the
// rest from the table's header row, so every .table gets it without
// repeating the header in each cell. Without JavaScript the cards still
// stack, only without the column names.
(function () {
  function label(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) return;
    var names = [];
    for (var i = 0; i < head.cells.length; i++) {
      var c = head.cells[i], span = c.colSpan || 1, text = c.textContent.trim();
      for (var j = 0; j < span; j++) names.push(text);
    }
    for (var b = 0; b < table.tBodies.length; b++) {
      var rows = table.tBodies[b].rows;
      for (var r = 0; r < rows.length; r++) {
        var col = 0, cells = rows[r].cells;
        for (var k = 0; k < cells.length; k++) {
          var cell = cells[k];
          if (cell.tagName === "TD" && !cell.hasAttribute("data-label") && names[col]) cell.setAttribute("data-label", names[col]);
          col += cell.colSpan || 1;
        }
      }
    }
  }
  // A box that scrolls sideways must be reachable by keyboard: templates
  // give .scroll tabindex="0"; this covers any that do not.
  function focusable(box) { if (!box.hasAttribute("tabindex")) box.tabIndex = 0; }
  function all() {
    document.querySelectorAll("table.table").forEach(label);
    document.querySelectorAll(".scroll").forEach(focusable);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all); else all();
})();
