/* rejestr-kis: sortable tables and table filters.
   Without this script every table is already sorted (the sorted column says so with aria-sort)
   and the filters are plain links to pre-built pages. With it, each column header becomes a
   button that sorts the table (on a phone, where rows are cards, a "Kolejność" list does the
   same), and the filter form above a club table shows and hides rows. The chosen filters live
   in the address (?wojewodztwo=22&usluga=…&status=…): read on load, kept with replaceState, so
   a filtered table can be shared as a link; the table's caption says what is shown.
   A long list is split into pages (generator/parts/paging.py, nav.kis-pager): without the
   script every page is reached through the pagination nav; with it, filtering or sorting first
   reads the rows of all the list's pages, so that they act on the whole list, not one page.
   Cheap on a phone (#19): Material's stylesheet has rules like `.md-typeset table:not([class])
   td > :first-child`, so a class set on an element already in the page, or an element with a
   class inserted among its siblings, makes Chromium restyle the whole subtree (the whole table,
   the whole page). So this script sets no class on such elements, fills the empty hidden
   <p data-kis-order> the page has before a sortable table with the phone's sort list instead of
   inserting one, and never reads the layout while it changes the page: the scrolling tables
   are found by a ResizeObserver, after the browser has laid the page out. */
(function () {
  "use strict";

  var collator = new Intl.Collator("pl", { numeric: true, sensitivity: "base" });
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function key(row, index) {
    var cell = row.cells[index];
    if (!cell) {
      return "";
    }
    var value = cell.getAttribute("data-sort");
    return value !== null ? value : cell.textContent.replace(/\s+/g, " ").trim();
  }

  function comparator(type) {
    if (type === "number") {
      return function (a, b) { return (parseFloat(a) || 0) - (parseFloat(b) || 0); };
    }
    return function (a, b) {
      if (a === b) { return 0; }
      if (a === "") { return 1; }  // empty cells last
      if (b === "") { return -1; }
      return collator.compare(a, b);
    };
  }

  function sortBy(table, index, direction) {
    var header = table.tHead.rows[0];
    var compare = comparator(header.cells[index].getAttribute("data-kis-type"));
    var sign = direction === "descending" ? -1 : 1;
    var body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (row, i) {
      return { row: row, key: key(row, index), order: i };
    });
    rows.sort(function (a, b) { return sign * compare(a.key, b.key) || a.order - b.order; });
    rows.forEach(function (item) { body.appendChild(item.row); });
    each(header.cells, function (th, i) {
      if (i === index) {
        th.setAttribute("aria-sort", direction);
      } else {
        th.removeAttribute("aria-sort");
      }
    });
    var order = table.kisOrder;
    if (order) {
      order.value = index + ":" + direction;
    }
  }

  function headerText(th) {
    return th.textContent.replace(/\s+/g, " ").trim();
  }

  // The phone's sort control: rows are cards there and the column headers are not shown.
  function orderSelect(table) {
    var id = (table.id || "tabela") + "-kolejnosc";
    var wrap = table.closest(".kis-table-wrap") || table;
    var slot = wrap.previousElementSibling;  // the page's empty hidden <p data-kis-order>
    var box = slot && slot.hasAttribute("data-kis-order") ? slot : null;
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = "Kolejność";
    var select = document.createElement("select");
    select.id = id;
    each(table.tHead.rows[0].cells, function (th, index) {
      var name = headerText(th.querySelector(".kis-sort") || th);
      [["ascending", "rosnąco"], ["descending", "malejąco"]].forEach(function (pair) {
        var option = document.createElement("option");
        option.value = index + ":" + pair[0];
        option.textContent = name + " – " + pair[1];
        select.appendChild(option);
      });
    });
    var sorted = table.tHead.querySelector("th[aria-sort]");
    if (sorted) {
      select.value = sorted.cellIndex + ":" + sorted.getAttribute("aria-sort");
    }
    select.addEventListener("change", function () {
      var parts = select.value.split(":");
      wholeList(table).then(function () {
        table.kisSorted = true;
        sortBy(table, parseInt(parts[0], 10), parts[1]);
      });
    });
    if (!box) {  // a page without the slot: the list is inserted (and the page restyled)
      box = document.createElement("p");
      box.setAttribute("data-kis-order", "");
      wrap.parentNode.insertBefore(box, wrap);
    }
    box.appendChild(label);
    box.appendChild(document.createTextNode(" "));
    box.appendChild(select);
    box.hidden = false;
    table.kisOrder = select;
  }

  // --- lists in pages: every page's rows, read once, when a filter or a sort needs them ---

  function pagerOf(table) {
    var nav = document.querySelector("nav.kis-pager[data-kis-pages]");
    return nav && table.id === "tabela-klubow" ? nav : null;
  }

  function pageAddress(nav, number) {
    var first = new URL(nav.getAttribute("data-kis-first"), window.location.href);
    return number === 1 ? first.href : new URL("strona/" + number + "/", first).href;
  }

  // Resolves when the table's body holds the rows of every page, in list order.
  function wholeList(table) {
    var nav = pagerOf(table);
    if (!nav || table.kisWhole) {
      return Promise.resolve(true);
    }
    if (!table.kisLoading) {
      var count = parseInt(nav.getAttribute("data-kis-pages"), 10);
      var current = parseInt(nav.getAttribute("data-kis-page"), 10);
      var own = Array.prototype.slice.call(table.tBodies[0].rows);
      var reads = [];
      for (var n = 1; n <= count; n += 1) {
        reads.push(n === current ? Promise.resolve(own) : fetch(pageAddress(nav, n))
          .then(function (response) {
            if (!response.ok) { throw new Error(response.status); }
            return response.text();
          })
          .then(function (text) {
            var doc = new DOMParser().parseFromString(text, "text/html");
            var other = doc.getElementById(table.id);
            if (!other || !other.tBodies.length) { throw new Error("no table"); }
            return Array.prototype.map.call(other.tBodies[0].rows, function (row) {
              return document.importNode(row, true);
            });
          }));
      }
      table.kisOwnRows = own;
      table.kisLoading = Promise.all(reads).then(function (pages) {
        var body = table.tBodies[0];
        pages.forEach(function (rows) {
          rows.forEach(function (row) { body.appendChild(row); });
        });
        table.kisWhole = true;
        showPaging(table, false);
        return true;
      }, function () {
        table.kisLoading = null;
        return false;
      });
    }
    return table.kisLoading;
  }

  // Back to this page's own rows (no filter chosen and the list not re-sorted).
  function ownPage(table) {
    if (!table.kisWhole || table.kisSorted) {
      return;
    }
    var body = table.tBodies[0];
    while (body.firstChild) {
      body.removeChild(body.firstChild);
    }
    table.kisOwnRows.forEach(function (row) {
      row.hidden = false;
      body.appendChild(row);
    });
    table.kisWhole = false;
    table.kisLoading = null;
    showPaging(table, true);
  }

  function showPaging(table, shown) {
    var nav = pagerOf(table);
    each(document.querySelectorAll(".kis-pager__note"), function (note) { note.hidden = !shown; });
    if (nav) {
      nav.hidden = !shown;
    }
  }

  function makeSortable(table) {
    if (!table.tHead || !table.tBodies.length || table.tBodies[0].rows.length < 2) {
      return;
    }
    each(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kis-sort";
      while (th.firstChild) {
        button.appendChild(th.firstChild);
      }
      var icon = document.createElement("span");
      icon.className = "kis-sort__icon";
      icon.setAttribute("aria-hidden", "true");
      button.appendChild(icon);
      th.appendChild(button);
      var printed = document.createElement("span");  // a repeated printed header shows no button
      printed.className = "kis-print-label";
      printed.textContent = headerText(button);
      th.appendChild(printed);
      button.addEventListener("click", function () {
        var next = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        wholeList(table).then(function () {
          table.kisSorted = true;
          sortBy(table, index, next);
        });
      });
    });
    orderSelect(table);
    if (table.caption) {
      var hint = document.createElement("span");
      hint.className = "kis-sr-only";
      hint.textContent = " (tabelę sortują przyciski w nagłówkach kolumn albo lista „Kolejność”)";
      table.caption.appendChild(hint);
    }
  }

  function wireFilter(form) {
    var table = document.getElementById(form.getAttribute("data-kis-filter"));
    if (!table || !table.tBodies.length) {
      return;
    }
    var selects = form.querySelectorAll("select[data-kis-key]");
    var counter = form.querySelector("[data-kis-count]");
    var caption = table.caption && table.caption.firstChild;
    var captionBase = caption && caption.nodeType === 3 ? caption.nodeValue.trim() : null;
    var params = new URLSearchParams(window.location.search);
    each(selects, function (select) {
      var wanted = params.get(select.name);
      var known = Array.prototype.some.call(select.options, function (o) {
        return o.value === wanted;
      });
      if (wanted && known) {
        select.value = wanted;
      }
    });
    function remember() {
      var query = new URLSearchParams(window.location.search);
      each(selects, function (select) {
        if (select.value) {
          query.set(select.name, select.value);
        } else {
          query.delete(select.name);
        }
      });
      var text = query.toString();
      window.history.replaceState(window.history.state, "",
        window.location.pathname + (text ? "?" + text : "") + window.location.hash);
    }
    function describe() {
      var chosen = [];
      each(selects, function (select) {
        if (select.value) {
          var label = form.querySelector('label[for="' + select.id + '"]');
          chosen.push((label ? label.textContent.trim().toLowerCase() + ": " : "") +
            select.options[select.selectedIndex].textContent.trim());
        }
      });
      if (captionBase !== null) {
        caption.nodeValue = captionBase + (chosen.length ? " (" + chosen.join(", ") + ")" : "");
      }
    }
    function matches(row, select) {
      var wanted = select.value;
      if (!wanted) {
        return true;
      }
      var have = row.getAttribute("data-" + select.getAttribute("data-kis-key")) || "";
      if (select.getAttribute("data-kis-match") === "word") {
        return (" " + have + " ").indexOf(" " + wanted + " ") >= 0;
      }
      return have === wanted;
    }
    function chosen() {
      return Array.prototype.some.call(selects, function (s) { return s.value; });
    }
    function update() {
      if (!pagerOf(table)) {
        apply(true);
      } else if (chosen()) {
        if (counter) {
          counter.textContent = "Wczytywanie wszystkich stron listy…";
        }
        wholeList(table).then(apply);
      } else {
        ownPage(table);
        apply(true);
        if (counter && !table.kisWhole) {
          counter.textContent = "";  // the page note says which clubs this page shows
        }
      }
    }
    function apply(whole) {
      var rows = table.tBodies[0].rows;
      var shown = 0;
      each(rows, function (row) {
        var ok = Array.prototype.every.call(selects, function (s) { return matches(row, s); });
        row.hidden = !ok;
        shown += ok ? 1 : 0;
      });
      if (counter) {
        counter.textContent = "Pokazano " + shown + " z " + rows.length + " " +
          (rows.length === 1 ? "klubu" : "klubów") + (whole ? "." :
          " tej strony: nie udało się wczytać pozostałych stron listy.");
      }
      describe();
    }
    form.addEventListener("change", function () {
      update();
      remember();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    update();
  }

  // A table wider than the screen scrolls sideways inside its wrapper (Material's around
  // Markdown tables, ours around club tables). Such a wrapper becomes a named region that takes
  // focus, so that it can be scrolled from the keyboard too (WCAG 2.1.1). A ResizeObserver
  // tells when a wrapper has been laid out or resized: its sizes are read then, all before any
  // is changed, so that reading them never makes the browser lay the page out again.
  function markScrollable(wrap, scrolls) {
    var marked = wrap.hasAttribute("data-kis-scroll");
    if (scrolls && !marked && !wrap.hasAttribute("tabindex")) {
      var caption = wrap.querySelector("caption");
      wrap.setAttribute("data-kis-scroll", "");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", caption ? caption.textContent.trim() :
        "Tabela przewijana w poziomie");
    } else if (!scrolls && marked) {
      ["data-kis-scroll", "tabindex", "role", "aria-label"].forEach(function (name) {
        wrap.removeAttribute(name);
      });
    }
  }

  function watchScrollable() {
    var wraps = document.querySelectorAll(
      ".md-typeset__scrollwrap, .md-typeset .kis-table-wrap");
    if (!wraps.length) {
      return;
    }
    if (typeof window.ResizeObserver === "undefined") {  // older browsers: on load and resize
      var check = function () {
        var found = Array.prototype.map.call(wraps, function (wrap) {
          return [wrap, wrap.scrollWidth > wrap.clientWidth + 1];
        });
        found.forEach(function (pair) { markScrollable(pair[0], pair[1]); });
      };
      window.addEventListener("load", check);
      window.addEventListener("resize", check);
      return;
    }
    var observer = new window.ResizeObserver(function (entries) {
      var found = entries.map(function (entry) {
        var wrap = entry.target;
        return [wrap, wrap.scrollWidth > wrap.clientWidth + 1];
      });
      found.forEach(function (pair) { markScrollable(pair[0], pair[1]); });
    });
    each(wraps, function (wrap) { observer.observe(wrap); });
  }

  function init() {
    each(document.querySelectorAll("table[data-kis-sortable]"), makeSortable);
    each(document.querySelectorAll("form[data-kis-filter]"), wireFilter);
    watchScrollable();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
