// Where focus goes when a page arrives, so a screen reader reads what changed and the
// keyboard starts from there (issue 23; WCAG 3.3.1, 4.1.3, 2.4.3):
// 1. After a failed submit: the error summary (#error-summary, tabindex=-1), which
//    lists each error as a link to its field.
// 2. A URL with a #fragment that names an element ("jump to" links, a heat-map cell's
//    people, a redirect to the row just saved): that element, made focusable with
//    tabindex=-1 when it is not. A flash on the same page describes it
//    (aria-describedby), so the message is still read out with it.
// 3. After a redirect with a flash message: the flash region (.flashes, tabindex=-1).
// Otherwise focus is left alone. In-page links (the summary's links to fields, the
// team desk's counts, "skip to content") move focus the same way, not just the scroll.
// A file, not inline script: the CSP is script-src 'self'. Without script every page
// works as before; only focus stays at the top.
(function () {
  var NATIVE = "a[href], button, input, select, textarea, summary, [tabindex], [contenteditable]";

  function targetOf(hash) {
    if (!hash || hash.length < 2) {
      return null;
    }
    var id = hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch (e) {
      // a malformed escape: look the raw text up
    }
    return document.getElementById(id);
  }

  // Focus the element and bring its field (label, hint, message) into view with it;
  // a folded section (<details>) that holds it opens first.
  function focusTarget(target) {
    for (var fold = target.parentElement; fold; fold = fold.parentElement) {
      if (fold.tagName === "DETAILS" && !fold.open) {
        fold.open = true;
      }
    }
    if (!target.matches(NATIVE)) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus({ preventScroll: true });
    var box = target.closest(".field") || target;
    box.scrollIntoView({ block: "nearest" });
    if (box !== target) {
      target.scrollIntoView({ block: "nearest" });
    }
  }

  function onArrival() {
    var summary = document.getElementById("error-summary");
    if (summary) {
      focusTarget(summary);
      return;
    }
    var flashes = document.querySelector(".flashes");
    var target = targetOf(window.location.hash);
    if (target) {
      if (flashes && flashes.id && target !== flashes) {
        var ids = (target.getAttribute("aria-describedby") || "").split(/\s+/);
        if (ids.indexOf(flashes.id) === -1) {
          ids.push(flashes.id);
          target.setAttribute("aria-describedby", ids.join(" ").trim());
        }
      }
      focusTarget(target);
      return;
    }
    if (flashes) {
      flashes.focus();
    }
  }

  // A link to a place on this page: once the browser has followed it, focus the place.
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0) {
      return;
    }
    var link = event.target.closest && event.target.closest("a[href*='#']");
    if (
      !link ||
      link.pathname !== window.location.pathname ||
      link.search !== window.location.search ||
      link.host !== window.location.host
    ) {
      return;
    }
    var target = targetOf(link.hash);
    if (target) {
      window.setTimeout(function () {
        focusTarget(target);
      }, 0);
    }
  });

  // Back and forward between fragments of one page.
  window.addEventListener("hashchange", function () {
    var target = targetOf(window.location.hash);
    if (target && target !== document.activeElement) {
      focusTarget(target);
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onArrival);
  } else {
    onArrival();
  }
})();
