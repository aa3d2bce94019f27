// Astreinte, "Mes disponibilités": optional progressive enhancement (the page works without it).
// Opens every day of the weekly grid on wide screens and tints a row when its choice changes.
(function () {
  "use strict";
  var grid = document.querySelector(".week-grid");
  if (!grid) { return; }
  if (window.matchMedia && window.matchMedia("(min-width: 48rem)").matches) {
    grid.querySelectorAll("details").forEach(function (d) { d.open = true; });
  }
  grid.addEventListener("change", function (e) {
    var sel = e.target;
    if (sel.tagName !== "SELECT") { return; }
    var row = sel.closest("tr");
    if (row) { row.className = "cell-" + sel.value; }
  });
})();
