/* Site search of rejestr-kis: Polish-aware, offline, no dependencies.
   Normalisation rules come from the index (search-rules.json), shared with
   generator/search_index.py. The index lies next to this script's folder. */
(function () {
  "use strict";
  var script = typeof document !== "undefined" ? document.currentScript : null;
  var FIELDS = [["n", 10], ["w", 6], ["o", 1]]; // name > town > other
  var LIMIT = 20;

  function fold(rules, text) {
    var out = "";
    for (var ch of text.toLowerCase()) out += rules.fold[ch] || ch;
    return out.normalize("NFD").replace(/\p{Mn}/gu, "");
  }

  function words(rules, text) {
    return fold(rules, text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function stem(rules, word) {
    for (var suffix of rules.suffixes) {
      if (word.endsWith(suffix) && word.length - suffix.length >= rules.min_stem) {
        return word.slice(0, -suffix.length);
      }
    }
    return word;
  }

  function queryStems(rules, query) {
    var all = words(rules, query);
    var content = all.filter(function (w) { return rules.stopwords.indexOf(w) < 0; });
    return (content.length ? content : all).map(function (w) { return stem(rules, w); });
  }

  // Index terms are "stem" or "stem~ending": [stem, word] pairs per weighted field.
  function prepare(index) {
    index.docs.forEach(function (doc) {
      doc.fields = FIELDS.map(function (f) {
        var terms = (doc[f[0]] || "").split(" ").filter(Boolean).map(function (t) {
          var parts = t.split("~");
          return [parts[0], parts.join("")];
        });
        return [f[1], terms];
      });
    });
    return index;
  }

  function score(doc, stems) {
    var total = 0;
    for (var q of stems) {
      var best = 0;
      for (var field of doc.fields) {
        for (var term of field[1]) {
          if (term[1].startsWith(q)) {
            best = Math.max(best, field[0] * (term[0] === q || term[1] === q ? 2 : 1));
          }
        }
      }
      if (!best) return 0;
      total += best;
    }
    return total;
  }

  function search(index, query) {
    var stems = queryStems(index.rules, query);
    if (!stems.length) return [];
    var collator = new Intl.Collator("pl");
    return index.docs
      .map(function (doc) { return [score(doc, stems) * (doc.b || 1), doc]; })
      .filter(function (hit) { return hit[0] > 0; })
      .sort(function (a, b) {
        return b[0] - a[0] || collator.compare(a[1].t, b[1].t) || (a[1].u < b[1].u ? -1 : 1);
      })
      .map(function (hit) { return hit[1]; });
  }

  function plural(n, one, few, many) {
    if (n === 1) return one;
    var tens = n % 100;
    return n % 10 >= 2 && n % 10 <= 4 && (tens < 12 || tens > 14) ? few : many;
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function init() {
    var form = document.getElementById("kis-search-form");
    if (!form || form.dataset.ready || !script) return;
    form.dataset.ready = "1";
    var input = form.elements.q;
    var status = document.getElementById("kis-search-status");
    var list = document.getElementById("kis-search-list");
    var root = new URL("../../", script.src);
    var index = null;
    var editing = false;

    function render() {
      var query = input.value.trim();
      list.replaceChildren();
      if (!index) {
        status.textContent = query ? "Wczytywanie wyszukiwarki…" : "";
        return;
      }
      if (!query) {
        status.textContent = "Wpisz nazwę klubu, miejscowość, województwo lub temat.";
        return;
      }
      var hits = search(index, query);
      var n = hits.length;
      status.textContent = n
        ? "Znaleziono " + n + " " + plural(n, "wynik", "wyniki", "wyników") + " dla „" + query
          + "”" + (n > LIMIT ? ", pokazano pierwsze " + LIMIT : "") + "."
        : "Nic nie znaleziono dla „" + query + "”. Sprawdź pisownię albo wpisz krótszy fragment.";
      hits.slice(0, LIMIT).forEach(function (doc) {
        var item = el("li");
        var link = el("a", doc.t);
        link.href = new URL(doc.u, root).href;
        item.append(link, " ", el("span", [doc.k, doc.p, doc.s].filter(Boolean).join(" · "),
                                  "kis-search-meta"));
        list.append(item);
      });
    }

    function queryUrl() {
      var url = new URL(location.href);
      if (input.value.trim()) url.searchParams.set("q", input.value.trim());
      else url.searchParams.delete("q");
      return url.href;
    }

    function fromUrl() {
      input.value = new URL(location.href).searchParams.get("q") || "";
      editing = false;
      render();
    }

    input.addEventListener("input", function () {
      // The first change after loading or submitting adds a history entry; the rest amend it.
      history[editing ? "replaceState" : "pushState"]({kisSearch: 1}, "", queryUrl());
      editing = true;
      render();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      history.replaceState({kisSearch: 1}, "", queryUrl());
      editing = false;
      render();
    });
    // Arrow keys move between the search box and the result links.
    form.parentNode.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = event.target === input ? -1 : links.indexOf(event.target);
      if (event.target !== input && at < 0) return;
      if (!links.length || (at === -1 && event.key === "ArrowUp")) return;
      event.preventDefault();
      var next = at + (event.key === "ArrowDown" ? 1 : -1);
      (next < 0 ? input : links[Math.min(next, links.length - 1)]).focus();
    });
    window.addEventListener("popstate", function () {
      if (form.isConnected) fromUrl(); // pages swapped in by instant navigation leave it behind
    });

    fromUrl();
    fetch(new URL("../search-index.json", script.src))
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        index = prepare(data);
        render();
      })
      .catch(function () {
        status.textContent = "Nie udało się wczytać wyszukiwarki. Odśwież stronę.";
      });
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = {fold: fold, words: words, stem: stem, queryStems: queryStems,
                      prepare: prepare, search: search};
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
