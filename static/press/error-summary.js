"use strict";
// The error summary at the top of a change form (press/admin/error_summary.py): on
// load it takes the focus, so the editor reads what failed; each link brings its
// field into view, opening the language tab or collapsed section it sits in.
(function () {
  function reveal(target) {
    const details = target.closest("details");
    if (details) details.open = true;
    const panel = target.closest(".ui-tabs-panel");
    if (panel && panel.id) {
      const tab = document.querySelector('a[href="#' + CSS.escape(panel.id) + '"]');
      if (tab) tab.click();
    }
    const row = target.closest(".form-row, tr, .inline-related") || target;
    row.scrollIntoView({ block: "center" });
    if (target.offsetParent !== null) {
      target.focus({ preventScroll: true });
    }
  }

  window.addEventListener("load", function () {
    const summary = document.querySelector(".error-summary");
    if (!summary) return;
    summary.addEventListener("click", function (event) {
      const link = event.target.closest("a[href^='#']");
      if (!link) return;
      const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!target) return;
      event.preventDefault();
      reveal(target);
    });
    summary.focus();
    summary.scrollIntoView({ block: "start" });
  });
})();
