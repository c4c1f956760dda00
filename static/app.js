// errdocs theme script. Every page is complete without it: it only adds copy buttons,
// the dark-mode toggle, sorting/filtering of record lists, and loads search.js (the
// instant search) when a reader reaches for a search box. No dependencies.
(function () {
  "use strict";
  var doc = document;
  var root = doc.documentElement;

  // ---- The theme's words in the page's language: strings-<lang>.js, run just before
  // this script, holds them (plural forms by CLDR category, chosen with the browser's
  // Intl.PluralRules, as the build chooses them); a theme of its own may instead give
  // the page a JSON block with the id errdocs-strings. search.js uses the same
  // function, through window.errdocs.
  var strings = window.errdocsStrings || {};
  if (!window.errdocsStrings) {
    try { strings = JSON.parse(doc.getElementById("errdocs-strings").textContent); } catch (e) { strings = {}; }
  }
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(root.lang || undefined) : null;
  function t(key, n, args) {
    var text = strings[key];
    if (text === undefined) return key;
    if (typeof text === "object") text = text[plurals && n !== undefined ? plurals.select(n) : "other"] || text.other;
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      if (name === "n" && n !== undefined) return String(n);
      return args && args[name] !== undefined ? String(args[name]) : all;
    });
  }
  window.errdocs = { t: t };

  // ---- Dark mode: follows the system until the reader picks a mode; the pick is kept.
  var darkQuery = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function currentTheme() {
    var chosen = root.getAttribute("data-theme");
    if (chosen === "dark" || chosen === "light") return chosen;
    return darkQuery && darkQuery.matches ? "dark" : "light";
  }
  each("[data-theme-toggle]", function (button) {
    var show = function () { button.setAttribute("aria-pressed", currentTheme() === "dark" ? "true" : "false"); };
    show();
    button.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("errdocs-theme", next); } catch (e) { /* storage off: this page only */ }
      show();
    });
    if (darkQuery && darkQuery.addEventListener) darkQuery.addEventListener("change", show);
  });

  // ---- Copy buttons: the code in the page heading, the message, every code block.
  var announcer = doc.createElement("p");
  announcer.className = "visually-hidden";
  announcer.setAttribute("role", "status");
  doc.body.appendChild(announcer);

  function copyText(text, button) {
    var finish = function (ok) {
      var label = button.getAttribute("data-label") || button.textContent;
      button.setAttribute("data-label", label);
      button.textContent = ok ? t("copy.done") : t("copy.manual");
      if (ok) button.setAttribute("data-copied", ""); else button.removeAttribute("data-copied");
      announcer.textContent = ok ? t("copy.announce_done") : t("copy.announce_blocked");
      clearTimeout(button.copyTimer);
      button.copyTimer = setTimeout(function () {
        button.textContent = label;
        button.removeAttribute("data-copied");
        announcer.textContent = "";
      }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { finish(true); }, function () { finish(legacyCopy(text)); });
    } else {
      finish(legacyCopy(text));
    }
  }
  // For plain-http hosts, where the Clipboard API is not available.
  function legacyCopy(text) {
    var area = doc.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    doc.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = doc.execCommand("copy"); } catch (e) { ok = false; }
    doc.body.removeChild(area);
    return ok;
  }

  each("[data-copy-text]", function (button) {
    button.addEventListener("click", function () { copyText(button.getAttribute("data-copy-text"), button); });
  });

  var LANGUAGES = {
    powershell: "PowerShell", pwsh: "PowerShell", ps1: "PowerShell", bash: "Shell", sh: "Shell", shell: "Shell",
    json: "JSON", yaml: "YAML", yml: "YAML", sql: "SQL", kql: "KQL", kusto: "KQL", dax: "DAX", m: "Power Query M",
    powerquery: "Power Query M", xml: "XML", html: "HTML", http: "HTTP", csharp: "C#", cs: "C#", python: "Python",
    javascript: "JavaScript", js: "JavaScript", azcli: "Azure CLI", text: t("code.text"), console: t("code.console"),
    output: t("code.output")
  };
  each("main pre.code, main pre.message", function (pre) {
    var wrap = doc.createElement("div");
    wrap.className = "code-block";
    pre.parentNode.insertBefore(wrap, pre);
    wrap.appendChild(pre);
    var code = pre.querySelector("code");
    var language = code && /(?:^|\s)language-([\w-]+)/.exec(code.className);
    var label = doc.createElement("span");
    label.className = "code-lang";
    label.setAttribute("aria-hidden", "true");
    label.textContent = pre.classList.contains("message")
      ? t("code.message")
      : language ? (LANGUAGES[language[1]] || language[1].toUpperCase()) : t("code.code");
    wrap.appendChild(label);
    var step = pre.closest(".fixes > li");
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = t("copy.button");
    button.setAttribute("aria-label", pre.classList.contains("message")
      ? t("copy.message")
      : step ? t("copy.code_of_step", Array.prototype.indexOf.call(step.parentNode.children, step) + 1) : t("copy.code"));
    button.addEventListener("click", function () { copyText(pre.textContent.replace(/\n$/, ""), button); });
    wrap.appendChild(button);
  });

  // ---- Print: questions print open.
  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    closedForPrint = Array.prototype.filter.call(doc.querySelectorAll("details:not([open])"), function (d) { d.open = true; return true; });
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (d) { d.open = false; });
    closedForPrint = [];
  });

  // ---- Record lists (category, tag and A-Z pages): filter, and sort where the page
  // offers it, without a reload. Without the script every record shows.
  var tools = doc.querySelector("[data-list-tools]");
  var lists = tools ? Array.prototype.slice.call(doc.querySelectorAll("main .record-list")) : [];
  if (lists.length) {
    var items = [];
    lists.forEach(function (list) { items = items.concat(Array.prototype.slice.call(list.children)); });
    var count = doc.querySelector("[data-list-count]");
    var RANK = { critical: 0, high: 1, medium: 2, low: 3 };
    var filterBox = tools.querySelector("[data-list-filter]");
    var severityBox = tools.querySelector("[data-list-severity]");
    var sortBox = tools.querySelector("[data-list-sort]");
    var fieldBoxes = Array.prototype.slice.call(tools.querySelectorAll("[data-list-field]"));
    var order = function (a, b) {
      var by = sortBox.value;
      var d = 0;
      if (by === "severity") d = RANK[a.dataset.severity] - RANK[b.dataset.severity];
      else if (by === "updated") d = (b.dataset.updated || "").localeCompare(a.dataset.updated || "");
      else if (by === "title") d = a.querySelector(".record-title").textContent.localeCompare(b.querySelector(".record-title").textContent);
      return d || items.indexOf(a) - items.indexOf(b);
    };
    var apply = function () {
      var words = filterBox ? filterBox.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
      var severity = severityBox ? severityBox.value : "";
      var shown = 0;
      items.forEach(function (li) {
        var text = li.textContent.toLowerCase();
        var show = (!severity || li.dataset.severity === severity) &&
          words.every(function (w) { return text.indexOf(w) >= 0; }) &&
          fieldBoxes.every(function (box) {
            return !box.value || li.getAttribute("data-f-" + box.getAttribute("data-list-field")) === box.value;
          });
        li.hidden = !show;
        if (show) shown++;
      });
      if (sortBox && lists.length === 1) items.slice().sort(order).forEach(function (li) { lists[0].appendChild(li); });
      each("[data-list-group]", function (group) {
        group.hidden = !group.querySelector(".record-list > li:not([hidden])");
      });
      count.textContent = shown === items.length ? t("count.errors", items.length)
        : t("list.showing", items.length, { shown: shown });
    };
    tools.addEventListener("input", apply);
    tools.addEventListener("change", apply);
  }

  // ---- Search: search.js (the engine) loads when a reader first reaches for a box,
  // so pages that are only read never download it.
  var forms = doc.querySelectorAll("[data-search]");
  var searchRequested = false;
  function loadSearch() {
    if (searchRequested || !forms.length) return;
    searchRequested = true;
    var script = doc.createElement("script");
    script.src = forms[0].getAttribute("data-script");
    doc.head.appendChild(script);
  }
  each("[data-search] input[type=search]", function (input) {
    input.addEventListener("focus", loadSearch);
    input.addEventListener("input", loadSearch);
    // A pasted message keeps its line breaks as spaces: an input would drop them and
    // glue the lines together ("password.Trace ID").
    input.addEventListener("paste", function (e) {
      var text = e.clipboardData && e.clipboardData.getData("text");
      if (!text || !/[\r\n]/.test(text)) return;
      e.preventDefault();
      input.setRangeText(text.replace(/\s+/g, " ").trim(), input.selectionStart, input.selectionEnd, "end");
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
  });
  // A shared link such as errors/?q=AADSTS50126 (what the form sends without JavaScript).
  if (forms.length && /[?&]q=/.test(window.location.search)) loadSearch();

  // "/" focuses the search box from anywhere but a text field.
  doc.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || !forms.length) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var box = doc.querySelector(".search-hero input[type=search]") || forms[0].querySelector("input[type=search]");
    e.preventDefault();
    box.focus();
    box.select();
  });

  function each(selector, fn) { Array.prototype.forEach.call(doc.querySelectorAll(selector), fn); }
})();
