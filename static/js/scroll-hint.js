// A box that scrolls sideways says so. Wide tables and charts scroll inside their
// frame (.table-scroll, .chart-scroll, .heat-scroll); on a phone the columns past the
// edge were simply not there to the eye. When a frame's content is wider than the
// frame, a visible hint goes above it ("Scroll sideways for more"), and it goes away
// when everything fits (a wider window). A file, not inline script: the CSP is
// script-src 'self'. tests/browser/test_scroll_hints.py fails on a clipped box
// without a hint.
(function () {
  var SELECTOR = ".table-scroll, .chart-scroll, .heat-scroll, [data-scroll-hint]";

  function hintFor(box) {
    var previous = box.previousElementSibling;
    if (previous && previous.classList.contains("scroll-hint")) {
      return previous;
    }
    var hint = document.createElement("p");
    hint.className = "scroll-hint";
    hint.setAttribute("aria-hidden", "true"); // the region's label says "scrollable"
    hint.textContent = "Scroll sideways for more \u2192";
    box.parentNode.insertBefore(hint, box);
    return hint;
  }

  function update() {
    var boxes = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var wide = box.scrollWidth > box.clientWidth + 1;
      box.toggleAttribute("data-overflowing", wide);
      if (wide) {
        hintFor(box).hidden = false;
      } else if (box.previousElementSibling &&
                 box.previousElementSibling.classList.contains("scroll-hint")) {
        box.previousElementSibling.hidden = true;
      }
    }
  }

  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 100);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
  window.addEventListener("load", update);
})();
