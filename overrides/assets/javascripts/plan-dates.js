/* Dates and calendars for plans, shared by planner.js (the timeline page) and my-plans.js:
   whole days in the proleptic Gregorian calendar (never local time zones), each timeline
   step's due date from the plan's date, and an iCalendar (.ics, RFC 5545) file made in the
   browser. Exposed as window.wblDates; nothing here touches the page.

   Every step date of the guide is worked out here, and only here (the timeline, My plans,
   a printed plan and the .ics all ask dueDate): a step falls on a school day. One that the
   rule puts on a Saturday, a Sunday or a day the district's schools are closed
   (`closed_days:` in its profile, written into the page as ["YYYY-MM-DD",
   "YYYY-MM-DD to YYYY-MM-DD", ...]) moves to the school day before it; a step after the
   activity, and the start of the school year, to the school day after it. A step on the
   day itself stays on the date the plan chose. */
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

  // The closed days a page carries, as [first, last] pairs of days; what is not a date or
  // a range of dates (the build has checked them) is left out.
  function closedDays(list) {
    if (list && list.ranges) return list;  // already read
    var ranges = [];
    (Array.isArray(list) ? list : []).forEach(function (entry) {
      var parts = String(entry).split(" to "), first = parseDate(parts[0]);
      var last = parts.length === 2 ? parseDate(parts[1]) : parts.length === 1 ? first : null;
      if (first && last && compare(first, last) <= 0) ranges.push([first, last]);
    });
    return {ranges: ranges};
  }

  function weekday(date) { return utc(date.year, date.month, date.day).getUTCDay(); }  // 0 Sunday

  function schoolDay(date, closed) {
    var day = weekday(date);
    if (day === 0 || day === 6) return false;
    return !closed.ranges.some(function (range) {
      return compare(range[0], date) <= 0 && compare(date, range[1]) <= 0;
    });
  }

  // The date itself if schools are open, else the nearest school day in `step` (-1, +1).
  // A closure is at most a year (the profile's check), so the search ends.
  function toSchoolDay(date, step, closed) {
    var moved = date;
    for (var tries = 0; tries < 800; tries += 1) {
      if (schoolDay(moved, closed)) return moved;
      moved = addDays(moved, step);
    }
    return date;
  }

  function dueDate(date, count, unit, monthDay, closed) {
    closed = closedDays(closed);
    if (unit === "school-year") return toSchoolDay(schoolYearStart(date, monthDay), 1, closed);
    if (count === 0) return date;  // on the day: the plan's own date
    var due = unit === "month" ? addMonths(date, count) : addDays(date, count);
    return toSchoolDay(due, count < 0 ? -1 : 1, closed);
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
                 // The plan's name first: a coordinator running several events tells them apart.
                 "X-WR-CALNAME:" + escapeText((plan.name ? plan.name + ": " : "") + plan.title + " " +
                                              (plan.dateText || iso(plan.date)))];
    var made = stamp(new Date());
    // The words are in the page's language (RFC 5545 LANGUAGE parameter).
    var language = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(plan.language || "") ? ";LANGUAGE=" + plan.language : "";
    plan.events.forEach(function (event) {
      lines.push("BEGIN:VEVENT",
                 // Stable for the same plan, so importing it again updates rather than duplicates.
                 "UID:" + event.id + "." + basic(plan.date) + "." + (plan.id ? plan.id + "." : "") + plan.activity + "." + plan.district + "@wbl-guide",
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

  // The due date of every step of a timeline (steps carry count and unit) for a plan's date.
  function stepDates(date, steps, monthDay, closed) {
    closed = closedDays(closed);
    return steps.map(function (step) { return dueDate(date, step.count, step.unit, monthDay, closed); });
  }

  // The one way a plan's dates are written in an edition: its language's long form
  // ("Wednesday, March 31, 2027", "miércoles, 31 de marzo de 2027"), in the plan chooser, on
  // the steps, on My plans, in a printed plan and in the .ics's names.
  function formatter(language) {
    return new Intl.DateTimeFormat(language || document.documentElement.lang || undefined,
                                   {dateStyle: "full", timeZone: "UTC"});
  }

  function display(format, date) { return format.format(utc(date.year, date.month, date.day)); }

  function today() {
    var now = new Date();  // the reader's own calendar day
    return {year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate()};
  }

  // A day before today (the reader's own calendar day).
  function past(date) { return compare(date, today()) < 0; }

  window.wblDates = {parse: parseDate, iso: iso, compare: compare, addDays: addDays, dueDate: dueDate,
                     stepDates: stepDates, closedDays: closedDays, schoolDay: schoolDay, past: past,
                     calendar: calendar, formatter: formatter, display: display, today: today};
})();
