// On a phone the facets start folded behind their «فیلترها» button, above the results; on a wide
// screen (and without JavaScript) they stay open beside them.
(function () {
  "use strict";
  var panel = document.querySelector(".facets-panel");
  if (!panel || !window.matchMedia) return;
  var narrow = window.matchMedia("(max-width: 48rem)");
  function fit() { panel.open = !narrow.matches; }
  fit();
  if (narrow.addEventListener) narrow.addEventListener("change", fit);
})();
