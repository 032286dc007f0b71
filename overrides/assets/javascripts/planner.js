/* The timeline planner: pick the activity's date and each step of the timeline shows its
   own date; download the plan as an iCalendar (.ics, RFC 5545) file made in the browser.
   No server is asked anything.

   The page says what to do: an empty, hidden <form data-guide-planner> (written by
   macros/templates/timeline.md.j2) carries the district, the activity, its title, the
   district's school-year start as "MM-DD" and the words to show; its controls are made
   here. Each step of the list after it carries its rule as data-due-count and data-due-unit
   ("month", "day" or "school-year"; a negative count is before the date). Without
   JavaScript the form stays hidden and empty, and the list stays plain. */
(function () {
  "use strict";

  // ----- Dates: whole days in the proleptic Gregorian calendar, never local time zones.

  // A UTC Date for a day; setUTCFullYear, because Date.UTC reads years 0-99 as 1900-1999.
  function utc(year, month, day) {  // month 1-12; days beyond the month roll over
    var date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    return date;
  }

  function daysInMonth(year, month) {
    return utc(year, month + 1, 0).getUTCDate();
  }

  function parseDate(text) {  // "2025-03-31" -> {year, month, day}, or null
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!match) return null;
    var date = {year: +match[1], month: +match[2], day: +match[3]};
    return date.month >= 1 && date.month <= 12 && date.day >= 1 &&
      date.day <= daysInMonth(date.year, date.month) ? date : null;
  }

  function compare(first, second) {
    return (first.year - second.year) || (first.month - second.month) || (first.day - second.day);
  }

  function addDays(date, count) {
    var moved = utc(date.year, date.month, date.day + count);
    return {year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate()};
  }

  // Two months before 31 March is 31 January; one month before it is the last day of
  // February: a day the target month lacks becomes its last day.
  function addMonths(date, count) {
    var index = date.year * 12 + (date.month - 1) + count;
    var year = Math.floor(index / 12), month = index - year * 12 + 1;
    return {year: year, month: month, day: Math.min(date.day, daysInMonth(year, month))};
  }

  // The start of the school year on or before the date ("09-01": 1 September).
  function schoolYearStart(date, monthDay) {
    var parts = monthDay.split("-"), month = +parts[0], day = +parts[1];
    function inYear(year) { return {year: year, month: month, day: Math.min(day, daysInMonth(year, month))}; }
    var start = inYear(date.year);
    return compare(start, date) <= 0 ? start : inYear(date.year - 1);
  }

  function dueDate(date, count, unit, monthDay) {
    if (unit === "school-year") return schoolYearStart(date, monthDay);
    if (unit === "month") return addMonths(date, count);
    return addDays(date, count);
  }

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) text = "0" + text;
    return text;
  }

  function iso(date) { return pad(date.year, 4) + "-" + pad(date.month, 2) + "-" + pad(date.day, 2); }
  function basic(date) { return iso(date).replace(/-/g, ""); }

  // ----- iCalendar (RFC 5545): CRLF line ends, lines folded at 75 octets, escaped text.

  function escapeText(text) {
    return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
  }

  var encoder = new TextEncoder();

  function fold(line) {
    var lines = [], current = "", size = 0;
    Array.from(line).forEach(function (character) {  // whole code points: never split one
      var bytes = encoder.encode(character).length;
      if (size + bytes > 75) {  // a continuation line starts with a space, which counts
        lines.push(current);
        current = " ";
        size = 1;
      }
      current += character;
      size += bytes;
    });
    lines.push(current);
    return lines.join("\r\n");
  }

  function stamp(now) {
    return now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  }

  function calendar(plan) {
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//WBL Guide//Timeline planner//EN",
                 "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                 "X-WR-CALNAME:" + escapeText(plan.title + " " + iso(plan.date))];
    var made = stamp(new Date());
    // The words are in the page's language (RFC 5545 LANGUAGE parameter).
    var language = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(plan.language || "") ? ";LANGUAGE=" + plan.language : "";
    plan.events.forEach(function (event) {
      lines.push("BEGIN:VEVENT",
                 // Stable for the same plan, so importing it again updates rather than duplicates.
                 "UID:" + event.id + "." + basic(plan.date) + "." + plan.activity + "." + plan.district + "@wbl-guide",
                 "DTSTAMP:" + made,
                 "DTSTART;VALUE=DATE:" + basic(event.date),
                 "DTEND;VALUE=DATE:" + basic(addDays(event.date, 1)),  // all-day: the end is exclusive
                 "SUMMARY" + language + ":" + escapeText(event.summary),
                 "DESCRIPTION" + language + ":" + escapeText(event.description),
                 "TRANSP:TRANSPARENT",
                 "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  // ----- The page.

  function words(node) { return node.textContent.replace(/\s+/g, " ").trim(); }

  function firstSentence(text) {
    var match = /^.*?[.!?](?=\s|$)/.exec(text);
    return match ? match[0] : text;
  }

  function enhance(form) {
    if (form.dataset.enhanced) return;
    form.dataset.enhanced = "true";
    // The controls: a date field and the download, in a titled group.
    var group = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = form.dataset.title;
    var label = document.createElement("label");
    label.htmlFor = "guide-planner-date";
    label.textContent = form.dataset.dateLabel;
    var input = document.createElement("input");
    input.type = "date";
    input.id = label.htmlFor;
    input.name = "date";
    input.required = true;
    var button = document.createElement("button");
    button.type = "submit";
    button.className = "md-button md-button--primary";
    button.textContent = form.dataset.download;
    [legend, label, input, button].forEach(function (element) { group.appendChild(element); });
    form.appendChild(group);
    var key = ["wbl-guide", form.dataset.district, form.dataset.activity, "planner", "date"].join(":");
    var format = new Intl.DateTimeFormat(form.dataset.language || document.documentElement.lang || undefined,
      {weekday: "long", year: "numeric", month: "long", day: "numeric", timeZone: "UTC"});

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
        steps.push({item: item, time: time, id: item.id, count: +item.dataset.dueCount,
                    unit: item.dataset.dueUnit, when: when ? words(when).replace(/:$/, "") : "",
                    text: words(rest)});
      });
    }

    function chosen() { return parseDate(input.value); }

    function show() {
      var date = chosen();
      steps.forEach(function (step) {
        if (date === null) {
          step.time.hidden = true;
          step.time.removeAttribute("datetime");
          step.time.textContent = "";
          return;
        }
        var due = dueDate(date, step.count, step.unit, form.dataset.schoolYearStart);
        step.time.dateTime = iso(due);
        step.time.textContent = format.format(utc(due.year, due.month, due.day));
        step.time.hidden = false;
      });
    }

    function remember() {
      try {
        if (chosen() === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, input.value);
      } catch (error) { /* storage refused: the date lasts for the visit */ }
    }

    function download() {
      var date = chosen();
      var title = form.dataset.activityTitle;
      var events = [{id: form.dataset.activity, date: date, summary: title,
                     description: form.dataset.dateLabel + ": " + format.format(
                       utc(date.year, date.month, date.day))}];
      steps.forEach(function (step) {
        events.push({id: step.id, date: dueDate(date, step.count, step.unit, form.dataset.schoolYearStart),
                     summary: title + ": " + firstSentence(step.text),
                     description: (step.when ? step.when + ": " : "") + step.text});
      });
      var text = calendar({title: title, date: date, district: form.dataset.district,
                           activity: form.dataset.activity, language: form.dataset.language, events: events});
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], {type: "text/calendar;charset=utf-8"}));
      link.download = form.dataset.activity + "-" + iso(date) + ".ics";
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    }

    input.addEventListener("input", function () { show(); remember(); });
    input.addEventListener("change", function () { show(); remember(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (chosen() !== null) download();
    });

    try {
      var saved = window.localStorage.getItem(key);
      if (parseDate(saved)) input.value = saved;
    } catch (error) { /* storage refused */ }
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
