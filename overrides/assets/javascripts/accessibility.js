/* Accessible names Material leaves out, added where its templates cannot be extended by a
   block: the search dialog (role="dialog") gets the name of its search field. */
(function () {
  "use strict";

  function name() {
    var dialog = document.querySelector(".md-search[role='dialog']:not([aria-label]):not([aria-labelledby])");
    var field = document.querySelector(".md-search__input[aria-label]");
    if (dialog && field) dialog.setAttribute("aria-label", field.getAttribute("aria-label"));
  }

  name();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(name);
})();
