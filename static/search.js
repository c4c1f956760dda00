// errdocs instant search, loaded by app.js when a reader first reaches for a search box.
// It reads the static index that `errdocs build` writes (format: src/render/search/):
// index.json first (codes, pages, categories, severities), then only the word shards and
// title chunks a query needs, and for a word that may hold a typo the word lists that
// find its neighbours. No dependencies.
(function () {
  "use strict";
  var doc = document;

  var forms = doc.querySelectorAll("[data-search]");
  if (!forms.length) return;
  // The theme's words, from app.js (which loads this script).
  var t = window.errdocs.t;

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT = {};
  for (var d = 0; d < DIGITS.length; d++) DIGIT[DIGITS.charAt(d)] = d;
  // Weight of the best field a word was found in: causes, summary, message, tags, title, code.
  var FIELD_WEIGHT = [0, 0, 1, 1.5, 2.5, 3, 4, 5];
  var SHOWN = 10;
  var MAX_QUERY_WORDS = 6;
  var PASTE_NOISE = {};
  ("sign signing signed sorry having trouble request correlation trace timestamp message troubleshooting " +
   "details contact send info copy clipboard flag review advanced diagnostics more").split(" ").forEach(function (w) { PASTE_NOISE[w] = true; });
  // Code matches outrank any word score: the exact code or alias, then its number alone
  // (`50126`), then a code found inside a longer text, then codes the query starts.
  var RANK_EXACT = 10000, RANK_NUMBER = 9000, RANK_IN_TEXT = 8000, RANK_PREFIX = 5000;
  // A word of this many letters or more forgives one typo; a match through a typo
  // counts half a match and weighs less, so exact matches rank first.
  var TYPO_MIN = 5, TYPO_WEIGHT = 0.3, TYPO_MAX_WORDS = 8;

  // Base-32 varints over DIGITS: a digit below 32 ends a number.
  function varints(text) {
    var out = [], n = 0;
    for (var i = 0; i < text.length; i++) {
      var v = DIGIT[text.charAt(i)];
      n = n * 32 + (v & 31);
      if (v < 32) { out.push(n); n = 0; }
    }
    return out;
  }
  // Words as the index has them (src/render/words.rs, the same rules step by step): lower
  // case, decomposed (NFKD), without combining marks, with the letters that do not
  // decompose spelled out; split at anything not a letter or digit; a hyphenated
  // compound gives its parts and the parts joined.
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var SPELLED = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i" };
  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(MARKS, "").replace(/[ßæœøłđðþı]/g, function (c) { return SPELLED[c]; });
  }
  function wordsOf(text) {
    var out = [];
    fold(text).split(/[^\p{Alphabetic}\p{N}-]+/u).forEach(function (run) {
      var parts = run.split("-").filter(Boolean);
      out.push.apply(out, parts);
      if (parts.length > 1) out.push(parts.join(""));
    });
    return out.filter(function (w) { var n = Array.from(w).length; return n >= 2 && n <= 32; });
  }
  function codeNumber(code) {
    var m = /^[A-Za-z]+([0-9]+)$/.exec(code);
    return m ? m[1] : null;
  }

  // The index files of one build, fetched once each: index.json from its fixed
  // address, the others from the folder it names.
  var entry = forms[0].getAttribute("data-search");
  var siteBase = forms[0].getAttribute("data-base");
  var folder = null;
  var fetched = {};
  function file(name) {
    if (!fetched[name]) {
      var url = name === "index.json" ? entry : siteBase + folder + name;
      fetched[name] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(name + ": HTTP " + r.status);
        return r.json();
      });
      fetched[name].catch(function () { delete fetched[name]; });
    }
    return fetched[name];
  }
  var ready = null;
  function loadIndex() {
    if (!ready) {
      ready = file("index.json").then(function (ix) {
        if (ix.version !== 3) throw new Error("search index version " + ix.version);
        folder = ix.folder;
        var codes = [], keys = Object.create(null), previous = "";
        var addKey = function (key, id, strength) {
          key = key.toLowerCase();
          (keys[key] || (keys[key] = [])).push([id, strength]);
        };
        ix.codes.split("\n").forEach(function (line, id) {
          var parts = line.split(" ");
          var code = previous.slice(0, DIGIT[parts[0].charAt(0)]) + parts[0].slice(1);
          previous = code;
          codes.push(code);
          addKey(code, id, 3);
          var number = codeNumber(code);
          if (number) addKey(number, id, 2);
          for (var j = 1; j < parts.length; j++) addKey(parts[j], id, 3);
        });
        var stop = Object.create(null);
        ix.stop_words.forEach(function (w) { stop[w] = true; });
        return {
          codes: codes, keys: keys, facets: varints(ix.facets), stop: stop, shards: ix.shards,
          vshards: ix.vshards, rshards: ix.rshards, errors: ix.errors, pages: ix.pages,
          chunk: ix.title_chunk, categories: ix.categories, severities: ix.severities
        };
      });
      ready.catch(function () { ready = null; });
    }
    return ready;
  }
  function shard(ix, n) {
    return file("w" + n + ".json").then(function (s) {
      if (!s.map) {
        s.map = Object.create(null);
        s.words.forEach(function (w, i) { s.map[w] = i; });
      }
      return s;
    });
  }
  // The shard a word belongs in: the last whose first word is not after it.
  function shardOf(ix, word) { return shardIn(ix.shards, word); }
  function shardIn(firsts, word) {
    var lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= word) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  function backwards(word) { return Array.from(word).reverse().join(""); }

  // Whether two words differ by at most one edit: a letter inserted, deleted or
  // replaced, or two neighbours swapped.
  function oneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a.charAt(i) === b.charAt(i)) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // The words of the index one edit away from `word` (five letters or more). One edit
  // leaves the first or the last k letters whole, so they are among the words that
  // start like it (list "v") or end like it (list "r", spelt backwards): a typo in the
  // first letters still finds them.
  function neighbours(ix, word) {
    if (word.length < TYPO_MIN || !ix.vshards.length) return Promise.resolve([]);
    var k = (word.length - 1) >> 1;
    var lists = [["v", ix.vshards, word.slice(0, k), false], ["r", ix.rshards, backwards(word).slice(0, k), true]];
    var loads = [];
    lists.forEach(function (l) {
      var first = shardIn(l[1], l[2]);
      // The words with that start may run on into the next shards (a few at most).
      for (var n = first; n < l[1].length && n < first + 3 && (n === first || l[1][n].indexOf(l[2]) === 0); n++) {
        loads.push(file(l[0] + n + ".json").then(function (f) { return [f.words, l[2], l[3]]; }));
      }
    });
    return Promise.all(loads).then(function (loaded) {
      var found = [];
      loaded.forEach(function (x) {
        x[0].forEach(function (w) {
          var key = x[2] ? backwards(w) : w;
          if (key.indexOf(x[1]) === 0 && w !== word && found.indexOf(w) < 0 && oneEdit(w, word)) found.push(w);
        });
      });
      return found.slice(0, TYPO_MAX_WORDS);
    });
  }

  // What a query holds: code-like tokens and words. Pasted sign-in errors carry GUIDs
  // (trace, correlation, request ids) and timestamps: those never name an error.
  function analyse(ix, raw) {
    var text = raw.replace(/\s+/g, " ").trim();
    var cleaned = text
      .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, " ")
      .replace(/\b\d{4}-\d{2}-\d{2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?/gi, " ");
    var tokens = [];
    cleaned.split(/[^A-Za-z0-9_.\-]+/).forEach(function (t) {
      t = t.replace(/^[.\-]+|[.\-]+$/g, "");
      if (!t) return;
      tokens.push(t);
      var inner = t.match(/[A-Za-z]+[0-9]+/g);
      if (inner) inner.forEach(function (m) { if (m !== t && m.length >= 5) tokens.push(m); });
    });
    var words = [];
    wordsOf(cleaned).forEach(function (w) {
      if (!ix.stop[w] && words.indexOf(w) < 0) words.push(w);
    });
    // A pasted page: drop the words every sign-in error page has around the message.
    if (words.length > MAX_QUERY_WORDS) words = words.filter(function (w) { return !PASTE_NOISE[w]; });
    // Each word may cost a shard download: keep the longest (the most telling) few.
    if (words.length > MAX_QUERY_WORDS) {
      var keep = words.slice().sort(function (a, b) { return b.length - a.length; }).slice(0, MAX_QUERY_WORDS);
      words = words.filter(function (w) { return keep.indexOf(w) >= 0; });
    }
    return {
      text: text,
      tokens: tokens,
      words: words,
      single: tokens.length === 1 && !/\s/.test(text),
      // The reader is still typing the last word: let it match as a prefix.
      typing: !/\s$/.test(raw)
    };
  }

  function search(ix, raw, category, severity) {
    var q = analyse(ix, raw);
    var scores = Object.create(null);
    var found = [];
    var bump = function (id, score) { if (!(scores[id] >= score)) scores[id] = score; };

    // Codes and aliases: exact, by number, inside a longer text, or by prefix.
    q.tokens.forEach(function (token) {
      var hits = ix.keys[token.toLowerCase()];
      if (!hits) return;
      hits.forEach(function (hit) {
        var id = hit[0], strength = hit[1];
        if (q.single) bump(id, strength === 3 ? RANK_EXACT : RANK_NUMBER);
        else if (strength === 3 || token.length >= 5) {
          bump(id, RANK_IN_TEXT);
          if (found.indexOf(id) < 0) found.push(id);
        }
      });
    });
    if (q.single && q.text.length >= 2) {
      var prefix = q.tokens[0].toLowerCase();
      var matched = 0;
      for (var id = 0; id < ix.codes.length && matched < 50; id++) {
        var code = ix.codes[id].toLowerCase();
        var number = codeNumber(code);
        if (code.indexOf(prefix) === 0 || (number && number.indexOf(prefix) === 0)) {
          bump(id, RANK_PREFIX - (code.length - prefix.length));
          matched++;
        }
      }
    }

    // Words: exact matches, prefixes for the word being typed, and the words one typo
    // away from a long word of a short query.
    if (!ix.shards.length) q.words = [];
    var typoWords = q.words.length <= 3 ? q.words : [];
    return Promise.all(typoWords.map(function (w) { return neighbours(ix, w); })).then(function (typos) {
      var needed = [];
      var need = function (n) { if (needed.indexOf(n) < 0) needed.push(n); };
      q.words.forEach(function (w, i) {
        var n = shardOf(ix, w);
        need(n);
        var last = i === q.words.length - 1 && q.typing;
        // A prefix can run on into the next shard.
        if (last && n + 1 < ix.shards.length && ix.shards[n + 1].indexOf(w) === 0) need(n + 1);
        (typos[i] || []).forEach(function (t) { need(shardOf(ix, t)); });
      });
      return Promise.all(needed.map(function (n) { return shard(ix, n); })).then(function (loaded) {
        var shards = {};
        needed.forEach(function (n, i) { shards[n] = loaded[i]; });
        return score(ix, q, shards, typos, scores, found, category, severity);
      });
    });
  }

  // Adds each record's word score to `scores` and returns the results, filtered.
  function score(ix, q, shards, typos, scores, found, category, severity) {
    var wordScores = Object.create(null), matches = Object.create(null);
    q.words.forEach(function (w, i) {
      var n = shardOf(ix, w);
      var best = Object.create(null), exact = Object.create(null);
      var take = function (s, index, factor, typo) {
        var values = varints(s.postings[index]);
        var rec = -1;
        for (var k = 0; k < values.length; k++) {
          rec += (values[k] >> 3) + 1;
          var weight = FIELD_WEIGHT[values[k] & 7] * factor;
          if (!(best[rec] >= weight)) best[rec] = weight;
          if (!typo) exact[rec] = true;
        }
      };
      var s = shards[n];
      if (s.map[w] !== undefined) take(s, s.map[w], 1, false);
      if (i === q.words.length - 1 && q.typing && w.length >= 2) {
        var terms = 0;
        [n, n + 1].forEach(function (m) {
          var sh = shards[m];
          if (!sh) return;
          var start = m === n ? lowerBound(sh.words, w) : 0;
          for (var j = start; j < sh.words.length && terms < 40 && sh.words[j].indexOf(w) === 0; j++) {
            if (sh.words[j] !== w) { take(sh, j, 0.6, false); terms++; }
          }
        });
      }
      (typos[i] || []).forEach(function (t) {
        var sh = shards[shardOf(ix, t)];
        if (sh && sh.map[t] !== undefined) take(sh, sh.map[t], TYPO_WEIGHT, true);
      });
      for (var rec in best) {
        wordScores[rec] = (wordScores[rec] || 0) + best[rec];
        matches[rec] = (matches[rec] || 0) + (exact[rec] ? 1 : 0.5);
      }
    });
    for (var rec in wordScores) {
      // Records that have more of the words come first; then the better fields.
      scores[rec] = (scores[rec] || 0) + matches[rec] * 10 + wordScores[rec];
    }
    var ids = [];
    for (var key in scores) {
      var id = +key;
      if (category !== "" || severity !== "") {
        // Pages (after the records) have neither a category nor a severity.
        if (id >= ix.codes.length) continue;
        var facet = ix.facets[id];
        if (category !== "" && (facet >> 2) !== +category) continue;
        if (severity !== "" && (facet & 3) !== +severity) continue;
      }
      ids.push(id);
    }
    ids.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
    var jump = q.single ? [] : found.filter(function (id) { return ids.indexOf(id) >= 0; });
    return { ids: ids, jump: jump.slice(0, 3), query: q };
  }
  function lowerBound(words, w) {
    var lo = 0, hi = words.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (words[mid] < w) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function titles(ix, ids) {
    var chunks = [];
    ids.forEach(function (id) { var c = Math.floor(id / ix.chunk); if (chunks.indexOf(c) < 0) chunks.push(c); });
    return Promise.all(chunks.map(function (c) { return file("t" + c + ".json"); })).then(function (loaded) {
      var byChunk = {};
      chunks.forEach(function (c, i) { byChunk[c] = loaded[i]; });
      return function (id) { return byChunk[Math.floor(id / ix.chunk)][id % ix.chunk]; };
    });
  }

  function el(tag, className, text) {
    var e = doc.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  Array.prototype.forEach.call(forms, function (form) {
    var input = form.querySelector("input[type=search]");
    // The results panel: filters, a live status line and the result list.
    var panel = el("div", "search-panel");
    panel.hidden = true;
    var filters = panel.appendChild(el("div", "search-filters"));
    var status = panel.appendChild(el("p", "search-status"));
    status.setAttribute("role", "status");
    status.setAttribute("data-search-status", "");
    var results = panel.appendChild(el("ul", "search-results"));
    results.id = input.id + "-results";
    results.setAttribute("aria-label", t("search.results"));
    results.setAttribute("data-search-results", "");
    form.appendChild(panel);
    input.setAttribute("aria-controls", results.id);
    // The filters: the categories and severities come with the index.
    var filter = function (label, all) {
      var box = el("select");
      box.appendChild(el("option", "", all)).value = "";
      var wrap = el("label", "", label + " ");
      wrap.appendChild(box);
      filters.appendChild(wrap);
      return box;
    };
    var categoryBox = filter(t("search.category"), t("search.all_categories"));
    var severityBox = filter(t("search.severity"), t("search.any_severity"));
    loadIndex().then(function (ix) {
      ix.categories.forEach(function (c, i) { categoryBox.appendChild(el("option", "", c[1])).value = String(i); });
      ix.severities.forEach(function (s, i) { severityBox.appendChild(el("option", "", t("severity." + s))).value = String(i); });
    }, function () {});
    var base = form.getAttribute("data-base");
    var runs = 0;
    var failed = false;

    input.addEventListener("focus", function () { loadIndex().catch(function () {}); });

    function links() { return results.querySelectorAll("a"); }

    function show(open) {
      panel.hidden = !open;
    }

    function resultItem(ix, id, title, jump) {
      var li = el("li", jump ? "result-jump" : "");
      var a = el("a");
      li.appendChild(a);
      if (id >= ix.codes.length) {
        // A page of the site: its title, and what it is.
        a.href = base + ix.pages[id - ix.codes.length];
        a.appendChild(el("span", "result-title", title));
        a.appendChild(el("span", "result-meta", t("search.page")));
        return li;
      }
      var facet = ix.facets[id];
      a.href = base + ix.errors + ix.codes[id].toLowerCase() + "/";
      a.appendChild(el("span", "result-code", ix.codes[id]));
      a.appendChild(el("span", "result-title", title));
      if (jump) a.appendChild(el("span", "result-found", t("search.found_in_text")));
      var meta = el("span", "result-meta");
      meta.appendChild(el("span", "", ix.categories[facet >> 2][1]));
      meta.appendChild(doc.createElement("br"));
      var sev = ix.severities[facet & 3];
      var badge = el("span", "badge sev-" + sev);
      var icon = el("span", "sev-icon");
      icon.setAttribute("aria-hidden", "true");
      badge.appendChild(icon);
      badge.appendChild(doc.createTextNode(t("severity." + sev)));
      badge.appendChild(el("span", "visually-hidden", t("severity.hidden_suffix")));
      meta.appendChild(badge);
      a.appendChild(meta);
      return li;
    }

    function run() {
      var raw = input.value;
      var ticket = ++runs;
      if (!raw.trim()) {
        results.textContent = "";
        status.textContent = "";
        show(false);
        return;
      }
      show(true);
      if (!ready) status.textContent = t("search.loading");
      loadIndex().then(function (ix) {
        return search(ix, raw, categoryBox.value, severityBox.value).then(function (out) {
          var top = out.jump.concat(out.ids.filter(function (id) { return out.jump.indexOf(id) < 0; }).slice(0, SHOWN));
          return titles(ix, top).then(function (titleOf) {
            if (ticket !== runs) return;
            failed = false;
            results.textContent = "";
            // Which query these results answer (tests wait on it).
            results.setAttribute("data-query", raw);
            top.forEach(function (id) { results.appendChild(resultItem(ix, id, titleOf(id), out.jump.indexOf(id) >= 0)); });
            var filtered = categoryBox.value !== "" || severityBox.value !== "";
            if (out.jump.length) {
              status.textContent = t("search.jump", undefined, { code: ix.codes[out.jump[0]] });
            } else if (!out.ids.length) {
              status.textContent = t(filtered ? "search.no_match_filtered" : "search.no_match", undefined, { query: out.query.text.slice(0, 60) });
            } else {
              // Pages of the site are results too, but not errors.
              var pages = out.ids.some(function (id) { return id >= ix.codes.length; });
              var found = pages ? "search.found_results" : "search.found";
              status.textContent = out.ids.length > SHOWN ? t(found + "_best", out.ids.length, { shown: SHOWN })
                : t(found, out.ids.length);
            }
          });
        });
      }).catch(function () {
        if (ticket !== runs) return;
        failed = true;
        results.textContent = "";
        status.textContent = t("search.failed");
      });
    }

    input.addEventListener("input", run);
    categoryBox.addEventListener("change", run);
    severityBox.addEventListener("change", run);

    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") {
        var first = links()[0];
        if (first) { e.preventDefault(); first.focus(); }
      } else if (e.key === "Escape") {
        if (input.value) { input.value = ""; run(); } else { show(false); input.blur(); }
        e.preventDefault();
      }
    });
    form.addEventListener("submit", function (e) {
      if (failed) return; // the A–Z list, as without JavaScript
      e.preventDefault();
      var first = links()[0];
      if (first) window.location.href = first.href;
    });
    results.addEventListener("keydown", function (e) {
      var all = Array.prototype.slice.call(links());
      var at = all.indexOf(doc.activeElement);
      if (at < 0) return;
      if (e.key === "ArrowDown") { e.preventDefault(); all[Math.min(at + 1, all.length - 1)].focus(); }
      else if (e.key === "ArrowUp") { e.preventDefault(); (at === 0 ? input : all[at - 1]).focus(); }
      else if (e.key === "Escape") { e.preventDefault(); input.focus(); }
    });
    // The header's results float over the page: close them when the reader moves on.
    if (form.closest(".header-search")) {
      form.addEventListener("focusout", function (e) {
        if (!e.relatedTarget || !form.contains(e.relatedTarget)) show(false);
      });
      input.addEventListener("focus", function () { if (input.value.trim()) show(true); });
    }
    // Typed before this script arrived, or a shared link such as errors/?q=AADSTS50126.
    var shared = /[?&]q=([^&]*)/.exec(window.location.search);
    if (!input.value && shared && form === forms[0]) {
      try { input.value = decodeURIComponent(shared[1].replace(/\+/g, " ")); } catch (err) { input.value = ""; }
    }
    if (doc.activeElement === input) loadIndex().catch(function () {});
    if (input.value.trim()) run();
  });

})();
