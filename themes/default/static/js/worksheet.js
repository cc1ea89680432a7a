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
// (table), or true/false (task list item).
//
// The words it shows come from data- attributes of <div id="worksheet-strings" hidden>, when
// the theme provides one, with English defaults below.
(function () {
  "use strict";

  var fields = Array.prototype.slice.call(document.querySelectorAll("[data-field-id][data-kind]"));
  if (!fields.length) return;

  var DEFAULTS = {
    saved: "Saved on this device",
    saving: "Your answers are saved on this device as you type",
    unavailable: "Your browser is not saving answers on this device; download them to keep them",
    toolbar: "Your answers",
    download: "Download answers",
    load: "Load answers",
    print: "Print",
    clear: "Clear",
    confirmClear: "Clear every answer on this page? This cannot be undone.",
    cleared: "Answers cleared",
    loaded: "Answers loaded from {file}",
    loadFailed: "{file} has no answers for this page",
    date: "Date",
    filename: "answers"
  };
  var words = {};
  var stringsEl = document.getElementById("worksheet-strings");
  Object.keys(DEFAULTS).forEach(function (k) {
    var v = stringsEl && stringsEl.dataset[k];
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
  var store = null;
  try {
    store = window.localStorage;
    store.setItem(prefix, "1");
    store.removeItem(prefix);
  } catch (e) {
    store = null;
  }

  var byKey = {};
  var prefixes = [];
  fields.forEach(function (el) {
    byKey[keyOf(el)] = el;
    var p = "between:" + site + ":" + pageOf(el) + ":";
    if (prefixes.indexOf(p) < 0) prefixes.push(p);
  });

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
  function oneLine(s) { return String(s || "").replace(/\s+/g, " ").trim(); }
  function labelOf(input) {
    var l = input.id && document.querySelector('label[for="' + input.id + '"]');
    return oneLine(l ? l.textContent : input.value);
  }

  // get returns a field's value in the form it is stored in.
  function get(el) {
    switch (kind(el)) {
      case "answer":
      case "line":
      case "date":
        var c = own(el, "textarea, input")[0];
        return c ? c.value : "";
      case "task":
        var t = own(el, "input")[0];
        return !!(t && t.checked);
      case "table":
        var rows = [];
        own(el, "input[data-row]").forEach(function (i) {
          var r = +i.getAttribute("data-row") - 1, col = +i.getAttribute("data-col") - 1;
          (rows[r] = rows[r] || [])[col] = i.value;
        });
        return rows.map(function (r) { return Array.prototype.slice.call(r).map(function (v) { return v || ""; }); });
      default: // scale, choice, checklist
        var chosen = own(el, "input:checked").map(function (i) { return i.value; });
        return multiple(el) ? chosen : (chosen[0] || "");
    }
  }

  // set puts a stored value back; values of the wrong shape are ignored.
  function set(el, v) {
    switch (kind(el)) {
      case "answer":
      case "line":
      case "date":
        var c = own(el, "textarea, input")[0];
        if (c && typeof v === "string") c.value = v;
        break;
      case "task":
        var t = own(el, "input")[0];
        if (t) t.checked = v === true;
        break;
      case "table":
        if (!Array.isArray(v)) return;
        own(el, "input[data-row]").forEach(function (i) {
          var row = v[+i.getAttribute("data-row") - 1];
          var cell = Array.isArray(row) ? row[+i.getAttribute("data-col") - 1] : "";
          i.value = typeof cell === "string" ? cell : "";
        });
        break;
      default:
        var chosen = Array.isArray(v) ? v : [v];
        own(el, "input").forEach(function (i) { i.checked = chosen.indexOf(i.value) >= 0; });
    }
    sync(el);
  }

  // reset puts a field back as the page wrote it (an item the coach ticked with [x] stays
  // ticked, as it is after a reload with nothing saved).
  function reset(el) {
    own(el, "textarea, input").forEach(function (c) {
      if (c.type === "checkbox" || c.type === "radio") c.checked = c.defaultChecked;
      else c.value = c.defaultValue;
    });
    sync(el);
  }

  function isEmpty(v) {
    if (Array.isArray(v)) return v.every(isEmpty);
    return v === "" || v === false || v == null;
  }

  // sync updates what print needs: data-filled on the field, and the full text of an answer
  // (a printed textarea would cut a long answer at its last visible line).
  function sync(el) {
    var v = get(el);
    el.toggleAttribute("data-filled", !isEmpty(v));
    if (kind(el) === "date") printDate(el, v);
    if (kind(el) === "answer") {
      // A printed answer keeps at least the writing space the coach gave it.
      el.style.setProperty("--ws-lines", el.getAttribute("data-lines") || "1");
      var mirror = own(el, ".field-print")[0];
      if (mirror) mirror.textContent = v;
      grow(own(el, "textarea")[0]);
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
    var text = "";
    var d = v ? new Date(v + "T12:00:00") : null;
    if (d && !isNaN(d.getTime())) {
      try {
        text = d.toLocaleDateString(document.documentElement.lang || undefined, { year: "numeric", month: "long", day: "numeric" });
      } catch (e) {
        text = v;
      }
    }
    out.textContent = text;
  }

  // grow lets a textarea get taller than its lines as the client writes, never shorter.
  function grow(ta) {
    if (!ta) return;
    ta.style.height = "";
    if (ta.scrollHeight > ta.clientHeight) ta.style.height = ta.scrollHeight + 2 + "px";
  }

  // The toolbar is made here, so that without JavaScript there are no buttons that do nothing.
  var toolbar = document.createElement("div");
  toolbar.className = "ws-toolbar";
  toolbar.setAttribute("role", "group");
  toolbar.setAttribute("aria-label", words.toolbar);
  var actions = document.createElement("div");
  actions.className = "ws-actions";
  toolbar.appendChild(actions);
  var ICONS = {
    download: '<path d="M12 4v11m0 0-4.5-4.5M12 15l4.5-4.5M5 19h14"/>',
    load: '<path d="M12 15V4m0 0L7.5 8.5M12 4l4.5 4.5M5 19h14"/>',
    print: '<path d="M7 9V4h10v5M7 17H5a1 1 0 0 1-1-1v-6a1 1 0 0 1 1-1h14a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1h-2M7 14h10v6H7z"/>',
    clear: '<path d="M5 7h14M10 7V5h4v2M7 7l1 12h8l1-12"/>'
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
    actions.appendChild(b);
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
  var clearButton = button("clear");
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
    if (status.textContent !== text) status.textContent = text;
    if (endStatus.textContent !== text) endStatus.textContent = text;
  }
  if (!store) {
    toolbar.classList.add("ws-no-storage");
    say(words.unavailable);
  }

  function save(el) {
    sync(el);
    if (!store) return;
    try {
      store.setItem(keyOf(el), JSON.stringify(get(el)));
      say(words.saved);
    } catch (e) {
      say(words.unavailable);
    }
  }

  function onEdit(e) {
    var el = e.target.closest && e.target.closest("[data-field-id][data-kind]");
    if (el && byKey[keyOf(el)] === el) save(el);
  }
  document.addEventListener("input", onEdit);
  document.addEventListener("change", onEdit);

  // Restore what this device saved, and follow changes made in another tab.
  var restored = false;
  fields.forEach(function (el) {
    var raw = null;
    try { raw = store && store.getItem(keyOf(el)); } catch (e) { raw = null; }
    if (raw != null) {
      try { set(el, JSON.parse(raw)); restored = true; } catch (e) { /* not ours; leave the field */ }
    }
    sync(el);
  });
  // From the first visit the page says where answers go, before anything is typed.
  if (store) say(restored ? words.saved : words.saving);

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
    if (!el) return;
    if (e.newValue == null) { reset(el); return; }
    try { set(el, JSON.parse(e.newValue)); } catch (err) { /* ignore */ }
  });

  // ---- Download: a Markdown file a coach can read and this script can load back. ----
  //
  // Every field is written as an HTML comment with its id (invisible when the file is shown
  // as Markdown), its question as a heading, and its answer:
  //
  //   <!-- field: wins -->
  //   ## What went well since our last session?
  //
  //   I finished the draft.
  //
  // A field of another page (a step of a booklet) says so: <!-- field: wins page=/worksheets/values/ -->

  function question(el) {
    var l = own(el, ".field-label")[0];
    return l ? oneLine(l.textContent) : "";
  }
  function cell(s) { return oneLine(s).replace(/\\/g, "\\\\").replace(/\|/g, "\\|"); }

  function formatAnswer(el) {
    var v = get(el);
    switch (kind(el)) {
      case "scale":
        return v ? v + " / " + el.getAttribute("data-max") : "";
      case "choice":
        return multiple(el) ? v.map(function (i) { return "- " + i; }).join("\n") : v;
      case "checklist":
        return own(el, "input").map(function (i) {
          return (i.checked ? "- [x] " : "- [ ] ") + labelOf(i);
        }).join("\n");
      case "task":
        return (v ? "- [x] " : "- [ ] ") + labelOf(own(el, "input")[0]);
      case "table":
        var heads = own(el, "th").map(function (th) { return cell(th.textContent); });
        var out = ["| " + heads.join(" | ") + " |", "|" + heads.map(function () { return " --- |"; }).join("")];
        // Rows left empty at the end are not written: a habit tracker filled for three days
        // of seven reads as three rows. Loading matches rows by their place, so nothing is lost.
        var used = v.length;
        while (used > 0 && v[used - 1].every(function (c) { return !c; })) used--;
        v.slice(0, used).forEach(function (row) { out.push("| " + row.map(cell).join(" | ") + " |"); });
        return out.join("\n");
      default:
        return String(v).replace(/\s+$/, "");
    }
  }

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function pageTitle() {
    var h1 = document.querySelector("main h1") || document.querySelector("h1");
    return oneLine(h1 ? h1.textContent : document.title);
  }

  function markdown() {
    var out = ["# " + pageTitle(), "", words.date + ": " + today(), ""];
    fields.forEach(function (el) {
      var id = el.getAttribute("data-field-id");
      var from = pageOf(el);
      out.push("<!-- field: " + id + (from !== page ? " page=" + from : "") + " -->");
      if (kind(el) !== "task") {
        var q = question(el);
        if (q) out.push("## " + q, "");
      }
      out.push(formatAnswer(el), "");
    });
    return out.join("\n");
  }

  function filename() {
    var parts = page.split("/").filter(Boolean);
    var name = parts.length ? parts[parts.length - 1].replace(/\.html?$/, "") : "";
    return (name ? name + "-" : "") + words.filename + "-" + today() + ".md";
  }

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
    // The download has started from the URL by the time the next task runs.
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });

  // ---- Load: read a downloaded file back, matching answers to fields by id. ----

  // parseFile returns the lines under each field, keyed "PAGE ID" (" ID" when the file gives
  // no page, as a file downloaded from the worksheet itself does).
  function parseFile(text) {
    var answers = {};
    var key = null, buf = [];
    function flush() { if (key !== null) answers[key] = buf; }
    text.replace(/\r\n?/g, "\n").split("\n").forEach(function (line) {
      var m = /^\s*<!--\s*field:\s*(\S+)(?:\s+page=(\S+))?\s*-->\s*$/.exec(line);
      if (m) { flush(); key = (m[2] || "") + " " + m[1]; buf = []; } else if (key !== null) buf.push(line);
    });
    flush();
    return answers;
  }

  function unescapeCell(s) { return s.replace(/\\([\\|])/g, "$1"); }
  function splitRow(line) {
    var cells = [], cur = "", s = line.trim();
    if (s[0] === "|") s = s.slice(1);
    for (var i = 0; i < s.length; i++) {
      if (s[i] === "\\" && i + 1 < s.length) { cur += s[i] + s[i + 1]; i++; continue; }
      if (s[i] === "|") { cells.push(unescapeCell(cur.trim())); cur = ""; continue; }
      cur += s[i];
    }
    if (cur.trim() !== "") cells.push(unescapeCell(cur.trim()));
    return cells;
  }
  var ITEM = /^\s*[-*+]\s+(?:\[([ xX])\]\s*)?(.*)$/;

  // valueFrom turns the lines written under a field back into its stored form.
  function valueFrom(el, lines) {
    lines = lines.slice();
    while (lines.length && !lines[0].trim()) lines.shift();
    if (kind(el) !== "task" && question(el) && lines.length && /^##\s/.test(lines[0])) lines.shift();
    while (lines.length && !lines[0].trim()) lines.shift();
    while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
    var text = lines.join("\n");
    switch (kind(el)) {
      case "answer":
        return text;
      case "line":
      case "date":
        return (lines[0] || "").trim();
      case "scale":
        var m = /-?\d+/.exec(text);
        return m ? m[0] : "";
      case "task":
        var t = ITEM.exec(lines[0] || "");
        return !!(t && t[1] && t[1] !== " ");
      case "table":
        // The heading row and the --- row come first; an empty row is still a row.
        return lines.filter(function (l) { return /^\s*\|/.test(l); }).slice(2).map(splitRow);
      case "checklist":
        return lines.map(function (l) { return ITEM.exec(l); })
          .filter(function (m) { return m && m[1] && m[1] !== " "; })
          .map(function (m) { return oneLine(m[2]); });
      default: // choice
        if (!multiple(el)) return text.trim();
        return lines.map(function (l) { return ITEM.exec(l); })
          .filter(function (m) { return m && m[1] !== " "; })
          .map(function (m) { return oneLine(m[2]); });
    }
  }

  loadButton.addEventListener("click", function () { fileInput.click(); });
  fileInput.addEventListener("change", function () {
    var file = fileInput.files && fileInput.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var answers = parseFile(String(reader.result));
      var n = 0;
      var has = function (k) { return Object.prototype.hasOwnProperty.call(answers, k); };
      fields.forEach(function (el) {
        var id = el.getAttribute("data-field-id");
        var k = pageOf(el) + " " + id;
        if (!has(k)) k = " " + id;
        if (!has(k)) return;
        set(el, valueFrom(el, answers[k]));
        save(el);
        n++;
      });
      say((n ? words.loaded : words.loadFailed).replace("{file}", file.name));
      fileInput.value = "";
    };
    reader.readAsText(file);
  });

  if (printButton) printButton.addEventListener("click", function () { window.print(); });
  window.addEventListener("beforeprint", function () { fields.forEach(sync); });

  clearButton.addEventListener("click", function () {
    if (!window.confirm(words.confirmClear)) return;
    fields.forEach(reset);
    if (store) {
      try {
        var keys = [];
        for (var i = 0; i < store.length; i++) {
          var k = store.key(i);
          if (k && prefixes.some(function (p) { return k.indexOf(p) === 0; })) keys.push(k);
        }
        keys.forEach(function (k) { store.removeItem(k); });
      } catch (e) { /* nothing more to clear */ }
    }
    say(store ? words.cleared : words.unavailable);
  });
})();
