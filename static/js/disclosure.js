// The header's "More" and "Account" menus are <details data-disclosure> elements: they
// open and close without script (the browser's own disclosure). This file makes them
// behave as disclosure menus should (WCAG 2.4.11: a menu must never cover the focused
// content): Escape closes an open menu and puts focus back on its <summary>; the menu
// closes when focus moves out of it (Tab past its last link) or a click lands outside
// it; opening one closes the others. A file, not inline script: the CSP is
// script-src 'self'. tests/browser/test_menus.py holds each rule.
(function () {
  var SELECTOR = "details[data-disclosure]";

  function openMenus() {
    return document.querySelectorAll(SELECTOR + "[open]");
  }

  function close(details, refocus) {
    details.open = false;
    if (refocus) {
      var summary = details.querySelector("summary");
      if (summary) {
        summary.focus();
      }
    }
  }

  // Opening one menu closes the others. "toggle" does not bubble: listen in capture.
  document.addEventListener(
    "toggle",
    function (event) {
      var details = event.target;
      if (!details.matches || !details.matches(SELECTOR) || !details.open) {
        return;
      }
      var open = openMenus();
      for (var i = 0; i < open.length; i++) {
        if (open[i] !== details) {
          close(open[i], false);
        }
      }
    },
    true
  );

  // Escape closes the menu; focus goes back to its button when it was inside the
  // menu (or nowhere), so the keyboard user stays where they were.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") {
      return;
    }
    var open = openMenus();
    for (var i = 0; i < open.length; i++) {
      var active = document.activeElement;
      var inside = open[i].contains(active);
      close(open[i], inside || !active || active === document.body);
      if (inside) {
        event.preventDefault();
      }
    }
  });

  // Focus leaving the menu closes it. Only a known new focus outside counts: a null
  // relatedTarget is a click on something unfocusable (handled below) or the window
  // losing focus, and closing then could swallow a click on one of the menu's links.
  document.addEventListener("focusout", function (event) {
    var details = event.target.closest && event.target.closest(SELECTOR);
    var next = event.relatedTarget;
    if (details && details.open && next && !details.contains(next)) {
      close(details, false);
    }
  });

  // A click outside an open menu closes it.
  document.addEventListener("click", function (event) {
    var open = openMenus();
    for (var i = 0; i < open.length; i++) {
      if (!open[i].contains(event.target)) {
        close(open[i], false);
      }
    }
  });
})();
