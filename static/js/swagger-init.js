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
})();
