/* Similar questions while a member writes a new question, and deflection reporting.
 *
 * Drop in with {% include "search/_similar_box.html" %} inside or beside the form. The box is
 * configured by data attributes (all optional except the two inputs when they differ):
 *   data-similar-box            marks the element (the box stays hidden until it has results)
 *   data-similar-url            JSON endpoint, default /search/similar/
 *   data-title-input            CSS selector of the title field, default #id_title
 *   data-body-input             CSS selector of the body field, default #id_body
 *   data-limit                  how many suggestions, default 5
 *   data-type                   "article" or "thread" to restrict suggestions
 *   data-deflection-url         POST endpoint, default /search/deflections/
 *   data-csrf-token             CSRF token sent with the deflection beacon
 *   data-source                 where the box is ("ask", "contact"), default "ask"
 * Inside it: [data-similar-list] (the <ul>) and [data-similar-status] (a polite live region).
 * When the member opens a suggestion and the page goes away without the form being
 * submitted, a "leave" beacon records a deflection; submitting the form sends "posted",
 * which cancels this session's recent deflections (they came back and asked anyway). */
(function () {
  "use strict";
  var DEBOUNCE_MS = 350;
  var MIN_CHARS = 4;

  function SimilarBox(box) {
    this.box = box;
    this.url = box.getAttribute("data-similar-url") || "/search/similar/";
    this.deflectionUrl = box.getAttribute("data-deflection-url") || "/search/deflections/";
    this.csrf = box.getAttribute("data-csrf-token") || "";
    this.source = box.getAttribute("data-source") || "ask";
    this.limit = box.getAttribute("data-limit") || "5";
    this.type = box.getAttribute("data-type") || "";
    this.title = document.querySelector(box.getAttribute("data-title-input") || "#id_title");
    this.body = document.querySelector(box.getAttribute("data-body-input") || "#id_body");
    this.list = box.querySelector("[data-similar-list]");
    this.status = box.querySelector("[data-similar-status]");
    this.solvedLabel = box.getAttribute("data-label-solved") || "Solved";
    this.countLabel = box.getAttribute("data-label-count") || "{n} similar questions found.";
    this.opened = [];
    this.submitted = false;
    this.timer = null;
    this.request = 0;
    if (!this.title || !this.list) { return; }
    this.bind();
    if (this.title.value.trim().length >= MIN_CHARS) { this.fetch(); }
  }

  SimilarBox.prototype.bind = function () {
    var self = this;
    var schedule = function () {
      window.clearTimeout(self.timer);
      self.timer = window.setTimeout(function () { self.fetch(); }, DEBOUNCE_MS);
    };
    this.title.addEventListener("input", schedule);
    if (this.body) { this.body.addEventListener("input", schedule); }
    this.list.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-position]");
      if (!link) { return; }
      self.opened.push({
        type: link.getAttribute("data-type"),
        id: link.getAttribute("data-id"),
        position: Number(link.getAttribute("data-position"))
      });
    });
    var form = this.title.form;
    if (form) {
      form.addEventListener("submit", function () {
        self.submitted = true;
        self.beacon({ action: "posted" });
      });
    }
    window.addEventListener("pagehide", function () {
      if (!self.submitted && self.opened.length) {
        self.beacon({ action: "leave", title: self.title.value, opened: JSON.stringify(self.opened) });
        self.opened = [];
      }
    });
  };

  SimilarBox.prototype.beacon = function (fields) {
    var data = new FormData();
    Object.keys(fields).forEach(function (key) { data.append(key, fields[key]); });
    data.append("source", this.source);
    data.append("csrfmiddlewaretoken", this.csrf);
    if (navigator.sendBeacon && navigator.sendBeacon(this.deflectionUrl, data)) { return; }
    window.fetch(this.deflectionUrl, { method: "POST", body: data, credentials: "same-origin", keepalive: true });
  };

  SimilarBox.prototype.fetch = function () {
    var self = this;
    var title = this.title.value.trim();
    var body = this.body ? this.body.value.trim().slice(0, 2000) : "";
    if (title.length < MIN_CHARS) { this.render([]); return; }
    var params = "title=" + encodeURIComponent(title) + "&body=" + encodeURIComponent(body) +
      "&limit=" + encodeURIComponent(this.limit) + (this.type ? "&type=" + encodeURIComponent(this.type) : "");
    var ticket = ++this.request;
    window.fetch(this.url + "?" + params, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (items) { if (ticket === self.request) { self.render(items); } })
      .catch(function () { if (ticket === self.request) { self.render([]); } });
  };

  SimilarBox.prototype.render = function (items) {
    var self = this;
    this.list.textContent = "";
    items.forEach(function (item, index) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      link.setAttribute("data-type", item.type);
      link.setAttribute("data-id", String(item.id));
      link.setAttribute("data-position", String(index + 1));
      li.appendChild(link);
      if (item.solved) {
        var badge = document.createElement("span");
        badge.className = "badge badge-success";
        badge.textContent = self.solvedLabel;
        li.appendChild(badge);
      }
      self.list.appendChild(li);
    });
    this.box.hidden = items.length === 0;
    if (this.status) { this.status.textContent = items.length ? this.countLabel.replace("{n}", items.length) : ""; }
  };

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-similar-box]"), function (box) {
      if (!box.hasAttribute("data-similar-ready")) {
        box.setAttribute("data-similar-ready", "");
        new SimilarBox(box);
      }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
  window.CHC = window.CHC || {};
  window.CHC.SimilarBox = SimilarBox;
})();
