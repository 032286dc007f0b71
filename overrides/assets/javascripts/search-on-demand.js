// The search index (a third of a page's first view, and it grows with every activity and
// language) is fetched when a reader starts a search, not with every page. Material's
// bundle asks for it as it starts (an XMLHttpRequest); that one request is held here until
// the search field is used, then sent as it was made. Loaded before the bundle.
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var wanted = false;
  var held = [];

  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (send) { send(); });
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.guideSearchIndex = INDEX.test(String(url).split(/[?#]/)[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.guideSearchIndex && !wanted) {
      var request = this;
      var args = arguments;
      held.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  // Every way into search gives the field focus: a click or tap on it or on the search
  // button, and Material's keyboard shortcuts (/, s, f). The toggle covers the button too.
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches(".md-search__input")) want();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search") want();
  }, true);
  if (/[?&]q=/.test(window.location.search)) want();  // an address that opens a search
})();
