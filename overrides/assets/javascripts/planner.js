/* The timeline planner: in the plan chosen above it (plans.js, plan-bar.js), pick the
   activity's date and each step of the timeline shows its own date and a note of the plan's
   own; download the plan as an iCalendar (.ics, RFC 5545) file made in the browser
   (plan-dates.js). No server is asked anything.

   The page says what to do: an empty, hidden <form data-guide-planner> (written by
   macros/templates/timeline.md.j2) carries the district, the activity, its title, the
   district's school-year start as "MM-DD" and the words to show; its controls are made
   here: the date field, the chosen date written out beside it in the edition's long form
   (the browser's field writes it its own way), and the download. Each step of the list
   after it carries its rule as data-due-count and data-due-unit ("month", "day" or
   "school-year"; a negative count is before the date). Without JavaScript the form stays
   hidden and empty, and the list stays plain. */
(function () {
  "use strict";

  var D = window.wblDates;

  function words(node) { return node.textContent.replace(/\s+/g, " ").trim(); }

  function firstSentence(text) {
    var match = /^.*?[.!?](?=\s|$)/.exec(text);
    return match ? match[0] : text;
  }

  var noteCount = 0;
  var TYPING_PAUSE = 400;  // ms after the last key before a note is kept

  function enhance(form) {
    if (form.dataset.enhanced || !window.wblPlans) return;
    form.dataset.enhanced = "true";
    var labels = window.wblPlans.labels(form);
    var mark = window.wblPlans.marker(form);  // a label still in English is marked so (plans.js)
    var activity = form.dataset.activity;
    var store = window.wblPlans.open(form.dataset.district, labels.plan_first);
    // The plan chooser goes just before the form: it has a form of its own, and forms never nest.
    var host = document.createElement("div");
    host.className = "guide-planner-plans";
    form.parentNode.insertBefore(host, form);
    var bar = window.wblPlanBar(host, {store: store, activity: activity, labels: labels, mark: mark,
                                       dateLabel: form.dataset.dateLabel, plansPage: form.dataset.plansPage,
                                       language: form.dataset.language, onSwitch: show,
                                       // One date field on the page: the planner's own steps
                                       // aside while the plan form (name and date) is open.
                                       onForm: function (open) { group.hidden = open; }});
    // The controls: the plan's date and the download, in a titled group.
    var group = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = form.dataset.title;
    mark(legend, "planner_title");
    var label = document.createElement("label");
    label.htmlFor = "guide-planner-date";
    label.textContent = form.dataset.dateLabel;
    mark(label, "date_label");
    var input = document.createElement("input");
    input.type = "date";
    input.id = label.htmlFor;
    input.name = "date";
    input.required = true;
    // The chosen date in the edition's one long form ("Wednesday, March 31, 2027"), beside
    // the field, which shows it as the browser does (03/31/2027): the field's description,
    // read with it. Its room is kept while it is empty (guide-tools.css).
    var written = document.createElement("span");
    written.id = "guide-planner-date-written";
    written.className = "guide-planner-date-written";
    input.setAttribute("aria-describedby", written.id);
    var button = document.createElement("button");
    button.type = "submit";
    button.className = "md-button md-button--primary";
    button.textContent = form.dataset.download;
    mark(button, "planner_download");
    [legend, label, input, written, button].forEach(function (element) { group.appendChild(element); });
    form.appendChild(group);
    var format = D.formatter(form.dataset.language);
    var closed;  // the district's closed days, which steps avoid (plan-dates.js)
    try { closed = D.closedDays(JSON.parse(form.dataset.closedDays || "[]")); } catch (error) { closed = D.closedDays([]); }

    var steps = [];
    for (var list = form.nextElementSibling; list !== null; list = list.nextElementSibling) {
      if (!list.matches("ol.guide-timeline")) continue;
      Array.prototype.forEach.call(list.querySelectorAll(":scope > li[data-due-unit]"), function (item) {
        var when = item.querySelector("strong");
        var rest = item.cloneNode(true);
        if (rest.querySelector("strong")) rest.removeChild(rest.querySelector("strong"));
        var time = document.createElement("time");
        time.className = "guide-planner-due";
        time.hidden = true;
        item.insertBefore(time, item.firstChild);
        // A step whose date has passed says so, in words (for screen readers too).
        var pastMark = mark(document.createElement("span"), "plan_step_past");
        pastMark.className = "guide-planner-past";
        pastMark.textContent = labels.plan_step_past;
        pastMark.hidden = true;
        item.insertBefore(pastMark, time.nextSibling);
        var step = {item: item, time: time, past: pastMark, id: item.id, count: +item.dataset.dueCount,
                    unit: item.dataset.dueUnit, when: when ? words(when).replace(/:$/, "") : "",
                    text: words(rest)};
        // The plan's own short note on this step, named by the step's timing.
        noteCount += 1;
        var note = document.createElement("p");
        note.className = "guide-step-note";
        var noteLabel = document.createElement("label");
        noteLabel.htmlFor = "guide-step-note-" + noteCount;
        noteLabel.textContent = labels.step_note;
        mark(noteLabel, "step_note");
        var hidden = document.createElement("span");
        hidden.className = "md-visually-hidden";
        hidden.textContent = step.when ? " (" + step.when + ")" : "";
        // A timing the edition still shows in English (marked lang="en" in the list) is read
        // as English; one in the page's language, in its own language under a label in English.
        if (when && when.querySelector("[lang]")) hidden.lang = when.querySelector("[lang]").lang;
        else mark(hidden, undefined, "step_note");
        noteLabel.appendChild(hidden);
        var field = document.createElement("input");
        field.type = "text";
        field.id = noteLabel.htmlFor;
        field.maxLength = 2000;
        field.autocomplete = "off";
        // "Saved", said quietly (a polite live region) once what is typed is kept.
        var saved = mark(document.createElement("span"), "plan_autosaved");
        saved.className = "guide-saved";
        saved.setAttribute("role", "status");
        note.appendChild(noteLabel);
        note.appendChild(field);
        note.appendChild(saved);
        item.appendChild(note);
        // Kept as it is typed (a moment after the last key), when the field is left, and
        // when the page is hidden or left (below): a reload or a closed tab loses nothing.
        field.addEventListener("input", function () {
          if (typing && typing.step !== step) keep();
          saved.textContent = "";
          if (!typing) typing = {step: step, plan: bar.plan()};
          clearTimeout(typing.timer);
          typing.timer = setTimeout(keep, TYPING_PAUSE);
        });
        field.addEventListener("change", keep);
        step.note = field;
        step.saved = saved;
        steps.push(step);
      });
    }

    function chosen() { return D.parse(input.value); }

    // The note being typed: its step and the plan it was typed in, until it is kept.
    var typing = null;

    function keep() {
      if (!typing) return;
      var step = typing.step, plan = store.find(typing.plan.id) || typing.plan;
      clearTimeout(typing.timer);
      typing = null;
      var text = step.note.value.trim();
      if ((plan.notes[step.id] || "") === text) return;
      if (store.note(plan, step.id, text)) step.saved.textContent = labels.plan_autosaved;
    }

    window.addEventListener("pagehide", function () { keep(); tidy(); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { keep(); tidy(); }
    });

    function show() {
      keep();  // a note still being typed goes to the plan it was typed in, before any redraw
      var plan = bar.plan();
      if (document.activeElement !== input) input.value = plan.date || "";
      var date = chosen();
      written.textContent = date === null ? "" : D.display(format, date);
      steps.forEach(function (step) {
        if (document.activeElement !== step.note) {
          step.note.value = plan.notes[step.id] || "";
          step.saved.textContent = "";
        }
        if (date === null) {
          step.time.hidden = true;
          step.time.removeAttribute("datetime");
          step.time.textContent = "";
          step.past.hidden = true;
          step.item.classList.remove("guide-step-past");
          return;
        }
        var due = D.dueDate(date, step.count, step.unit, form.dataset.schoolYearStart, closed);
        step.time.dateTime = D.iso(due);
        step.time.textContent = D.display(format, due);
        step.time.hidden = false;
        step.past.hidden = !D.past(due);
        step.item.classList.toggle("guide-step-past", D.past(due));
      });
    }

    // The plan whose date was just cleared from the field, until the field is left.
    var emptied = null;

    function remember() {
      var plan = bar.plan(), value = chosen() === null ? "" : input.value;
      if (plan.date !== value) store.update(plan, function () { plan.date = value; });
      emptied = value === "" ? plan : null;
    }

    // A date cleared from the unnamed plan that the date alone started leaves no empty
    // "My plan" behind (plans.js prune, as a check mark cleared does): once the field is left
    // empty, or the page hidden or left, not while it is being typed in (a date typed again
    // goes to the same plan).
    function tidy() {
      var plan = emptied;
      emptied = null;
      if (plan && chosen() === null) store.prune(store.find(plan.id));
    }

    function download() {
      var date = chosen(), plan = bar.plan();
      var title = form.dataset.activityTitle;
      var named = plan.name ? " (" + plan.name + ")" : "";
      var events = [{id: activity, date: date, summary: title + named,
                     description: form.dataset.dateLabel + ": " + D.display(format, date)}];
      steps.forEach(function (step) {
        var note = plan.notes[step.id] ? "\n" + labels.step_note + ": " + plan.notes[step.id] : "";
        events.push({id: step.id, date: D.dueDate(date, step.count, step.unit, form.dataset.schoolYearStart, closed),
                     summary: title + ": " + firstSentence(step.text) + named,
                     description: (step.when ? step.when + ": " : "") + step.text + note});
      });
      var text = D.calendar({title: title, name: plan.name, id: plan.draft ? "" : plan.id, date: date,
                             dateText: D.display(format, date),
                             district: form.dataset.district, activity: activity,
                             language: form.dataset.language, events: events});
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], {type: "text/calendar;charset=utf-8"}));
      link.download = activity + "-" + D.iso(date) + ".ics";
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    }

    input.addEventListener("input", function () { show(); remember(); });
    input.addEventListener("change", function () { show(); remember(); });
    input.addEventListener("blur", tidy);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (chosen() !== null) download();
    });

    store.onChange(show);
    show();
    form.hidden = false;
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-guide-planner]"), enhance);
  }

  // The page has loaded (scripts end the body). Material's instant navigation (off today)
  // would swap pages without a load: its document$ then says when; enhance() runs once.
  start();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
})();
