// Small enhancements; every page works without this file.
(function () {
  "use strict";
  // On a phone, fold the filter panel so the results come first; its summary says how many filters are on,
  // and the chosen filters are listed above the results.
  var filters = document.querySelector("details.filters");
  if (filters && window.matchMedia("(max-width: 47.99em)").matches) {
    filters.open = false;
  }

  // The family centre's offer lives in the address (?m=id&m=id). Without this script an "Add to the offer" link
  // opens the offer; with it, the method is added where the reader is: the address, the links that carry the
  // offer and the forms' hidden fields all gain it, and she goes on choosing.
  function withMethod(href, id) {
    var url = new URL(href, window.location.href);
    if (url.searchParams.getAll("m").indexOf(id) === -1) {
      url.searchParams.append("m", id);
    }
    return url.pathname + url.search + url.hash;
  }

  function addToOffer(link) {
    var id = link.getAttribute("data-add");
    history.replaceState(null, "", withMethod(window.location.href, id));
    document.querySelectorAll("[data-offer-link], a[data-add]").forEach(function (other) {
      other.setAttribute("href", withMethod(other.getAttribute("href"), id));
    });
    document.querySelectorAll("form[data-offer]").forEach(function (form) {
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = "m";
      field.value = id;
      form.appendChild(field);
    });
    var count = document.querySelector("[data-offer-count]");
    if (count) {
      count.textContent = String(new URL(window.location.href).searchParams.getAll("m").length);
    }
    link.removeAttribute("data-add");
    link.classList.add("add-to-offer--in");
    link.firstChild.textContent = link.getAttribute("data-added");
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-add]") : null;
    if (link && link.hasAttribute("data-added") && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      addToOffer(link);
    }
  });

  // The offer's page: copy its address, print the plan (both buttons are hidden without this script).
  var copy = document.querySelector("[data-copy]");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      var field = document.getElementById(copy.getAttribute("data-copy"));
      var status = document.querySelector("[data-copied]");
      navigator.clipboard.writeText(field.value).then(function () {
        status.textContent = status.getAttribute("data-copied");
      });
    });
  }
  var print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () {
      window.print();
    });
  }
})();
