/* Ask before an irreversible step (submit, share, sign off, close).
   A submit button (or its form) with data-confirm="question" asks the question in
   the browser's own confirm dialog; Cancel leaves the page as it was. A separate
   file because the Content-Security-Policy allows no inline script; without script
   the form simply submits, and the server still checks everything. */
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  var text = (button && button.dataset.confirm) || event.target.dataset.confirm;
  if (text && !window.confirm(text)) {
    event.preventDefault();
  }
});
