/* rejestr-kis: loaded before mkdocs-material's bundle.
   In browsers without ResizeObserver the bundle would load a polyfill from unpkg.com; the site
   must not request anything from another host, so a small stand-in is defined here instead. It
   reports sizes when the window is resized, which is enough for the theme's layout code. */
(function () {
  "use strict";
  if (typeof window.ResizeObserver !== "undefined") {
    return;
  }
  window.ResizeObserver = function (callback) {
    var targets = [];
    var observer = this;
    function report() {
      if (targets.length) {
        callback(targets.map(function (target) { return { target: target }; }), observer);
      }
    }
    window.addEventListener("resize", report);
    this.observe = function (target) {
      if (targets.indexOf(target) < 0) {
        targets.push(target);
      }
      window.setTimeout(report, 0);
    };
    this.unobserve = function (target) {
      targets = targets.filter(function (t) { return t !== target; });
    };
    this.disconnect = function () {
      targets = [];
      window.removeEventListener("resize", report);
    };
  };
})();

/* rejestr-kis: the open phone menu covers the page, so what it covers leaves the Tab order
   (inert): focus never lands on a link hidden behind it (WCAG 2.2, 2.4.11). Escape closes the
   menu and puts focus back on the menu button. The theme may set the menu's checkbox without a
   change event, so the state is read again after every click and key press. Without JavaScript
   the menu cannot be opened from the keyboard at all, so nothing is needed there. */
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  if (!drawer || !("inert" in HTMLElement.prototype)) {
    return;
  }
  var overlaid = window.matchMedia("(max-width: 76.234375em)"); /* the theme's drawer width */
  var covered = "[data-md-component=skip], [data-md-component=announce], .md-header, " +
    ".md-content, .md-sidebar--secondary, .md-footer";
  var open = false;
  function update() {
    var now = drawer.checked && overlaid.matches;
    if (now !== open) {
      open = now;
      document.querySelectorAll(covered).forEach(function (element) { element.inert = now; });
    }
  }
  function later() { window.setTimeout(update, 0); }
  drawer.addEventListener("change", update);
  document.addEventListener("click", later);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) {
      drawer.checked = false;
      update();
      var button = document.querySelector(".md-header label[for=__drawer]");
      if (button) {
        button.focus();
      }
    } else {
      later();
    }
  });
  window.addEventListener("resize", later);
})();
