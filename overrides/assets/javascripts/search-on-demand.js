// The search index (a third of a page's first view, and it grows with every activity and
// language) is fetched when a reader starts a search, not with every page. Material's
// bundle asks for it as it starts (an XMLHttpRequest); that one request is held here until
// the search field is used, then sent as it was made. So is the search worker, which the
// bundle starts as it starts too (its script, with the search engine, is 12 kB of every
// first view): the bundle gets a stand-in that keeps its listeners and messages, and the
// worker starts, and hears them, when search is used. Loaded before the bundle.
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var WORKER = /\/assets\/javascripts\/workers\/search\.[0-9a-f]+\.min\.js$/;
  var wanted = false;
  var held = [];

  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (send) { send(); });
  }

  var RealWorker = window.Worker;
  function StandIn(url, options) {
    var real = null;
    var listeners = [];
    var messages = [];
    this.addEventListener = function (type, listener, how) {
      if (real) real.addEventListener(type, listener, how);
      else listeners.push([type, listener, how]);
    };
    this.removeEventListener = function (type, listener, how) {
      if (real) real.removeEventListener(type, listener, how);
      else listeners = listeners.filter(function (l) { return l[0] !== type || l[1] !== listener; });
    };
    this.postMessage = function () {
      if (real) real.postMessage.apply(real, arguments);
      else messages.push(arguments);
    };
    this.terminate = function () {
      if (real) real.terminate();
      listeners = [];
      messages = [];
    };
    held.push(function () {
      real = new RealWorker(url, options);
      listeners.splice(0).forEach(function (l) { real.addEventListener(l[0], l[1], l[2]); });
      messages.splice(0).forEach(function (m) { real.postMessage.apply(real, m); });
    });
  }
  if (RealWorker) {
    window.Worker = function (url, options) {
      if (wanted || !WORKER.test(new URL(String(url), document.baseURI).pathname)) {
        return new RealWorker(url, options);
      }
      return new StandIn(url, options);
    };
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
