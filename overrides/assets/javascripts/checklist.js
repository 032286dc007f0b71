/* Checklists that remember: each item of the checklist page becomes a tick box, ticked in
   the plan chosen above the list (plans.js, plan-bar.js), which this browser keeps by the
   item's stable id, so a coordinator can work through several events over weeks. Nothing
   leaves the browser.

   The page says what to enhance: an empty, hidden <div data-guide-checklist> (written by
   macros/templates/checklist.md.j2) carries the district, the activity and the words to
   show; the plan chooser (with "Clear all check marks" among its buttons) and the progress
   line go in it, and every list item after it (ul.guide-list > li[id]) gets a box. The first
   check mark on a page with no plan starts one and says so under the item, with a button to
   name it. Without JavaScript the lists stay plain. */
(function () {
  "use strict";

  function enhance(tools) {
    if (tools.dataset.enhanced || !window.wblPlans) return;
    tools.dataset.enhanced = "true";
    var labels = window.wblPlans.labels(tools);
    var mark = window.wblPlans.marker(tools);  // a label still in English is marked so (plans.js)
    var activity = tools.dataset.activity;
    var store = window.wblPlans.open(tools.dataset.district, labels.plan_first);
    var items = [];
    // Every later sibling list of the page's checklist (the parts, however deeply nested).
    var sibling = tools.nextElementSibling;
    for (; sibling !== null; sibling = sibling.nextElementSibling) {
      if (sibling.matches("ul.guide-list")) {
        items = items.concat(Array.prototype.slice.call(sibling.querySelectorAll(":scope > li[id]")));
      }
    }
    if (items.length === 0) return;

    // The plan's date is named as the activity's timeline names it ("Interview date").
    var bar = window.wblPlanBar(tools, {store: store, activity: activity, labels: labels, mark: mark,
                                        dateLabel: tools.dataset.dateLabel, language: tools.dataset.language,
                                        plansPage: tools.dataset.plansPage, onSwitch: show});

    var fill = window.wblPlans.fill, make = window.wblPlans.make;
    // The progress line (announced as it changes), ticks the guide no longer has, the reset
    // (with the plan tools' buttons, undone by their Undo).
    var progress = mark(document.createElement("p"), "checklist_progress");
    progress.className = "guide-checklist-progress";
    progress.setAttribute("role", "status");
    var gone = mark(document.createElement("p"), "plan_removed_items");
    gone.className = "guide-checklist-removed";
    gone.hidden = true;
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button guide-checklist-reset";
    reset.textContent = tools.dataset.reset;
    mark(reset, "checklist_reset");
    // Where the first check mark says it started a plan: under the item checked, where the
    // reader is looking (the plan tools may be scrolled away on a phone). The live region is
    // in the page from the start; it moves under the item before it speaks.
    var started = make("div", {className: "guide-plan-started"});
    var startedText = mark(make("p", {role: "status"}), "plan_started");
    var nameIt = mark(make("button", {type: "button", className: "md-button guide-plan-name-it"}, labels.plan_name_it),
                      "plan_name_it");
    nameIt.hidden = true;
    started.appendChild(startedText);
    started.appendChild(nameIt);
    tools.appendChild(progress);
    tools.appendChild(gone);
    tools.appendChild(started);
    bar.actions.appendChild(reset);
    var ids = items.map(function (item) { return item.id; });

    var boxes = items.map(function (item) {
      var box = document.createElement("input");
      box.type = "checkbox";
      box.id = "guide-tick-" + item.id;
      box.className = "guide-tick";
      box.dataset.item = item.id;
      // The item's own text (links and notes included) becomes the box's label.
      var label = document.createElement("label");
      label.htmlFor = box.id;
      label.className = "guide-tick-label";
      while (item.firstChild) label.appendChild(item.firstChild);
      item.appendChild(box);
      item.appendChild(label);
      item.classList.add("guide-checkable");
      box.addEventListener("change", function () {
        var plan = bar.plan(), first = Boolean(plan.draft);
        store.tick(plan, item.id, box.checked);
        if (first && box.checked) announce(item, plan);
        // Unchecking the only mark of the unnamed plan leaves no empty plan behind.
        if (!box.checked) store.prune(store.find(plan.id));
      });
      return box;
    });

    function announce(item, plan) {
      startedText.textContent = "";
      item.appendChild(started);
      nameIt.hidden = false;
      // A moment after the move, so that screen readers hear the new words.
      setTimeout(function () { startedText.textContent = fill(labels.plan_started, {name: plan.name}); }, 150);
    }

    nameIt.addEventListener("click", function () { bar.name(nameIt); });

    function show() {
      var plan = bar.plan();
      // Once the plan is named (or another chosen), the note under the item has done its work.
      if (plan.draft || plan.name !== store.firstName) {
        nameIt.hidden = true;
        startedText.textContent = "";
      }
      reset.disabled = !plan.ticks.some(function (tick) { return ids.indexOf(tick) !== -1; });
      boxes.forEach(function (box) { box.checked = plan.ticks.indexOf(box.dataset.item) !== -1; });
      var done = boxes.filter(function (box) { return box.checked; }).length;
      progress.textContent = window.wblPlans.fill(tools.dataset.progress, {done: done, total: boxes.length});
      items.forEach(function (item, index) { item.classList.toggle("guide-done", boxes[index].checked); });
      // A tick whose item the guide has since removed is listed, never silently dropped.
      var removed = plan.ticks.filter(function (tick) { return ids.indexOf(tick) === -1; });
      gone.textContent = removed.length ? window.wblPlans.fill(labels.plan_removed_items, {items: removed.join(", ")}) : "";
      gone.hidden = removed.length === 0;
    }

    // Clear every check mark of this checklist in the chosen plan, with Undo (no dialog). An
    // unnamed plan left empty is removed, and Undo brings it back.
    reset.addEventListener("click", function () {
      var plan = bar.plan();
      var cleared = plan.ticks.filter(function (tick) { return ids.indexOf(tick) !== -1; });
      if (!cleared.length) return;
      store.update(plan, function () {
        plan.ticks = plan.ticks.filter(function (tick) { return ids.indexOf(tick) === -1; });
      });
      var pruned = store.prune(plan);
      bar.say(fill(labels.checklist_cleared, {count: cleared.length}), function () {
        if (pruned) store.restore(pruned);
        var kept = store.find(plan.id);
        if (!kept) return;
        store.update(kept, function () {
          cleared.forEach(function (tick) { if (kept.ticks.indexOf(tick) === -1) kept.ticks.push(tick); });
        });
        store.choose(kept.activity, kept.id);
        bar.say(fill(labels.checklist_restored, {count: cleared.length}), null, "checklist_restored");
        reset.focus();
      }, "checklist_cleared");
    });

    store.onChange(show);
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
