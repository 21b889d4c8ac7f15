/* Site search of rejestr-kis: Polish-aware, offline, no dependencies.
   Normalisation rules come from the index (search-rules.json), shared with
   generator/parts/search.py. The index and the gazetteer (places.json) lie next to this
   script's folder. A place name in the query (or the browser's position) lists clubs by
   distance; service synonyms (synonimy-uslug.csv) find clubs offering the service. */
(function () {
  "use strict";
  var script = typeof document !== "undefined" ? document.currentScript : null;
  // name, town, services > street and postal code > operator and the rest
  var FIELDS = [["n", 10], ["w", 8], ["v", 8], ["a", 4], ["o", 1]];
  var SERVICE_SCORE = 24; // a synonym naming a service the club offers
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

  function contentWords(rules, query) {
    var all = words(rules, query);
    var content = all.filter(function (w) { return rules.stopwords.indexOf(w) < 0; });
    return content.length ? content : all;
  }

  function queryStems(rules, query) {
    return contentWords(rules, query).map(function (w) { return stem(rules, w); });
  }

  // Index terms are "stem" or "stem~ending": [stem, word] pairs per weighted field. A doc's
  // services (sv: positions in index.services) lend it their names as the field "v".
  function prepare(index) {
    index.docs.forEach(function (doc) {
      doc.v = (doc.sv || []).map(function (i) { return index.services[i][2]; }).join(" ");
      doc.fields = FIELDS.map(function (f) {
        var terms = (doc[f[0]] || "").split(" ").filter(Boolean).map(function (t) {
          var parts = t.split("~");
          return [parts[0], parts.join("")];
        });
        return [f[1], terms];
      });
      doc.tier = doc.k === "klub" ? (index.rules.status_order[doc.c] || 0) : 0;
    });
    return index;
  }

  // The gazetteer: places by their words and by their stems (each joined with spaces), so that
  // "krakowie" (stem "krakow") finds "Kraków" (word "krakow", stem "krak"); first = preferred.
  function preparePlaces(index, data) {
    var byKey = {};
    var regions = {};
    data.places.forEach(function (p) {
      var place = {name: p[0], lat: p[1], lon: p[2], teryt: p[3], own: p[4] === 1};
      var keys = [contentWords(index.rules, p[0]).join(" "), queryStems(index.rules, p[0]).join(" ")];
      keys.filter(function (k, i) { return keys.indexOf(k) === i; }).forEach(function (key) {
        (byKey[key] = byKey[key] || []).push(place);
      });
    });
    Object.keys(data.voivodeships).forEach(function (teryt) {
      regions[stem(index.rules, fold(index.rules, data.voivodeships[teryt]))] = teryt;
    });
    var titles = [];
    index.docs.forEach(function (doc) { titles.push.apply(titles, words(index.rules, doc.t)); });
    return {byKey: byKey, regions: regions, names: data.voivodeships, titles: titles};
  }

  function wordScore(doc, q) {
    var best = 0;
    for (var field of doc.fields) {
      for (var term of field[1]) {
        if (term[1].startsWith(q)) {
          best = Math.max(best, field[0] * (term[0] === q || term[1] === q ? 2 : 1));
        }
      }
    }
    return best;
  }

  // A unit is one query word, or a synonym phrase: its words in the text, or its services.
  function unitScore(doc, unit) {
    var text = 0;
    for (var q of unit.w) {
      var s = wordScore(doc, q);
      if (!s) { text = 0; break; }
      text += s;
    }
    var offers = unit.c.some(function (c) { return (doc.sv || []).indexOf(c) >= 0; });
    return Math.max(text, offers ? SERVICE_SCORE : 0);
  }

  function units(index, stems) {
    var out = [];
    for (var i = 0; i < stems.length;) {
      var found = null;
      for (var syn of index.synonyms) {
        var n = syn[0].length;
        if (stems.slice(i, i + n).join(" ") === syn[0].join(" ")) { found = syn; break; }
      }
      out.push(found ? {w: found[0], c: found[1]} : {w: [stems[i]], c: []});
      i += found ? found[0].length : 1;
    }
    return out;
  }

  // The longest run of query words naming a place: a register town, or a place whose words
  // are in no page title (so that "dobre praktyki" stays a topic). A voivodeship word picks
  // among places of one name and is dropped.
  function findPlace(gaz, plain, stems) {
    for (var len = Math.min(4, stems.length); len > 0; len--) {
      for (var at = 0; at + len <= stems.length; at++) {
        var run = stems.slice(at, at + len);
        var found = gaz.byKey[run.join(" ")] || gaz.byKey[plain.slice(at, at + len).join(" ")];
        if (!found) continue;
        var own = found.some(function (p) { return p.own; });
        var topic = run.some(function (q) {
          return gaz.titles.some(function (w) { return w.startsWith(q); });
        });
        if (!own && topic) continue;
        var rest = stems.slice(0, at).concat(stems.slice(at + len));
        var pick = found[0];
        rest = rest.filter(function (q) {
          var hit = found.filter(function (p) { return gaz.regions[q] === p.teryt; })[0];
          if (hit) pick = hit;
          return !hit;
        });
        return {place: pick, others: found.filter(function (p) { return p !== pick; }),
                rest: rest, words: run};
      }
    }
    return null;
  }

  function km(a, b) {
    var rad = Math.PI / 180;
    var dlat = (b[0] - a[0]) * rad;
    var dlon = (b[1] - a[1]) * rad;
    var h = Math.pow(Math.sin(dlat / 2), 2)
      + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.pow(Math.sin(dlon / 2), 2);
    return 12742 * Math.asin(Math.sqrt(h));
  }

  // Polish style: "17 km", "1,5 km", "mniej niż 100 m".
  function distance(d) {
    if (d < 0.1) return "mniej niż 100 m";
    var text = d < 10 ? String(Math.round(d * 10) / 10) : String(Math.round(d));
    return text.replace(".", ",") + " km";
  }

  function passes(doc, filter) {
    if (!filter) return true;
    if (filter === "certyfikat") return doc.c === "certyfikowany" || doc.c === "wygasa";
    return doc.c === filter;
  }

  // Docs matching every unit; else the best partial matches (most units), marked partial.
  function match(docs, us) {
    var scored = docs.map(function (doc) {
      var total = 0;
      var hits = 0;
      us.forEach(function (u) {
        var s = unitScore(doc, u);
        total += s;
        hits += s ? 1 : 0;
      });
      return {doc: doc, score: total * (doc.b || 1), hits: hits};
    });
    var most = Math.max.apply(null, [0].concat(scored.map(function (h) { return h.hits; })));
    return {
      hits: most ? scored.filter(function (h) { return h.hits === most; }) : [],
      partial: most > 0 && most < us.length,
    };
  }

  // {clubs: [{doc, km}], pages: [doc], place, others, partial, hidden}
  function search(index, query, options) {
    options = options || {};
    var plain = contentWords(index.rules, query);
    var stems = plain.map(function (w) { return stem(index.rules, w); });
    var where = options.gazetteer && stems.length ? findPlace(options.gazetteer, plain, stems)
      : null;
    var origin = where ? [where.place.lat, where.place.lon] : options.position;
    var us = units(index, where ? where.rest : stems);
    var collator = new Intl.Collator("pl");
    var byTitle = function (a, b) {
      return collator.compare(a.doc.t, b.doc.t) || (a.doc.u < b.doc.u ? -1 : 1);
    };
    var clubs = index.docs.filter(function (d) { return d.k === "klub"; });
    var shown = clubs.filter(function (d) { return passes(d, options.status); });
    var result = {place: where && where.place, others: where ? where.others : [],
                  partial: false, hidden: 0, clubs: [], pages: [],
                  services: [].concat.apply([], us.map(function (u) { return u.c; }))};
    if (!us.length && !origin) return result;
    var found = us.length ? match(shown, us) : {hits: shown.map(function (d) {
      return {doc: d, score: 0};
    }), partial: false};
    result.partial = found.partial;
    var hits = found.hits;
    if (origin) {
      hits.forEach(function (h) { h.km = h.doc.g ? km(origin, h.doc.g) : Infinity; });
      hits.sort(function (a, b) {
        return (a.doc.tier > 1) - (b.doc.tier > 1) || a.km - b.km || byTitle(a, b);
      });
    } else {
      hits.sort(function (a, b) { return a.doc.tier - b.doc.tier || b.score - a.score || byTitle(a, b); });
    }
    result.clubs = hits;
    if (options.status && !found.partial) {
      var everyone = us.length ? match(clubs, us) : {hits: clubs, partial: false};
      result.hidden = everyone.partial ? 0 : everyone.hits.length - hits.length;
    }
    var pageUnits = units(index, stems);
    if (pageUnits.length) {
      var pages = match(index.docs.filter(function (d) { return d.k !== "klub"; }), pageUnits);
      if (!pages.partial || !result.clubs.length) {
        result.pages = pages.hits.sort(function (a, b) { return b.score - a.score || byTitle(a, b); })
          .map(function (h) { return h.doc; });
        result.partial = result.partial || (!result.clubs.length && pages.partial);
      }
    }
    return result;
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
    var filter = form.elements.status;
    var $ = function (id) { return document.getElementById("kis-search-" + id); };
    var status = $("status");
    var note = $("note");
    var list = $("list");
    var pageList = $("pages");
    var more = $("more");
    var here = $("here");
    var root = new URL("../../", script.src);
    var index = null;
    var gazetteer = null;
    var position = null;
    var limit = LIMIT;
    var editing = false;
    var loading = false;

    // The index and the gazetteer (about 0.5 MB at 1,000 clubs, growing with the register) are
    // read and prepared only when the page is asked something: the search box gets focus, or
    // the address, the status filter or the position button asks. Read on every visit, they
    // held a phone's main thread for hundreds of milliseconds after the page appeared (#19).
    function load(name) {
      return fetch(new URL("../" + name, script.src)).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
    }
    function loadIndex() {
      if (loading) return;
      loading = true;
      Promise.all([load("search-index.json"), load("places.json")])
        .then(function (data) {
          index = prepare(data[0]);
          gazetteer = preparePlaces(index, data[1]);
          update();
        })
        .catch(function () {
          loading = false;
          status.textContent = "Nie udało się wczytać wyszukiwarki. Odśwież stronę.";
        });
    }

    function link(doc) {
      var a = el("a", doc.t);
      a.href = new URL(doc.u, root).href;
      return a;
    }

    // Services in catalogue order; those the query asked for first, in bold.
    function clubItem(hit, asked) {
      var doc = hit.doc;
      var item = el("li", "", doc.tier > 1 ? "kis-search-hit kis-search-hit--other" : "kis-search-hit");
      var meta = [doc.p, isFinite(hit.km) ? distance(hit.km) : "", doc.s].filter(Boolean);
      item.append(link(doc), " ", el("span", meta.join(" · "), "kis-search-meta"));
      var offered = doc.sv || [];
      if (offered.length) {
        item.append(" ");
        var line = el("span", "Usługi: ", "kis-search-meta");
        var first = offered.filter(function (i) { return asked.indexOf(i) >= 0; });
        var rest = offered.filter(function (i) { return asked.indexOf(i) < 0; });
        var names = first.map(function (i) { return el("strong", index.services[i][1]); });
        if (!first.length) names = rest.map(function (i) { return index.services[i][1]; });
        var more = first.length && rest.length ? " i " + rest.length + " " + plural(
          rest.length, "inna usługa", "inne usługi", "innych usług") : "";
        names.forEach(function (name, i) { line.append(i ? ", " : "", name); });
        line.append(more);
        item.append(line);
      }
      return item;
    }

    function placeName(p) {
      return p.name + " (woj. " + gazetteer.names[p.teryt] + ")";
    }

    function render() {
      var query = input.value.trim();
      list.replaceChildren();
      pageList.replaceChildren();
      note.hidden = more.hidden = true;
      $("clubs-title").hidden = $("pages-title").hidden = true;
      if (!query && !position) {
        status.textContent = "Wpisz miejscowość, nazwę klubu, usługę lub temat.";
        return;
      }
      if (!index) {
        status.textContent = "Wczytywanie wyszukiwarki…";
        return;
      }
      var r = search(index, query, {gazetteer: gazetteer, position: position,
                                    status: filter.value});
      var n = r.clubs.length;
      var from = r.place ? "Odległości liczone od: " + placeName(r.place) + ". "
        : position ? "Odległości liczone od Twojej lokalizacji. " : "";
      var words = query ? " dla „" + query + "”" : "";
      var pages = r.pages.length;
      if (n || pages) {
        status.textContent = from + "Znaleziono " + n + " " + plural(n, "klub", "kluby", "klubów")
          + (pages ? " i " + pages + " " + plural(pages, "stronę", "strony", "stron") : "")
          + words + ".";
      } else {
        status.textContent = "Nic nie znaleziono" + words
          + ". Sprawdź pisownię albo wpisz krótszy fragment.";
      }
      if (r.place && !r.clubs.some(function (h) { return h.doc.p.indexOf(r.place.name + ",") === 0; })) {
        status.textContent = "W miejscowości " + r.place.name + " nie ma klubu w rejestrze – "
          + "pokazujemy najbliższe. " + status.textContent;
      }
      if (n && r.services.length && !r.place && !position) {
        status.textContent += " Dopisz miejscowość, np. „" + query + " Gdańsk”, a pokażemy kluby"
          + " od najbliższego.";
      }
      if (r.hidden) {
        status.textContent += " Pominięto " + r.hidden + " "
          + plural(r.hidden, "klub", "kluby", "klubów") + " o innym statusie (filtr „Status klubu”).";
      }
      if (r.partial) {
        note.textContent = "Nie znaleziono wyników zawierających wszystkie słowa. Najlepiej pasujące:";
        note.hidden = false;
      }
      if (r.others.length) {
        var alt = el("p", "Inne miejscowości o tej nazwie: ", "kis-search-hint");
        r.others.slice(0, 5).forEach(function (p, i) {
          var a = el("a", placeName(p));
          var url = new URL(location.href);
          url.searchParams.set("q", p.name + " " + gazetteer.names[p.teryt]);
          a.href = url.href;
          alt.append(i ? ", " : "", a);
        });
        status.after(alt);
        alt.dataset.kisAlt = "1";
      }
      $("clubs-title").hidden = !n;
      r.clubs.slice(0, limit).forEach(function (hit) { list.append(clubItem(hit, r.services)); });
      more.hidden = n <= limit;
      more.textContent = "Pokaż więcej klubów (jeszcze " + (n - limit) + ")";
      $("pages-title").hidden = !r.pages.length;
      r.pages.slice(0, LIMIT).forEach(function (doc) {
        var item = el("li");
        item.append(link(doc), " ", el("span", [doc.k, doc.p].filter(Boolean).join(" · "),
                                         "kis-search-meta"));
        pageList.append(item);
      });
    }

    function update() {
      document.querySelectorAll("[data-kis-alt]").forEach(function (p) { p.remove(); });
      render();
    }

    function queryUrl() {
      var url = new URL(location.href);
      [["q", input.value.trim()], ["status", filter.value]].forEach(function (kv) {
        if (kv[1]) url.searchParams.set(kv[0], kv[1]);
        else url.searchParams.delete(kv[0]);
      });
      return url.href;
    }

    function fromUrl() {
      var params = new URL(location.href).searchParams;
      input.value = params.get("q") || "";
      filter.value = params.get("status") || "";
      if (filter.selectedIndex < 0) filter.value = "";
      editing = false;
      limit = LIMIT;
      if (input.value || filter.value) loadIndex();
      update();
    }

    input.addEventListener("input", function () {
      loadIndex();
      // The first change after loading or submitting adds a history entry; the rest amend it.
      history[editing ? "replaceState" : "pushState"]({kisSearch: 1}, "", queryUrl());
      editing = true;
      limit = LIMIT;
      update();
    });
    filter.addEventListener("change", function () {
      history.replaceState({kisSearch: 1}, "", queryUrl());
      limit = LIMIT;
      loadIndex();
      update();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      loadIndex();
      history.replaceState({kisSearch: 1}, "", queryUrl());
      editing = false;
      update();
    });
    more.addEventListener("click", function () {
      var first = list.children.length;
      limit += LIMIT;
      update();
      var next = list.children[first] && list.children[first].querySelector("a");
      if (next) next.focus();
    });
    if (navigator.geolocation) {
      here.hidden = false;
      here.addEventListener("click", function () {
        loadIndex();
        status.textContent = "Ustalanie Twojej lokalizacji…";
        navigator.geolocation.getCurrentPosition(function (pos) {
          position = [pos.coords.latitude, pos.coords.longitude];
          input.value = "";
          history.replaceState({kisSearch: 1}, "", queryUrl());
          update();
        }, function () {
          status.textContent = "Nie udało się ustalić Twojej lokalizacji. Wpisz nazwę miejscowości.";
        });
      });
    }
    // Arrow keys move between the search box and the result links.
    form.parentNode.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      var links = Array.prototype.slice.call(document.querySelectorAll("#kis-search-results a"));
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

    input.addEventListener("focus", loadIndex);
    fromUrl();
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = {fold: fold, words: words, stem: stem, queryStems: queryStems,
                      prepare: prepare, preparePlaces: preparePlaces, search: search,
                      distance: distance, units: units};
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
