/* rejestr-kis: sortable tables and table filters.
   Without this script every table is already sorted (the sorted column says so with aria-sort)
   and the filters are plain links to pre-built pages. With it, each column header becomes a
   button that sorts the table, and the filter form above a club table shows and hides rows. */
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
      button.addEventListener("click", function () {
        var next = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        sortBy(table, index, next);
      });
    });
    table.classList.add("kis-table--sortable");
    if (table.caption) {
      var hint = document.createElement("span");
      hint.className = "kis-sr-only";
      hint.textContent = " (przyciski w nagłówkach kolumn sortują tabelę)";
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
    function apply() {
      var rows = table.tBodies[0].rows;
      var shown = 0;
      each(rows, function (row) {
        var ok = Array.prototype.every.call(selects, function (s) { return matches(row, s); });
        row.hidden = !ok;
        shown += ok ? 1 : 0;
      });
      if (counter) {
        counter.textContent = "Pokazano " + shown + " z " + rows.length + " " +
          (rows.length === 1 ? "klubu" : "klubów") + ".";
      }
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  // A table wider than the screen scrolls sideways inside its wrapper (Material's around
  // Markdown tables, ours around club tables). Such a wrapper becomes a named region that takes
  // focus, so that it can be scrolled from the keyboard too (WCAG 2.1.1).
  function markScrollable(wrap) {
    var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
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

  function markAllScrollable() {
    each(document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset .kis-table-wrap"),
      markScrollable);
  }

  function init() {
    each(document.querySelectorAll("table[data-kis-sortable]"), makeSortable);
    each(document.querySelectorAll("form[data-kis-filter]"), wireFilter);
    markAllScrollable();
    window.addEventListener("resize", markAllScrollable);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
