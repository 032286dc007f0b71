/* The plan chooser at the top of an activity's checklist and timeline: pick a plan, start
   a new one (name and date), rename it or change its date, delete it with an undo, and
   hear about a save that failed. Exposed as window.wblPlanBar(host, options); checklist.js
   and planner.js call it and redraw when the chosen plan changes.

   options: {store, activity, labels, mark, dateLabel, plansPage, language, onSwitch(plan),
   onForm(open)}: dateLabel is the activity's name for its date (its timeline's date_label);
   mark, the page's wblPlans.marker, marks a label still in English lang="en"; onForm, if
   given, hears when the form for a plan's name and date opens and closes. */
(function () {
  "use strict";

  var count = 0;  // ids stay unique when a page has two bars

  var make = window.wblPlans.make;

  function button(text, className) {
    var element = make("button", {type: "button", className: "md-button " + (className || "")}, text);
    return element;
  }

  window.wblPlanBar = function (host, options) {
    var store = options.store, labels = options.labels, activity = options.activity;
    var fill = window.wblPlans.fill;
    var mark = options.mark || function (node) { return node; };
    // `element` showing the label `key` (its words, or `text` made from them), in its language.
    function put(element, key, text) {
      element.textContent = text === undefined ? labels[key] : text;
      return mark(element, key);
    }
    var format = window.wblDates.formatter(options.language);  // the edition's long form
    count += 1;
    var id = "guide-plan-" + count;

    var group = make("div", {className: "guide-plans", role: "group", "aria-labelledby": id + "-title"});
    // A heading, so that a reader jumping by headings finds the plan tools.
    var title = put(make("h2", {className: "guide-plans-title", id: id + "-title"}), "plans_title");
    // Before anything is kept, the page says where check marks and dates go, and how to name it.
    var intro = window.wblPlans.filled(mark(make("p", {className: "guide-plan-intro"}), "plan_intro"),
                                       labels.plan_intro || "", {}, {
      "new": mark(make("span", {}, labels.plan_new), "plan_new", "plan_intro"),
      first: mark(make("span", {}, store.firstName), "plan_first", "plan_intro")});
    var chooserLabel = put(make("label", {"for": id + "-choose"}), "plan_choose");
    var chooser = make("select", {id: id + "-choose", className: "guide-plan-choose"});
    var actions = make("div", {className: "guide-plan-actions"});
    var newButton = put(button("", "guide-plan-new"), "plan_new");
    var editButton = put(button("", "guide-plan-edit"), "plan_rename");
    var deleteButton = put(button("", "guide-plan-delete"), "plan_delete");
    [newButton, editButton, deleteButton].forEach(function (element) { actions.appendChild(element); });

    // One small form for a new plan and for renaming: name and date.
    var form = make("form", {className: "guide-plan-form", "aria-labelledby": id + "-form-title"});
    form.hidden = true;
    var formTitle = make("p", {className: "guide-plan-form-title", id: id + "-form-title"});
    var nameLabel = put(make("label", {"for": id + "-name"}), "plan_name");
    var name = make("input", {id: id + "-name", type: "text", maxlength: "200", required: "",
                              "aria-describedby": id + "-hint", autocomplete: "off"});
    var hint = put(make("span", {id: id + "-hint", className: "guide-plan-hint"}), "plan_name_hint");
    var dateLabel = options.dateLabel ? put(make("label", {"for": id + "-date"}), "date_label", options.dateLabel)
                                      : put(make("label", {"for": id + "-date"}), "planner_date");
    var date = make("input", {id: id + "-date", type: "date"});
    var save = put(make("button", {type: "submit", className: "md-button md-button--primary"}), "plan_save");
    var cancel = put(button("", "guide-plan-cancel"), "plan_cancel");
    // "Saved", said quietly, once a name typed in the form is kept (below).
    var nameSaved = make("span", {className: "guide-saved", role: "status"});
    [formTitle, nameLabel, name, hint, dateLabel, date, save, cancel, nameSaved].forEach(function (element) {
      form.appendChild(element);
    });

    var status = make("p", {className: "guide-plan-status", role: "status"});
    var undo = put(button("", "guide-plan-undo"), "plan_undo");
    undo.hidden = true;
    var failure = make("p", {className: "guide-plan-failure", role: "alert"});
    var all = put(make("a", {className: "guide-plans-link", href: options.plansPage || "../../plans/"}), "my_plans_link");

    [title, intro, chooserLabel, chooser, actions, form, status, undo, failure, all].forEach(function (element) {
      group.appendChild(element);
    });
    host.appendChild(group);

    var editing = null;  // the plan being renamed, or null for a new one
    var original = null;  // its name and date when the form opened, for Cancel
    var pending = null;  // what Undo does (bring back a deleted plan, cleared check marks), or null
    var opener = newButton;  // the button that opened the form, for focus when it closes
    var typing = null;  // the timer of a name being typed

    function plan() { return store.current(activity); }

    function draw() {
      var chosen = plan(), plans = store.plans(activity);
      if (chosen.draft) plans = plans.concat([chosen]);
      chooser.textContent = "";
      plans.forEach(function (each) {
        var day = window.wblDates.parse(each.date);
        var option = make("option", {value: each.id}, each.name + (day ? " (" + window.wblDates.display(format, day) + ")" : ""));
        option.selected = each.id === chosen.id;
        chooser.appendChild(option);
      });
      deleteButton.disabled = Boolean(chosen.draft);
      intro.hidden = !chosen.draft;
    }

    // The plan started by a first check mark or date and not named yet, if it is the chosen one.
    function unnamed() {
      var chosen = plan();
      return !chosen.draft && chosen.name === store.firstName ? chosen : null;
    }

    // A status line (`text`, made from the label `key`); with an action, an Undo button
    // (focused) that does it, until the next status.
    function say(text, action, key) {
      put(status, key, text);
      pending = action || null;
      undo.hidden = !pending;
      if (pending) undo.focus();
    }

    function typedName() { return name.value.replace(/\s+/g, " ").trim(); }

    // What is typed in the form is never lost: a plan's new name is kept as it is typed; when
    // the page is hidden or left, the name and date too, and a new plan named but not yet
    // saved is started (the form then renames it).
    function keepTyped(leaving) {
      clearTimeout(typing);
      typing = null;
      if (form.hidden) return;
      var text = typedName(), kept;
      if (!text) return;
      if (editing) {
        kept = store.find(editing.id) || editing;
        var day = leaving && window.wblDates.parse(date.value) ? date.value : kept.date;
        if (kept.name === text && kept.date === day) return;
        store.update(kept, function () { kept.name = text; kept.date = day; });
        editing = kept;
      } else if (leaving) {
        editing = store.create(activity, text, window.wblDates.parse(date.value) ? date.value : "");
        put(formTitle, "plan_rename");
        original = null;
        options.onSwitch(editing);
      } else {
        return;
      }
      put(nameSaved, "plan_autosaved");
    }

    name.addEventListener("input", function () {
      nameSaved.textContent = "";
      clearTimeout(typing);
      if (editing) typing = setTimeout(function () { keepTyped(false); }, 400);
    });
    window.addEventListener("pagehide", function () { keepTyped(true); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") keepTyped(true);
    });

    // naming: the plan is the unnamed first one, named by "New plan" (its check marks stay).
    function openForm(plan, naming) {
      editing = plan;
      original = plan ? {name: plan.name, date: plan.date} : null;
      nameSaved.textContent = "";
      put(formTitle, naming ? "plan_name_it" : plan ? "plan_rename" : "plan_new");
      name.value = plan && !naming ? plan.name : "";
      date.value = plan ? plan.date : "";
      form.hidden = false;
      if (options.onForm) options.onForm(true);
      name.focus();
    }

    function closeForm(focus) {
      clearTimeout(typing);
      typing = null;
      form.hidden = true;
      if (options.onForm) options.onForm(false);
      editing = null;
      original = null;
      if (focus) focus.focus();
    }

    chooser.addEventListener("change", function () {
      store.choose(activity, chooser.value);
      say("", null);
      options.onSwitch(plan());
    });

    // "New plan" while the chosen plan is the unnamed first one names it, so that the check
    // marks already made are kept under the name (no second, empty plan).
    function startNaming(from) {
      var first = unnamed();
      opener = from;
      openForm(first, Boolean(first));
    }

    newButton.addEventListener("click", function () { startNaming(newButton); });
    editButton.addEventListener("click", function () { opener = editButton; openForm(plan()); });
    // Cancel gives a renamed plan back the name and date it had when the form opened.
    function cancelForm() {
      var kept = editing && original ? store.find(editing.id) : null;
      if (kept && (kept.name !== original.name || kept.date !== original.date)) {
        var before = original;
        store.update(kept, function () { kept.name = before.name; kept.date = before.date; });
      }
      closeForm(opener);
    }

    cancel.addEventListener("click", cancelForm);
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") cancelForm();
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(typing);
      typing = null;
      var text = typedName();
      if (!text) { name.focus(); return; }
      var day = window.wblDates.parse(date.value) ? date.value : "";
      var changed;
      if (editing) {
        changed = store.find(editing.id) || editing;
        store.update(changed, function (kept) { kept.name = text; kept.date = day; });
        say(fill(labels.plan_saved, {name: text}), null, "plan_saved");
      } else {
        changed = store.create(activity, text, day);
        say(fill(labels.plan_created, {name: text}), null, "plan_created");
      }
      closeForm(chooser);
      draw();
      options.onSwitch(changed);
    });

    deleteButton.addEventListener("click", function () {
      var chosen = plan();
      if (chosen.draft) return;
      var removed = store.remove(chosen.id);
      draw();
      options.onSwitch(plan());
      say(fill(labels.plan_deleted, {name: chosen.name}), function () {
        store.restore(removed);
        say(fill(labels.plan_restored, {name: removed.plan.name}), null, "plan_restored");
        draw();
        options.onSwitch(plan());
        chooser.focus();
      }, "plan_deleted");
    });

    undo.addEventListener("click", function () {
      var action = pending;
      pending = null;
      if (action) action();
    });

    store.onFailure(function () { put(failure, "save_failed"); });
    store.onChange(draw);

    // A link from My plans (?plan=<id>) opens that plan.
    var asked = new URLSearchParams(window.location.search).get("plan");
    var wanted = asked && store.find(asked);
    if (wanted && wanted.activity === activity && store.current(activity).id !== wanted.id) {
      store.choose(activity, wanted.id);
    }
    draw();
    // For the page's script: the chosen plan, a status with Undo, the row of plan buttons
    // (the checklist's "Clear all check marks" joins it), and naming the unnamed plan.
    return {plan: plan, say: say, actions: actions, name: startNaming};
  };
})();
