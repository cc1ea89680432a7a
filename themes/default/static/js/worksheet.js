// worksheet.js saves a client's answers to a worksheet or reflection guide on their own
// device, and lets them download, load, print and clear them.
//
// Progressive enhancement: the fields are plain form controls that show, accept typing and
// print without this script. It does nothing on a page without fields, makes no request to
// any server, and keeps answers in localStorage under
//   between:SITE:PAGE:FIELD
// where SITE is <body data-site>, PAGE is the data-page of the field's closest element that
// has one (normally <body data-page>, the page URL path; in a path's booklet, the section of
// each step, so the booklet shows what was saved on each worksheet) and FIELD is the field's
// data-field-id. Values are stored as JSON: a string (answer, line, date, scale,
// single choice), a list of strings (multiple choice, checklist), a list of rows of strings
// (table), or true/false (task list item). Beside them, under names no field id can have:
//   between:SITE:PAGE:#earlier:FIELD  the words of an earlier answer (a string): what the
//                                     field could no longer show of an answer, when the
//                                     client changed it (see fit in between-core.js)
//   between:SITE:PAGE:#columns:FIELD  a table's headings when it was saved, and a sum of the
//                                     answer saved with them: {columns, of}
// A script of before those keys reads the answers as it always did and leaves the keys be.
//
// The parts that need no page (the downloaded file's layout, each kind's format and parse,
// dates) are in between-core.js, loaded before this script.
//
// The words it shows come from js/strings.js (window.BetweenStrings["worksheet-strings"]), or
// from the data- attributes of <div id="worksheet-strings" hidden> where a layout writes one,
// with English defaults below.
(function () {
  "use strict";

  var core = window.BetweenCore;
  // A field of a kind this script does not know is left alone: a page of a later version can
  // meet this script still in the browser's cache, and its answer read as some other kind
  // would be saved over, empty, at the first keystroke.
  var fields = Array.prototype.filter.call(document.querySelectorAll("[data-field-id][data-kind]"), function (el) {
    return core && Object.prototype.hasOwnProperty.call(core.kinds, el.getAttribute("data-kind"));
  });
  if (!fields.length || !core) return;

  var DEFAULTS = {
    saved: "Saved on this device",
    saving: "Your answers are saved on this device as you type",
    unavailable: "Your browser is not saving answers on this device; download them to keep them",
    storageFull: "There is no room on this device to keep what you type now. What you saved before is still here. Download your answers or print them before you leave the page.",
    toolbar: "Your answers",
    download: "Download answers",
    load: "Load answers",
    print: "Print",
    clear: "Clear",
    printBlank: "Print blank",
    more: "More",
    confirmClear: "Clear everything you wrote on “{page}” ({n} answered)? Other pages keep their answers.",
    cleared: "Cleared “{page}” ({n} answered).",
    undo: "Undo",
    undone: "Your answers are back.",
    notChangedFull: "There is no room on this device for that, so nothing on it was changed. Download your answers first, to keep a copy.",
    notChanged: "This browser refused to save that, so nothing on this device was changed. Download your answers first, to keep a copy.",
    lastDownloaded: "Saved on this device. Last downloaded {days} days ago: download a copy to keep them safe.",
    neverDownloaded: "Saved on this device for {days} days and never downloaded: download a copy to keep them safe.",
    loaded: "Answers loaded from {file}",
    loadedEarlier: "Answers loaded from {file}. Those that no longer fit their question, changed since, are under it as your earlier answer.",
    loadFailed: "{file} has no answers for this page",
    loadNewer: "Your answers to “{page}” on this device are newer than the ones in the file. Replace them with the file's?",
    loadKept: "You kept your own answers: nothing was loaded from {file}.",
    date: "Date",
    earlier: "Your earlier answer, from before this question changed:",
    earlierRemove: "Remove",
    earlierRemoved: "Your earlier answer is removed.",
    // The site's way of writing a day, as its pages do ("{day} {month} {year}"), and its
    // month names; without them, the browser's own long date in the page's language.
    dateFormat: "",
    months: "",
    filename: "answers"
  };
  var words = {};
  var stringsEl = document.getElementById("worksheet-strings");
  var given = (stringsEl ? stringsEl.dataset : (window.BetweenStrings || {})["worksheet-strings"]) || {};
  Object.keys(DEFAULTS).forEach(function (k) {
    var v = given[k];
    words[k] = v ? v : DEFAULTS[k];
  });

  var body = document.body;
  var site = body.getAttribute("data-site") || location.host;
  var page = body.getAttribute("data-page") || location.pathname;
  var prefix = "between:" + site + ":" + page + ":";
  function pageOf(el) {
    var p = el.closest("[data-page]");
    return (p && p.getAttribute("data-page")) || page;
  }
  function keyOf(el) { return "between:" + site + ":" + pageOf(el) + ":" + el.getAttribute("data-field-id"); }

  // Storage can be missing or refuse (private modes, blocked site data, a full quota).
  // Reading and writing fail apart: a full quota, or a phone whose disk is full, refuses
  // every write but still gives back what was saved, and the page must show it.
  var store = null, writable = false;
  try {
    store = window.localStorage;
    store.getItem(prefix);
  } catch (e) {
    store = null;
  }
  if (store) {
    try {
      store.setItem(prefix, "1");
      store.removeItem(prefix);
      writable = true;
    } catch (e) { /* full: what was saved still shows */ }
  }

  // A page renamed or moved keeps its former address as an alias, which the layout names
  // in data-former: what a client saved there (answers, entries, notes not yet added) is
  // carried over to the page's address, before anything is read, unless the page already
  // has its own under the same name (then both stay, and nothing is lost). Each value is
  // removed before it is written again, so a full storage still has room for it.
  function carryOver(el) {
    var to = "between:" + site + ":" + el.getAttribute("data-page") + ":";
    (el.getAttribute("data-former") || "").split(" ").forEach(function (f) {
      if (!f) return;
      var from = "between:" + site + ":" + f + ":", keys = [];
      for (var i = 0; i < store.length; i++) {
        var k = store.key(i);
        if (k && k.indexOf(from) === 0) keys.push(k);
      }
      keys.forEach(function (k) {
        var nk = to + k.slice(from.length), v = store.getItem(k);
        if (v == null || store.getItem(nk) != null) return;
        store.removeItem(k);
        try { store.setItem(nk, v); } catch (e) { store.setItem(k, v); }
      });
    });
  }
  if (store && writable) {
    var renamed = Array.prototype.slice.call(document.querySelectorAll("[data-page][data-former]"));
    renamed.forEach(function (el) {
      try { carryOver(el); } catch (e) { /* storage refused: the answers stay where they were */ }
    });
  }

  var byKey = {};
  var prefixes = [];
  fields.forEach(function (el) {
    byKey[keyOf(el)] = el;
    var p = "between:" + site + ":" + pageOf(el) + ":";
    if (prefixes.indexOf(p) < 0) prefixes.push(p);
  });
  // A booklet shows the answers of many pages. Nothing on it may delete them: it has no
  // Clear, and Print blank leaves storage alone.
  var booklet = prefixes.length > 1 || prefixes[0] !== prefix;

  // own returns the controls that belong to el itself, not to a field nested inside it.
  function own(el, selector) {
    return Array.prototype.filter.call(el.querySelectorAll(selector), function (c) {
      return c.closest("[data-field-id][data-kind]") === el;
    });
  }
  function kind(el) { return el.getAttribute("data-kind"); }
  function multiple(el) {
    return kind(el) === "checklist" || (kind(el) === "choice" && el.hasAttribute("data-multiple"));
  }
  var oneLine = core.oneLine;
  function labelOf(input) {
    var l = input.id && document.querySelector('label[for="' + input.id + '"]');
    return oneLine(l ? l.textContent : input.value);
  }

  // KINDS holds one entry per field kind: read and write its value from and to the page's
  // controls (here), format it for a downloaded file and parse it back (from between-core.js,
  // which tests run without a page).
  function control(el) { return own(el, "textarea, input")[0]; }
  var typed = {
    read: function (el) { var c = control(el); return c ? c.value : ""; },
    write: function (el, v) { var c = control(el); if (c && typeof v === "string") c.value = v; }
  };
  var picked = {
    read: function (el) {
      var chosen = own(el, "input:checked").map(function (i) { return i.value; });
      return multiple(el) ? chosen : (chosen[0] || "");
    },
    write: function (el, v) {
      var chosen = Array.isArray(v) ? v : [v];
      own(el, "input").forEach(function (i) { i.checked = chosen.indexOf(i.value) >= 0; });
    }
  };
  var task = {
    read: function (el) { var t = control(el); return !!(t && t.checked); },
    write: function (el, v) { var t = control(el); if (t) t.checked = v === true; }
  };
  // cells are a table's boxes: one-row textareas, or the <input>s of a page made before them
  // (a page kept for offline use can be older than this script).
  function cells(el) { return own(el, "[data-row][data-col]"); }
  function isCell(c) {
    var el = c && c.closest && c.closest("[data-field-id][data-kind]");
    return !!el && kind(el) === "table" && c.matches("[data-row][data-col]");
  }
  var table = {
    read: function (el) {
      var rows = [];
      cells(el).forEach(function (i) {
        var r = +i.getAttribute("data-row") - 1, col = +i.getAttribute("data-col") - 1;
        (rows[r] = rows[r] || [])[col] = i.value;
      });
      return rows.map(function (r) { return Array.prototype.slice.call(r).map(function (v) { return v || ""; }); });
    },
    write: function (el, v) {
      if (!Array.isArray(v)) return;
      cells(el).forEach(function (i) {
        var row = v[+i.getAttribute("data-row") - 1];
        var cell = Array.isArray(row) ? row[+i.getAttribute("data-col") - 1] : "";
        i.value = typeof cell === "string" ? core.cellLine(cell) : "";
      });
    }
  };
  // A log's value is its dated notes, newest first; its text box holds the next note.
  var log = {
    read: function (el) { return (el.betweenNotes || []).slice(); },
    write: function (el, v) {
      if (!Array.isArray(v)) return;
      el.betweenNotes = core.kinds.log.parse(core.kinds.log.format(v).split("\n"));
      var list = own(el, ".log-notes")[0];
      if (!list) return;
      list.textContent = "";
      el.betweenNotes.forEach(function (n) {
        var li = document.createElement("li");
        var t = document.createElement("time");
        t.dateTime = n.date;
        t.textContent = core.longDate(n.date, document.documentElement.lang) || n.date;
        li.appendChild(t);
        li.appendChild(document.createTextNode(" " + n.text));
        list.appendChild(li);
      });
    }
  };
  // draftKey keeps the note in a log's box that the client has not added yet. It is saved as
  // typed, like every other answer, so that Back, a reload or a closed tab does not lose it;
  // it comes back into the box, not into the notes, so adding it stays the client's choice.
  function draftKey(el) {
    return "between:" + site + ":" + pageOf(el) + ":#draft:" + el.getAttribute("data-field-id");
  }
  // addNote moves the text box's words into the log as today's note.
  function addNote(el) {
    var c = control(el);
    if (!c || !c.value.trim()) return;
    log.write(el, [{ date: core.isoDate(new Date()), text: c.value.trim() }].concat(log.read(el)));
    c.value = "";
  }

  function entry(name, dom) {
    var k = core.kinds[name];
    return { read: dom.read, write: dom.write, format: k.format, parse: k.parse };
  }
  var KINDS = {
    answer: entry("answer", typed),
    line: entry("line", typed),
    date: entry("date", typed),
    scale: entry("scale", picked),
    choice: entry("choice", picked),
    checklist: entry("checklist", picked),
    task: entry("task", task),
    log: entry("log", log),
    table: entry("table", table)
  };
  function kindOf(el) { return KINDS[kind(el)] || KINDS.choice; }

  // get returns a field's value in the form it is stored in.
  function get(el) { return kindOf(el).read(el); }

  // set puts a stored value back: what the field can show of it (saved, a table's headings
  // when it was saved, or null). What it cannot show stays where it is kept, and is shown
  // under the field as an earlier answer (showEarlier).
  function set(el, v, saved) {
    kindOf(el).write(el, core.fit(shape(el), v, saved || null).value);
    el.betweenFits = false; // what is stored may hold more than the field now shows
    showEarlier(el);
    sync(el);
  }

  // ---- Earlier answers: what a field can no longer show after its page was edited ----
  //
  // A coach can reword an option, shorten a scale, take a column off a table or give a field
  // another kind, and a client's saved answer can then no longer be shown by the field. It is
  // never dropped: it stays in its key until the client changes the field; then, before it
  // is replaced, save keeps the words the field could not show under the field's #earlier
  // key. Both are shown under the field, and go into Download, Load, My notes and print,
  // until the client removes them.
  function earlierKey(el) { return "between:" + site + ":" + pageOf(el) + ":#earlier:" + el.getAttribute("data-field-id"); }
  function columnsKey(el) { return "between:" + site + ":" + pageOf(el) + ":#columns:" + el.getAttribute("data-field-id"); }
  function read(k) { try { return store ? store.getItem(k) : null; } catch (e) { return null; } }
  // savedColumns are a table's headings as they were when raw, its stored answer, was
  // saved; null when not known (saved before they were kept, or by such a script since).
  function savedColumns(el, raw) {
    if (kind(el) !== "table" || raw == null) return null;
    try { return core.headingsOf(JSON.parse(read(columnsKey(el))), raw); } catch (e) { return null; }
  }
  // restOf is what the field cannot show of raw, a stored answer.
  function restOf(el, raw) {
    if (raw == null) return "";
    try { return core.fit(shape(el), JSON.parse(raw), savedColumns(el, raw)).rest; } catch (e) { return ""; }
  }
  function keptEarlier(el) {
    try { var w = JSON.parse(read(earlierKey(el))); return typeof w === "string" ? w : ""; } catch (e) { return ""; }
  }
  // earlierOf is the words of a field's earlier answer: those kept, and what its stored
  // answer has that the field cannot show.
  function earlierOf(el) { return core.together(keptEarlier(el), restOf(el, read(keyOf(el)))); }
  // keepRest keeps what the field cannot show of its stored answer as earlier words, before
  // the answer is replaced or removed. It throws when storage refuses: then the answer must
  // not be replaced either.
  function keepRest(el) {
    var more = restOf(el, read(keyOf(el)));
    var words = core.together(keptEarlier(el), more);
    if (more && words !== keptEarlier(el)) store.setItem(earlierKey(el), JSON.stringify(words));
  }
  function addEarlier(el, more) {
    var words = core.together(keptEarlier(el), more);
    if (words !== keptEarlier(el)) store.setItem(earlierKey(el), JSON.stringify(words));
  }
  // showEarlier shows a field's earlier answer under it, in the status line's quiet words,
  // with a button to remove it (not in a booklet, where nothing deletes answers). Once
  // removed, the same place says so and offers Undo, where the client is: the status line
  // may be a long way up the page.
  function showEarlier(el) {
    var said = earlierOf(el);
    var box = own(el, ".ws-earlier")[0];
    if (!said && !el.betweenUndo) {
      if (box) box.hidden = true;
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.className = "ws-earlier";
      var label = document.createElement("p");
      label.className = "ws-earlier-label";
      var p = document.createElement("p");
      p.className = "ws-earlier-words";
      p.setAttribute("dir", "auto");
      var b = document.createElement("button");
      b.type = "button";
      b.className = "ws-earlier-remove";
      b.addEventListener("click", function () {
        var undo = el.betweenUndo;
        el.betweenUndo = null;
        if (undo) undo();
        else removeEarlier(el);
      });
      box.appendChild(label);
      box.appendChild(p);
      if (!booklet) box.appendChild(b);
      el.appendChild(box);
    }
    box.hidden = false;
    own(el, ".ws-earlier-label")[0].textContent = el.betweenUndo ? words.earlierRemoved : words.earlier;
    var w = own(el, ".ws-earlier-words")[0];
    w.textContent = el.betweenUndo ? "" : said;
    w.hidden = !!el.betweenUndo;
    var remove = own(el, ".ws-earlier-remove")[0];
    if (remove) remove.textContent = el.betweenUndo ? words.undo : words.earlierRemove;
  }
  // removeEarlier drops a field's earlier answer, as the client asked: the kept words, and
  // what its stored answer held that the field cannot show. Undo puts them back.
  function removeEarlier(el) {
    var keys = [earlierKey(el), keyOf(el), columnsKey(el)], kept = {};
    keys.forEach(function (k) { kept[k] = read(k); });
    var err = atomically(function () {
      store.removeItem(earlierKey(el));
      if (restOf(el, kept[keyOf(el)])) {
        var json = JSON.stringify(get(el));
        store.setItem(keyOf(el), json);
        if (kind(el) === "table") store.setItem(columnsKey(el), JSON.stringify(core.headings(shape(el).columns, json)));
      }
    });
    // Refused, it all still shows, with Remove again.
    if (err) {
      showEarlier(el);
      unchanged(err);
      return;
    }
    el.betweenUndo = function undo() {
      var failed = atomically(function () {
        keys.forEach(function (k) {
          if (kept[k] == null) store.removeItem(k);
          else store.setItem(k, kept[k]);
        });
      });
      // Refused, the earlier answer stays removed, and Undo stays under the field.
      if (failed) el.betweenUndo = undo;
      restore(el);
      if (failed) unchanged(failed);
      else say(words.undone);
    };
    showEarlier(el);
    say(words.earlierRemoved);
  }
  // adopt gives a table's answer saved without its headings (by a script of before they
  // were kept) the page's headings, when its rows are as wide as the table is: the page's
  // columns are then, most likely, those it was saved under, and a column the coach takes
  // away later leaves the others under their headings. It returns them, or null.
  function adopt(el, v, raw) {
    var columns = kind(el) === "table" ? shape(el).columns : [];
    if (!columns.length || !Array.isArray(v) || !v.length) return null;
    if (!v.every(function (r) { return Array.isArray(r) && r.length === columns.length; })) return null;
    try { store.setItem(columnsKey(el), JSON.stringify(core.headings(columns, raw))); } catch (e) { /* by place, as before */ }
    return columns;
  }
  // restore shows a field's stored answer and its earlier one; it tells whether there were any.
  function restore(el) {
    var raw = read(keyOf(el)), v;
    if (raw != null) {
      try { v = JSON.parse(raw); } catch (e) { raw = null; /* not ours; leave the field */ }
    }
    if (raw != null) set(el, v, savedColumns(el, raw) || adopt(el, v, raw));
    else showEarlier(el);
    return raw != null || !!keptEarlier(el);
  }

  // shape describes a field for between-core.js: what a downloaded file needs to know.
  function shape(el) {
    var k = kind(el);
    var s = { kind: k, id: el.getAttribute("data-field-id"), question: k === "task" ? "" : question(el) };
    if (k === "scale") { s.min = el.getAttribute("data-min"); s.max = el.getAttribute("data-max"); }
    if (k === "choice" || k === "checklist") {
      s.multiple = multiple(el);
      s.items = own(el, "input").map(function (i) { return { value: i.value, label: labelOf(i) }; });
    }
    if (k === "table") {
      s.columns = own(el, "th").map(function (th) { return th.textContent; });
      s.rows = cells(el).reduce(function (n, c) { return Math.max(n, +c.getAttribute("data-row") || 0); }, 0);
    }
    if (k === "task") s.label = labelOf(control(el));
    return s;
  }

  // reset puts a field back as the page wrote it (an item the coach ticked with [x] stays
  // ticked, as it is after a reload with nothing saved). With keepBox true (a new entry of a
  // repeated page), a log's note not yet added stays in its box and on the device: it is in
  // neither entry, and only the client may drop it.
  function reset(el, keepBox) {
    var box = keepBox === true && kind(el) === "log" ? control(el) : null;
    var note = box ? box.value : "";
    own(el, "textarea, input").forEach(function (c) {
      if (c.type === "checkbox" || c.type === "radio") c.checked = c.defaultChecked;
      else c.value = c.defaultValue;
    });
    if (kind(el) === "log") {
      log.write(el, []);
      if (note.trim()) box.value = note;
      // Emptied for a printout, the box's note is still wanted; otherwise it goes too.
      else if (store && !blank) try { store.removeItem(draftKey(el)); } catch (e) { /* gone */ }
    }
    sync(el);
  }

  // sync updates what print needs: data-filled on the field, and the full text of an answer
  // (a printed textarea would cut a long answer at its last visible line).
  function sync(el) {
    var v = get(el);
    el.toggleAttribute("data-filled", !core.isEmpty(v));
    if (kind(el) === "date") printDate(el, v);
    if (kind(el) === "line" || kind(el) === "table") {
      // A one-line box prints only what fits its width, and a cell only its first lines;
      // their copies wrap, whole.
      (kind(el) === "line" ? own(el, "input") : cells(el)).forEach(function (i) {
        var m = i.nextElementSibling;
        if (m && m.classList.contains("field-print")) m.textContent = i.value;
      });
    }
    if (kind(el) === "table") grow(cells(el).filter(needsGrow));
    if (kind(el) === "log") {
      // The note being written is not in the list yet; printed, its box would cut it.
      var box = control(el), copy = own(el, ".field-print")[0];
      var pending = box ? box.value : "";
      if (copy) copy.textContent = pending;
      el.toggleAttribute("data-pending", pending.trim() !== "");
    }
    if (kind(el) === "answer") {
      // A printed answer keeps at least the writing space the coach gave it.
      el.style.setProperty("--ws-lines", el.getAttribute("data-lines") || "1");
      var mirror = own(el, ".field-print")[0];
      if (mirror) mirror.textContent = v;
      grow(own(el, "textarea"));
    }
  }

  // printDate writes a chosen date out in words, in the page's language, for paper: the
  // browser would print its own numeric form, such as 03/15/2026.
  function printDate(el, v) {
    var input = own(el, "input")[0];
    if (!input) return;
    var out = own(el, ".field-print-date")[0];
    if (!out) {
      out = document.createElement("span");
      out.className = "field-print-date";
      out.setAttribute("aria-hidden", "true");
      input.parentNode.insertBefore(out, input.nextSibling);
    }
    out.textContent = longDate(v);
  }

  function longDate(v) {
    var months = words.months.split(",");
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v || "");
    if (m && words.dateFormat && months.length === 12) {
      return words.dateFormat.replace("{day}", String(+m[3])).replace("{month}", months[+m[2] - 1]).replace("{year}", m[1]);
    }
    return core.longDate(v, document.documentElement.lang);
  }

  // grow lets textareas get taller than their lines as the client writes, never shorter.
  // Every height is put back before any is measured, so that a table of 60 rows costs one
  // layout, not one per cell.
  function grow(boxes) {
    boxes.forEach(function (b) { b.style.height = ""; });
    boxes.map(function (b) { return b.scrollHeight > b.clientHeight ? b.scrollHeight + 2 : 0; })
      .forEach(function (h, i) { if (h) boxes[i].style.height = h + "px"; });
  }
  // needsGrow tells a table cell that the browser does not size to its answer itself. With
  // field-sizing: content (set below where the browser has it) it does, and the script
  // leaves it alone; an <input> of an older page cannot grow.
  function needsGrow(c) {
    if (c.betweenGrow == null) c.betweenGrow = c.tagName === "TEXTAREA" && window.getComputedStyle(c).fieldSizing !== "content";
    return c.betweenGrow;
  }
  // Where the script grows the boxes, a new width (a phone turned, a window resized) wraps
  // their answers anew. A new height alone (a phone's keyboard opening) wraps nothing.
  var regrowing = false, lastWidth = window.innerWidth;
  window.addEventListener("resize", function () {
    if (regrowing || window.innerWidth === lastWidth) return;
    lastWidth = window.innerWidth;
    regrowing = true;
    window.requestAnimationFrame(function () {
      regrowing = false;
      var boxes = [];
      fields.forEach(function (el) {
        if (kind(el) === "answer") boxes = boxes.concat(own(el, "textarea"));
        if (kind(el) === "table") boxes = boxes.concat(cells(el).filter(needsGrow));
      });
      grow(boxes);
    });
  });

  // The toolbar is made here, so that without JavaScript there are no buttons that do nothing.
  var toolbar = document.createElement("div");
  toolbar.className = "ws-toolbar";
  toolbar.setAttribute("role", "group");
  toolbar.setAttribute("aria-label", words.toolbar);
  var actions = document.createElement("div");
  actions.className = "ws-actions";
  toolbar.appendChild(actions);
  // On a phone every action in view would be rows of buttons before the first word of the
  // page. The ones a client uses each time stay in view; the rest wait behind "More", which
  // only narrow screens show (on a wide one the rest simply follow in the same row).
  var more = document.createElement("button");
  more.type = "button";
  more.className = "ws-button ws-more";
  more.hidden = true;
  more.setAttribute("aria-expanded", "false");
  more.setAttribute("aria-controls", "ws-more-items");
  more.innerHTML = '<svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" stroke-width="2" ' +
    'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="m6 9 6 6 6-6"/></svg>';
  var moreWord = document.createElement("span");
  moreWord.textContent = words.more;
  more.appendChild(moreWord);
  var rest = document.createElement("div");
  rest.className = "ws-more-items";
  rest.id = "ws-more-items";
  actions.appendChild(more);
  actions.appendChild(rest);
  more.addEventListener("click", function () {
    var open = toolbar.classList.toggle("ws-open");
    more.setAttribute("aria-expanded", open ? "true" : "false");
  });
  // place puts an action in the toolbar: "first" and "main" ones stay in view on a phone,
  // any other goes behind More.
  function place(el, where) {
    if (where === "first") actions.insertBefore(el, actions.firstChild);
    else if (where === "main") actions.insertBefore(el, more);
    else { rest.appendChild(el); more.hidden = false; }
  }
  var ICONS = {
    download: '<path d="M12 4v11m0 0-4.5-4.5M12 15l4.5-4.5M5 19h14"/>',
    load: '<path d="M12 15V4m0 0L7.5 8.5M12 4l4.5 4.5M5 19h14"/>',
    print: '<path d="M7 9V4h10v5M7 17H5a1 1 0 0 1-1-1v-6a1 1 0 0 1 1-1h14a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1h-2M7 14h10v6H7z"/>',
    clear: '<path d="M5 7h14M10 7V5h4v2M7 7l1 12h8l1-12"/>',
    printBlank: '<path d="M7 9V4h10v5M7 17H5a1 1 0 0 1-1-1v-6a1 1 0 0 1 1-1h14a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1h-2M7 14h10v6H7z"/>'
  };
  function button(action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "ws-button ws-" + action;
    b.setAttribute("data-action", action);
    b.innerHTML = '<svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" stroke-width="2" ' +
      'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">' + ICONS[action] + "</svg>";
    var span = document.createElement("span");
    span.textContent = words[action];
    b.appendChild(span);
    place(b, action === "print" ? "main" : "");
    return b;
  }
  var downloadButton = button("download");
  var loadButton = button("load");
  var fileInput = document.createElement("input");
  fileInput.type = "file";
  fileInput.accept = ".md,.markdown,.txt,text/markdown,text/plain";
  fileInput.hidden = true;
  fileInput.className = "ws-file";
  toolbar.appendChild(fileInput);
  // A page with a Print button of its own (a booklet) does not get a second one.
  var printButton = document.querySelector("button[data-print]") ? null : button("print");
  var blankButton = button("printBlank");
  var clearButton = booklet ? null : button("clear");
  var status = document.createElement("p");
  status.className = "ws-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  toolbar.appendChild(status);

  var slot = document.querySelector("[data-worksheet-toolbar]");
  if (slot) {
    slot.appendChild(toolbar);
  } else {
    // Before the first field, at the level of the article (or main) that holds it, so that a
    // field inside a list or a quote does not get the toolbar inside that list.
    var first = fields[0];
    var host = first.closest("article") || first.closest("main") || first.parentNode;
    var top = first;
    while (top.parentNode && top.parentNode !== host) top = top.parentNode;
    host.insertBefore(toolbar, top);
  }

  // The same quiet status stands after the last field, where a client who has scrolled down
  // to write sees it; only the first one is announced.
  var endStatus = document.createElement("p");
  endStatus.className = "ws-status ws-status-end";
  endStatus.setAttribute("aria-hidden", "true");
  var last = fields[fields.length - 1];
  var lastTop = last;
  var lastHost = last.closest("article") || last.closest("main") || last.parentNode;
  while (lastTop.parentNode && lastTop.parentNode !== lastHost) lastTop = lastTop.parentNode;
  if (!slot) lastHost.insertBefore(endStatus, lastTop.nextSibling);

  function say(text) {
    undoButton = null;
    if (status.textContent !== text) status.textContent = text;
    if (endStatus.textContent !== text) endStatus.textContent = text;
  }
  // refused says that what is typed now is not kept. Where the page shows answers saved
  // before, those are still on the device, and the warning says so.
  var savedHere = false;
  function refused() {
    toolbar.classList.add("ws-no-storage");
    say(savedHere ? words.storageFull : words.unavailable);
  }
  // atomically runs change, which writes several keys (Load, Clear, Undo, Remove), so that
  // storage ends as change left it or, when a write was refused part-way, as it was before:
  // never some keys of each. change writes through store as ever, and may catch a refused
  // write (save does) without it going unnoticed. It returns the error that stopped the
  // change, or null; then the caller shows again what storage holds, and says so (unchanged).
  function atomically(change) {
    if (!store) { change(); return null; }
    var real = store, j = core.journal(real);
    store = j;
    try { change(); } catch (e) { j.fail(e); } finally { store = real; }
    var err = j.failed();
    if (err && !j.undo()) err.partly = true;
    return err;
  }
  // unchanged says that what the client asked for changed nothing on the device, and why.
  function unchanged(err) {
    toolbar.classList.add("ws-no-storage");
    say(err.partly ? words.storageFull : core.isFull(err) ? words.notChangedFull : words.notChanged);
  }

  // meta keys sit beside a page's answers, under a name no field id can have: "#since" is
  // when the oldest answer not yet in a download was saved, "#downloaded" the last download.
  function metaKey(p, name) { return p + "#" + name; }
  function readTime(k) {
    try { var v = store && +store.getItem(k); return v > 0 ? v : 0; } catch (e) { return 0; }
  }
  function writeMeta(p, name, v) {
    try {
      if (v) store.setItem(metaKey(p, name), String(v));
      else store.removeItem(metaKey(p, name));
    } catch (e) { /* the answers matter, not these */ }
  }

  // Safari deletes what a site wrote after seven days of use without a visit; persistent
  // storage (granted to a site on the home screen, or one the browser trusts) is kept.
  var askedPersist = false;
  function askPersist() {
    if (askedPersist) return;
    askedPersist = true;
    try {
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
    } catch (e) { /* not offered */ }
  }

  function save(el) {
    sync(el);
    if (!store || blank) return;
    try {
      var json = JSON.stringify(get(el));
      var same = store.getItem(keyOf(el)) === json;
      // What the field cannot show of the answer it replaces is kept first: if storage
      // refuses it, the answer stays as it was. Once the field has saved, what is stored is
      // what it shows, and each keystroke after needs no such look.
      if (!same && !el.betweenFits) keepRest(el);
      store.setItem(keyOf(el), json);
      el.betweenFits = true;
      // Writing anew ends the Undo of a removed earlier answer, as it ends Clear's.
      if (el.betweenUndo) {
        el.betweenUndo = null;
        showEarlier(el);
      }
      // A table's headings go with its answer, so that its cells stay under them when the
      // coach takes a column away or moves one.
      if (kind(el) === "table") store.setItem(columnsKey(el), JSON.stringify(core.headings(shape(el).columns, json)));
      if (kind(el) === "log") {
        var draft = control(el) ? control(el).value : "";
        if (draft.trim()) store.setItem(draftKey(el), draft);
        else store.removeItem(draftKey(el));
      }
      var p = "between:" + site + ":" + pageOf(el) + ":";
      if (!readTime(metaKey(p, "since"))) writeMeta(p, "since", Date.now());
      // When the page last changed, for My notes and its "since" filter.
      if (!same) store.setItem(p + "@changed", new Date().toISOString());
      savedHere = true;
      toolbar.classList.remove("ws-no-storage");
      say(words.saved);
      askPersist();
    } catch (e) {
      refused();
    }
  }

  // savedStatus is what the status line says about saved answers: after a week without a
  // download, how long it has been.
  var DAY = 24 * 60 * 60 * 1000;
  function savedStatus() {
    var since = 0, downloaded = 0;
    prefixes.forEach(function (p) {
      var t = readTime(metaKey(p, "since"));
      if (t && (!since || t < since)) since = t;
      downloaded = Math.max(downloaded, readTime(metaKey(p, "downloaded")));
    });
    var now = Date.now();
    if (!since || now - since < 7 * DAY) return words.saved;
    if (downloaded) return words.lastDownloaded.replace("{days}", String(Math.floor((now - downloaded) / DAY)));
    return words.neverDownloaded.replace("{days}", String(Math.floor((now - since) / DAY)));
  }

  function onEdit(e) {
    var el = e.target.closest && e.target.closest("[data-field-id][data-kind]");
    if (!el || byKey[keyOf(el)] !== el) return;
    // A cell's answer stays one line, as it was in an <input>: it is one cell of a Markdown
    // table in a downloaded file and in My notes, where a line break would not come back.
    // A pasted line break becomes a space, in place, so the caret stays where it was.
    var c = e.target;
    if (e.type === "input" && isCell(c) && c.value !== core.cellLine(c.value)) {
      var from = c.selectionStart, to = c.selectionEnd;
      c.value = core.cellLine(c.value);
      c.setSelectionRange(from, to);
    }
    // A note brought back into a log's box fires no change when the box is left without an
    // edit; leaving the box adds it all the same.
    if (e.type === "focusout" && (kind(el) !== "log" || !(control(el) && control(el).value.trim()))) return;
    if (kind(el) === "log" && e.type !== "input") addNote(el);
    save(el);
  }
  var blank = false; // true while Print blank has emptied the fields for the printer
  document.addEventListener("input", onEdit);
  document.addEventListener("change", onEdit);
  document.addEventListener("focusout", onEdit);

  // Enter in a table cell goes on to the next cell, in reading order (on a phone, along the
  // card, then to the next card), instead of breaking the line; the phone's keyboard names
  // that key "Next". Tab and Shift+Tab move as they always did. Enter that ends a word being
  // composed (Japanese, Chinese) is the input method's, not ours.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || e.isComposing || e.keyCode === 229 || !isCell(e.target)) return;
    e.preventDefault();
    if (e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
    var all = cells(e.target.closest("[data-field-id][data-kind]"));
    var next = all[all.indexOf(e.target) + 1];
    if (next) next.focus();
  });
  // However it comes (a key whose keydown says nothing, as on some phones' keyboards, or a
  // voice keyboard), a line break is not typed into a cell.
  document.addEventListener("beforeinput", function (e) {
    if ((e.inputType === "insertLineBreak" || e.inputType === "insertParagraph") && isCell(e.target)) e.preventDefault();
  });
  // A cell sizes itself to its answer where the browser can (field-sizing: content, Chromium
  // 123 and later). It is set here rather than in worksheet.css, because the CSS checker of
  // the quality gates (vnu 26.9) does not know the property and calls it an error.
  var sizing = !!(window.CSS && CSS.supports && CSS.supports("field-sizing", "content"));
  fields.forEach(function (el) {
    if (kind(el) !== "table") return;
    var all = cells(el);
    all.forEach(function (c, i) {
      if (sizing && c.tagName === "TEXTAREA") c.style.fieldSizing = "content";
      if (i < all.length - 1) c.setAttribute("enterkeyhint", "next");
    });
  });

  // Restore what this device saved, and follow changes made in another tab.
  var restored = false;
  fields.forEach(function (el) {
    if (restore(el)) restored = true;
    var box = kind(el) === "log" && control(el), draft = null;
    try { draft = box && store && store.getItem(draftKey(el)); } catch (e) { draft = null; }
    if (draft && !box.value) { box.value = draft; restored = true; }
    sync(el);
  });
  savedHere = restored;
  // From the first visit the page says where answers go, before anything is typed.
  if (!writable) refused();
  else say(restored ? savedStatus() : words.saving);
  if (restored) askPersist();

  // A scale or a single choice tapped again is unanswered again: without this, a radio once
  // chosen could only be undone by clearing the whole page.
  var wasChecked = null;
  function radioOf(t) {
    if (!t || !t.closest) return null;
    if (t.matches && t.matches("input[type=radio]")) return t;
    var label = t.closest("label[for]");
    var i = label && document.getElementById(label.getAttribute("for"));
    return i && i.type === "radio" ? i : null;
  }
  document.addEventListener("pointerdown", function (e) {
    var r = radioOf(e.target);
    wasChecked = r && r.checked ? r : null;
  });
  document.addEventListener("click", function (e) {
    var r = radioOf(e.target);
    if (r && r === wasChecked && e.target === r) {
      r.checked = false;
      var el = r.closest("[data-field-id][data-kind]");
      if (el) save(el);
    }
    if (e.target === r || !r) wasChecked = null;
  });
  window.addEventListener("storage", function (e) {
    var el = e.key && byKey[e.key];
    if (blank) return; // the fields are back from storage once the printout is done
    var other = e.key && fields.filter(function (f) { return e.key === earlierKey(f) || e.key === columnsKey(f); })[0];
    if (other) restore(other);
    if (!el) return;
    // Emptied in another tab (Clear, a new entry): a note being written in this tab's log
    // box is this tab's, and stays.
    if (e.newValue == null) { reset(el, true); showEarlier(el); return; }
    restore(el);
  });

  // ---- Download: a Markdown file a coach can read and this script can load back. ----

  function question(el) {
    var l = own(el, ".field-label")[0];
    return l ? oneLine(l.textContent) : "";
  }

  function today() { return core.isoDate(new Date()); }

  function pageTitle() {
    var h1 = document.querySelector("main h1") || document.querySelector("h1");
    return oneLine(h1 ? h1.textContent : document.title);
  }

  function markdown() {
    // The date line is for people; the file's name keeps the sortable 2026-05-01.
    var date = words.dateFormat ? longDate(today()) : today();
    return core.markdown(pageTitle(), words.date, date, fields.map(function (el) {
      var from = pageOf(el);
      return { shape: shape(el), value: get(el), page: from !== page ? from : "", earlier: earlierOf(el) };
    }), pageURLs().map(function (u) { return { url: u, changed: changedOf(u) }; }), words.earlier);
  }

  // The pages whose answers this page shows (a booklet's steps), and when each last changed:
  // a file says so, for Load to tell whether the device has newer answers than it.
  function pageURLs() {
    var out = [];
    fields.forEach(function (el) { if (out.indexOf(pageOf(el)) < 0) out.push(pageOf(el)); });
    return out;
  }
  function changedOf(url) {
    try { return (store && store.getItem("between:" + site + ":" + url + ":@changed")) || ""; } catch (e) { return ""; }
  }

  function filename() { return core.filename(page, words.filename, today()); }

  downloadButton.addEventListener("click", function () {
    var blob = new Blob([markdown()], { type: "text/markdown;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = filename();
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    // What was saved is now in a file too: the reminder to download counts from here.
    if (store) {
      prefixes.forEach(function (p) {
        writeMeta(p, "downloaded", Date.now());
        writeMeta(p, "since", 0);
      });
    }
    // The download has started from the URL by the time the next task runs.
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });

  // ---- Load: read a downloaded file back, matching answers to fields by id. ----

  loadButton.addEventListener("click", function () { fileInput.click(); });
  fileInput.addEventListener("change", function () {
    var file = fileInput.files && fileInput.files[0];
    if (!file) return;
    core.readText(file, function (text) {
      var answers = core.parseFile(text);
      var pages = answers["@pages"] || {};
      var earlier = answers["@earlier"] || {};
      var n = 0, loads = [], newer = false, earliers = [], rests = 0;
      var has = function (k) { return Object.prototype.hasOwnProperty.call(answers, k); };
      // A file of one worksheet names no page at its fields, only in its page line. In a
      // booklet its answers go to that worksheet's step (or the step of the page it was at
      // before a rename), not to every step with a question of the same id.
      var named = Object.keys(pages);
      var forStep = function (el) {
        if (!booklet || !named.length) return true;
        var p = el.closest("[data-page]");
        return [pageOf(el)].concat(((p && p.getAttribute("data-former")) || "").split(" ")).some(function (u) {
          return u && named.indexOf(u) >= 0;
        });
      };
      fields.forEach(function (el) {
        var id = el.getAttribute("data-field-id");
        var k = pageOf(el) + " " + id;
        if (!has(k) && forStep(el)) k = " " + id;
        if (!has(k)) return;
        // What the field cannot take of the file's answer (an option reworded since, a scale
        // shortened, a column gone: the file was made before the edit) is the client's
        // earlier answer, as on the device that saved it; it and an earlier answer in the
        // file are added to the one here, each if not there already.
        var fit = core.fileFit(shape(el), answers[k]);
        if (fit.rest) rests++;
        var said = [earlier[k] || "", fit.rest].filter(function (w) {
          return w && core.together(earlierOf(el), w) !== earlierOf(el);
        });
        if (said.length) earliers.push({ el: el, said: said });
        // The answer as the field takes it: an empty one, a scale out of its range, items the
        // list no longer has, a date the picker cannot show all come out empty, and then the
        // client's own answer stays rather than being emptied.
        var was = get(el);
        kindOf(el).write(el, fit.value);
        var v = get(el);
        kindOf(el).write(el, was);
        if (core.isEmpty(v)) {
          if (earlier[k] || fit.rest) n++;
          return;
        }
        n++;
        // A log keeps its notes and gains the file's: nothing of it is replaced.
        v = core.loaded(shape(el), was, v);
        if (JSON.stringify(v) === JSON.stringify(was)) return;
        loads.push({ el: el, v: v, was: was });
        // As Load all on My notes: answers changed here after the file was made are replaced
        // only when the client says so.
        if (kind(el) !== "log" && !core.isEmpty(was) && core.newer(changedOf(pageOf(el)), (pages[pageOf(el)] || {}).changed)) newer = true;
      });
      if (newer && !window.confirm(words.loadNewer.replace("{page}", pageTitle()))) {
        say(words.loadKept.replace("{file}", file.name));
      } else {
        // What the file replaces can come back, as after Clear: a file loaded by mistake
        // (another week's, another device's older one) would otherwise take it for good.
        var kept = {};
        var replaced = store && loads.some(function (l) { return !core.isEmpty(l.was); });
        if (replaced) {
          loads.forEach(function (l) {
            var p = "between:" + site + ":" + pageOf(l.el) + ":";
            [keyOf(l.el), p + "@changed", metaKey(p, "since"), earlierKey(l.el), columnsKey(l.el)].forEach(function (k) {
              try { kept[k] = store.getItem(k); } catch (e) { kept[k] = null; }
            });
          });
          earliers.forEach(function (e) { kept[earlierKey(e.el)] = read(earlierKey(e.el)); });
        }
        // A file loaded in part would leave the client some answers of each, and not know
        // which: refused part-way, none of it is loaded.
        var err = atomically(function () {
          loads.forEach(function (l) { set(l.el, l.v); save(l.el); });
          earliers.forEach(function (e) { e.said.forEach(function (w) { addEarlier(e.el, w); }); });
        });
        if (err) {
          loads.forEach(function (l) { set(l.el, l.was); });
          earliers.forEach(function (e) { showEarlier(e.el); });
          unchanged(err);
          fileInput.value = "";
          return;
        }
        earliers.forEach(function (e) { showEarlier(e.el); });
        say((rests ? words.loadedEarlier : n ? words.loaded : words.loadFailed).replace("{file}", file.name));
        if (replaced) offerUndo(function () {
          var failed = atomically(function () {
            Object.keys(kept).forEach(function (k) {
              if (kept[k] == null) store.removeItem(k);
              else store.setItem(k, kept[k]);
            });
          });
          loads.forEach(function (l) { set(l.el, l.was); });
          earliers.forEach(function (e) { showEarlier(e.el); });
          return failed;
        }, loadButton);
      }
      fileInput.value = "";
    });
  });

  if (printButton) printButton.addEventListener("click", function () { window.print(); });
  window.addEventListener("beforeprint", function () { fields.forEach(sync); });

  // ---- Print blank: empty fields on paper, the saved answers untouched. ----
  //
  // The fields are emptied on the page only while it prints, with saving switched off, and
  // filled again from what they held as soon as the print dialog closes.
  var held = null, notes = null;
  // boxNotes holds, by field, the note in a log's box that is not yet added (a log's value
  // leaves it out), so that what empties the fields can put it back; null for other fields.
  function boxNotes() {
    return fields.map(function (el) { return kind(el) === "log" && control(el) ? control(el).value : null; });
  }
  function refill() {
    if (!held) return;
    var h = held;
    held = null;
    fields.forEach(function (el, i) {
      kindOf(el).write(el, h[i]);
      if (notes[i] != null) control(el).value = notes[i];
      sync(el);
    });
    blank = false;
    document.documentElement.classList.remove("ws-blank");
  }
  blankButton.addEventListener("click", function () {
    if (held) return;
    held = fields.map(get);
    notes = boxNotes();
    blank = true;
    document.documentElement.classList.add("ws-blank");
    fields.forEach(reset);
    window.print();
    // print() returns when the dialog closes where it blocks; afterprint covers the others.
    setTimeout(refill, 0);
  });
  window.addEventListener("afterprint", function () { setTimeout(refill, 0); });

  // ---- Clear: this page's answers only, with an Undo in the status line. ----

  function pageKeys() {
    var keys = [];
    if (!store) return keys;
    // A field of a kind this script does not know shows nothing of its answer here, so Clear
    // does not touch it: what the client cannot see they cannot mean to clear.
    var unknown = Array.prototype.filter.call(document.querySelectorAll("[data-field-id][data-kind]"), function (el) {
      return fields.indexOf(el) < 0 && pageOf(el) === page;
    }).map(function (el) { return el.getAttribute("data-field-id"); });
    var theirs = function (k) {
      var rest = k.slice(prefix.length);
      return unknown.some(function (id) { return rest === id || (rest[0] === "#" && rest.slice(rest.indexOf(":") + 1) === id); });
    };
    try {
      for (var i = 0; i < store.length; i++) {
        var k = store.key(i);
        // A repeated page's past entries (sessions.js) are not the answers on the page.
        if (k && k.indexOf(prefix) === 0 && k !== prefix + "@entries" && !theirs(k)) keys.push(k);
      }
    } catch (e) { /* nothing more to clear */ }
    return keys;
  }
  function answerCount() {
    return fields.filter(function (el) { return !core.isEmpty(get(el)) || earlierOf(el); }).length;
  }

  // asWritten tells whether a field is as the page wrote it, which is all Clear leaves.
  function asWritten(el) {
    if (kind(el) === "log" && log.read(el).length) return false;
    if (earlierOf(el)) return false;
    return own(el, "textarea, input").every(function (c) {
      return c.type === "checkbox" || c.type === "radio" ? c.checked === c.defaultChecked : c.value === c.defaultValue;
    });
  }

  var undoButton = null;
  // offerUndo puts Undo after the status line's words: it calls restore, then says so. It
  // stays until the client writes something new or leaves the page. restore returns the
  // error when storage refused a write (null when it took them all): then nothing on the
  // device was changed, all of it still as Clear or Load left it; the fields show the
  // answers again, but a reload would not, so the status says so and to download them, as
  // when typing into a full storage.
  function offerUndo(restore, after) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "ws-undo";
    b.textContent = words.undo;
    b.addEventListener("click", function () {
      var err = restore();
      if (err) unchanged(err);
      else say(words.undone);
      after.focus();
    });
    status.appendChild(document.createTextNode(" "));
    status.appendChild(b);
    undoButton = b;
    b.focus();
  }
  if (clearButton) clearButton.addEventListener("click", function () {
    // A second Clear with nothing written since would take the place of the first one's Undo
    // with one that brings back nothing, and the answers would be lost.
    if (fields.every(asWritten)) {
      if (undoButton) undoButton.focus();
      else say(words.cleared.replace("{n}", "0").replace("{page}", pageTitle()));
      return;
    }
    var n = answerCount();
    var title = pageTitle();
    if (!window.confirm(words.confirmClear.replace("{n}", String(n)).replace("{page}", title))) return;
    var before = fields.map(get);
    var boxes = boxNotes();
    var keys = pageKeys();
    var kept = {};
    keys.forEach(function (k) { try { kept[k] = store.getItem(k); } catch (e) { /* gone */ } });
    var back = function () {
      fields.forEach(function (el, i) {
        kindOf(el).write(el, before[i]);
        if (boxes[i] != null) control(el).value = boxes[i];
        showEarlier(el);
        sync(el);
      });
    };
    var err = atomically(function () {
      fields.forEach(reset);
      keys.forEach(function (k) { store.removeItem(k); });
    });
    if (err) {
      back();
      unchanged(err);
      return;
    }
    fields.forEach(function (el) { el.betweenUndo = null; showEarlier(el); });
    if (!store) { say(words.unavailable); return; }
    say(words.cleared.replace("{n}", String(n)).replace("{page}", title));
    offerUndo(function () {
      var failed = atomically(function () {
        Object.keys(kept).forEach(function (k) { if (kept[k] != null) store.setItem(k, kept[k]); });
      });
      back();
      return failed;
    }, clearButton);
  });

  // Dated entries, My notes and sharing (sessions.js) work with the same fields and storage.
  window.BetweenWorksheet = {
    fields: fields, get: get, set: set, shape: shape, save: save, reset: reset, say: say,
    keyOf: keyOf, pageOf: pageOf, store: store, actions: actions, place: place, toolbar: toolbar,
    button: button, ICONS: ICONS, markdown: markdown, pageTitle: pageTitle, earlierOf: earlierOf,
    keepRest: keepRest
  };
})();
