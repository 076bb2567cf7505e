/* Typeahead under the header search box: an ARIA 1.2 combobox with a listbox popup.
 * Progressive enhancement: without JavaScript the box is a plain GET form to /search/.
 * Markup: <form data-typeahead [data-typeahead-url="/search/suggest/"]> with one input[name=q].
 * Keys: Down/Up move through suggestions, Enter opens the active one (or submits the form),
 * Escape closes the list (a second Escape clears the box), Tab closes it. */
(function () {
  "use strict";
  var DEBOUNCE_MS = 200;
  var MIN_CHARS = 2;
  var TYPE_LABELS = { article: "Article", faq: "FAQ", thread: "Community" };
  var counter = 0;

  function text(el, value) { el.textContent = value; return el; }

  function Typeahead(form) {
    this.form = form;
    this.input = form.querySelector("input[name=q]");
    if (!this.input) { return; }
    this.url = form.getAttribute("data-typeahead-url") || "/search/suggest/";
    this.labels = {
      article: form.getAttribute("data-label-article") || TYPE_LABELS.article,
      faq: form.getAttribute("data-label-faq") || TYPE_LABELS.faq,
      thread: form.getAttribute("data-label-thread") || TYPE_LABELS.thread,
      solved: form.getAttribute("data-label-solved") || "Solved",
      count: form.getAttribute("data-label-count") || "{n} suggestions. Use up and down arrows to choose.",
      none: form.getAttribute("data-label-none") || "No suggestions."
    };
    counter += 1;
    this.id = "typeahead-" + counter;
    this.items = [];
    this.active = -1;
    this.timer = null;
    this.request = 0;
    this.build();
    this.bind();
  }

  Typeahead.prototype.build = function () {
    var input = this.input;
    this.list = document.createElement("ul");
    this.list.id = this.id + "-list";
    this.list.className = "typeahead-list";
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", input.getAttribute("placeholder") || "Suggestions");
    this.list.hidden = true;
    this.status = document.createElement("p");
    this.status.className = "visually-hidden";
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.list.id);
    input.setAttribute("autocomplete", "off");
    this.form.appendChild(this.list);
    this.form.appendChild(this.status);
  };

  Typeahead.prototype.bind = function () {
    var self = this;
    this.input.addEventListener("input", function () {
      window.clearTimeout(self.timer);
      self.timer = window.setTimeout(function () { self.fetch(); }, DEBOUNCE_MS);
    });
    this.input.addEventListener("keydown", function (event) { self.onKey(event); });
    this.input.addEventListener("blur", function () {
      window.setTimeout(function () { self.close(); }, 150);
    });
    this.list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) { self.open(Number(option.getAttribute("data-index"))); }
    });
  };

  Typeahead.prototype.fetch = function () {
    var self = this;
    var query = this.input.value.trim();
    if (query.length < MIN_CHARS) { this.render([]); return; }
    var ticket = ++this.request;
    var url = this.url + (this.url.indexOf("?") >= 0 ? "&" : "?") + "q=" + encodeURIComponent(query);
    window.fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) {
        if (ticket !== self.request) { return; }
        if (data.labels) { Object.keys(data.labels).forEach(function (k) { self.labels[k] = data.labels[k]; }); }
        self.render(data.results || []);
      })
      .catch(function () { if (ticket === self.request) { self.render([]); } });
  };

  Typeahead.prototype.render = function (items) {
    var self = this;
    this.items = items;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.list.textContent = "";
    items.forEach(function (item, index) {
      var option = document.createElement("li");
      option.id = self.id + "-opt-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-index", String(index));
      option.appendChild(text(document.createElement("span"), item.title));
      var badge = text(document.createElement("span"), self.labels[item.type] || item.type);
      badge.className = "badge";
      option.appendChild(badge);
      if (item.solved) {
        var solved = text(document.createElement("span"), self.labels.solved);
        solved.className = "badge badge-success";
        option.appendChild(solved);
      }
      self.list.appendChild(option);
    });
    var open = items.length > 0;
    this.list.hidden = !open;
    this.input.setAttribute("aria-expanded", open ? "true" : "false");
    if (this.input.value.trim().length >= MIN_CHARS) {
      this.status.textContent = open ? this.labels.count.replace("{n}", items.length) : this.labels.none;
    } else {
      this.status.textContent = "";
    }
  };

  Typeahead.prototype.move = function (step) {
    if (!this.items.length) { return; }
    var next = this.active + step;
    if (next < 0) { next = this.items.length - 1; }
    if (next >= this.items.length) { next = 0; }
    var options = this.list.querySelectorAll("[role=option]");
    if (this.active >= 0) { options[this.active].setAttribute("aria-selected", "false"); }
    this.active = next;
    options[next].setAttribute("aria-selected", "true");
    options[next].scrollIntoView({ block: "nearest" });
    this.input.setAttribute("aria-activedescendant", options[next].id);
  };

  Typeahead.prototype.open = function (index) {
    var item = this.items[index];
    if (item && item.url) { window.location.assign(item.url); }
  };

  Typeahead.prototype.close = function () {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Typeahead.prototype.onKey = function (event) {
    var expanded = !this.list.hidden;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!expanded && this.items.length) { this.render(this.items); }
        this.move(1);
        break;
      case "ArrowUp":
        event.preventDefault();
        this.move(-1);
        break;
      case "Enter":
        if (expanded && this.active >= 0) { event.preventDefault(); this.open(this.active); }
        break;
      case "Escape":
        if (expanded) { event.preventDefault(); this.close(); } else { this.input.value = ""; }
        break;
      case "Tab":
        this.close();
        break;
      default:
        break;
    }
  };

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-typeahead]"), function (form) {
      if (!form.hasAttribute("data-typeahead-ready")) {
        form.setAttribute("data-typeahead-ready", "");
        new Typeahead(form);
      }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
  window.CHC = window.CHC || {};
  window.CHC.Typeahead = Typeahead;
})();
