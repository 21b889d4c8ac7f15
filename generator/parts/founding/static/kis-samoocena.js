/* Readiness self-check of rejestr-kis: keeps the answers in this browser only (localStorage)
   and shows which criteria are still missing. No dependencies; nothing leaves the browser.
   The storage key comes from the page (data-storage-key): it changes with the criteria codes. */
(function () {
  "use strict";
  var PREFIX = "kis-samoocena-";

  function load(key) {
    try {
      var saved = JSON.parse(window.localStorage.getItem(key) || "[]");
      return Array.isArray(saved) ? saved : [];
    } catch (e) {
      return [];
    }
  }

  function store(key, codes) {
    try {
      if (codes.length) window.localStorage.setItem(key, JSON.stringify(codes));
      else window.localStorage.removeItem(key);
      return true;
    } catch (e) {
      return false;
    }
  }

  function forgetOldVersions(key) {
    try {
      var old = [];
      for (var i = 0; i < window.localStorage.length; i++) {
        var k = window.localStorage.key(i);
        if (k && k.indexOf(PREFIX) === 0 && k !== key) old.push(k);
      }
      old.forEach(function (k) { window.localStorage.removeItem(k); });
    } catch (e) { /* storage unavailable: nothing to forget */ }
  }

  function init() {
    var form = document.getElementById("kis-samoocena");
    if (!form) return;
    var key = form.getAttribute("data-storage-key");
    var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"]'));
    var missingItems = Array.prototype.slice.call(document.querySelectorAll("[data-brak]"));
    var missingGroups = Array.prototype.slice.call(document.querySelectorAll("[data-brak-grupa]"));
    var status = document.getElementById("kis-samoocena-stan");
    var done = document.getElementById("kis-samoocena-gotowe");
    var missingBox = document.getElementById("kis-samoocena-braki");
    var saved = true;

    function checked() {
      return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.name; });
    }

    function render(prefix) {
      var yes = checked();
      missingItems.forEach(function (li) {
        li.hidden = yes.indexOf(li.getAttribute("data-brak")) >= 0;
      });
      missingGroups.forEach(function (group) {
        group.hidden = !group.querySelector("[data-brak]:not([hidden])");
      });
      var left = boxes.length - yes.length;
      done.hidden = left > 0;
      missingBox.hidden = left === 0;
      status.textContent = (prefix || "") + "Spełnione kryteria: " + yes.length + " z " +
        boxes.length + "." + (left ? " Brakuje jeszcze: " + left + "." : "") +
        (saved ? "" : " Ta przeglądarka nie pozwala zapisać odpowiedzi – wydrukuj listę.");
    }

    var answers = load(key);
    boxes.forEach(function (b) { b.checked = answers.indexOf(b.name) >= 0; });
    forgetOldVersions(key);

    form.addEventListener("change", function () {
      saved = store(key, checked());
      render();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    document.getElementById("kis-samoocena-wyczysc").addEventListener("click", function () {
      boxes.forEach(function (b) { b.checked = false; });
      saved = store(key, []);
      render("Odpowiedzi wyczyszczone. ");
    });
    document.getElementById("kis-samoocena-drukuj").addEventListener("click", function () {
      window.print();
    });
    document.getElementById("kis-samoocena-akcje").hidden = false;
    render();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
