// Agent workspace enhancements; every form works without this file.
// Shortcuts (when not typing in a field): "r" focuses the reply box, "g" then "q" opens the queue,
// "/" focuses the KB search. Macro buttons fill the reply box in place; "Insert" adds a KB link.
(function () {
  "use strict";
  var reply = document.getElementById("id_body");
  var pendingG = false;

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    if (pendingG && event.key === "q") { window.location.href = "/support/agent/"; return; }
    pendingG = event.key === "g";
    if (event.key === "r" && reply) { event.preventDefault(); reply.focus(); }
    if (event.key === "/") {
      var search = document.getElementById("kbq");
      if (search) { event.preventDefault(); search.focus(); }
    }
  });

  document.querySelectorAll("[data-macro-url]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (!reply) return;
      event.preventDefault();
      fetch(link.dataset.macroUrl, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          reply.value = data.body;
          var status = document.getElementById("id_status");
          if (status && data.status) status.value = data.status;
          reply.focus();
        });
    });
  });

  document.querySelectorAll("[data-insert]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      if (!reply) return;
      if (button.dataset.staffOnly === "1") {
        var internal = document.querySelector("input[name=kind][value=internal]");
        if (internal) internal.checked = true;
      }
      var start = reply.selectionStart || reply.value.length;
      reply.value = reply.value.slice(0, start) + button.dataset.insert + reply.value.slice(start);
      reply.focus();
    });
  });
})();
