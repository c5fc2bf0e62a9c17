/* infusion-coder pages: small progressive enhancement, no dependencies.
   - search box: results as you type (debounced), arrow keys move through them
   - case form: add administration rows without a reload; fill HCPCS and category from the
     drug catalogue when a known drug is picked
   Everything works without JavaScript; this only makes it quicker. */
(function () {
  "use strict";

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments, self = this;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(self, args); }, ms);
    };
  }

  /* ---------------------------------------------------------------- live search */
  function liveSearch(form) {
    var input = form.querySelector("input[type=search]");
    if (!input) return;
    var pending = null;
    var last = input.value;

    function hitLinks() {
      var hits = document.getElementById("hits");
      return hits ? Array.prototype.slice.call(hits.querySelectorAll("a.hit")) : [];
    }

    var run = debounce(function () {
      var q = input.value.trim();
      if (q === last) return;
      last = q;
      if (pending) pending.abort();
      pending = new AbortController();
      var url = "/?fragment=1&q=" + encodeURIComponent(q);
      fetch(url, { signal: pending.signal, headers: { "Accept": "text/html" } })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          var hits = document.getElementById("hits");
          if (!hits) return;
          var box = document.createElement("div");
          box.innerHTML = html;
          var fresh = box.querySelector("#hits");
          if (fresh) hits.innerHTML = fresh.innerHTML;  // keep the live region itself
          var path = q ? "/?q=" + encodeURIComponent(q) : "/";
          if (location.pathname === "/") history.replaceState(null, "", path);
        })
        .catch(function () { /* aborted or offline: the submit button still works */ });
    }, 200);

    input.addEventListener("input", run);
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown") {
        var links = hitLinks();
        if (links.length) { ev.preventDefault(); links[0].focus(); }
      }
    });
    document.addEventListener("keydown", function (ev) {
      var links = hitLinks();
      var i = links.indexOf(document.activeElement);
      if (i < 0) return;
      if (ev.key === "ArrowDown" && i < links.length - 1) { ev.preventDefault(); links[i + 1].focus(); }
      else if (ev.key === "ArrowUp") { ev.preventDefault(); (i > 0 ? links[i - 1] : input).focus(); }
      else if (ev.key === "Escape") { ev.preventDefault(); input.focus(); }
    });
  }

  /* ---------------------------------------------------------------- case form */
  function caseForm(form) {
    var rows = document.getElementById("adm-rows");
    var add = document.getElementById("add-row");
    var data = [];
    var dataEl = document.getElementById("drug-data");
    if (dataEl) { try { data = JSON.parse(dataEl.textContent || "[]"); } catch (e) { data = []; } }
    var byName = {};
    data.forEach(function (d) { byName[(d.name || "").toLowerCase()] = d; });

    function fillFromCatalogue(input) {
      var d = byName[input.value.trim().toLowerCase()];
      if (!d) return;
      var row = input.closest("fieldset.adm");
      var hcpcs = row.querySelector("[data-hcpcs]");
      var cat = row.querySelector("[data-category]");
      if (hcpcs && !hcpcs.value) hcpcs.value = d.hcpcs;
      if (cat && !cat.value && d.category) cat.value = d.category;
    }

    form.addEventListener("change", function (ev) {
      if (ev.target.matches && ev.target.matches("[data-drug]")) fillFromCatalogue(ev.target);
    });

    if (rows && add) {
      add.addEventListener("click", function (ev) {
        var all = rows.querySelectorAll("fieldset.adm");
        var lastRow = all[all.length - 1];
        if (!lastRow) return;
        ev.preventDefault();
        var n = all.length;
        var copy = lastRow.cloneNode(true);
        copy.setAttribute("data-row", String(n));
        copy.querySelectorAll("[id],[name],[for]").forEach(function (el) {
          ["id", "name", "for"].forEach(function (attr) {
            var v = el.getAttribute(attr);
            if (v) el.setAttribute(attr, v.replace(/^adm-\d+-/, "adm-" + n + "-"));
          });
          if (el.tagName === "INPUT") el.value = "";
          if (el.tagName === "SELECT" && el.hasAttribute("data-category")) el.value = "";
        });
        var legend = copy.querySelector("legend");
        if (legend) legend.textContent = legend.textContent.replace(/\d+\s*$/, String(n + 1));
        rows.appendChild(copy);
        var first = copy.querySelector("input");
        if (first) first.focus();
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-live-search]").forEach(liveSearch);
    var form = document.getElementById("case-form");
    if (form) caseForm(form);
    var result = document.getElementById("result") || document.getElementById("report");
    if (result && !location.hash) result.focus({ preventScroll: false });
  });
})();
