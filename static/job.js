// Live progress of a generation job (/travaux/{id}): polls the job's JSON,
// updates the text and the progress bar, reloads the page once finished.
(function () {
  "use strict";
  var root = document.getElementById("job");
  if (!root || root.getAttribute("data-active") !== "true") {
    return;
  }
  var url = root.getAttribute("data-json");
  var text = document.getElementById("job-progress-text");
  var bar = document.getElementById("job-bar");
  function tick() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) {
        if (!j) { setTimeout(tick, 3000); return; }
        if (text) { text.textContent = j.progress_text; }
        if (bar && j.progress && j.progress.components_total > 0) {
          bar.max = j.progress.components_total;
          bar.value = j.progress.components_done;
        }
        if (j.status !== "queued" && j.status !== "running") {
          window.location.reload();
          return;
        }
        setTimeout(tick, 700);
      })
      .catch(function () { setTimeout(tick, 3000); });
  }
  setTimeout(tick, 500);
})();
