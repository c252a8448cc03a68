/* ladder: the pages' script. Three jobs, and without it nothing is lost:
 *
 * 1. A diagram that `ladder render` wrote as a file beside its page is shown by an image; the
 *    script puts the SVG itself in its place, so its boxes are links and take the page's
 *    colours (without the script, the image shows, and every link is in the page as text).
 * 2. The owner, kind and tag filters of the overview and of each strategy's page. Without the
 *    script every node is shown, and the filters stay hidden; the status filter needs no
 *    script (see ladder.css).
 * 3. The button that copies a node's trailer line (`Ladder: <id>`). Without the script the
 *    button stays hidden, and the line is text to select.
 * 4. A diagram wider than a phone scrolls inside its box: the script scrolls the page's own
 *    node into view (an initiative's sat at the right end, off-screen). Without the script the
 *    box shows the ladder's top, and scrolls.
 *
 * Filters: A node (a diagram's box, a table's row) carries the
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

  function inlineDiagrams() {
    var slots = Array.prototype.slice.call(document.querySelectorAll(".ladder-diagram__svg[data-ladder-svg]"));
    return Promise.all(slots.map(function (slot) {
      var image = slot.querySelector("img");
      if (!image || !window.fetch || !window.DOMParser) return null;
      return fetch(image.src).then(function (response) {
        return response.ok ? response.text() : null;
      }).then(function (text) {
        if (!text) return;
        var svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
        if (svg.nodeName.toLowerCase() !== "svg" || svg.getElementsByTagName("parsererror").length) return;
        slot.replaceChild(document.importNode(svg, true), image);
        slot.removeAttribute("data-ladder-svg");
      }).catch(function () { /* the image stays */ });
    }));
  }

  function setUp() {
    setUpCopy();
    inlineDiagrams().then(function () {
      showFocus();
      setUpFilters();
    });
  }

  function showFocus() {
    document.querySelectorAll(".ladder-diagram").forEach(function (box) {
      var focus = box.querySelector(".ladder-node--focus");
      if (!focus || box.scrollWidth <= box.clientWidth) return;
      var outer = box.getBoundingClientRect();
      var inner = focus.getBoundingClientRect();
      box.scrollLeft += inner.left - outer.left - Math.max(0, (box.clientWidth - inner.width) / 2);
    });
  }

  function setUpCopy() {
    document.querySelectorAll("button[data-ladder-copy]").forEach(function (button) {
      if (!navigator.clipboard || button.dataset.ladderReady) return;
      button.dataset.ladderReady = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.dataset.ladderCopy).then(function () {
          button.textContent = button.dataset.ladderCopied;
        });
      });
    });
  }

  function setUpFilters() {
    document.querySelectorAll(".ladder-filter__facets").forEach(function (facets) {
      if (facets.dataset.ladderReady) { apply(facets); return; }
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
