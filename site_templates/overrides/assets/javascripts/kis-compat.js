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
