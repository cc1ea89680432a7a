// between-core.js holds the parts of the worksheet script that need no page: how each field
// kind's answer is written into a downloaded file and read back from one, the file's layout,
// and dates. worksheet.js (in a page) and `node --test` (themes/jstest) load the same file:
// in a page it sets window.BetweenCore, under Node it is a CommonJS module.
//
// A field is described by its shape, the facts about it that a page shows and a file needs:
//   {kind, id, question, max, multiple, items: [{value, label}], columns: [...], label}
// (items for choice and checklist, columns for table, label for a task list item).
(function (root, factory) {
  "use strict";
  var core = factory();
  if (typeof module === "object" && module.exports) module.exports = core;
  else root.BetweenCore = core;
})(this, function () {
  "use strict";

  function oneLine(s) { return String(s == null ? "" : s).replace(/\s+/g, " ").trim(); }

  function isEmpty(v) {
    if (Array.isArray(v)) return v.every(isEmpty);
    return v === "" || v === false || v == null;
  }

  // cellLine is a table cell's answer as the cell keeps it: one line, each line break
  // character a space, so that its length, and a caret in it, stay the same.
  function cellLine(s) { return String(s == null ? "" : s).replace(/[\r\n]/g, " "); }

  // A table cell keeps its pipes and backslashes, escaped, so a row splits back the same.
  function cell(s) { return oneLine(s).replace(/\\/g, "\\\\").replace(/\|/g, "\\|"); }
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
  function ticked(m) { return m && m[1] && m[1] !== " "; }
  function box(on, label) { return (on ? "- [x] " : "- [ ] ") + label; }

  // notes keeps the well-formed notes of a stored log value.
  function notes(v) {
    return (Array.isArray(v) ? v : []).filter(function (n) {
      return n && typeof n.text === "string" && typeof n.date === "string";
    });
  }

  function text(v) { return String(v == null ? "" : v).replace(/\s+$/, ""); }
  function firstLine(lines) { return (lines[0] || "").trim(); }

  // kinds holds, per field kind, how its stored value is written into a downloaded file
  // (format) and read back from the lines under its heading (parse). worksheet.js adds how
  // the value is read from and written to the page's controls, so each kind is one entry.
  var kinds = {
    answer: {
      format: text,
      parse: function (lines) { return lines.join("\n"); }
    },
    // A line reads all of a longer answer (a field made a line since the file was saved),
    // which fit puts on one line: the first line alone left the others out.
    line: { format: text, parse: function (lines) { return lines.join("\n"); } },
    date: { format: text, parse: firstLine },
    scale: {
      format: function (v, shape) { return v ? v + " / " + shape.max : ""; },
      // The number as format writes it ("4 / 5"), or the number alone; other words (an
      // answer the field was before it became a scale: "slept 6 hours") are no number, and
      // fileFit keeps them as an earlier answer: the first number in them was taken.
      parse: function (lines) {
        var m = /^(-?\d+)(?:\s*\/\s*\d+)?$/.exec(lines.join("\n").trim());
        return m ? m[1] : "";
      }
    },
    choice: {
      format: function (v, shape) {
        if (!shape.multiple) return text(v);
        return (Array.isArray(v) ? v : []).map(function (i) { return "- " + i; }).join("\n");
      },
      parse: function (lines, shape) {
        if (!shape.multiple) return lines.join("\n").trim();
        return lines.map(function (l) { return ITEM.exec(l); })
          .filter(function (m) { return m && m[1] !== " "; })
          .map(function (m) { return oneLine(m[2]); });
      }
    },
    checklist: {
      format: function (v, shape) {
        var chosen = Array.isArray(v) ? v : [];
        return (shape.items || []).map(function (i) {
          return box(chosen.indexOf(i.value) >= 0, i.label);
        }).join("\n");
      },
      parse: function (lines) {
        return lines.map(function (l) { return ITEM.exec(l); })
          .filter(ticked)
          .map(function (m) { return oneLine(m[2]); });
      }
    },
    task: {
      format: function (v, shape) { return box(v === true, shape.label || ""); },
      parse: function (lines) { return !!ticked(ITEM.exec(lines[0] || "")); }
    },
    // A log is a list of short dated notes, newest first: [{date: "YYYY-MM-DD", text}].
    log: {
      format: function (v) {
        return notes(v).map(function (n) { return "- " + n.date + ": " + oneLine(n.text); }).join("\n");
      },
      parse: function (lines) {
        return lines.map(function (l) { return /^\s*[-*+]\s+(\d{4}-\d{2}-\d{2}):\s?(.*)$/.exec(l); })
          .filter(Boolean)
          .map(function (m) { return { date: m[1], text: m[2].trim() }; });
      }
    },
    table: {
      format: function (v, shape) {
        var heads = (shape.columns || []).map(cell);
        var out = ["| " + heads.join(" | ") + " |", "|" + heads.map(function () { return " --- |"; }).join("")];
        // Rows left empty at the end are not written: a habit tracker filled for three days
        // of seven reads as three rows. Loading matches rows by their place, so nothing is lost.
        var rows = Array.isArray(v) ? v : [];
        var used = rows.length;
        while (used > 0 && rows[used - 1].every(function (c) { return !c; })) used--;
        rows.slice(0, used).forEach(function (row) { out.push("| " + row.map(cell).join(" | ") + " |"); });
        return out.join("\n");
      },
      // The heading row and the --- row come first; an empty row is still a row.
      parse: function (lines) {
        return lines.filter(function (l) { return /^\s*\|/.test(l); }).slice(2).map(splitRow);
      }
    }
  };

  // ---- Earlier answers: what a field can no longer show ----
  //
  // A coach can edit a worksheet that clients have answered: reword or remove an option,
  // shorten a scale, take a column or rows off a table, give a field another kind under the
  // same id. What a client saved stays on the device, and what the field cannot show of it is
  // their earlier answer: shown under the field as words, kept in Download, Load, My notes
  // and print, until the client removes it. fit splits a stored value into the two.

  // asText writes any stored value as words for a person: an earlier answer of another kind.
  function asText(v) {
    if (v == null || v === false) return "";
    if (v === true) return "✓";
    if (typeof v === "string") return text(v);
    if (typeof v === "number") return String(v);
    if (Array.isArray(v)) {
      return v.map(function (x) {
        if (Array.isArray(x)) return x.map(asText).filter(Boolean).join(" | ");
        if (x && typeof x === "object" && typeof x.text === "string") return (x.date ? x.date + ": " : "") + x.text;
        return asText(x);
      }).filter(Boolean).join("\n");
    }
    return JSON.stringify(v);
  }

  // columnsFor says where each column of a table saved under the headings saved (null when
  // the answer was saved without them, before they were kept) goes among the page's headings
  // now: a page column's index, or -1 for a column the table no longer has. A heading found
  // again keeps its cells, wherever it moved; headings not found are taken as reworded, in
  // order, only when as many are new as are gone. Any other way, they could land under the
  // wrong heading, and an earlier answer is better than a misread one.
  function columnsFor(saved, columns) {
    var n = (columns || []).length;
    if (!Array.isArray(saved)) return null;
    var key = function (h) { return oneLine(h).toLowerCase(); };
    var used = [], map = saved.map(function (h) {
      for (var j = 0; j < n; j++) {
        if (!used[j] && key(columns[j]) === key(h)) { used[j] = true; return j; }
      }
      return -1;
    });
    var gone = [], added = [];
    map.forEach(function (j, i) { if (j < 0) gone.push(i); });
    for (var j = 0; j < n; j++) if (!used[j]) added.push(j);
    if (gone.length === added.length) gone.forEach(function (i, k) { map[i] = added[k]; });
    return map;
  }

  // fit returns {value, rest}: value, what of a stored value v the field of shape can show,
  // in its stored form; rest, the words of what it cannot ("" when it shows it all). saved is
  // a table's headings as they were when v was saved (null if not known: cells go by place).
  function fit(shape, v, saved) {
    var kind = shape.kind;
    if (v == null) return { value: v, rest: "" };
    var items = (shape.items || []).map(function (i) { return i.value; });
    var listed = function (x) { return typeof x === "string" && items.indexOf(x) >= 0; };
    switch (kind) {
      case "answer":
        return typeof v === "string" ? { value: v, rest: "" } : { value: "", rest: asText(v) };
      case "line":
        // An answer of several lines (a field made a line): its words on one line, as a
        // line's box shows them; the box itself dropped the line breaks, joining the last
        // word of a line to the first of the next.
        return typeof v === "string" ? { value: /\n/.test(v) ? oneLine(v) : v, rest: "" } : { value: "", rest: asText(v) };
      case "date":
        return typeof v === "string" && (v === "" || /^\d{4}-\d{2}-\d{2}$/.test(v)) ? { value: v, rest: "" } : { value: "", rest: asText(v) };
      case "scale": {
        var n = typeof v === "number" ? String(v) : v;
        var lo = shape.min == null || shape.min === "" ? 1 : +shape.min, hi = +shape.max;
        if (n === "") return { value: "", rest: "" };
        if (typeof n === "string" && /^-?\d+$/.test(n) && +n >= lo && (isNaN(hi) || +n <= hi)) return { value: String(+n), rest: "" };
        return { value: "", rest: asText(v) };
      }
      case "choice":
      case "checklist": {
        var many = kind === "checklist" || !!shape.multiple;
        var list = Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : null;
        if (v === "" || (Array.isArray(v) && !v.length)) return { value: v, rest: "" };
        if (!list) return { value: many ? [] : "", rest: asText(v) };
        var kept = list.filter(listed);
        if (!many) kept = kept.slice(0, 1);
        var left = list.filter(function (x) { return kept.indexOf(x) < 0; });
        return { value: many ? kept : kept[0] || "", rest: asText(left) };
      }
      case "task":
        return typeof v === "boolean" ? { value: v, rest: "" } : { value: false, rest: asText(v) };
      case "log": {
        if (!Array.isArray(v)) return { value: [], rest: asText(v) };
        var good = notes(v);
        return { value: good, rest: asText(v.filter(function (x) { return good.indexOf(x) < 0; })) };
      }
      case "table": {
        if (!Array.isArray(v) || !v.every(Array.isArray)) return { value: [], rest: asText(v) };
        var columns = shape.columns || [];
        var map = columnsFor(saved, columns);
        var rows = +shape.rows || v.length;
        var out = [], lines = [];
        v.forEach(function (row, r) {
          var line = [];
          if (r < rows) out[r] = columns.map(function () { return ""; });
          row.forEach(function (c, i) {
            var j = map ? (i < map.length ? map[i] : -1) : i < columns.length ? i : -1;
            var words = typeof c === "string" ? c : asText(c);
            if (r < rows && j >= 0) { out[r][j] = words; return; }
            if (!words.trim()) return;
            var head = map ? saved[i] : columns[i];
            line.push(head ? oneLine(head) + ": " + words : words);
          });
          if (line.length) lines.push(line.join("; "));
        });
        return { value: out, rest: lines.join("\n") };
      }
    }
    return { value: v, rest: "" };
  }

  // sum is a short fingerprint of a stored answer: a table's saved headings are trusted only
  // for the answer they were saved with (a script of before they were kept, still cached,
  // can have saved the table since, by place, under other headings).
  function sum(s) {
    var h = 0;
    s = String(s);
    for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
    return h;
  }

  // headings is what a table keeps beside its answer json: its columns' headings now.
  function headings(columns, json) { return { columns: columns, of: sum(json) }; }
  // headingsOf returns the headings kept as h (what headings returned, parsed back) when they
  // were kept with raw, the table's stored answer; else null (cells then go by place).
  function headingsOf(h, raw) {
    return h && Array.isArray(h.columns) && raw != null && h.of === sum(raw) ? h.columns : null;
  }

  // together adds the words of an earlier answer to those kept already, once each.
  function together(kept, more) {
    kept = text(kept);
    more = text(more);
    if (!more || ("\n" + kept + "\n").indexOf("\n" + more + "\n") >= 0) return kept;
    return kept ? kept + "\n" + more : more;
  }

  // format writes a stored value the way a downloaded file shows it.
  function format(shape, v) {
    var k = kinds[shape.kind];
    return k ? k.format(v, shape) : text(v);
  }

  // ---- The downloaded file: a Markdown file a coach can read and the script can load. ----
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

  // An earlier answer (see fit) follows its field's answer under a marker of its own, after
  // a line of words for the reader:
  //
  //   <!-- earlier: energy -->
  //   Your earlier answer, from before this question changed:
  //
  //   Steady
  //
  // A script of before earlier answers, loading the file, ends the field at the marker, as
  // at any marker it does not know, and so reads the field's answer as it always did.

  // fieldBlock returns the lines of one field: its marker, its question and its answer, and
  // its earlier answer, if any, under word. page is the field's page when it differs from
  // the file's own page, else "".
  function fieldBlock(shape, v, page, entry, level, earlier, word) {
    var where = (page ? " page=" + page : "") + (entry ? " entry=" + entry : "");
    var out = ["<!-- field: " + shape.id + where + " -->"];
    if (shape.kind !== "task" && shape.question) out.push(hashes(level || 2) + " " + shape.question, "");
    out.push(format(shape, v), "");
    if (earlier) out.push("<!-- earlier: " + shape.id + where + " -->", word || "", "", text(earlier), "");
    return out;
  }

  // markdown returns a whole file: title, date line, then each of fields
  // ({shape, value, page, earlier}). pages ({url, changed}), when given, say when each page's
  // answers last changed, as a file of My notes does, so that loading the file can tell
  // whether the device has newer ones. earlierWord introduces an earlier answer.
  function markdown(title, dateWord, date, fields, pages, earlierWord) {
    var out = ["# " + title, "", dateWord + ": " + date, ""];
    (pages || []).forEach(function (p) {
      if (p.changed) out.push("<!-- page: " + p.url + " changed=" + p.changed + " -->");
    });
    if (pages && pages.some(function (p) { return p.changed; })) out.push("");
    fields.forEach(function (f) { out = out.concat(fieldBlock(f.shape, f.value, f.page || "", f.entry || "", 2, f.earlier, earlierWord)); });
    return out.join("\n");
  }

  // parseFile returns the lines under each field, keyed "PAGE ID" (" ID" when the file gives
  // no page, as a file downloaded from the worksheet itself does).
  // A field of a past entry of a repeated page (in a file of My notes) adds entry=DATE~N, and
  // is keyed "PAGE ID DATE~N", so a single page's Load never takes it for today's answer.
  // A line <!-- page: URL changed=TIME --> before a page's fields says when it last changed;
  // those are returned under answers["@pages"], by URL.
  // An earlier answer (<!-- earlier: ID ... -->) is returned, as its words, under
  // answers["@earlier"], by the same key as its field.
  function parseFile(src) {
    var answers = {};
    var pages = {};
    var earlier = {};
    var key = null, buf = [], into = answers;
    function flush() {
      if (key === null) return;
      if (into === answers) answers[key] = buf;
      else if (earlierWords(buf)) earlier[key] = earlierWords(buf);
    }
    String(src).replace(/\r\n?/g, "\n").split("\n").forEach(function (line) {
      var m = /^\s*<!--\s*(field|earlier):\s*(\S+)(?:\s+page=(\S+))?(?:\s+entry=(\S+))?\s*-->\s*$/.exec(line);
      var p = /^\s*<!--\s*page:\s*(\S+)(?:\s+changed=(\S+))?\s*-->\s*$/.exec(line);
      if (m) {
        flush();
        key = (m[3] || "") + " " + m[2] + (m[4] ? " " + m[4] : "");
        into = m[1] === "field" ? answers : earlier;
        buf = [];
      } else if (p) {
        flush();
        key = null;
        pages[p[1]] = { changed: p[2] || "" };
      } else if (/^\s*<!--.*-->\s*$/.test(line)) {
        // Any other marker (a group, an entry's heading) ends the field before it.
        flush();
        key = null;
      } else if (key !== null) {
        buf.push(line);
      }
    });
    flush();
    Object.defineProperty(answers, "@pages", { value: pages, enumerable: false });
    Object.defineProperty(answers, "@earlier", { value: earlier, enumerable: false });
    return answers;
  }

  // earlierWords are the words of an earlier answer's lines: those after the line that
  // introduces it.
  function earlierWords(lines) {
    lines = lines.slice();
    while (lines.length && !lines[0].trim()) lines.shift();
    lines.shift();
    return lines.join("\n").trim();
  }

  // newer tells whether answers on the device, last changed at local, are newer than a file's,
  // changed at file (both ISO times, "" when not known). A file that does not say is taken as
  // older: loading it over answers asks first.
  function newer(local, file) { return !!local && (!file || local > file); }

  // loaded returns what loading a file leaves in a field that holds local and to which the
  // file gives fromFile (both stored forms). A file with no answer there keeps the device's:
  // it says nothing of it, so it cannot be what the client meant to replace it with. A log's
  // notes are put together, newest first, each once: notes are added over weeks on a phone
  // and on a laptop, and the file of one has none of the other's.
  function loaded(shape, local, fromFile) {
    if (isEmpty(fromFile)) return local;
    if (shape.kind !== "log") return fromFile;
    var out = notes(local).slice(), seen = {};
    out.forEach(function (n) { seen[n.date + "\n" + n.text] = true; });
    notes(fromFile).forEach(function (n) {
      if (seen[n.date + "\n" + n.text]) return;
      seen[n.date + "\n" + n.text] = true;
      out.push(n);
    });
    // Array sort keeps equal dates in the order they came (ES2019): the device's first.
    return out.sort(function (a, b) { return a.date < b.date ? 1 : a.date > b.date ? -1 : 0; });
  }

  // valueFrom turns the lines written under a field back into its stored form.
  function valueFrom(shape, lines) {
    lines = answerLines(shape, lines);
    var k = kinds[shape.kind] || kinds.answer;
    return k.parse(lines, shape);
  }
  // answerLines are the lines of a field's answer: without its question, and blank lines around.
  function answerLines(shape, lines) {
    lines = lines.slice();
    while (lines.length && !lines[0].trim()) lines.shift();
    if (shape.kind !== "task" && shape.question && lines.length && /^#{2,6}\s/.test(lines[0])) lines.shift();
    while (lines.length && !lines[0].trim()) lines.shift();
    while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
    return lines;
  }

  // fileFit returns {value, rest} for the lines under a field in a downloaded file, as fit
  // does for a stored answer: a file made before the coach edited the page (on another phone,
  // a month ago) brings back what the field can no longer show as the client's earlier answer,
  // as the device that saved it shows it, rather than leaving it out. A table's heading row
  // says which columns its cells were under. Words the field's kind reads nothing of (an
  // answer where a scale now is) are the rest whole; boxes not ticked and a table's empty
  // rows are no answer, in any kind.
  function fileFit(shape, lines) {
    var f = fit(shape, valueFrom(shape, lines), shape.kind === "table" ? fileColumns(lines) : null);
    if (f.rest || !isEmpty(f.value)) return f;
    var rows = 0;
    var left = answerLines(shape, lines).filter(function (l) {
      var m = ITEM.exec(l);
      if (m && !ticked(m)) return false;
      if (/^\s*\|/.test(l)) return rows++ >= 2 && splitRow(l).some(Boolean);
      return true;
    });
    while (left.length && !left[0].trim()) left.shift();
    return { value: f.value, rest: text(left.join("\n")) };
  }
  // fileColumns are the headings of the table in lines, or null when it has no heading row.
  function fileColumns(lines) {
    var rows = lines.filter(function (l) { return /^\s*\|/.test(l); });
    return rows.length >= 2 && /^[\s|:-]+$/.test(rows[1]) && /-/.test(rows[1]) ? splitRow(rows[0]) : null;
  }

  function hashes(n) { return "######".slice(0, Math.max(1, Math.min(6, n))); }

  // ---- My notes: every answer on the device, as one file ----
  //
  // notesFile writes groups of pages ({title, pages: [{url, title, changed, fields: [shape],
  // values: {id: value}, earlier: {id: words}, entries: [{date, values, earlier}]}]}) as Markdown
  // that reads as a letter and that loadNotes reads back. Empty answers are left out.
  function notesFile(title, dateWord, date, groups, words) {
    var out = ["# " + title, "", dateWord + ": " + date, ""];
    if (words.name) out.push(words.name, "");
    groups.forEach(function (g) {
      if (g.title) out.push("<!-- group -->", "## " + g.title, "");
      g.pages.forEach(function (p) {
        out.push("<!-- page: " + p.url + (p.changed ? " changed=" + p.changed : "") + " -->");
        out.push("### " + p.title, "");
        var block = function (values, entry, level, earlier) {
          p.fields.forEach(function (shape) {
            var v = values[shape.id], e = earlier[shape.id] || "";
            if ((v === undefined || isEmpty(v)) && !e) return;
            out = out.concat(fieldBlock(shape, v === undefined ? "" : v, p.url, entry, level, e, words.earlier));
          });
        };
        block(p.values || {}, "", 4, p.earlier || {});
        (p.entries || []).forEach(function (e, i) {
          out.push("<!-- entry: " + e.date + " -->", "#### " + words.entry.replace("{date}", e.date), "");
          block(e.values || {}, e.date + "~" + i, 5, e.earlier || {});
        });
      });
    });
    return out.join("\n");
  }

  // readNotes turns a file of My notes (or of one page) back into pages:
  // {URL: {changed, values: {id: lines}, earlier: {id: words}, entries: {"DATE~N": {id: lines}},
  // entriesEarlier: {"DATE~N": {id: words}}}}. The lines are parsed by fileFit once the
  // page's shapes are known.
  function readNotes(src) {
    var answers = parseFile(src);
    var out = {};
    function page(url) { return out[url] || (out[url] = { changed: "", values: {}, earlier: {}, entries: {}, entriesEarlier: {} }); }
    var earlier = answers["@earlier"];
    Object.keys(earlier).forEach(function (k) {
      var parts = k.split(" ");
      var p = page(parts[0]);
      if (parts[2]) (p.entriesEarlier[parts[2]] = p.entriesEarlier[parts[2]] || {})[parts[1]] = earlier[k];
      else p.earlier[parts[1]] = earlier[k];
    });
    Object.keys(answers).forEach(function (k) {
      var parts = k.split(" ");
      var p = page(parts[0]);
      if (parts[2]) (p.entries[parts[2]] = p.entries[parts[2]] || {})[parts[1]] = answers[k];
      else p.values[parts[1]] = answers[k];
    });
    var meta = answers["@pages"];
    Object.keys(meta).forEach(function (url) { page(url).changed = meta[url].changed; });
    return out;
  }

  // plainText is what is shared with a coach: the same letter without the machine's markers.
  function plainText(markdownText) {
    return String(markdownText).split("\n").filter(function (l) { return !/^\s*<!--.*-->\s*$/.test(l); })
      .join("\n").replace(/\n{3,}/g, "\n\n");
  }

  function isHigh(code) { return code >= 0xd800 && code <= 0xdbff; }

  function isLow(code) { return code >= 0xdc00 && code <= 0xdfff; }

  // wellFormed is s with any lone half of a surrogate pair as U+FFFD, as
  // String.prototype.toWellFormed makes it. That, and a /\p{Cs}/u pattern, are not in every
  // browser a client may have, and the pattern would stop this whole file there: the
  // scripts are written for old phones too.
  function wellFormed(s) {
    s = String(s);
    var out = "", from = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (isHigh(c) && isLow(s.charCodeAt(i + 1))) { i++; continue; }
      if (!isHigh(c) && !isLow(c)) continue;
      out += s.slice(from, i) + "\ufffd";
      from = i + 1;
    }
    return from === 0 ? s : out + s.slice(from);
  }

  // decodeText is the text of a file's bytes: UTF-8 (its mark dropped), or UTF-16 with its
  // mark, as a browser reads them; and when the bytes are not UTF-8, Windows-1252, as an
  // older editor saves a downloaded file the client opened and saved again (Notepad before
  // 2019, "ANSI"). Read as UTF-8, each accented letter became "\ufffd", and Load put that
  // over the client's answer.
  function decodeText(bytes) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch (e) {
      return new TextDecoder("windows-1252").decode(bytes);
    }
  }

  // readText reads a file the client chose (Load) and gives its text to done (decodeText).
  // A browser without TextDecoder reads it as UTF-8, as before.
  function readText(file, done) {
    var reader = new FileReader();
    var raw = typeof TextDecoder === "function" && typeof Uint8Array === "function";
    reader.onload = function () { done(raw ? decodeText(new Uint8Array(reader.result)) : String(reader.result)); };
    if (raw) reader.readAsArrayBuffer(file);
    else reader.readAsText(file);
  }

  // shortLabel is t cut to n characters as a reader counts them, the last an ellipsis: a
  // chart's tick label. An emoji is never cut in half (which shows as a box).
  function shortLabel(t, n) {
    t = String(t);
    var at = 0;
    for (var k = 0; k < n - 1 && at < t.length; k++) at += isHigh(t.charCodeAt(at)) && isLow(t.charCodeAt(at + 1)) ? 2 : 1;
    if (at >= t.length) return t;
    // One more character after the first n-1: then t is longer than n.
    var next = at + (isHigh(t.charCodeAt(at)) && isLow(t.charCodeAt(at + 1)) ? 2 : 1);
    return next >= t.length ? t : t.slice(0, at) + "\u2026";
  }

  // mailto returns a mailto: URL to address with subject and body, cutting the body so that
  // the whole URL stays within limit characters (mail clients and browsers drop longer
  // ones; 2000 is safe across them), and whether it had to cut. A cut ends with more.
  function mailto(address, subject, body, more, limit) {
    limit = limit || 2000;
    // encodeURIComponent throws on half of an emoji (a lone surrogate): text pasted from
    // elsewhere can hold one, and a cut must never make one, or Send does nothing at all.
    body = wellFormed(body);
    var head = "mailto:" + encodeURIComponent(address).replace(/%40/g, "@") + "?subject=" + encodeURIComponent(wellFormed(subject)) + "&body=";
    var full = head + encodeURIComponent(body);
    if (full.length <= limit) return { url: full, cut: false };
    var tail = encodeURIComponent("\n\n" + wellFormed(more));
    var room = limit - head.length - tail.length;
    // Cut at a line end where possible, never inside a percent escape nor between the two
    // halves of an emoji.
    var whole = function (n) { return n > 0 && isHigh(body.charCodeAt(n - 1)) ? n - 1 : n; };
    var lo = 0, hi = body.length;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (encodeURIComponent(body.slice(0, whole(mid))).length <= room) lo = mid; else hi = mid - 1;
    }
    lo = whole(lo);
    var cut = body.slice(0, lo);
    var nl = cut.lastIndexOf("\n");
    if (nl > lo / 2) cut = cut.slice(0, nl);
    return { url: head + encodeURIComponent(cut) + tail, cut: true };
  }

  // ---- Writes of many keys: all of them, or none ----
  //
  // Load, Load all, Clear, Undo and Remove each write several keys. A full quota (or a
  // browser that refuses) can stop them part-way, and the client was left with some answers
  // of the file and some of their own, or an Undo that brought back half. journal wraps a
  // Storage for one such change: it notes what each key held before the change first wrote
  // it, and the first error a write met, even one its caller catches and goes on from (a
  // write that fails after one did is refused at once: all of it is put back anyway).
  // undo then puts every key the change wrote back as it was.
  function journal(store) {
    var before = {}, order = [], failed = null;
    function write(k, op) {
      if (failed) throw failed;
      k = String(k);
      var was = store.getItem(k);
      try {
        op();
      } catch (e) {
        // A refused write leaves its key as it was.
        failed = e;
        throw e;
      }
      if (Object.prototype.hasOwnProperty.call(before, k)) return;
      before[k] = was;
      order.push(k);
    }
    var j = {
      getItem: function (k) { return store.getItem(k); },
      key: function (i) { return store.key(i); },
      setItem: function (k, v) { write(k, function () { store.setItem(k, v); }); },
      removeItem: function (k) { write(k, function () { store.removeItem(k); }); },
      // fail notes an error that stopped the change outside storage (a bug in it): the
      // change is then undone, as for a refused write.
      fail: function (e) { if (!failed) failed = e || new Error("change stopped"); },
      failed: function () { return failed; },
      // undo puts every key written back as it was, and tells whether storage took it all.
      // Keys the change made are removed first, which frees their room. A key written back
      // can need more room than it has now while another written back would free some: each
      // refused one is tried again while others go through. A storage that refuses for good
      // keeps what the change wrote there, rather than nothing.
      undo: function () {
        var left = order.filter(function (k) { return store.getItem(k) !== before[k]; });
        left = left.filter(function (k) {
          if (before[k] != null) return true;
          try { store.removeItem(k); } catch (e) { return true; }
          return false;
        });
        for (var more = true; left.length && more;) {
          var n = left.length;
          left = left.filter(function (k) {
            try {
              if (before[k] == null) store.removeItem(k);
              else store.setItem(k, before[k]);
              return false;
            } catch (e) { return true; }
          });
          more = left.length < n;
        }
        return !left.length;
      }
    };
    Object.defineProperty(j, "length", { get: function () { return store.length; } });
    return j;
  }

  // isFull tells a refused write of a full quota from other refusals (storage switched off
  // while the page was open, a disk error): a full device can be helped by a download first.
  function isFull(e) {
    return !!e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22 || e.code === 1014);
  }

  // ---- Charts: how a scale or a choice moved across entries ----

  // chart returns the points of a line chart of values (numbers or null for no answer) on a
  // width × height area, from lo (bottom) to hi (top), with pad around it.
  function chart(values, lo, hi, width, height, pad) {
    var n = values.length;
    var span = hi - lo || 1;
    var pts = [];
    values.forEach(function (v, i) {
      if (v === null || v === undefined || isNaN(v)) return;
      var x = n === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (n - 1);
      var y = pad + ((hi - v) * (height - 2 * pad)) / span;
      pts.push({ x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10, i: i, v: v });
    });
    return pts;
  }

  // ---- Calendar files (.ics, RFC 5545) made in the browser ----

  function icsText(s) {
    return String(s).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }
  // fold cuts a content line into lines of at most 75 octets, each next one starting with a
  // space, never inside a character.
  function fold(line) {
    line = wellFormed(line); // half an emoji would make encodeURIComponent throw
    var out = [], cur = "", size = 0;
    for (var i = 0; i < line.length; i++) {
      var ch = line[i];
      var code = line.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < line.length) { ch += line[i + 1]; i++; }
      var n = unescape(encodeURIComponent(ch)).length;
      if (size + n > (out.length ? 74 : 75)) { out.push(cur); cur = ""; size = 0; }
      cur += ch;
      size += n;
    }
    out.push(cur);
    return out.join("\r\n ");
  }
  function icsDate(day) { return day.replace(/-/g, ""); }
  function icsStamp(d) { return d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, ""); }
  function addDays(day, n) {
    var d = new Date(day + "T12:00:00");
    d.setDate(d.getDate() + n);
    return isoDate(d);
  }

  // ics returns a calendar of all-day events ({uid, date: "YYYY-MM-DD", summary,
  // description, url, alarm: minutes before 09:00 on the day (may be negative: after),
  // weekly: true to repeat every week}). now stamps it.
  function ics(name, events, now) {
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Between//Between sessions//EN", "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH", "X-WR-CALNAME:" + icsText(name)];
    events.forEach(function (e) {
      lines.push("BEGIN:VEVENT", "UID:" + e.uid, "DTSTAMP:" + icsStamp(now),
        "DTSTART;VALUE=DATE:" + icsDate(e.date), "DTEND;VALUE=DATE:" + icsDate(addDays(e.date, 1)),
        "SUMMARY:" + icsText(e.summary));
      if (e.weekly) lines.push("RRULE:FREQ=WEEKLY");
      if (e.description) lines.push("DESCRIPTION:" + icsText(e.description));
      if (e.url) lines.push("URL:" + e.url);
      // The reminder sounds at 09:00 on the day (an all-day event starts at midnight).
      lines.push("BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + icsText(e.summary),
        "TRIGGER;RELATED=START:PT9H", "END:VALARM", "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  // stageDates spreads n stages over the days from today to the session: the last stage is
  // due the day before it, the others evenly before. Past or same-day sessions give today.
  function stageDates(today, session, n) {
    var a = new Date(today + "T12:00:00"), b = new Date(session + "T12:00:00");
    var days = Math.round((b - a) / 86400000) - 1;
    var out = [];
    for (var i = 1; i <= n; i++) out.push(addDays(today, days <= 0 ? 0 : Math.round((i * days) / n)));
    return out;
  }

  // ---- Dates ----

  function two(n) { return (n < 10 ? "0" : "") + n; }

  // isoDate is the local calendar day of d as YYYY-MM-DD.
  function isoDate(d) {
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  // longDate writes a YYYY-MM-DD day out in words in the language lang ("" when v is no
  // date). Noon keeps the day the same in every time zone. Digits are Western, as the
  // generator writes them in every language (an Arabic page would otherwise mix ٢٠٢٥ and 2025).
  function longDate(v, lang) {
    var d = v ? new Date(v + "T12:00:00") : null;
    if (!d || isNaN(d.getTime())) return "";
    try {
      return d.toLocaleDateString(lang || undefined, { year: "numeric", month: "long", day: "numeric", numberingSystem: "latn" });
    } catch (e) {
      return v;
    }
  }

  // filename is the name of a downloaded file for the page at the URL path page.
  function filename(page, word, date) {
    var parts = String(page).split("/").filter(Boolean);
    var name = parts.length ? parts[parts.length - 1].replace(/\.html?$/, "") : "";
    return (name ? name + "-" : "") + word + "-" + date + ".md";
  }

  return {
    kinds: kinds,
    asText: asText,
    fit: fit,
    columnsFor: columnsFor,
    headings: headings,
    headingsOf: headingsOf,
    together: together,
    oneLine: oneLine,
    cellLine: cellLine,
    isEmpty: isEmpty,
    format: format,
    fieldBlock: fieldBlock,
    notesFile: notesFile,
    readNotes: readNotes,
    plainText: plainText,
    mailto: mailto,
    shortLabel: shortLabel,
    decodeText: decodeText,
    readText: readText,
    chart: chart,
    ics: ics,
    fold: fold,
    stageDates: stageDates,
    addDays: addDays,
    markdown: markdown,
    parseFile: parseFile,
    newer: newer,
    loaded: loaded,
    valueFrom: valueFrom,
    fileFit: fileFit,
    journal: journal,
    isFull: isFull,
    splitRow: splitRow,
    isoDate: isoDate,
    longDate: longDate,
    filename: filename
  };
});
