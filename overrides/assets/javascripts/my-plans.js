/* My plans: every plan of every activity kept in this browser, the soonest next step first,
   with its date, progress and next step; export all of them to one file, import a file
   back (a merge that drops nothing; a bad file changes nothing), and print one plan.

   The page (macros/templates/plans.md.j2) holds an empty, hidden
   <div data-guide-my-plans> with the words to show (data-labels) and each activity's
   checklist items and timeline steps (data-activities, from macros/plan_outline.py). Data
   is only ever shown as text (textContent, attributes set one by one); activities and notes
   are looked up in prototype-less tables, so no id reaches Object's own properties, and
   ticks in Sets, so a page of thousands of plans is drawn in linear time.

   In a translated edition, a text the guide still shows in English is named in its
   entry's `english` list; it goes in an element of its own marked lang="en", in the list
   and in a printed plan, and a list or printed plan that shows one says so with the
   edition's notice (data-untranslated). So does a label of the page's still in English
   (data-english-labels, plans.js marker). */
(function () {
  "use strict";

  var D = window.wblDates;

  var make = window.wblPlans.make;

  function parsed(text, fallback) {
    try { return JSON.parse(text); } catch (error) { return fallback; }
  }

  var filled = window.wblPlans.filled;

  // Words as a node: a span marked with their language where it differs from the language
  // of what is around them, else plain text. `mark` is the page's (plans.js marker); `key`
  // the label the words are (undefined: words in the page's language), `within` the label
  // shown around them (undefined: the page).
  function part(mark, key, text, within) {
    var value = String(text === undefined ? "" : text);
    var span = mark(make("span", {}, value), key, within);
    return span.hasAttribute("lang") ? span : document.createTextNode(value);
  }

  // One text of an activity's outline (its title, an item's text, a step's timing or
  // text) as a node: a span marked lang="en" when the edition shows it in English (and,
  // inside a label still in English, `within`, one in the page's language marked so).
  function outlineText(entry, name, mark, within) {
    var value = String(entry[name] === undefined ? "" : entry[name]);
    var english = Array.isArray(entry.english) && entry.english.indexOf(name) !== -1;
    if (english) return make("span", {lang: "en"}, value);
    return mark ? part(mark, undefined, value, within) : document.createTextNode(value);
  }

  // The edition's notice that part of what is shown is in English, or null.
  function notice(root) {
    return root.dataset.untranslated ? make("p", {className: "guide-untranslated", role: "note"},
                                            root.dataset.untranslated) : null;
  }

  function enhance(root) {
    if (root.dataset.enhanced || !window.wblPlans) return;
    root.dataset.enhanced = "true";
    var labels = window.wblPlans.labels(root), fill = window.wblPlans.fill;
    var mark = window.wblPlans.marker(root);  // a label still in English is marked so (plans.js)
    // `element` showing the label `key` (its words, or `text` made from them), in its language.
    function put(element, key, text) {
      element.textContent = text === undefined ? labels[key] : text;
      return mark(element, key);
    }
    var activities = window.wblPlans.table();
    parsed(root.dataset.activities || "[]", []).forEach(function (activity) { activities[activity.id] = activity; });
    var store = window.wblPlans.open(root.dataset.district, labels.plan_first);
    var format = D.formatter(root.dataset.language);
    var closed = D.closedDays(parsed(root.dataset.closedDays || "[]", []));  // steps avoid them (plan-dates.js)

    // Export and import.
    var tools = make("div", {className: "guide-my-plans-tools"});
    var exportButton = put(make("button", {type: "button", className: "md-button md-button--primary guide-plans-export"}),
                           "plans_export");
    // Import is a button like Export, named by its words; it opens the browser's own file
    // chooser (the file field, out of sight and out of the tab order, which it names).
    var importButton = put(make("button", {type: "button", className: "md-button guide-plans-import-button"}),
                           "plans_import");
    var importInput = mark(make("input", {type: "file", id: "guide-plans-import", className: "guide-plans-import",
                                          accept: ".json,application/json", tabindex: "-1",
                                          "aria-label": labels.plans_import}), "plans_import");
    importInput.hidden = true;
    importButton.addEventListener("click", function () { importInput.click(); });
    [exportButton, importButton, importInput].forEach(function (element) { tools.appendChild(element); });
    var status = make("p", {className: "guide-plans-status", role: "status"});
    var failure = make("p", {className: "guide-plans-failure", role: "alert"});
    var list = make("ul", {className: "guide-plan-list"});
    // No plan yet: say so, and lead to the activities, where plans are started.
    var empty = put(make("p", {className: "guide-plans-none"}), "plans_none", labels.plans_none + " ");
    if (root.dataset.activitiesPage) {
      empty.appendChild(mark(make("a", {href: root.dataset.activitiesPage}, labels.plans_see_activities),
                             "plans_see_activities", "plans_none"));
    }
    // Shown while a plan of the list shows English, unless the page says so under its title.
    var untranslated = document.querySelector(".guide-untranslated") ? null : notice(root);
    if (untranslated) {
      untranslated.hidden = true;
      root.appendChild(untranslated);
    }
    [tools, status, failure, empty, list].forEach(function (element) { root.appendChild(element); });

    // The printed plan goes straight under <body>, so print CSS can show it alone.
    var sheet = make("section", {className: "guide-plan-print", "aria-hidden": "true"});
    document.body.appendChild(sheet);

    // What a plan's list entry and its printout say.
    function summary(plan) {
      var activity = activities[plan.activity] || {title: plan.activity, items: [], steps: [], schoolYearStart: "09-01"};
      var ids = activity.items.map(function (item) { return item.id; }), known = new Set(ids);
      var done = plan.ticks.filter(function (tick) { return known.has(tick); }).length;
      var removed = plan.ticks.filter(function (tick) { return !known.has(tick); });
      var date = D.parse(plan.date), steps = [], next = null, overdue = 0;
      if (date !== null) {
        var dates = D.stepDates(date, activity.steps, activity.schoolYearStart, closed);
        steps = activity.steps.map(function (step, index) { return {step: step, due: dates[index]}; });
        steps.slice().sort(function (a, b) { return D.compare(a.due, b.due); }).forEach(function (each) {
          if (D.past(each.due)) overdue += 1;
          else if (next === null) next = each;
        });
      } else {
        steps = activity.steps.map(function (step) { return {step: step, due: null}; });
      }
      // Steps whose date has passed while the plan still has one ahead: overdue.
      if (next === null) overdue = 0;
      return {activity: activity, date: date, done: done, total: ids.length, removed: removed, steps: steps, next: next,
              overdue: overdue};
    }

    function draw() {
      var entries = store.plans().map(function (plan) { return {plan: plan, about: summary(plan)}; });
      // Soonest next step first; plans with no step ahead (no date, or all past) after, by name.
      entries.sort(function (a, b) {
        if (a.about.next && b.about.next) return D.compare(a.about.next.due, b.about.next.due);
        if (a.about.next || b.about.next) return a.about.next ? -1 : 1;
        return a.plan.name.localeCompare(b.plan.name);
      });
      list.textContent = "";
      empty.hidden = entries.length > 0;
      exportButton.disabled = entries.length === 0;  // nothing to export yet
      entries.forEach(function (entry) { list.appendChild(card(entry.plan, entry.about)); });
      if (untranslated) untranslated.hidden = list.querySelector("[lang]") === null;
    }

    // A plan's date, named as its activity names it ("Interview date: Wednesday, March 31,
    // 2027"), or that it has none yet.
    function dated(about) {
      var span = make("span", {className: "guide-plan-date"});
      if (!about.date) {
        put(span, "plan_no_date");
      } else {
        span.appendChild(about.activity.dateLabel ? outlineText(about.activity, "dateLabel")
                                                  : part(mark, "planner_date", labels.planner_date));
        span.appendChild(document.createTextNode(": " + D.display(format, about.date)));
      }
      return span;
    }

    function card(plan, about) {
      var item = make("li", {className: "guide-plan-card", id: "plan-" + plan.id});
      var heading = make("h2", {id: "plan-" + plan.id + "-name"}, plan.name);
      item.appendChild(heading);
      var facts = make("p", {className: "guide-plan-facts"});
      var activityName = facts.appendChild(make("span", {className: "guide-plan-activity"}));
      activityName.appendChild(outlineText(about.activity, "title"));
      facts.appendChild(document.createTextNode(" · "));
      facts.appendChild(dated(about));
      item.appendChild(facts);
      if (about.total) {
        item.appendChild(put(make("p", {className: "guide-plan-progress"}), "checklist_progress",
                             fill(labels.checklist_progress, {done: about.done, total: about.total})));
      }
      if (about.removed.length) {
        item.appendChild(put(make("p", {className: "guide-plan-removed"}), "plan_removed_items",
                             fill(labels.plan_removed_items, {items: about.removed.join(", ")})));
      }
      if (about.next) {
        item.appendChild(filled(mark(make("p", {className: "guide-plan-next"}), "plan_next"), labels.plan_next, {},
                                {date: part(mark, undefined, D.display(format, about.next.due), "plan_next"),
                                 step: outlineText(about.next.step, "when", mark, "plan_next")}));
      } else if (about.date) {
        item.appendChild(put(make("p", {className: "guide-plan-next"}), "plan_all_past"));
      }
      if (about.overdue) {
        item.appendChild(put(make("p", {className: "guide-plan-overdue"}), "plan_overdue",
                             fill(labels.plan_overdue, {count: about.overdue})));
      }
      var links = make("p", {className: "guide-plan-links"});
      [["checklist", "plan_open_checklist"], ["timeline", "plan_open_timeline"]].forEach(function (pair) {
        var address = about.activity[pair[0]];
        if (!address) return;
        // Only the guide's own relative addresses, written by the build, are followed.
        if (!/^(\.\.\/)*[a-z0-9-]+\/[a-z0-9-]+\/$/.test(address)) return;
        var link = put(make("a", {href: address + "?plan=" + encodeURIComponent(plan.id),
                                  "aria-describedby": heading.id}), pair[1]);
        links.appendChild(link);
        links.appendChild(document.createTextNode(" "));
      });
      var print = put(make("button", {type: "button", className: "md-button guide-plan-print-button",
                                      "aria-describedby": heading.id}), "plan_print");
      print.addEventListener("click", function () { printPlan(plan); });
      links.appendChild(print);
      item.appendChild(links);
      return item;
    }

    // ----- Printing one plan: name, activity, dates by step with notes, ticks as boxes.

    function printPlan(plan) {
      var about = summary(plan);
      sheet.textContent = "";
      sheet.appendChild(make("h1", {}, plan.name));
      var facts = sheet.appendChild(make("p", {className: "guide-plan-facts"}));
      facts.appendChild(outlineText(about.activity, "title"));
      facts.appendChild(document.createTextNode(" · "));
      facts.appendChild(dated(about));
      if (about.steps.length) {
        sheet.appendChild(put(make("h2"), "plan_dates_heading"));
        var table = make("table", {className: "guide-plan-steps"});
        var head = make("tr");
        ["plan_step", "plan_step_date", "step_note"].forEach(function (key) {
          head.appendChild(put(make("th", {scope: "col"}), key));
        });
        table.appendChild(make("thead")).appendChild(head);
        var body = table.appendChild(make("tbody"));
        about.steps.forEach(function (each) {
          var row = make("tr");
          var step = row.appendChild(make("td"));
          step.appendChild(outlineText(each.step, "when"));
          step.appendChild(document.createTextNode(": "));
          step.appendChild(outlineText(each.step, "text"));
          row.appendChild(make("td", {className: "guide-plan-when"}, each.due ? D.display(format, each.due) : ""));
          var note = Object.prototype.hasOwnProperty.call(plan.notes, each.step.id) ? plan.notes[each.step.id] : "";
          row.appendChild(make("td", {}, typeof note === "string" ? note : ""));
          body.appendChild(row);
        });
        sheet.appendChild(table);
      }
      if (about.activity.items.length) {
        var listHeading = sheet.appendChild(make("h2"));
        listHeading.appendChild(part(mark, "plan_checklist_heading", labels.plan_checklist_heading));
        listHeading.appendChild(document.createTextNode(" ("));
        listHeading.appendChild(part(mark, "checklist_progress",
                                     fill(labels.checklist_progress, {done: about.done, total: about.total})));
        listHeading.appendChild(document.createTextNode(")"));
        var ticks = make("ul", {className: "guide-plan-ticks"}), done = new Set(plan.ticks);
        about.activity.items.forEach(function (entry) {
          var ticked = done.has(entry.id);
          var line = make("li", {className: ticked ? "guide-plan-ticked" : ""});
          // The sheet is for paper (aria-hidden): its filled or empty box says done or to do.
          line.appendChild(make("span", {className: "guide-plan-box"}));
          line.appendChild(outlineText(entry, "text"));
          ticks.appendChild(line);
        });
        sheet.appendChild(ticks);
      }
      if (about.removed.length) {
        sheet.appendChild(put(make("p"), "plan_removed_items",
                              fill(labels.plan_removed_items, {items: about.removed.join(", ")})));
      }
      // The printed plan stands alone: it says itself that part of it is in English.
      var printedNotice = sheet.querySelector("[lang]") ? notice(root) : null;
      if (printedNotice) sheet.insertBefore(printedNotice, sheet.children[1]);
      document.documentElement.classList.add("guide-printing-plan");
      window.print();
    }

    window.addEventListener("afterprint", function () {
      document.documentElement.classList.remove("guide-printing-plan");
    });

    // ----- Export and import.

    exportButton.addEventListener("click", function () {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([store.exportText()], {type: "application/json"}));
      link.download = "wbl-guide-plans-" + root.dataset.district + "-" + D.iso(D.today()) + ".json";
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    });

    var messages = {"damaged": "import_damaged", "newer": "import_newer", "not-plans": "import_not_plans",
                    "other-guide": "import_other_guide", "too-big": "import_too_big", "read-only": "save_failed"};

    function refused(result) {
      put(failure, messages[result.reason], fill(labels[messages[result.reason]], result));
      importInput.value = "";
    }

    importInput.addEventListener("change", function () {
      var file = importInput.files && importInput.files[0];
      if (!file) return;
      put(status, undefined, "");
      put(failure, undefined, "");
      // Larger than any plans file: refused before a byte of it is read.
      if (file.size > window.wblPlans.MAX_IMPORT_BYTES) {
        refused(window.wblPlans.tooBig());
        return;
      }
      var reader = new FileReader();
      reader.onload = function () {
        var result = store.importText(String(reader.result));
        if (result.ok) {
          put(status, "plans_imported", fill(labels.plans_imported, result));
          importInput.value = "";
        } else {
          refused(result);
        }
      };
      reader.onerror = function () {
        put(failure, "import_damaged");
        importInput.value = "";
      };
      reader.readAsText(file);
    });

    store.onFailure(function () { put(failure, "save_failed"); });
    store.onChange(draw);
    draw();
    root.hidden = false;
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-guide-my-plans]"), enhance);
  }

  start();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
})();
