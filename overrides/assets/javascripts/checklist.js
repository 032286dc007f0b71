/* Checklists that remember: each item of the checklist page becomes a tick box whose state
   stays in this browser (localStorage), keyed by district, activity and the item's stable id,
   so a coordinator can work through the list over weeks. Nothing leaves the browser.

   The page says what to enhance: an empty, hidden <div data-guide-checklist> (written by
   macros/templates/checklist.md.j2) carries the district, the activity and the words to
   show; the progress line and the reset go in it, and every list item after it
   (ul.guide-list > li[id]) gets a box. Without JavaScript the lists stay plain. */
(function () {
  "use strict";

  var PREFIX = "wbl-guide";

  // Storage can be refused (private windows, strict settings): ticks then last for the visit.
  var storage = (function () {
    try {
      var probe = PREFIX + ":probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null;
    }
  })();

  function remembered(key) {
    return storage !== null && storage.getItem(key) === "1";
  }

  function remember(key, ticked) {
    if (storage === null) return;
    if (ticked) storage.setItem(key, "1");
    else storage.removeItem(key);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? String(values[name]) : whole;
    });
  }

  function enhance(tools) {
    if (tools.dataset.enhanced) return;
    tools.dataset.enhanced = "true";
    var prefix = [PREFIX, tools.dataset.district, tools.dataset.activity].join(":") + ":";
    var items = [];
    // Every later sibling list of the page's checklist (the parts, however deeply nested).
    var sibling = tools.nextElementSibling;
    for (; sibling !== null; sibling = sibling.nextElementSibling) {
      if (sibling.matches("ul.guide-list")) {
        items = items.concat(Array.prototype.slice.call(sibling.querySelectorAll(":scope > li[id]")));
      }
    }
    if (items.length === 0) return;

    // The progress line (announced as it changes) and the reset button.
    var progress = document.createElement("p");
    progress.className = "guide-checklist-progress";
    progress.setAttribute("role", "status");
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button guide-checklist-reset";
    reset.textContent = tools.dataset.reset;
    tools.appendChild(progress);
    tools.appendChild(reset);

    var boxes = items.map(function (item) {
      var box = document.createElement("input");
      box.type = "checkbox";
      box.id = "guide-tick-" + item.id;
      box.className = "guide-tick";
      box.dataset.key = prefix + item.id;
      box.checked = remembered(box.dataset.key);
      // The item's own text (links and notes included) becomes the box's label.
      var label = document.createElement("label");
      label.htmlFor = box.id;
      label.className = "guide-tick-label";
      while (item.firstChild) label.appendChild(item.firstChild);
      item.appendChild(box);
      item.appendChild(label);
      item.classList.add("guide-checkable");
      box.addEventListener("change", function () {
        remember(box.dataset.key, box.checked);
        show();
      });
      return box;
    });

    function show() {
      var done = boxes.filter(function (box) { return box.checked; }).length;
      progress.textContent = fill(tools.dataset.progress, {done: done, total: boxes.length});
      items.forEach(function (item, index) { item.classList.toggle("guide-done", boxes[index].checked); });
    }

    reset.addEventListener("click", function () {
      if (!window.confirm(tools.dataset.confirm)) return;
      boxes.forEach(function (box) {
        box.checked = false;
        remember(box.dataset.key, false);
      });
      show();
      boxes[0].focus();
    });

    // Another tab of the same guide ticked something: show it here too.
    window.addEventListener("storage", function (event) {
      if (event.key !== null && event.key.indexOf(prefix) !== 0) return;
      boxes.forEach(function (box) { box.checked = remembered(box.dataset.key); });
      show();
    });

    show();
    tools.hidden = false;
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-guide-checklist]"), enhance);
  }

  // The page has loaded (scripts end the body). Material's instant navigation (off today)
  // would swap pages without a load: its document$ then says when; enhance() runs once.
  start();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
})();
