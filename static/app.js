// errdocs theme script. Pages are complete without it; it adds search, copy buttons,
// the dark-mode toggle and list filtering. No dependencies, no network but the site.
(function () {
  "use strict";
  var doc = document;

  // ---- Theme toggle: follows the system until the reader picks one; remembered.
  var toggle = doc.querySelector("[data-theme-toggle]");
  if (toggle) {
    toggle.hidden = false;
    var current = function () {
      var set = doc.documentElement.dataset.theme;
      if (set) return set;
      return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
    };
    var label = function () {
      var next = current() === "dark" ? "light" : "dark";
      toggle.setAttribute("aria-label", "Switch to " + next + " mode");
      toggle.setAttribute("aria-pressed", current() === "dark" ? "true" : "false");
    };
    label();
    toggle.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      doc.documentElement.dataset.theme = next;
      try { localStorage.setItem("errdocs-theme", next); } catch (e) { /* private mode */ }
      label();
    });
  }

  // ---- Copy buttons: on the code heading and on every code block.
  function copy(text, button) {
    var done = function () {
      var old = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = old; }, 1500);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () {});
    }
  }
  doc.querySelectorAll("[data-copy-text]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { copy(b.getAttribute("data-copy-text"), b); });
  });
  doc.querySelectorAll("pre.code").forEach(function (pre, i) {
    var wrap = doc.createElement("div");
    wrap.className = "code-wrap";
    pre.parentNode.insertBefore(wrap, pre);
    wrap.appendChild(pre);
    var b = doc.createElement("button");
    b.type = "button";
    b.className = "copy-button";
    b.textContent = "Copy";
    b.setAttribute("aria-label", "Copy code block " + (i + 1));
    b.addEventListener("click", function () { copy(pre.innerText.replace(/\n$/, ""), b); });
    wrap.appendChild(b);
  });

  // ---- Category page: filter and sort without a reload.
  var tools = doc.querySelector("[data-list-tools]");
  var list = doc.querySelector(".record-list");
  if (tools && list) {
    tools.hidden = false;
    var items = Array.prototype.slice.call(list.children);
    var rank = { critical: 0, high: 1, medium: 2, low: 3 };
    var apply = function () {
      var q = tools.querySelector("[data-list-filter]").value.trim().toLowerCase();
      var sev = tools.querySelector("[data-list-severity]").value;
      var sort = tools.querySelector("[data-list-sort]").value;
      var sorted = items.slice().sort(function (a, b) {
        if (sort === "severity") {
          var d = rank[a.dataset.severity] - rank[b.dataset.severity];
          if (d) return d;
        }
        return items.indexOf(a) - items.indexOf(b);
      });
      sorted.forEach(function (li) {
        var show = (!sev || li.dataset.severity === sev) && (!q || li.textContent.toLowerCase().indexOf(q) >= 0);
        li.hidden = !show;
        list.appendChild(li);
      });
    };
    tools.addEventListener("input", apply);
    tools.addEventListener("change", apply);
  }

  // ---- Search.
  var form = doc.querySelector("[data-search]");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var results = form.querySelector("[data-search-results]");
  var status = form.querySelector("[data-search-status]");
  var filters = form.querySelector("[data-search-filters]");
  var index = null, loading = null, selected = -1;
  if (filters) filters.hidden = false;

  doc.addEventListener("keydown", function (e) {
    var t = e.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
    if (e.key === "/" && !typing) { e.preventDefault(); input.focus(); }
  });

  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (data) {
        index = data.map(function (r) {
          r.keys = [r.code].concat(r.aliases || []).map(function (k) { return k.toLowerCase(); });
          r.hay = (r.code + " " + (r.aliases || []).join(" ") + " " + r.title + " " + r.message + " " + (r.tags || []).join(" ") + " " + r.text).toLowerCase();
          return r;
        });
        return index;
      });
    }
    return loading;
  }
  input.addEventListener("focus", load, { once: true });

  // Codes with their prefix removed ("aadsts40009" → "40009"), to match either way.
  function bare(k) { var m = /^[a-z]+(\d+)$/.exec(k); return m ? m[1] : k; }

  function search(q) {
    var fc = filters ? filters.querySelector("[data-filter=category]").value : "";
    var fs = filters ? filters.querySelector("[data-filter=severity]").value : "";
    var text = q.trim().toLowerCase();
    if (!text) return { hits: [], jump: null };
    var tokens = text.split(/[^a-z0-9_.\-]+/).filter(Boolean);
    var scored = [];
    var jump = null;
    index.forEach(function (r) {
      if ((fc && r.category !== fc) || (fs && r.severity !== fs)) return;
      var score = 0;
      r.keys.forEach(function (k) {
        if (k === text || bare(k) === text) score = Math.max(score, 1000);
        else if (tokens.indexOf(k) >= 0 || (tokens.length > 3 && tokens.indexOf(bare(k)) >= 0 && /^\d{4,}$/.test(bare(k)))) { score = Math.max(score, 900); }
        else if (k.indexOf(text) === 0 || bare(k).indexOf(text) === 0) score = Math.max(score, 500);
      });
      if (score >= 900 && tokens.length > 1 && !jump) jump = r;
      var words = 0;
      tokens.forEach(function (t) { if (t.length > 1 && r.hay.indexOf(t) >= 0) words++; });
      if (tokens.length && words) score += 100 * words / tokens.length + (r.title.toLowerCase().indexOf(text) >= 0 ? 50 : 0);
      if (score > 0) scored.push([score, r]);
    });
    scored.sort(function (a, b) { return b[0] - a[0] || (a[1].code < b[1].code ? -1 : 1); });
    return { hits: scored.slice(0, 20).map(function (s) { return s[1]; }), jump: jump };
  }

  function render() {
    var out = search(input.value);
    results.textContent = "";
    selected = -1;
    var add = function (r, jump) {
      var li = doc.createElement("li");
      li.setAttribute("role", "option");
      li.id = "result-" + results.children.length;
      var a = doc.createElement("a");
      a.href = r.url;
      if (jump) { a.className = "result-jump"; }
      var code = doc.createElement("span");
      code.className = "result-code";
      code.textContent = (jump ? "Jump to " : "") + r.code;
      a.appendChild(code);
      a.appendChild(doc.createTextNode(" — " + r.title));
      li.appendChild(a);
      results.appendChild(li);
    };
    if (out.jump) add(out.jump, true);
    out.hits.forEach(function (r) { if (r !== out.jump) add(r, false); });
    status.textContent = input.value.trim() ? (results.children.length ? results.children.length + " results" : "No matching errors") : "";
  }

  function move(step) {
    var items = results.children;
    if (!items.length) return;
    if (selected >= 0) items[selected].setAttribute("aria-selected", "false");
    selected = (selected + step + items.length) % items.length;
    items[selected].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", items[selected].id);
    items[selected].scrollIntoView({ block: "nearest" });
  }

  var run = function () { load().then(render); };
  input.addEventListener("input", run);
  if (filters) filters.addEventListener("change", run);
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
  });
  form.addEventListener("submit", function (e) {
    var items = results.children;
    var pick = selected >= 0 ? items[selected] : items[0];
    if (pick) { e.preventDefault(); window.location.href = pick.querySelector("a").href; }
    else if (index) { e.preventDefault(); }
  });
})();
