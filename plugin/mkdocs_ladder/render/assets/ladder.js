/* ladder: the owner, kind and tag filters of the overview and of each strategy's page.
 * Without this script every node is shown, and the filters stay hidden; the status filter
 * needs no script (see ladder.css). A node (a diagram's box, a table's row) carries the
 * classes of what it can be found by ("lf-owner-...", "lf-kind-...", "lf-tag-..."); it is
 * shown when it has the class of every filter that is set. A diagram's edge is hidden with
 * either of its ends. */
(function () {
  "use strict";

  function apply(facets) {
    var wanted = [];
    facets.querySelectorAll("select[data-ladder-facet]").forEach(function (select) {
      if (select.value) wanted.push(select.value);
    });
    var hidden = {};
    document.querySelectorAll(".ladder-facets").forEach(function (item) {
      var show = wanted.every(function (name) { return item.classList.contains(name); });
      item.classList.toggle("ladder-facet-hidden", !show);
      if (!show) {
        item.classList.forEach(function (name) {
          if (name.indexOf("ladder-id--") === 0) hidden[name.slice(11)] = true;
        });
      }
    });
    document.querySelectorAll(".ladder-edge").forEach(function (edge) {
      var gone = false;
      edge.classList.forEach(function (name) {
        if (name.indexOf("ladder-end--") === 0 && hidden[name.slice(12)]) gone = true;
      });
      edge.classList.toggle("ladder-facet-hidden", gone);
    });
  }

  function setUp() {
    document.querySelectorAll(".ladder-filter__facets").forEach(function (facets) {
      if (facets.dataset.ladderReady) return;
      facets.dataset.ladderReady = "1";
      facets.hidden = false;
      facets.querySelectorAll("select[data-ladder-facet]").forEach(function (select) {
        select.addEventListener("change", function () { apply(facets); });
      });
      apply(facets);
    });
  }

  // Material's instant navigation swaps pages without loading them: it announces each one on document$.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
