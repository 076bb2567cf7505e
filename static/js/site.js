/* Site-wide progressive enhancement. Every feature here also works without JavaScript. */
(function () {
  "use strict";
  window.CHC = window.CHC || {};
  // Confirm destructive actions marked with data-confirm.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });
})();
