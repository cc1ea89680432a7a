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
    line: { format: text, parse: firstLine },
    date: { format: text, parse: firstLine },
    scale: {
      format: function (v, shape) { return v ? v + " / " + shape.max : ""; },
      parse: function (lines) {
        var m = /-?\d+/.exec(lines.join("\n"));
        return m ? m[0] : "";
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

  // fieldBlock returns the lines of one field: its marker, its question and its answer.
  // page is the field's page when it differs from the file's own page, else "".
  function fieldBlock(shape, v, page) {
    var out = ["<!-- field: " + shape.id + (page ? " page=" + page : "") + " -->"];
    if (shape.kind !== "task" && shape.question) out.push("## " + shape.question, "");
    out.push(format(shape, v), "");
    return out;
  }

  // markdown returns a whole file: title, date line, then each of fields
  // ({shape, value, page}).
  function markdown(title, dateWord, date, fields) {
    var out = ["# " + title, "", dateWord + ": " + date, ""];
    fields.forEach(function (f) { out = out.concat(fieldBlock(f.shape, f.value, f.page || "")); });
    return out.join("\n");
  }

  // parseFile returns the lines under each field, keyed "PAGE ID" (" ID" when the file gives
  // no page, as a file downloaded from the worksheet itself does).
  function parseFile(src) {
    var answers = {};
    var key = null, buf = [];
    function flush() { if (key !== null) answers[key] = buf; }
    String(src).replace(/\r\n?/g, "\n").split("\n").forEach(function (line) {
      var m = /^\s*<!--\s*field:\s*(\S+)(?:\s+page=(\S+))?\s*-->\s*$/.exec(line);
      if (m) { flush(); key = (m[2] || "") + " " + m[1]; buf = []; } else if (key !== null) buf.push(line);
    });
    flush();
    return answers;
  }

  // valueFrom turns the lines written under a field back into its stored form.
  function valueFrom(shape, lines) {
    lines = lines.slice();
    while (lines.length && !lines[0].trim()) lines.shift();
    if (shape.kind !== "task" && shape.question && lines.length && /^##\s/.test(lines[0])) lines.shift();
    while (lines.length && !lines[0].trim()) lines.shift();
    while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
    var k = kinds[shape.kind] || kinds.answer;
    return k.parse(lines, shape);
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
    oneLine: oneLine,
    isEmpty: isEmpty,
    format: format,
    fieldBlock: fieldBlock,
    markdown: markdown,
    parseFile: parseFile,
    valueFrom: valueFrom,
    splitRow: splitRow,
    isoDate: isoDate,
    longDate: longDate,
    filename: filename
  };
});
