// Starts Swagger UI on /api/v1/docs (a file, not inline script: the CSP is
// script-src 'self'). Loaded with "defer" after the bundle, so it runs once the
// document is parsed.
(function () {
  var el = document.getElementById("swagger-ui");
  if (!el || typeof SwaggerUIBundle === "undefined") {
    return;
  }
  window.ui = SwaggerUIBundle({
    url: el.getAttribute("data-spec-url"),
    dom_id: "#swagger-ui",
    // Deep links wrap each path in a link inside the summary button (axe:
    // nested-interactive); the tag headings are enough to navigate.
    deepLinking: false,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    syntaxHighlight: false,
  });

  // Each expanded operation draws a "Media type" select per request body and per
  // response, all named alike. Name each in its context (WCAG 1.3.1, 2.4.6): the
  // operation and the response code. Swagger draws operations as they open, so
  // a MutationObserver names the selects that appear.
  function operationOf(node) {
    var op = node.closest(".opblock");
    if (!op) {
      return "";
    }
    var method = op.querySelector(".opblock-summary-method");
    var path = op.querySelector(".opblock-summary-path");
    return [method && method.textContent, path && path.textContent]
      .filter(Boolean)
      .join(" ")
      .replace(/\s+/g, " ")
      .trim();
  }

  function nameSelects() {
    var selects = el.querySelectorAll("select:not([data-named])");
    for (var i = 0; i < selects.length; i++) {
      var select = selects[i];
      var label = select.getAttribute("aria-label") || "Media type";
      var row = select.closest("tr.response");
      var code = row && row.querySelector(".response-col_status");
      var where = code
        ? "the " + code.textContent.trim().split(/\s/)[0] + " response"
        : select.closest(".opblock-section-request-body")
          ? "the request body"
          : "";
      var op = operationOf(select);
      var parts = [label, where && "of " + where, op && "of " + op];
      select.setAttribute("aria-label", parts.filter(Boolean).join(" "));
      select.setAttribute("data-named", "");
    }
  }

  new MutationObserver(nameSelects).observe(el, { childList: true, subtree: true });
})();
