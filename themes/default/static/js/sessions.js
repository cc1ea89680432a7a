// sessions.js: what a client does between sessions, over time, on their own device.
//
//   - Repeated pages (<body data-repeat>): "Start a new entry" keeps the current answers as a
//     dated entry and opens a fresh one; past entries are listed, each printable and deletable
//     (with Undo); scales and choices across entries are drawn as a small chart.
//   - My notes (<body class="layout-notes">): every answer on this device, grouped by path and
//     stage, with a "since" filter, Print, Download all, Load all and Send to the coach.
//   - Send to the coach from a worksheet; reminders (.ics) from a path page and a repeated page.
//   - Continue where you left off on the home page; offline use through a service worker.
//
// Storage, beside worksheet.js's between:SITE:PAGE:FIELD keys (which stay today's entry):
//   between:SITE:PAGE:@entries  past entries, newest first: [{date, saved, values: {id: value},
//                               earlier: {id: words}}]; earlier, only in an entry of Load all
//                               that the page, edited since, cannot show all of (as a field's
//                               #earlier key); a script of before it shows the values alone
//   between:SITE:PAGE:@started  the day today's entry was begun (YYYY-MM-DD)
//   between:SITE:PAGE:@changed  when the page's answers last changed (ISO time; worksheet.js)
//   between:SITE:@last          the page touched last: {url, title}
//   between:SITE:@since         My notes' "since" date;  between:SITE:@session  the next session
//   between:SITE:@name          the client's name, for what they share
// Nothing here makes a request to another host; the words come from js/strings.js
// (window.BetweenStrings["sessions-strings"]), or from <div id="sessions-strings"> where a
// layout still writes one.
(function () {
  "use strict";

  var core = window.BetweenCore;
  var body = document.body;
  var stringsEl = document.getElementById("sessions-strings");
  var words = stringsEl ? stringsEl.dataset : (window.BetweenStrings || {})["sessions-strings"];
  if (!core || !words) return;
  var base = words.base || "/";
  var site = body.getAttribute("data-site") || location.host;
  var page = body.getAttribute("data-page") || location.pathname;
  var lang = document.documentElement.lang || undefined;

  var store = null;
  try {
    store = window.localStorage;
    store.getItem("between:probe");
  } catch (e) {
    store = null;
  }
  function siteKey(name) { return "between:" + site + ":@" + name; }
  function pageKey(url, name) { return "between:" + site + ":" + url + ":@" + name; }
  function readJSON(k) {
    try {
      var raw = store && store.getItem(k);
      return raw == null ? null : JSON.parse(raw);
    } catch (e) {
      return null;
    }
  }
  function writeJSON(k, v) {
    try { store.setItem(k, JSON.stringify(v)); return true; } catch (e) { return false; }
  }
  function readRaw(k) { try { return (store && store.getItem(k)) || ""; } catch (e) { return ""; } }
  function writeRaw(k, v) { try { store.setItem(k, v); } catch (e) { /* quota: shown by worksheet.js */ } }
  function remove(k) { try { store.removeItem(k); } catch (e) { /* gone already */ } }

  function today() { return core.isoDate(new Date()); }
  function long(day) { return core.longDate(day, lang) || day; }
  // shown writes a stored value for a person on screen and paper (past entries, My notes):
  // a log's notes with their dates in words, the ticked items of a list, not the download
  // file's "- 2026-03-13:" and "- [ ]" lines.
  function shown(shape, v) {
    switch (shape.kind) {
      case "log":
        return (Array.isArray(v) ? v : []).filter(function (n) { return n && typeof n.text === "string"; })
          .map(function (n) { return long(n.date) + ": " + n.text; }).join("\n");
      case "checklist":
        return (shape.items || []).filter(function (i) { return Array.isArray(v) && v.indexOf(i.value) >= 0; })
          .map(function (i) { return "✓ " + i.label; }).join("\n");
      case "task":
        return v === true ? "✓" : "";
      case "choice":
        if (shape.multiple) return (Array.isArray(v) ? v : []).join("\n");
    }
    return core.format(shape, v);
  }
  // answerList writes answers ({id: value}) of fields (shapes) for a person, each with its
  // earlier answer ({id: words}, if any): a past entry's card, a page of My notes.
  function answerList(fields, values, earlier) {
    var dl = make("dl", "entry-answers");
    earlier = earlier || {};
    fields.forEach(function (s) {
      var has = s.id in values && !core.isEmpty(values[s.id]);
      if (!has && !earlier[s.id]) return;
      dl.appendChild(make("dt", "", s.kind === "task" ? s.label : s.question));
      if (has) dl.appendChild(make("dd", "", shown(s, values[s.id])));
      if (earlier[s.id]) {
        var dd = make("dd", "ws-earlier");
        dd.appendChild(make("p", "ws-earlier-label", words.earlier));
        dd.appendChild(make("p", "ws-earlier-words", earlier[s.id]));
        dl.appendChild(dd);
      }
    });
    return dl;
  }

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }
  function make(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text != null) el.textContent = text;
    return el;
  }
  function button(cls, text) {
    var b = make("button", "ws-button " + cls);
    b.type = "button";
    b.appendChild(make("span", "", text));
    return b;
  }
  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
    var a = make("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  function printOnly(el) {
    body.classList.add("print-one");
    el.classList.add("is-printing");
    var done = function () {
      body.classList.remove("print-one");
      el.classList.remove("is-printing");
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  }

  // ---- Offline: a service worker keeps the library on the device. ----
  // Not under `between serve` (its live-reload script is on the page): a cached preview
  // would hide the coach's edits.
  function offline() {
    if (!("serviceWorker" in navigator) || document.querySelector('script[src*="/__between/"]')) return;
    var first = !navigator.serviceWorker.controller && !readRaw(siteKey("offline"));
    navigator.serviceWorker.register(base + "sw.js", { scope: base }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function () {
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
      if (!first || !store) return;
      writeRaw(siteKey("offline"), today());
      // One quiet line, once: the library now works without a connection.
      var footer = document.querySelector(".site-footer-inner") || body;
      var note = make("p", "offline-note", words.offlineReady);
      note.setAttribute("role", "status");
      footer.appendChild(note);
    }).catch(function () { /* no offline copy; the site works as before */ });
  }

  // ---- Continue where you left off ----
  function remember() {
    var ws = window.BetweenWorksheet;
    if (!store || !(ws || document.querySelector(".path-step"))) return;
    var h1 = document.querySelector("main h1");
    writeJSON(siteKey("last"), { url: page, title: core.oneLine(h1 ? h1.textContent : document.title) });
  }
  function showContinue() {
    var box = document.querySelector("[data-last-visit]");
    var last = readJSON(siteKey("last"));
    if (!box || !last || !last.url || last.url === page) return;
    var a = box.querySelector("a");
    a.href = last.url;
    a.textContent = last.title || last.url;
    box.hidden = false;
  }

  // ---- Share with the coach ----
  function coach() { return words.coachEmail || ""; }
  function shareFile() { return fill(words.shareFilename, { date: today() }) + ".txt"; }
  // share shows what will be sent, then hands it to the phone's share sheet with the file, or
  // else to a mail (within mail clients' length limits) with the whole text as a download.
  function sharePanel(after, textOf) {
    var panel = make("div", "share-panel");
    panel.hidden = true;
    var label = make("p", "share-label", words.sharePreview);
    label.id = "share-preview-label";
    var preview = make("textarea", "share-preview");
    preview.readOnly = true;
    preview.rows = 8;
    preview.setAttribute("aria-labelledby", label.id);
    var send = button("share-send", words.shareSend);
    var cancel = button("share-cancel", words.cancel);
    var mail = make("a", "button share-mailto", words.shareMail);
    mail.hidden = true;
    var note = make("p", "share-note");
    note.setAttribute("role", "status");
    panel.appendChild(label);
    panel.appendChild(preview);
    var row = make("div", "share-actions");
    row.appendChild(send);
    row.appendChild(mail);
    row.appendChild(cancel);
    panel.appendChild(row);
    panel.appendChild(note);
    after.parentNode.insertBefore(panel, after.nextSibling);
    cancel.addEventListener("click", function () { panel.hidden = true; });
    send.addEventListener("click", function () {
      var text = preview.value;
      var name = shareFile();
      var subject = words.shareSubject;
      var file = null;
      try { file = new File([text], name, { type: "text/plain" }); } catch (e) { file = null; }
      if (file && navigator.canShare && navigator.share && navigator.canShare({ files: [file] })) {
        navigator.share({ files: [file], title: subject }).catch(function () { /* the client closed the sheet */ });
        return;
      }
      var m = core.mailto(coach(), subject, text, fill(words.shareRest, { file: name }));
      mail.href = m.url;
      mail.hidden = false;
      if (m.cut) download(name, text, "text/plain");
      note.textContent = m.cut ? fill(words.shareCut, { file: name }) : words.shareReady;
      mail.focus();
    });
    return function open() {
      preview.value = core.plainText(textOf());
      mail.hidden = true;
      note.textContent = "";
      panel.hidden = false;
      preview.focus();
    };
  }
  // put places the button: a toolbar's place, or a plain append.
  function shareButton(put, after, textOf) {
    if (!coach()) return;
    var b = button("ws-share", fill(words.shareTo, { name: words.coachName }));
    put(b);
    var open = sharePanel(after, textOf);
    b.addEventListener("click", open);
  }

  // ---- Reminders: calendar files made here, from dates the client gives ----
  function dateInput(id, labelText, key) {
    var wrap = make("p", "reminder-date");
    var label = make("label", "", labelText);
    label.htmlFor = id;
    var input = make("input");
    input.type = "date";
    input.id = id;
    input.value = readRaw(key);
    input.addEventListener("change", function () { if (input.value) writeRaw(key, input.value); else remove(key); });
    wrap.appendChild(label);
    wrap.appendChild(document.createTextNode(" "));
    wrap.appendChild(input);
    return { wrap: wrap, input: input };
  }
  function absolute(url) { return new URL(url, location.href).href; }
  function pathReminders() {
    var article = document.querySelector("article.path-page");
    if (!article) return;
    var title = core.oneLine(article.querySelector("h1").textContent);
    var box = make("section", "reminders");
    box.setAttribute("aria-labelledby", "reminders-title");
    var h = make("h2", "", words.remindersTitle);
    h.id = "reminders-title";
    box.appendChild(h);
    var d = dateInput("next-session", words.sessionDate, siteKey("session"));
    box.appendChild(d.wrap);
    var add = button("ics-add", words.addToCalendar);
    box.appendChild(add);
    var note = make("p", "reminder-note");
    note.setAttribute("role", "status");
    box.appendChild(note);
    var stages = Array.prototype.slice.call(article.querySelectorAll(".stage"));
    // The box is not printed; paper says the session's date in a line of its own.
    var onPaper = make("p", "session-on-paper");
    onPaper.hidden = true;
    function dates() {
      article.querySelectorAll(".stage-date").forEach(function (e) { e.remove(); });
      note.textContent = "";
      onPaper.hidden = true;
      if (!d.input.value) return null;
      if (d.input.value < today()) {
        // A session that has passed gives no dates to work towards: ask for the next one.
        note.textContent = fill(words.sessionPast, { date: long(d.input.value) });
        return null;
      }
      onPaper.textContent = words.sessionDate + " " + long(d.input.value);
      onPaper.hidden = false;
      var ds = core.stageDates(today(), d.input.value, stages.length);
      stages.forEach(function (s, i) {
        var p = make("p", "stage-date", fill(words.stageBy, { date: long(ds[i]) }));
        s.querySelector("h2").insertAdjacentElement("afterend", p);
      });
      return ds;
    }
    d.input.addEventListener("change", dates);
    dates();
    add.addEventListener("click", function () {
      var ds = dates();
      if (!ds) {
        if (!d.input.value) note.textContent = words.sessionDateFirst;
        d.input.focus();
        return;
      }
      var events = stages.map(function (s, i) {
        var steps = Array.prototype.slice.call(s.querySelectorAll(".step-title a")).map(function (a) {
          return "- " + core.oneLine(a.textContent) + " " + absolute(a.getAttribute("href"));
        });
        return {
          uid: "stage-" + (i + 1) + "-" + d.input.value + "@" + site.replace(/[^\w.-]/g, "-"),
          date: ds[i], summary: core.oneLine(s.querySelector("h2").textContent) + " · " + title,
          description: steps.join("\n"), url: absolute(page)
        };
      });
      events.push({
        uid: "session-" + d.input.value + "@" + site.replace(/[^\w.-]/g, "-"), date: d.input.value,
        summary: words.sessionEvent, description: absolute(base + "notes/"), url: absolute(base + "notes/")
      });
      download(fill(words.icsFilename, { date: d.input.value }) + ".ics", core.ics(title, events, new Date()), "text/calendar");
      note.textContent = words.calendarReady;
    });
    var printLink = article.querySelector(".path-print");
    article.insertBefore(box, printLink ? printLink.nextSibling : null);
    article.insertBefore(onPaper, box);
  }

  // sessionOnBooklet puts the next session's date on a path's booklet, the path as printed,
  // and under each stage of its contents the day to have read it by, as the path's page
  // shows them: the paper is what a client carries between sessions.
  function sessionOnBooklet() {
    var cover = document.querySelector(".booklet-cover");
    if (!cover) return;
    var day = readRaw(siteKey("session"));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day < today()) return;
    var by = cover.querySelector(".booklet-by");
    cover.insertBefore(make("p", "booklet-session", words.sessionDate + " " + long(day)), by ? by.nextSibling : null);
    var lists = document.querySelectorAll(".booklet-toc .toc-steps");
    var ds = core.stageDates(today(), day, lists.length);
    Array.prototype.forEach.call(lists, function (ol, i) {
      ol.insertAdjacentElement("beforebegin", make("p", "stage-date", fill(words.stageBy, { date: long(ds[i]) })));
    });
  }

  // ---- Repeated pages: dated entries ----
  function repeated(ws) {
    var own = ws.fields.filter(function (el) { return ws.pageOf(el) === page; });
    var entriesKey = pageKey(page, "entries"), startedKey = pageKey(page, "started");
    var shapes = {};
    own.forEach(function (el) { shapes[el.getAttribute("data-field-id")] = ws.shape(el); });
    function entries() { var v = readJSON(entriesKey); return Array.isArray(v) ? v : []; }
    function current() {
      var values = {};
      own.forEach(function (el) {
        var v = ws.get(el);
        if (!core.isEmpty(v)) values[el.getAttribute("data-field-id")] = v;
      });
      return values;
    }
    document.addEventListener("input", function () { if (store && !readRaw(startedKey)) writeRaw(startedKey, today()); });

    var article = own[0].closest("article") || own[0].closest("main");
    var section = make("section", "entries");
    section.setAttribute("aria-labelledby", "entries-title");
    var h = make("h2", "", words.entriesTitle);
    h.id = "entries-title";
    section.appendChild(h);
    var charts = make("div", "entry-charts");
    var list = make("ol", "entry-list");
    var status = make("p", "entries-status");
    status.setAttribute("role", "status");
    section.appendChild(charts);
    section.appendChild(status);
    section.appendChild(list);
    article.appendChild(section);

    var start = button("ws-new-entry", words.entryNew);
    ws.place(start, "first");
    start.addEventListener("click", function () {
      var values = current();
      if (!Object.keys(values).length) { ws.say(words.entryEmpty); return; }
      var date = readRaw(startedKey) || today();
      var all = entries();
      all.unshift({ date: date, saved: new Date().toISOString(), values: values });
      if (!writeJSON(entriesKey, all)) { ws.say(words.entryNotKept); return; }
      // What a field could no longer show of its answer is not in the entry: it stays as
      // the field's earlier answer.
      own.forEach(function (el) {
        try { ws.keepRest(el); } catch (e) { return; }
        ws.reset(el, true);
        remove(ws.keyOf(el));
      });
      remove(startedKey);
      writeRaw(pageKey(page, "changed"), new Date().toISOString());
      render();
      ws.say(fill(words.entryKept, { date: long(date) }));
      var first = own[0].querySelector("textarea, input");
      if (first) first.focus();
    });

    function answers(values, earlier) {
      return answerList(own.map(function (el) { return shapes[el.getAttribute("data-field-id")]; }), values, earlier);
    }
    // render draws the entries in storage, or those given when storage refused them.
    function render(shownOnly) {
      var all = shownOnly || entries();
      list.textContent = "";
      section.hidden = !all.length;
      all.forEach(function (e, i) {
        var li = make("li", "entry-card");
        var head = make("h3");
        var t = make("time", "", long(e.date));
        t.dateTime = e.date;
        head.appendChild(t);
        li.appendChild(head);
        li.appendChild(answers(e.values || {}, e.earlier));
        var row = make("div", "entry-actions");
        var p = button("entry-print", words.entryPrint);
        var del = button("entry-delete", words.entryDelete);
        p.setAttribute("aria-label", words.entryPrint + " · " + long(e.date));
        del.setAttribute("aria-label", words.entryDelete + " · " + long(e.date));
        row.appendChild(p);
        row.appendChild(del);
        li.appendChild(row);
        list.appendChild(li);
        p.addEventListener("click", function () { printOnly(li); });
        del.addEventListener("click", function () { removeEntry(e); });
      });
      drawCharts(all);
    }
    // Another tab started a new entry, deleted one or brought one back: the list follows.
    window.addEventListener("storage", function (ev) { if (ev.key === entriesKey || ev.key === null) render(); });
    // same tells the entry a card shows from the one in storage: by what it holds, not by its
    // place, which another tab's new entry moves on by one.
    function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
    // after orders entries as the list does, newest first: by when each was kept.
    function after(a, b) { return String(a.saved || a.date || "") < String(b.saved || b.date || ""); }
    function removeEntry(shownEntry) {
      var all = entries();
      var i = -1;
      all.forEach(function (x, j) { if (i < 0 && same(x, shownEntry)) i = j; });
      if (i < 0) { render(); return; } // gone already, in another tab
      var gone = all.splice(i, 1)[0];
      writeJSON(entriesKey, all);
      render();
      status.textContent = fill(words.entryDeleted, { date: long(gone.date) }) + " ";
      var undo = button("entry-undo", words.undo);
      status.appendChild(undo);
      // With the last entry gone, render hid the section, and its Undo with it.
      section.hidden = false;
      undo.addEventListener("click", function () {
        var now = entries(), at = 0;
        while (at < now.length && !after(now[at], gone)) at++;
        now.splice(at, 0, gone);
        // A full storage refuses the list with the entry back in it: the card shows again,
        // to print, but a reload would lose it, and the status says it is not kept.
        if (writeJSON(entriesKey, now)) {
          status.textContent = words.entryRestored;
          render();
        } else {
          status.textContent = words.entryNotKept;
          render(now);
        }
      });
      undo.focus();
    }
    function drawCharts(all) {
      charts.textContent = "";
      // Oldest first, then today's entry when it has answers.
      var series = all.slice().reverse().map(function (e) { return { date: e.date, values: e.values || {} }; });
      var now = current();
      if (Object.keys(now).length) series.push({ date: readRaw(startedKey) || today(), values: now });
      own.forEach(function (el) {
        var s = shapes[el.getAttribute("data-field-id")];
        if (s.kind !== "scale" && !(s.kind === "choice" && !s.multiple)) return;
        var lo, hi, labels;
        if (s.kind === "scale") {
          lo = +s.min; hi = +s.max; labels = null;
        } else {
          lo = 0; hi = s.items.length - 1; labels = s.items.map(function (it) { return it.label; });
        }
        var nums = series.map(function (p) {
          var v = p.values[s.id];
          if (v === undefined || v === "") return null;
          if (labels) { var k = s.items.map(function (it) { return it.value; }).indexOf(v); return k < 0 ? null : k; }
          return +v;
        });
        // Only the entries that answered this question: today's entry with other answers
        // would stretch the dates to a day with no point.
        var answered = series.filter(function (p, i) { return nums[i] !== null; });
        nums = nums.filter(function (v) { return v !== null; });
        if (nums.length < 2) return;
        charts.appendChild(chartFigure(s.question, answered, nums, lo, hi, labels));
      });
    }
    render();
    weeklyReminder(ws);
  }

  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    var el = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text != null) el.textContent = text;
    return el;
  }
  // chartFigure draws one field's answers across entries: a line with a dot per entry, the
  // ends of the scale (or the choices) on the left, the first and last dates below.
  function chartFigure(question, series, nums, lo, hi, labels) {
    // The room above the top line holds a value written over its point.
    var W = 360, H = 166, left = labels ? 96 : 30, pad = 22;
    var pts = core.chart(nums, lo, hi, W - left, H - 24, pad);
    var fig = make("figure", "entry-chart");
    var described = series.map(function (p, i) {
      return long(p.date) + ": " + (nums[i] === null ? "–" : labels ? labels[nums[i]] : nums[i]);
    }).join(", ");
    var s = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": question + ". " + described, class: "chart" });
    var ticks = labels ? labels.map(function (l, i) { return { v: i, t: l }; }) : [{ v: lo, t: String(lo) }, { v: hi, t: String(hi) }];
    ticks.forEach(function (tk) {
      var y = core.chart([tk.v], lo, hi, 10, H - 24, pad)[0].y;
      s.appendChild(svg("line", { x1: left, x2: W - 4, y1: y, y2: y, class: "chart-grid" }));
      s.appendChild(svg("text", { x: left - 6, y: y + 4, class: "chart-tick", "text-anchor": "end" }, core.shortLabel(tk.t, 12)));
    });
    s.appendChild(svg("polyline", {
      class: "chart-line",
      points: pts.map(function (p) { return (p.x + left) + "," + p.y; }).join(" ")
    }));
    pts.forEach(function (p) {
      var c = svg("circle", { cx: p.x + left, cy: p.y, r: 4, class: "chart-dot" });
      c.appendChild(svg("title", {}, long(series[p.i].date) + ": " + (labels ? labels[p.v] : p.v)));
      s.appendChild(c);
      // On paper there is no pointer to ask a point its value: a scale's is written over it
      // (a choice's is its line's label), while the points are few enough to stay apart.
      if (!labels && pts.length <= 12) {
        s.appendChild(svg("text", { x: p.x + left, y: p.y - 9, class: "chart-value", "text-anchor": "middle" }, String(p.v)));
      }
    });
    s.appendChild(svg("text", { x: left, y: H - 4, class: "chart-tick", "text-anchor": "start" }, long(series[0].date)));
    s.appendChild(svg("text", { x: W - 4, y: H - 4, class: "chart-tick", "text-anchor": "end" }, long(series[series.length - 1].date)));
    var cap = make("figcaption", "", question);
    fig.appendChild(cap);
    fig.appendChild(s);
    return fig;
  }

  function weeklyReminder(ws) {
    var b = button("ics-weekly", words.remindWeekly);
    ws.place(b);
    b.addEventListener("click", function () {
      var title = ws.pageTitle();
      var ev = [{
        uid: "weekly-" + page.replace(/[^\w-]/g, "-") + "@" + site.replace(/[^\w.-]/g, "-"), date: core.addDays(today(), 7),
        summary: title, description: absolute(page), url: absolute(page), weekly: true
      }];
      download(fill(words.icsFilename, { date: today() }) + ".ics", core.ics(title, ev, new Date()), "text/calendar");
      ws.say(words.calendarReady);
    });
  }

  // ---- On a worksheet or guide: My notes, Send to the coach ----
  function worksheetPage(ws) {
    var notes = make("a", "ws-button ws-notes");
    notes.href = base + "notes/";
    notes.appendChild(make("span", "", words.notesLink));
    ws.place(notes);
    shareButton(function (b) { ws.place(b, "main"); }, ws.toolbar, function () {
      var groups = [{ title: "", pages: [pageNotes(page, ws.pageTitle(), ws.fields.filter(function (el) {
        return ws.pageOf(el) === page;
      }).map(ws.shape))] }];
      return core.notesFile(ws.pageTitle(), words.date, today(), groups, noteWords());
    });
    if (body.hasAttribute("data-repeat")) repeated(ws);
  }

  // ---- My notes ----
  function noteWords() {
    var name = readRaw(siteKey("name"));
    return { entry: words.entryOf, name: name ? fill(words.fromName, { name: name }) : "", earlier: words.earlier };
  }
  // pageNotes reads one page's answers and entries from storage. What a field, edited since,
  // can no longer show of an answer is its earlier answer (worksheet.js keeps it under
  // #earlier when the client changes the field), shown and written with it.
  function pageNotes(url, title, fields) {
    var values = {}, earlier = {};
    fields.forEach(function (s) {
      var k = "between:" + site + ":" + url + ":" + s.id;
      var raw = readRaw(k), v = readJSON(k);
      var fit = core.fit(s, v, savedColumns(url, s, raw));
      if (v !== null && !core.isEmpty(fit.value)) values[s.id] = fit.value;
      var said = core.together(readJSON(earlierKey(url, s.id)) || "", fit.rest);
      if (said) earlier[s.id] = said;
    });
    var entries = readJSON(pageKey(url, "entries"));
    return {
      url: url, title: title, fields: fields, values: values, earlier: earlier, changed: readRaw(pageKey(url, "changed")),
      entries: Array.isArray(entries) ? entries : []
    };
  }
  function earlierKey(url, id) { return "between:" + site + ":" + url + ":#earlier:" + id; }
  // savedColumns are a table's headings when raw, its answer, was saved (as worksheet.js).
  function savedColumns(url, s, raw) {
    return s.kind === "table" && raw ? core.headingsOf(readJSON("between:" + site + ":" + url + ":#columns:" + s.id), raw) : null;
  }
  function hasAnswers(p) { return Object.keys(p.values).length || Object.keys(p.earlier || {}).length || p.entries.length; }

  function notesPage() {
    var root = document.querySelector("[data-notes]");
    if (!root) return;
    var needs = document.querySelector("[data-notes-needs-js]");
    if (needs) needs.hidden = true;
    if (!store) { root.appendChild(make("p", "notes-empty", words.noStorage)); return; }
    fetch(base + "notes/index.json").then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (index) { showNotes(root, index.pages || []); }).catch(function () {
      root.appendChild(make("p", "notes-empty", words.notesFailed));
    });
  }

  function showNotes(root, index) {
    var controls = make("div", "notes-controls");
    var since = dateInput("notes-since", words.since, siteKey("since"));
    var nameRow = make("p", "notes-name");
    var nameLabel = make("label", "", words.yourName);
    nameLabel.htmlFor = "notes-name";
    var name = make("input");
    name.id = "notes-name";
    name.type = "text";
    name.autocomplete = "name";
    name.value = readRaw(siteKey("name"));
    name.addEventListener("input", function () { writeRaw(siteKey("name"), name.value.trim()); });
    nameRow.appendChild(nameLabel);
    nameRow.appendChild(document.createTextNode(" "));
    nameRow.appendChild(name);
    controls.appendChild(since.wrap);
    controls.appendChild(nameRow);
    var actions = make("div", "ws-actions notes-actions");
    var printB = button("notes-print", words.print);
    var downloadB = button("notes-download", words.downloadAll);
    var loadB = button("notes-load", words.loadAll);
    var file = make("input", "notes-file");
    file.type = "file";
    file.accept = ".md,.markdown,.txt,text/markdown,text/plain";
    file.hidden = true;
    actions.appendChild(printB);
    actions.appendChild(downloadB);
    actions.appendChild(loadB);
    controls.appendChild(actions);
    controls.appendChild(file);
    var status = make("p", "ws-status notes-status");
    status.setAttribute("role", "status");
    controls.appendChild(status);
    var out = make("div", "notes-body");
    root.appendChild(controls);
    root.appendChild(out);
    shareButton(function (b) { actions.appendChild(b); }, controls, function () { return file_(true); });

    // groups returns the pages with answers, in the index's order, under their group titles;
    // with filtered set, only what changed on or after the "since" date.
    function groups(filtered) {
      var from = filtered ? since.input.value : "";
      var out = [], byTitle = {};
      index.forEach(function (ip) {
        var p = pageNotes(ip.url, ip.title, ip.fields);
        if (!hasAnswers(p)) return;
        if (from) {
          // An answer saved before dates were kept has none: it is shown rather than hidden.
          var day = p.changed ? core.isoDate(new Date(p.changed)) : "";
          p.entries = p.entries.filter(function (e) { return e.date >= from; });
          if (day && day < from) { p.values = {}; p.earlier = {}; }
          if (!hasAnswers(p)) return;
        }
        var g = ip.group || words.otherPages;
        if (!byTitle[g]) { byTitle[g] = { title: g, pages: [] }; out.push(byTitle[g]); }
        byTitle[g].pages.push(p);
      });
      return out;
    }
    function file_(filtered) { return core.notesFile(words.notesTitle, words.date, today(), groups(filtered), noteWords()); }

    function render() {
      out.textContent = "";
      var gs = groups(true);
      if (!gs.length) {
        out.appendChild(make("p", "notes-empty", since.input.value ? fill(words.notesNoneSince, { date: long(since.input.value) }) : words.notesEmpty));
        return;
      }
      gs.forEach(function (g) {
        var sec = make("section", "notes-group");
        sec.appendChild(make("h2", "", g.title));
        g.pages.forEach(function (p) {
          var art = make("article", "notes-page");
          var h = make("h3");
          var a = make("a", "", p.title);
          a.href = p.url;
          h.appendChild(a);
          art.appendChild(h);
          if (p.changed) {
            var when = make("p", "notes-when");
            var t = make("time", "", long(core.isoDate(new Date(p.changed))));
            t.dateTime = p.changed;
            when.appendChild(document.createTextNode(words.lastChanged + " "));
            when.appendChild(t);
            art.appendChild(when);
          }
          art.appendChild(answerList(p.fields, p.values, p.earlier));
          p.entries.forEach(function (e) {
            art.appendChild(make("h4", "", fill(words.entryOf, { date: long(e.date) })));
            art.appendChild(answerList(p.fields, e.values || {}, e.earlier));
          });
          sec.appendChild(art);
        });
        out.appendChild(sec);
      });
    }
    since.input.addEventListener("change", render);
    printB.addEventListener("click", function () { window.print(); });
    downloadB.addEventListener("click", function () {
      download(fill(words.notesFilename, { date: today() }) + ".md", file_(false), "text/markdown");
    });
    loadB.addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () {
      var f = file.files && file.files[0];
      if (!f) return;
      core.readText(f, function (text) {
        // A file loaded in part would leave some pages (or some answers of a page) of the
        // file's and some of the device's, and the client not know which: refused part-way,
        // none of it is loaded.
        var got = null, real = store, j = core.journal(real);
        store = j;
        try { got = loadAll(index, core.readNotes(text)); } catch (e) { j.fail(e); } finally { store = real; }
        var err = j.failed();
        if (err) {
          // A layout of before these words has the one for no storage at all.
          status.textContent = (!j.undo() ? words.storageFull : core.isFull(err) ? words.notChangedFull : words.notChanged) || words.noStorage;
        } else {
          var n = got.loaded;
          // A file whose every page the client chose not to take does have answers.
          status.textContent = fill(n ? words.loadedAll : got.kept ? words.loadKept : words.loadedNone, { file: f.name, count: n });
        }
        file.value = "";
        render();
      });
    });
    render();
  }

  // loadAll restores every page and entry of a file of My notes. A page whose answers on this
  // device changed after the file was made is replaced only when the client says so; past
  // entries are added, never removed. It returns the number of pages restored, and of pages
  // whose answers the client chose to keep.
  function loadAll(index, file) {
    var n = 0, kept = 0;
    index.forEach(function (ip) {
      var fp = file[ip.url];
      if (!fp) return;
      var shapes = {};
      ip.fields.forEach(function (s) { shapes[s.id] = s; });
      var local = pageNotes(ip.url, ip.title, ip.fields);
      // What a field cannot take of the file's answer (the file was made before the coach
      // edited the page) is its earlier answer, with the file's own earlier answer.
      var fromFile = {}, fileEarlier = {};
      Object.keys(fp.earlier || {}).forEach(function (id) { if (shapes[id]) fileEarlier[id] = [fp.earlier[id]]; });
      Object.keys(fp.values).forEach(function (id) {
        if (!shapes[id]) return;
        var fit = core.fileFit(shapes[id], fp.values[id]);
        fromFile[id] = fit.value;
        if (fit.rest) fileEarlier[id] = (fileEarlier[id] || []).concat(fit.rest);
      });
      // A question the file has no answer for keeps the one here, and a log gains the file's
      // notes beside its own: what the file does not hold is not taken away.
      var values = {};
      ip.fields.forEach(function (s) {
        var v = core.loaded(s, local.values[s.id], fromFile[s.id]);
        if (!core.isEmpty(v)) values[s.id] = v;
      });
      var same = JSON.stringify(values) === JSON.stringify(local.values);
      var newer = core.newer(local.changed, fp.changed);
      var take = !same && (!Object.keys(local.values).length || !newer || window.confirm(fill(words.loadNewer, { page: ip.title })));
      if (!same && !take) kept++;
      var changed = false;
      if (take) {
        ip.fields.forEach(function (s) {
          var k = "between:" + site + ":" + ip.url + ":" + s.id;
          // What the field cannot show of the answer replaced is kept, as worksheet.js does.
          if (local.earlier[s.id] && !writeJSON(earlierKey(ip.url, s.id), local.earlier[s.id])) return;
          if (s.id in values) writeJSON(k, values[s.id]); else remove(k);
          remove("between:" + site + ":" + ip.url + ":#columns:" + s.id);
        });
        // Answers kept from here may be newer than the file: the page changed at the later.
        var at = fp.changed || new Date().toISOString();
        writeRaw(pageKey(ip.url, "changed"), local.changed && local.changed > at ? local.changed : at);
        changed = true;
      }
      // The file's earlier answers are added to the ones here, each once.
      Object.keys(fileEarlier).forEach(function (id) {
        var had = core.together(readJSON(earlierKey(ip.url, id)) || "", local.earlier[id] || "");
        var said = fileEarlier[id].reduce(core.together, had);
        if (said === had) return;
        writeJSON(earlierKey(ip.url, id), said);
        changed = true;
      });
      // A past entry keeps, as today's answers do, what its fields can no longer take of
      // the file's (made before the coach edited the page) as its earlier answer, with the
      // file's own earlier answer of the entry.
      var entries = local.entries.slice();
      var seen = entries.map(function (e) { return e.date + JSON.stringify(e.values) + JSON.stringify(e.earlier || {}); });
      Object.keys(fp.entries).forEach(function (k) {
        var vals = {}, read = {}, said = {};
        var fileSaid = (fp.entriesEarlier || {})[k] || {};
        Object.keys(fp.entries[k]).forEach(function (id) {
          if (!shapes[id]) return;
          var fit = core.fileFit(shapes[id], fp.entries[k][id]);
          read[id] = core.valueFrom(shapes[id], fp.entries[k][id]);
          if (!core.isEmpty(fit.value)) vals[id] = fit.value;
          if (fit.rest) said[id] = fit.rest;
        });
        Object.keys(fileSaid).forEach(function (id) { if (shapes[id]) said[id] = core.together(fileSaid[id], said[id] || ""); });
        var date = k.split("~")[0];
        var e = { date: date, saved: new Date().toISOString(), values: vals };
        if (Object.keys(said).length) e.earlier = said;
        // An entry this device has is not added again: one kept here before the page was
        // edited is stored as it was saved, and read as it was (valueFrom) it is the same.
        if (seen.indexOf(date + JSON.stringify(vals) + JSON.stringify(e.earlier || {})) >= 0) return;
        if (seen.indexOf(date + JSON.stringify(read) + "{}") >= 0) return;
        entries.push(e);
        changed = true;
      });
      entries.sort(function (a, b) { return a.date < b.date ? 1 : a.date > b.date ? -1 : 0; });
      if (entries.length) writeJSON(pageKey(ip.url, "entries"), entries);
      if (changed || same) n++;
    });
    return { loaded: n, kept: kept };
  }

  function start() {
    offline();
    var ws = window.BetweenWorksheet;
    if (ws && ws.fields.length) worksheetPage(ws);
    remember();
    showContinue();
    pathReminders();
    sessionOnBooklet();
    notesPage();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
