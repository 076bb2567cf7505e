/* Forum editor: live Markdown preview (POST /community/preview/), @mention picker, vote without reload.
   Everything works without JavaScript: the Preview button and plain form posts. */
(function () {
  "use strict";
  function csrf() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  function post(url, data) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(), "Accept": "application/json" }, body: data
    }).then(function (r) { return r.json(); });
  }
  function setupEditor(root) {
    var textarea = root.querySelector("textarea");
    var preview = root.querySelector(".preview-body");
    var picker = root.querySelector(".mention-picker");
    if (!textarea || !preview) { return; }
    var timer = null;
    function refresh() {
      var data = new FormData();
      data.append("body", textarea.value);
      post(root.getAttribute("data-preview-url"), data).then(function (json) {
        if (json.html !== undefined) { preview.innerHTML = json.html; }
      }).catch(function () {});
    }
    function mentionQuery() {
      var before = textarea.value.slice(0, textarea.selectionStart);
      var match = before.match(/@([^\s@\[\]()]{1,30})$/u);
      return match ? match[1] : null;
    }
    function pick(member, query) {
      var pos = textarea.selectionStart;
      var start = pos - query.length - 1;
      var insert = "@[" + member.name + "](" + member.id + ") ";
      textarea.value = textarea.value.slice(0, start) + insert + textarea.value.slice(pos);
      textarea.focus();
      textarea.selectionStart = textarea.selectionEnd = start + insert.length;
      picker.hidden = true;
      refresh();
    }
    function lookup() {
      var query = mentionQuery();
      if (!picker) { return; }
      if (!query) { picker.hidden = true; return; }
      var url = root.getAttribute("data-mention-url") + "?q=" + encodeURIComponent(query);
      fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (json) {
        picker.innerHTML = "";
        (json.results || []).forEach(function (member) {
          var button = document.createElement("button");
          button.type = "button";
          button.className = "button button-secondary button-small";
          button.setAttribute("role", "option");
          button.textContent = "@" + member.name;
          button.addEventListener("click", function () { pick(member, query); });
          picker.appendChild(button);
        });
        picker.hidden = !picker.children.length;
      }).catch(function () {});
    }
    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { refresh(); lookup(); }, 300);
    });
  }
  function setupVotes() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.hasAttribute || !form.hasAttribute("data-vote-form")) { return; }
      var button = event.submitter;
      if (!button) { return; }
      event.preventDefault();
      var data = new FormData(form);
      data.append("value", button.value);
      post(form.action, data).then(function (json) {
        if (json.error) { window.alert(json.error); return; }
        form.querySelector("[data-score]").textContent = json.score;
        var buttons = form.querySelectorAll("button[name=value]");
        var up = buttons[0], down = buttons[1];
        up.classList.toggle("is-active", json.vote === 1);
        down.classList.toggle("is-active", json.vote === -1);
        up.setAttribute("aria-pressed", json.vote === 1 ? "true" : "false");
        down.setAttribute("aria-pressed", json.vote === -1 ? "true" : "false");
        up.value = json.vote === 1 ? "clear" : "up";
        down.value = json.vote === -1 ? "clear" : "down";
      }).catch(function () { form.submit(); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-preview-url]").forEach(setupEditor);
    setupVotes();
  });
})();
