/* Cost-of-inaction worksheet (kalkulator zaniechania) of rejestr-kis: no dependencies.
   Formulas, formats and texts come from the JSON in the page (#kis-kalkulator-dane), the same
   file generator/founding/calculator.py evaluates for the printed worked example. */
(function () {
  "use strict";
  var OPERATORS = {"+": " + ", "-": " − ", "*": " × ", "/": " ÷ "};
  var CEIL_SUFFIX = ", zaokrąglone w górę";
  var PLACEHOLDER = /\{([a-z_][a-z0-9_]*)\}/g;
  var formatters = {};

  function calc(expr, values) {
    if (typeof expr === "number") return expr;
    if (typeof expr === "string") return values[expr];
    var args = expr.slice(1).map(function (arg) { return calc(arg, values); });
    if (args.some(function (a) { return a === null; })) return null;
    if (expr[0] === "ceil") return Math.ceil(args[0]);
    var total = args[0];
    for (var i = 1; i < args.length; i++) {
      var x = args[i];
      if (expr[0] === "+") total = total + x;
      else if (expr[0] === "-") total = total - x;
      else if (expr[0] === "*") total = total * x;
      else if (x === 0) return null;
      else total = total / x;
    }
    return total;
  }

  function evaluate(spec, inputs) {
    var values = {};
    spec.inputs.forEach(function (item) {
      var raw = inputs[item.id];
      values[item.id] = raw === null || raw === undefined ? null : raw;
    });
    spec.constants.forEach(function (item) { values[item.id] = item.value; });
    spec.results.forEach(function (item) { values[item.id] = calc(item.expr, values); });
    return values;
  }

  function formatNumber(x, min, max) {
    var key = min + ":" + max;
    if (!formatters[key]) {
      formatters[key] = new Intl.NumberFormat("pl-PL", {
        minimumFractionDigits: min, maximumFractionDigits: max});
    }
    return formatters[key].format(x + 0); // -0 prints as 0
  }

  function formatValue(spec, x, fmt) {
    if (x === null) return spec.empty;
    var f = spec.formats[fmt];
    return formatNumber(x, f.min, f.max) + f.suffix;
  }

  function formatsByName(spec) {
    var named = {};
    spec.inputs.concat(spec.results).forEach(function (i) { named[i.id] = i.format; });
    spec.constants.forEach(function (c) { named[c.id] = null; });
    return named;
  }

  function named(spec, values, name) {
    var fmt = formatsByName(spec)[name];
    if (fmt) return formatValue(spec, values[name], fmt);
    return values[name] === null ? spec.empty : formatNumber(values[name], 0, 2);
  }

  function render(expr, nested, leaf) {
    if (!Array.isArray(expr)) return leaf(expr);
    var text;
    if (expr[0] === "ceil") text = render(expr[1], false, leaf) + CEIL_SUFFIX;
    else {
      text = expr.slice(1).map(function (arg) { return render(arg, true, leaf); })
        .join(OPERATORS[expr[0]]);
    }
    return nested ? "(" + text + ")" : text;
  }

  function substitute(spec, values, expr) {
    return render(expr, false, function (x) {
      return typeof x === "string" ? named(spec, values, x) : formatNumber(x, 0, 2);
    });
  }

  function fill(spec, values, template) {
    return template.replace(PLACEHOLDER, function (_, name) { return named(spec, values, name); });
  }

  function verdict(spec, values) {
    var v = spec.verdict;
    var key = values[v.result];
    var missing = spec.inputs.some(function (i) { return values[i.id] === null; });
    if (missing || key === null) return fill(spec, values, v.missing);
    var main = key > 0 ? v.positive : key < 0 ? v.negative : v.zero;
    var more = v.more.filter(function (t) {
      var names = (t.match(PLACEHOLDER) || []).map(function (p) { return p.slice(1, -1); });
      return names.every(function (n) { return values[n] !== null; });
    });
    return [main].concat(more).map(function (t) { return fill(spec, values, t); }).join(" ");
  }

  function compute(spec, inputs) {
    var values = evaluate(spec, inputs);
    return {
      values: values,
      rows: spec.results.map(function (r) {
        var value = formatValue(spec, values[r.id], r.format);
        return {id: r.id, numbers: substitute(spec, values, r.expr) + " = " + value,
                value: value};
      }),
      verdict: verdict(spec, values),
    };
  }

  function escapeClass(chars) {
    return chars.replace(/[\\\]\[^-]/g, "\\$&");
  }

  function message(template, values) {
    return template.replace(PLACEHOLDER, function (_, name) { return values[name]; });
  }

  // The number typed into an input, read as spec.reading says (calculator.py's read_number):
  // {value: number} or {value: null, message: "what to fix"}.
  function readNumber(spec, item, text) {
    var rules = spec.reading;
    var m = rules.messages;
    var rest = text.trim();
    if (!rest) return {value: null, message: m.empty};
    var units = rules.units.slice().sort(function (a, b) { return b.length - a.length; });
    for (var i = 0; i < units.length; i++) {
      var unit = units[i];
      if (rest.toLowerCase().slice(-unit.length) === unit) {
        rest = rest.slice(0, rest.length - unit.length).trim();
        break;
      }
    }
    var negative = rest.length > 0 && rules.minus.indexOf(rest[0]) >= 0;
    if (negative) rest = rest.slice(1).trim();
    var spaces = escapeClass(rules.spaces);
    var decimal = escapeClass(rules.decimal.join(""));
    var match = new RegExp("^([0-9]{1,3}(?:[" + spaces + "][0-9]{3})+|[0-9]+)(?:([" + decimal +
      "])([0-9]+))?$").exec(rest);
    if (!match) return {value: null, message: m.unreadable};
    var whole = match[1].replace(new RegExp("[" + spaces + "]", "g"), "");
    var mark = match[2] || "";
    var fraction = match[3] || "";
    if (mark === "." && fraction.length === 3 && whole === match[1]) {
      return {value: null, message: message(m.ambiguous, {
        tysiace: formatNumber(parseFloat(whole + fraction), 0, 3),
        ulamek: formatNumber(parseFloat(whole + "." + fraction), 0, 3)})};
    }
    var value = parseFloat(whole + "." + (fraction || "0"));
    if (negative) value = -value;
    var low = item.min !== undefined && value < item.min;
    var high = item.max !== undefined && value > item.max;
    var bounds = {min: formatNumber(item.min === undefined ? 0 : item.min, 0, 2),
                  max: formatNumber(item.max === undefined ? 0 : item.max, 0, 2)};
    if ((low || high) && item.min !== undefined && item.max !== undefined) {
      return {value: null, message: message(m.range, bounds)};
    }
    if (low) return {value: null, message: message(m.low, bounds)};
    if (high) return {value: null, message: message(m.high, bounds)};
    if (item.step === "1" && value !== Math.floor(value)) {
      return {value: null, message: m.integer};
    }
    return {value: value, message: ""};
  }

  var STORE = "kis-kalkulator";

  function remember(fields) {
    try {
      var typed = {};
      fields.forEach(function (f) { typed[f.item.id] = f.input.value; });
      window.sessionStorage.setItem(STORE, JSON.stringify(typed));
    } catch (e) { /* storage off: the page still works */ }
  }

  function restore(fields) {
    try {
      var typed = JSON.parse(window.sessionStorage.getItem(STORE) || "{}");
      fields.forEach(function (f) {
        if (typeof typed[f.item.id] === "string") f.input.value = typed[f.item.id];
      });
    } catch (e) { /* nothing kept */ }
  }

  function init() {
    var form = document.getElementById("kis-kalkulator");
    var data = document.getElementById("kis-kalkulator-dane");
    if (!form || !data) return;
    var spec = JSON.parse(data.textContent);
    var verdictBox = document.getElementById("kis-kalkulator-werdykt");
    var timer = null;
    var fields = spec.inputs.map(function (item) {
      return {item: item, input: form.elements[item.id],
              error: document.getElementById("kalk-" + item.id + "-blad")};
    });

    function update() {
      var inputs = {};
      fields.forEach(function (f) {
        var read = readNumber(spec, f.item, f.input.value);
        f.error.textContent = read.message;
        f.error.hidden = !read.message;
        if (read.message) f.input.setAttribute("aria-invalid", "true");
        else f.input.removeAttribute("aria-invalid");
        inputs[f.item.id] = read.value;
      });
      remember(fields);
      var result = compute(spec, inputs);
      result.rows.forEach(function (row) {
        form.ownerDocument.querySelector('[data-kalk-liczby="' + row.id + '"]').textContent =
          row.numbers;
        form.ownerDocument.querySelector('[data-kalk-wynik="' + row.id + '"]').textContent =
          row.value;
      });
      clearTimeout(timer); // the live region speaks once the user pauses
      timer = setTimeout(function () {
        if (verdictBox.textContent !== result.verdict) verdictBox.textContent = result.verdict;
      }, 400);
    }

    form.addEventListener("input", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    document.getElementById("kis-kalkulator-domyslne").addEventListener("click", function () {
      fields.forEach(function (f) { f.input.value = String(f.item.default); });
      update();
    });
    document.getElementById("kis-kalkulator-drukuj").addEventListener("click", function () {
      window.print();
    });
    document.getElementById("kis-kalkulator-akcje").hidden = false;
    document.getElementById("kis-kalkulator-stan").textContent =
      "Wyniki przeliczają się od razu po zmianie liczb w formularzu.";
    restore(fields); // what was typed before a reload, in this tab
    update();
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = {calc: calc, evaluate: evaluate, formatNumber: formatNumber,
                      readNumber: readNumber,
                      formatValue: formatValue, substitute: substitute, verdict: verdict,
                      compute: compute};
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
