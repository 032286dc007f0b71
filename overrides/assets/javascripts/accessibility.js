/* Two gaps in Material's header that its templates give no block to fix:
   - the search dialog (role="dialog") has no name: it gets its search field's;
   - when the color scheme follows the system setting, neither scheme's radio button is
     checked, so Tab lands on the first: a hidden control named "Switch to dark mode" on a
     dark page, which shows no focus. The radio of the scheme in use is marked checked (no
     change event: Material's own state is untouched), so Tab lands on the visible toggle. */
(function () {
  "use strict";

  function nameSearch() {
    var dialog = document.querySelector(".md-search[role='dialog']:not([aria-label]):not([aria-labelledby])");
    var field = document.querySelector(".md-search__input[aria-label]");
    if (dialog && field) dialog.setAttribute("aria-label", field.getAttribute("aria-label"));
  }

  function markScheme() {
    var options = Array.prototype.slice.call(document.querySelectorAll("input.md-option[name='__palette']"));
    if (options.some(function (option) { return option.checked; })) return;
    var scheme = document.body.getAttribute("data-md-color-scheme");
    var current = options.filter(function (option) {
      return option.getAttribute("data-md-color-scheme") === scheme;
    });
    if (current.length > 0) current[0].checked = true;
  }

  function start() {
    nameSearch();
    markScheme();
  }

  start();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
})();
