/* "Check a certificate" on /certyfikaty/: reads the number as people type it (any case, spaces,
   dashes of any kind, missing leading zeros) and answers from the list on the same page
   (li[data-number] with data-verdict), so nothing is sent anywhere; when the list is in pages
   and the number is not on this one, from the certificate's own page of this site. */
(function () {
  "use strict";

  // "kis 22 2024 2", "Kis–22–2024–002", "KIS222024002" → "KIS-22-2024-002"; null if no number.
  function normalise(text) {
    var tokens = text.toUpperCase().replace(/^\s*KIS/, "").split(/[^0-9A-Z]+/).filter(Boolean);
    var digits = tokens.join("");
    if (!/^\d+$/.test(digits)) return null;
    if (tokens.length === 3 && tokens[0].length === 2 && tokens[1].length === 4
        && tokens[2].length <= 3) {
      return "KIS-" + tokens[0] + "-" + tokens[1] + "-" + ("00" + tokens[2]).slice(-3);
    }
    if (digits.length === 9) {
      return "KIS-" + digits.slice(0, 2) + "-" + digits.slice(2, 6) + "-" + digits.slice(6);
    }
    return null;
  }

  // On the "page not found" page: an address like /certyfikaty/kis-22-2024-2/ goes to the
  // check box with that number, which names the certificate or says the register lacks it.
  function fromMissingPage() {
    var m = /\/certyfikaty\/([^/]+)\/?$/.exec(location.pathname);
    if (!m || !document.querySelector("[data-kis-not-found]")) return;
    var typed = decodeURIComponent(m[1]);
    location.replace(location.pathname.slice(0, m.index) + "/certyfikaty/?numer="
                     + encodeURIComponent(normalise(typed) || typed));
  }

  function init() {
    fromMissingPage();
    var form = document.getElementById("kis-cert-check");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var input = form.elements.numer;
    var answer = document.getElementById("kis-cert-answer");

    // A long list is in pages (nav.kis-pager): a number not on this page is looked up on the
    // certificate's own page, which carries the same data-* as the list's items.
    function lookUp(number) {
      var nav = document.querySelector("nav.kis-pager[data-kis-first]");
      if (!nav) return Promise.resolve(null);
      var base = new URL(nav.getAttribute("data-kis-first"), location.href);
      var url = new URL(number + "/", base).href;
      return fetch(url).then(function (response) {
        return response.ok ? response.text() : null;
      }).then(function (text) {
        var found = text && new DOMParser().parseFromString(text, "text/html")
          .querySelector("[data-number][data-verdict]");
        return found ? {data: found.dataset, href: url, base: base} : null;
      }).catch(function () { return null; });
    }

    function answerWith(number, found) {
      var p = document.createElement("p");
      if (!found) {
        p.textContent = "W rejestrze nie ma certyfikatu o numerze " + number + ". Sprawdź, czy "
          + "numer jest przepisany bez błędów. Jeśli jest, certyfikat nie został wpisany do "
          + "rejestru – zapytaj urząd wojewódzki, który miał go wydać.";
        answer.className = "kis-cert-answer kis-cert-answer--bad";
        answer.append(p);
        return;
      }
      var data = found.data;
      var strong = document.createElement("strong");
      strong.textContent = data.verdict;
      var link = document.createElement("a");
      link.href = found.href;
      link.textContent = "Szczegóły certyfikatu " + number;
      p.append(strong, " " + data.detail + " Wydany dla: " + data.club + ". ", link);
      if (data.successor) {
        var mine = document.querySelector('li[data-number="' + data.successor + '"] a');
        var successor = document.createElement("a");
        successor.href = mine ? mine.href : new URL(data.successor + "/", found.base).href;
        successor.textContent = data.successor;
        p.append(". Kolejny certyfikat: ", successor);
      }
      p.append(".");
      answer.className = "kis-cert-answer kis-cert-answer--" + (data.valid ? "ok" : "bad");
      answer.append(p);
    }

    function show() {
      var typed = input.value.trim();
      answer.replaceChildren();
      if (!typed) return;
      var number = normalise(typed);
      if (!number) {
        var p = document.createElement("p");
        p.textContent = "„" + typed + "” nie wygląda na numer certyfikatu. Numer ma postać "
          + "KIS-TT-RRRR-NNN, np. " + form.dataset.example + ".";
        answer.className = "kis-cert-answer kis-cert-answer--bad";
        answer.append(p);
        return;
      }
      var item = document.querySelector('li[data-number="' + number + '"]');
      if (item) {
        var here = new URL(item.querySelector("a").href, location.href);
        answerWith(number, {data: item.dataset, href: here.href, base: new URL("../", here)});
        return;
      }
      lookUp(number).then(function (found) {
        if (input.value.trim() === typed) answerWith(number, found);
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = new URL(location.href);
      url.searchParams.set("numer", input.value.trim());
      history.replaceState(null, "", url.href);
      show();
    });
    input.value = new URL(location.href).searchParams.get("numer") || "";
    show();
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = {normalise: normalise};
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
