/* Plans: a coordinator's events, each with its own ticks, date and notes, kept in this
   browser (localStorage) and nowhere else. Exposed as window.wblPlans; the pages' scripts
   (plan-bar.js, checklist.js, planner.js, my-plans.js) show them.

   Everything of a district's guide is one JSON value under "wbl-guide:<district>:plans":
     {"version": 1, "plans": [plan, ...], "current": {"<activity>": "<plan id>"}}
   and a plan is
     {"id", "activity", "name", "date": "YYYY-MM-DD" or "", "ticks": [item ids],
      "notes": {"<step id>": "text"}, "created", "updated"}  (times in ISO 8601).
   Plans point at checklist items and timeline steps by their stable ids, so a reworded item
   keeps its tick and a removed one is still listed by the page as removed.

   The export file is the same plans with a header:
     {"format": "wbl-guide-plans", "version": 1, "guide": "<district>", "exported", "plans"}
   README.md documents it; a newer version is refused, never half read.

   A file is untrusted: it is read in time linear in its size (ids looked up in Maps and
   Sets, never by scanning a list per item), refused whole when it is larger than any real
   plans file (MAX_IMPORT_BYTES, LIMITS.plans), and whatever it holds is only ever shown as
   text. Ids and keys from a file index Maps or prototype-less objects, so "__proto__" or
   "constructor" is an id like any other. */
(function () {
  "use strict";

  var VERSION = 1;
  var FORMAT = "wbl-guide-plans";
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var ID = /^[A-Za-z0-9_.-]{1,80}$/;
  var LIMITS = {name: 200, note: 2000, ticks: 2000, plans: 5000};
  // A real plans file is a few kilobytes; thousands of plans with every tick make about one.
  var MAX_IMPORT_BYTES = 5 * 1024 * 1024;

  function now() { return new Date().toISOString(); }

  function newId() {
    var random = Math.floor(Math.random() * 1e9).toString(36);
    return "p" + Date.now().toString(36) + random;
  }

  // An element with attributes and text: data only ever goes in as text (textContent).
  function make(tag, properties, text) {
    var element = document.createElement(tag);
    Object.keys(properties || {}).forEach(function (name) {
      if (name === "className") element.className = properties[name];
      else element.setAttribute(name, properties[name]);
    });
    if (text !== undefined) element.textContent = text;
    return element;
  }

  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }

  // A map from keys to values with no inherited keys: notes by step id, plans by activity.
  function table() { return Object.create(null); }

  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  // A plan read from storage or a file, checked field by field; null when anything is off.
  function checked(plan) {
    if (!isObject(plan)) return null;
    if (typeof plan.id !== "string" || !ID.test(plan.id)) return null;
    if (typeof plan.activity !== "string" || !/^[a-z0-9-]{1,80}$/.test(plan.activity)) return null;
    if (typeof plan.name !== "string" || plan.name.length > LIMITS.name) return null;
    var date = plan.date === undefined || plan.date === null ? "" : plan.date;
    if (typeof date !== "string" || (date !== "" && !(DATE.test(date) && window.wblDates.parse(date)))) return null;
    var ticks = plan.ticks === undefined ? [] : plan.ticks;
    if (!Array.isArray(ticks) || ticks.length > LIMITS.ticks) return null;
    if (!ticks.every(function (tick) { return typeof tick === "string" && ID.test(tick); })) return null;
    var notes = plan.notes === undefined ? {} : plan.notes;
    if (!isObject(notes)) return null;
    var keys = Object.keys(notes);
    if (!keys.every(function (key) {
      return ID.test(key) && typeof notes[key] === "string" && notes[key].length <= LIMITS.note;
    })) return null;
    var times = [plan.created, plan.updated].map(function (time) {
      return typeof time === "string" && !isNaN(Date.parse(time)) ? new Date(time).toISOString() : null;
    });
    if (times[0] === null || times[1] === null) return null;
    var seen = new Set();
    var copy = {id: plan.id, activity: plan.activity, name: plan.name, date: date,
                ticks: ticks.filter(function (tick) { return !seen.has(tick) && seen.add(tick); }),
                notes: table(), created: times[0], updated: times[1]};
    keys.forEach(function (key) { if (notes[key] !== "") copy.notes[key] = notes[key]; });
    return copy;
  }

  function same(first, second) { return JSON.stringify(first) === JSON.stringify(second); }

  // The browser's storage, or null where it is refused (some private windows, strict settings).
  function browserStorage() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  function Store(district, firstName) {
    this.district = district;
    this.key = "wbl-guide:" + district + ":plans";
    this.firstName = firstName || "My plan";
    this.storage = browserStorage();
    this.listeners = [];
    this.failures = [];
    this.readOnly = false;
    this.data = {version: VERSION, plans: [], current: table()};
    this.read();
    var store = this;
    // Another tab of the same guide changed the plans: show it here too.
    window.addEventListener("storage", function (event) {
      if (event.key !== store.key) return;
      store.read();
      store.changed();
    });
  }

  Store.prototype.read = function () {
    var text = null;
    try { text = this.storage ? this.storage.getItem(this.key) : null; } catch (error) { text = null; }
    if (text === null) {
      this.data = {version: VERSION, plans: this.migrated(), current: table()};
      if (this.data.plans.length) this.save();
      return;
    }
    var data;
    try { data = JSON.parse(text); } catch (error) { data = null; }
    if (!isObject(data) || !Array.isArray(data.plans)) {
      // Never overwrite what cannot be read: it may be the only copy of someone's work.
      this.readOnly = true;
      this.data = {version: VERSION, plans: [], current: table()};
      return;
    }
    if (typeof data.version === "number" && data.version > VERSION) {
      this.readOnly = true;  // a newer guide wrote this: show it, never write over it
    }
    var plans = data.plans.map(checked).filter(function (plan) { return plan !== null; });
    var current = isObject(data.current) ? data.current : {};
    this.data = {version: VERSION, plans: plans, current: table()};
    var store = this, ids = this.positions();
    Object.keys(current).forEach(function (activity) {
      if (ids.has(current[activity])) store.data.current[activity] = current[activity];
    });
  };

  // The ticks and dates of the guide before plans ("wbl-guide:<district>:<activity>:<item id>"
  // = "1" and ":<activity>:planner:date") become each activity's first plan. The old keys
  // stay where they are, so an older copy of the guide still finds them.
  Store.prototype.migrated = function () {
    if (this.storage === null) return [];
    var prefix = "wbl-guide:" + this.district + ":", found = table(), index, key;
    try {
      for (index = 0; index < this.storage.length; index += 1) {
        key = this.storage.key(index);
        if (key === null || key.indexOf(prefix) !== 0) continue;
        var rest = key.slice(prefix.length).split(":");
        if (rest.length < 2 || !/^[a-z0-9-]+$/.test(rest[0])) continue;
        var plan = found[rest[0]] || (found[rest[0]] = {ticks: [], date: ""});
        var value = this.storage.getItem(key);
        if (rest.length === 3 && rest[1] === "planner" && rest[2] === "date") {
          if (window.wblDates.parse(value)) plan.date = value;
        } else if (rest.length === 2 && value === "1" && ID.test(rest[1])) {
          plan.ticks.push(rest[1]);
        }
      }
    } catch (error) {
      return [];
    }
    var store = this, time = now();
    return Object.keys(found).sort().map(function (activity) {
      return {id: newId(), activity: activity, name: store.firstName, date: found[activity].date,
              ticks: found[activity].ticks.sort(), notes: table(), created: time, updated: time};
    }).filter(function (plan) { return plan.ticks.length || plan.date; });
  };

  // Write everything; on failure (storage full, refused) tell every page script, and keep
  // the change in memory for the visit.
  Store.prototype.save = function () {
    var error = null;
    if (this.readOnly) error = "read-only";
    else if (this.storage === null) error = "no-storage";
    else {
      try {
        this.storage.setItem(this.key, JSON.stringify(this.data));
      } catch (thrown) {
        error = thrown && thrown.name ? thrown.name : "failed";
      }
    }
    if (error !== null) this.failures.forEach(function (listener) { listener(error); });
    return error === null;
  };

  Store.prototype.onChange = function (listener) { this.listeners.push(listener); };
  Store.prototype.onFailure = function (listener) { this.failures.push(listener); };
  Store.prototype.changed = function () { this.listeners.forEach(function (listener) { listener(); }); };

  // Each plan's position in the list, by id.
  Store.prototype.positions = function () {
    var positions = new Map();
    this.data.plans.forEach(function (plan, index) { if (!positions.has(plan.id)) positions.set(plan.id, index); });
    return positions;
  };

  Store.prototype.find = function (id) {
    for (var index = 0; index < this.data.plans.length; index += 1) {
      if (this.data.plans[index].id === id) return this.data.plans[index];
    }
    return null;
  };

  Store.prototype.plans = function (activity) {
    return this.data.plans.filter(function (plan) { return activity === undefined || plan.activity === activity; });
  };

  // The activity's chosen plan; a page with none yet gets a draft, kept once something is set.
  Store.prototype.current = function (activity) {
    var plan = own(this.data.current, activity) ? this.find(this.data.current[activity]) : null;
    if (plan && plan.activity === activity) return plan;
    var plans = this.plans(activity);
    if (plans.length) return plans[plans.length - 1];
    var time = now();
    return {id: newId(), activity: activity, name: this.firstName, date: "", ticks: [], notes: table(),
            created: time, updated: time, draft: true};
  };

  Store.prototype.choose = function (activity, id) {
    if (this.find(id)) {
      this.data.current[activity] = id;
      this.save();
    }
  };

  Store.prototype.create = function (activity, name, date) {
    var time = now();
    var plan = {id: newId(), activity: activity, name: name.slice(0, LIMITS.name), date: date || "",
                ticks: [], notes: table(), created: time, updated: time};
    this.data.plans.push(plan);
    this.data.current[activity] = plan.id;
    this.save();
    this.changed();
    return plan;
  };

  // Every change to a plan goes through here: a draft becomes a kept plan on its first change.
  Store.prototype.update = function (plan, change) {
    if (plan.draft) {
      delete plan.draft;
      this.data.plans.push(plan);
      this.data.current[plan.activity] = plan.id;
    }
    change(plan);
    plan.updated = now();
    var saved = this.save();
    this.changed();
    return saved;
  };

  Store.prototype.tick = function (plan, item, ticked) {
    return this.update(plan, function () {
      plan.ticks = plan.ticks.filter(function (tick) { return tick !== item; });
      if (ticked) plan.ticks.push(item);
    });
  };

  Store.prototype.note = function (plan, step, text) {
    return this.update(plan, function () {
      if (text) plan.notes[step] = text.slice(0, LIMITS.note);
      else delete plan.notes[step];
    });
  };

  // Remove a plan; what it returns can be given back to restore() to undo.
  Store.prototype.remove = function (id) {
    var plan = this.find(id);
    if (!plan) return null;
    this.data.plans = this.data.plans.filter(function (other) { return other.id !== id; });
    var wasCurrent = this.data.current[plan.activity] === id;
    if (wasCurrent) delete this.data.current[plan.activity];
    this.save();
    this.changed();
    return {plan: plan, wasCurrent: wasCurrent};
  };

  // A plan started by a first check mark and emptied again (still the first plan's name, no
  // date, check mark or note) is removed, so that no empty "My plan" is left behind. Returns
  // what restore() takes, or null when the plan is kept.
  Store.prototype.prune = function (plan) {
    if (!plan || plan.draft || plan.name !== this.firstName || plan.date || plan.ticks.length ||
        Object.keys(plan.notes).length) return null;
    return this.remove(plan.id);
  };

  Store.prototype.restore = function (removed) {
    if (!removed || this.find(removed.plan.id)) return;
    this.data.plans.push(removed.plan);
    if (removed.wasCurrent) this.data.current[removed.plan.activity] = removed.plan.id;
    this.save();
    this.changed();
  };

  Store.prototype.exportText = function () {
    return JSON.stringify({format: FORMAT, version: VERSION, guide: this.district, exported: now(),
                           plans: this.data.plans}, null, 2) + "\n";
  };

  // Read a file's text; merge its plans only when all of it is good. Returns
  // {ok: true, added, updated, unchanged} or {ok: false, reason, version?, guide?}, where
  // reason is "too-big", "damaged", "newer", "not-plans" or "other-guide"; nothing changes
  // unless ok. Linear in the file's size.
  Store.prototype.importText = function (text) {
    if (typeof text !== "string" || text.length > MAX_IMPORT_BYTES) return tooBig();
    var data;
    try { data = JSON.parse(text); } catch (error) { return {ok: false, reason: "damaged"}; }
    if (!isObject(data) || data.format !== FORMAT) return {ok: false, reason: "not-plans"};
    if (typeof data.version !== "number" || Math.floor(data.version) !== data.version || data.version < 1) {
      return {ok: false, reason: "damaged"};
    }
    if (data.version > VERSION) return {ok: false, reason: "newer", version: data.version};
    if (data.guide !== this.district) {
      return typeof data.guide === "string" ? {ok: false, reason: "other-guide", guide: data.guide.slice(0, 80)}
                                            : {ok: false, reason: "damaged"};
    }
    if (!Array.isArray(data.plans)) return {ok: false, reason: "damaged"};
    if (data.plans.length > LIMITS.plans) return tooBig();
    var plans = data.plans.map(checked);
    if (plans.some(function (plan) { return plan === null; })) return {ok: false, reason: "damaged"};
    if (this.readOnly) return {ok: false, reason: "read-only"};

    // The merge keeps every plan: a plan only here stays, a new one is added, and of two
    // versions of the same plan the one changed last wins.
    var result = {ok: true, added: 0, updated: 0, unchanged: 0}, kept = this.data.plans;
    var positions = this.positions();
    plans.forEach(function (plan) {
      var position = positions.get(plan.id);
      if (position === undefined) {
        positions.set(plan.id, kept.length);
        kept.push(plan);
        result.added += 1;
      } else if (same(kept[position], plan) || kept[position].updated >= plan.updated) {
        result.unchanged += 1;
      } else {
        kept[position] = plan;
        result.updated += 1;
      }
    });
    result.saved = this.save();
    this.changed();
    return result;
  };

  function tooBig() {
    return {ok: false, reason: "too-big", megabytes: MAX_IMPORT_BYTES / 1024 / 1024, plans: LIMITS.plans};
  }

  // A label's words with its {placeholders} filled in (as fill does) into `element`, where
  // `nodes` gives a value as a node of its own (a text in English).
  function filled(element, template, values, nodes) {
    String(template).split(/(\{\w+\})/).forEach(function (piece) {
      var name = /^\{\w+\}$/.test(piece) ? piece.slice(1, -1) : null;
      if (name !== null && nodes && Object.prototype.hasOwnProperty.call(nodes, name)) {
        element.appendChild(nodes[name]);
      } else if (name !== null && Object.prototype.hasOwnProperty.call(values, name)) {
        element.appendChild(document.createTextNode(String(values[name])));
      } else if (piece) {
        element.appendChild(document.createTextNode(piece));
      }
    });
    return element;
  }

  // The words a translated edition still shows in English (WCAG 3.1.2, language of parts).
  // The page's element lists their keys in data-english-labels (the templates write it
  // from the plugin's marks, macros/base/fallback.py; "date_label" is its data-date-label).
  // marker(element) gives mark(node, key, within): `node`, showing the label `key`, marked
  // lang="en" when that label is in English; inside an element showing the label `within`,
  // marked only where its language differs from that one's (the page's own given back).
  function marker(element) {
    var english = table(), page = document.documentElement.lang || "", keys;
    try { keys = JSON.parse(element.dataset.englishLabels || "[]"); } catch (error) { keys = []; }
    if (Array.isArray(keys)) keys.forEach(function (key) { if (typeof key === "string") english[key] = true; });
    function language(key) { return typeof key === "string" && english[key] === true ? "en" : page; }
    return function (node, key, within) {
      var own = language(key), around = within === undefined ? page : language(within);
      if (own === around || !own) node.removeAttribute("lang");
      else node.lang = own;
      return node;
    };
  }

  var stores = table();

  window.wblPlans = {
    VERSION: VERSION,
    FORMAT: FORMAT,
    MAX_IMPORT_BYTES: MAX_IMPORT_BYTES,
    tooBig: tooBig,  // what importText says of a file too large to read (my-plans.js)
    table: table,
    make: make,  // for plan-bar.js and my-plans.js
    // One store per district and page, shared by every script of the page.
    open: function (district, firstName) {
      return stores[district] || (stores[district] = new Store(district, firstName));
    },
    // "{done} of {total} done" with the values filled in.
    fill: function (template, values) {
      return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
        return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
      });
    },
    labels: function (element) {
      try { return JSON.parse(element.dataset.labels || "{}"); } catch (error) { return {}; }
    },
    filled: filled,
    marker: marker
  };
})();
