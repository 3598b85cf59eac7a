// Small enhancements; every page works without this file.
(function () {
  "use strict";
  // On a phone, fold the filter panel so the results come first; its summary says how many filters are on,
  // and the chosen filters are listed above the results.
  var filters = document.querySelector("details.filters");
  if (filters && window.matchMedia("(max-width: 47.99em)").matches) {
    filters.open = false;
  }
})();
