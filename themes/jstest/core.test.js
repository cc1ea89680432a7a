// Tests of between-core.js, the worksheet script's parts that need no page. Run with
// `node --test themes/jstest/` (go test ./themes runs it too).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../default/static/js/between-core.js");

// One shape and value per kind, with the text a downloaded file shows for it.
const cases = [
  { shape: { kind: "answer", id: "wins", question: "What went well?" }, value: "I finished.\nAnd called Sam.", text: "I finished.\nAnd called Sam." },
  { shape: { kind: "line", id: "name", question: "Your name" }, value: "Alex", text: "Alex" },
  { shape: { kind: "date", id: "next", question: "Next session" }, value: "2026-05-01", text: "2026-05-01" },
  { shape: { kind: "scale", id: "c", question: "How sure?", max: "10" }, value: "7", text: "7 / 10" },
  { shape: { kind: "choice", id: "e", question: "Energy", items: [{ value: "Low", label: "Low" }, { value: "High", label: "High" }] }, value: "High", text: "High" },
  { shape: { kind: "choice", id: "s", question: "Support", multiple: true, items: [{ value: "A call", label: "A call" }, { value: "Time", label: "Time" }] }, value: ["A call", "Time"], text: "- A call\n- Time" },
  { shape: { kind: "checklist", id: "a", question: "Before next time", multiple: true, items: [{ value: "Book", label: "Book the call" }, { value: "Draft", label: "Draft it" }] }, value: ["Draft"], text: "- [ ] Book the call\n- [x] Draft it", back: ["Draft it"] },
  { shape: { kind: "task", id: "walk", label: "Walk after lunch" }, value: true, text: "- [x] Walk after lunch" },
  { shape: { kind: "table", id: "h", question: "Habits", columns: ["Day", "What | why"] }, value: [["Mon", "Walked | ran"], ["", "a\\b"], ["", ""]], text: "| Day | What \\| why |\n| --- | --- |\n| Mon | Walked \\| ran |\n|  | a\\\\b |", back: [["Mon", "Walked | ran"], ["", "a\\b"]] }
];

test("each kind formats its value for a downloaded file", () => {
  for (const c of cases) assert.equal(core.format(c.shape, c.value), c.text, c.shape.kind);
});

test("every kind has format and parse", () => {
  for (const k of ["answer", "line", "date", "scale", "choice", "checklist", "task", "table"]) {
    assert.equal(typeof core.kinds[k].format, "function", k);
    assert.equal(typeof core.kinds[k].parse, "function", k);
  }
});

test("a downloaded file loads back to the same values", () => {
  const file = core.markdown("Values", "Date", "2026-05-01", cases.map((c) => ({ shape: c.shape, value: c.value })));
  assert.match(file, /^# Values\n\nDate: 2026-05-01\n\n<!-- field: wins -->\n## What went well\?\n\nI finished\./);
  const answers = core.parseFile(file.replace(/\n/g, "\r\n"));
  for (const c of cases) {
    const lines = answers[" " + c.shape.id];
    assert.ok(lines, "no answer for " + c.shape.id);
    assert.deepEqual(core.valueFrom(c.shape, lines), c.back || c.value, c.shape.kind);
  }
});

test("a field of another page is keyed by that page", () => {
  const file = core.markdown("Booklet", "Date", "2026-05-01", [
    { shape: cases[1].shape, value: "Sam", page: "/worksheets/u/" },
    { shape: cases[1].shape, value: "Alex" }
  ]);
  const answers = core.parseFile(file);
  assert.deepEqual(answers["/worksheets/u/ name"].filter(Boolean), ["## Your name", "Sam"]);
  assert.deepEqual(answers[" name"].filter(Boolean), ["## Your name", "Alex"]);
});

test("a downloaded file says when each page's answers last changed", () => {
  const file = core.markdown("Booklet", "Date", "2026-05-01", [
    { shape: cases[1].shape, value: "Sam", page: "/worksheets/u/" },
    { shape: cases[1].shape, value: "Alex" }
  ], [{ url: "/worksheets/t/", changed: "2026-05-01T09:00:00.000Z" }, { url: "/worksheets/u/", changed: "" }]);
  assert.match(file, /^# Booklet\n\nDate: 2026-05-01\n\n<!-- page: \/worksheets\/t\/ changed=2026-05-01T09:00:00.000Z -->\n\n<!-- field: name page=\/worksheets\/u\/ -->/);
  const answers = core.parseFile(file);
  assert.deepEqual(answers["@pages"], { "/worksheets/t/": { changed: "2026-05-01T09:00:00.000Z" } });
  assert.deepEqual(answers[" name"].filter(Boolean), ["## Your name", "Alex"]);
  // Without pages, the file is as it was.
  assert.match(core.markdown("V", "Date", "2026-05-01", [{ shape: cases[1].shape, value: "A" }]), /^# V\n\nDate: 2026-05-01\n\n<!-- field: name -->/);
});

test("newer: answers on the device against a file's", () => {
  assert.equal(core.newer("2026-05-02T10:00:00.000Z", "2026-05-01T10:00:00.000Z"), true);
  assert.equal(core.newer("2026-05-01T10:00:00.000Z", "2026-05-02T10:00:00.000Z"), false);
  assert.equal(core.newer("2026-05-01T10:00:00.000Z", "2026-05-01T10:00:00.000Z"), false);
  // A file that does not say is older; answers that do not say are not newer.
  assert.equal(core.newer("2026-05-01T10:00:00.000Z", ""), true);
  assert.equal(core.newer("", "2026-05-01T10:00:00.000Z"), false);
  assert.equal(core.newer("", ""), false);
});

test("text around the fields is ignored, and empty values stay empty", () => {
  const answers = core.parseFile("A note from me\n\n<!-- field: c -->\n## How sure?\n\n\n");
  assert.equal(core.valueFrom(cases[3].shape, answers[" c"]), "");
  assert.deepEqual(Object.keys(answers), [" c"]);
});

test("a table cell keeps one line, of the same length, and downloads and loads back as it is", () => {
  assert.equal(core.cellLine("Walked\nthen ran"), "Walked then ran");
  assert.equal(core.cellLine("a\r\nb"), "a  b");
  assert.equal(core.cellLine("no break | here"), "no break | here");
  assert.equal(core.cellLine(null), "");
  const shape = { kind: "table", id: "h", question: "Habits", columns: ["Day", "Note"] };
  const long = "I walked to the station instead of taking the bus, and on the way I noticed how much calmer I felt before the meeting started.";
  const v = [["Mon", core.cellLine("Walked\nthen ran")], ["Tue", long]];
  const answers = core.parseFile(core.markdown("T", "Date", "2026-05-01", [{ shape, value: v }]));
  assert.deepEqual(core.valueFrom(shape, answers[" h"]), v);
});

test("isEmpty", () => {
  for (const v of ["", false, null, undefined, [], ["", ""], [["", ""]]]) assert.ok(core.isEmpty(v), JSON.stringify(v));
  for (const v of ["x", true, ["a"], [["", "b"]]]) assert.ok(!core.isEmpty(v), JSON.stringify(v));
});

test("dates", () => {
  assert.equal(core.isoDate(new Date(2026, 0, 5, 23, 59)), "2026-01-05");
  assert.equal(core.longDate("2026-03-15", "en-US"), "March 15, 2026");
  assert.equal(core.longDate("", "en"), "");
  assert.equal(core.longDate("not a date", "en"), "");
  assert.equal(core.filename("/worksheets/values/", "answers", "2026-05-01"), "values-answers-2026-05-01.md");
  assert.equal(core.filename("/", "answers", "2026-05-01"), "answers-2026-05-01.md");
});

test("a file of My notes loads back: pages, entries, and what comes after a field", () => {
  const wins = { kind: "answer", id: "wins", question: "What went well?" };
  const energy = { kind: "scale", id: "energy", question: "Energy", min: "1", max: "5" };
  const log = { kind: "log", id: "noticed", question: "Noticed" };
  const groups = [
    { title: "Your first month · Before session 2", pages: [{
      url: "/g/weekly/", title: "Weekly", changed: "2026-03-13T10:00:00.000Z", fields: [wins, energy, log],
      values: { wins: "## Not a heading\nSaid no", energy: "4", noticed: [{ date: "2026-03-12", text: "Quiet, again" }] },
      entries: [{ date: "2026-03-06", values: { wins: "Finished", energy: "2" } }]
    }] },
    { title: "Other pages", pages: [{ url: "/w/values/", title: "Values", changed: "", fields: [wins], values: { wins: "Honesty" }, entries: [] }] }
  ];
  const file = core.notesFile("My notes", "Date", "2026-03-14", groups, { entry: "Entry of {date}", name: "From Alex" });
  assert.match(file, /From Alex/);
  const back = core.readNotes(file);
  assert.deepEqual(Object.keys(back).sort(), ["/g/weekly/", "/w/values/"]);
  const w = back["/g/weekly/"];
  assert.equal(w.changed, "2026-03-13T10:00:00.000Z");
  assert.equal(core.valueFrom(wins, w.values.wins), "## Not a heading\nSaid no");
  assert.equal(core.valueFrom(energy, w.values.energy), "4");
  assert.deepEqual(core.valueFrom(log, w.values.noticed), [{ date: "2026-03-12", text: "Quiet, again" }]);
  assert.deepEqual(Object.keys(w.entries), ["2026-03-06~0"]);
  assert.equal(core.valueFrom(wins, w.entries["2026-03-06~0"].wins), "Finished");
  assert.equal(core.valueFrom(wins, back["/w/values/"].values.wins), "Honesty");
  // The same page's own Load (worksheet.js) never takes an entry's answer for today's.
  const answers = core.parseFile(file);
  assert.ok(!("/g/weekly/ wins 2026-03-06~0" in answers) || answers["/g/weekly/ wins"]);
  // Shared text keeps no markers.
  assert.doesNotMatch(core.plainText(file), /<!--/);
});

test("mailto stays within the limit and says where the rest is", () => {
  const short = core.mailto("clara@example.org", "Notes", "Hello", "More in the file");
  assert.equal(short.url, "mailto:clara@example.org?subject=Notes&body=Hello");
  assert.equal(short.cut, false);
  const body = Array.from({ length: 300 }, (_, i) => "Line " + i + " é").join("\n");
  const long = core.mailto("clara@example.org", "Notes", body, "More in the file", 2000);
  assert.ok(long.cut);
  assert.ok(long.url.length <= 2000, long.url.length);
  assert.match(decodeURIComponent(long.url), /Line 0 é\n[\s\S]*\n\nMore in the file$/);
});

test("mailto never cuts an emoji in half, and takes text with half of one", () => {
  // A client's notes full of emoji, longer than a mail link holds: every cut point.
  for (let pad = 0; pad < 3; pad++) {
    for (let n = 600; n < 700; n++) {
      const body = "x".repeat(pad) + "Today 😄\n" + "🌱".repeat(n);
      const m = core.mailto("clara@example.org", "Notes 🌱", body, "More in the file 📎", 2000);
      assert.ok(m.cut);
      assert.ok(m.url.length <= 2000, m.url.length);
      const text = decodeURIComponent(m.url); // throws on half an emoji
      assert.match(text, /^mailto:clara@example\.org\?subject=Notes 🌱&body=x{0,2}Today 😄\n(🌱)+\n\nMore in the file 📎$/u);
    }
  }
  // Text pasted from elsewhere may hold half of one: it shows as U+FFFD, and Send still works.
  const m = core.mailto("clara@example.org", "Notes", "a\uD83Db \uDE04c", "More");
  assert.equal(decodeURIComponent(m.url), "mailto:clara@example.org?subject=Notes&body=a\ufffdb \ufffdc");
});

test("a chart's label is cut by characters, not by halves of an emoji", () => {
  assert.equal(core.shortLabel("Calm", 12), "Calm");
  assert.equal(core.shortLabel("Twelve chars", 12), "Twelve chars");
  assert.equal(core.shortLabel("Really quite calm", 12), "Really quit\u2026");
  // Cut at 11 UTF-16 units, as before, the emoji (units 11 and 12) lost its second half.
  assert.equal(core.shortLabel("Calm and s😌 steady", 12), "Calm and s😌\u2026");
  assert.equal(core.shortLabel("😌😌😌😌😌😌😌😌😌😌😌😌😌", 12), "😌😌😌😌😌😌😌😌😌😌😌\u2026");
});

test("a calendar file takes a title with half of an emoji", () => {
  const ics = core.ics("First \uD83D month", [{ uid: "a@x", date: "2026-03-09", summary: "Before \uDE04 session 2 " + "🌱".repeat(40) }],
    new Date(Date.UTC(2026, 2, 2, 9, 30, 0)));
  const unfolded = ics.replace(/\r\n /g, "");
  assert.match(unfolded, /SUMMARY:Before \ufffd session 2 (🌱){40}\r\n/u);
  for (const l of ics.split("\r\n")) assert.ok(Buffer.byteLength(l) <= 75, l);
});

test("a loaded file is read in the encoding it was saved in", () => {
  const utf8 = new TextEncoder().encode("\ufeffThe café, naïve “quotes”");
  assert.equal(core.decodeText(utf8), "The café, naïve “quotes”");
  // Saved again by an older Notepad ("ANSI"): Windows-1252, not "\ufffd" for each letter.
  // (Its curly quotes, 0x91 to 0x94, are checked in Chromium: Node reads windows-1252 as
  // Latin-1 there.)
  assert.equal(core.decodeText(Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65])), "café naïve");
  // UTF-16 with its mark, as Notepad's "Unicode" saves it, either way round.
  assert.equal(core.decodeText(Uint8Array.from([0xff, 0xfe, 0x63, 0, 0xe9, 0, 0x3c, 0xd8, 0x31, 0xdf])), "cé🌱");
  assert.equal(core.decodeText(Uint8Array.from([0xfe, 0xff, 0, 0x63, 0, 0xe9])), "cé");
  assert.equal(core.decodeText(new Uint8Array(0)), "");
});

test("a calendar file is strict iCalendar", () => {
  const ics = core.ics("Your first month", [
    { uid: "a@x", date: "2026-03-09", summary: "Before session 2 · Your first month", description: "- Wheel of life, values; more\nhttps://example.org/library/worksheets/wheel-of-life/", url: "https://example.org/p/" },
    { uid: "b@x", date: "2026-03-16", summary: "Coaching session", weekly: true }
  ], new Date(Date.UTC(2026, 2, 2, 9, 30, 0)));
  const lines = ics.split("\r\n");
  assert.equal(lines[0], "BEGIN:VCALENDAR");
  assert.equal(lines[lines.length - 1], "");
  for (const l of lines) assert.ok(Buffer.byteLength(l) <= 75, l);
  const unfolded = ics.replace(/\r\n /g, "");
  assert.match(unfolded, /DTSTART;VALUE=DATE:20260309\r\nDTEND;VALUE=DATE:20260310\r\n/);
  assert.match(unfolded, /DTSTAMP:20260302T093000Z/);
  assert.match(unfolded, /DESCRIPTION:- Wheel of life\\, values\\; more\\nhttps:/);
  assert.match(unfolded, /RRULE:FREQ=WEEKLY/);
  assert.equal((unfolded.match(/BEGIN:VALARM/g) || []).length, 2);
});

test("stage dates lead up to the session", () => {
  assert.deepEqual(core.stageDates("2026-03-02", "2026-03-16", 3), ["2026-03-06", "2026-03-11", "2026-03-15"]);
  assert.deepEqual(core.stageDates("2026-03-02", "2026-03-01", 2), ["2026-03-02", "2026-03-02"]);
});

test("fold never cuts a character", () => {
  const line = "SUMMARY:" + "é".repeat(80);
  const folded = core.fold(line);
  for (const l of folded.split("\r\n")) assert.ok(Buffer.byteLength(l) <= 75);
  assert.equal(folded.replace(/\r\n /g, ""), line);
});

test("chart points run from lo at the bottom to hi at the top", () => {
  const pts = core.chart([1, null, 5], 1, 5, 100, 50, 10);
  assert.deepEqual(pts.map((p) => [p.x, p.y, p.i]), [[10, 40, 0], [90, 10, 2]]);
});

test("loading a file keeps what it says nothing of, and puts a log's notes together", () => {
  const line = { kind: "line", id: "name" };
  assert.equal(core.loaded(line, "Alex", "Sam"), "Sam");
  assert.equal(core.loaded(line, "Alex", ""), "Alex");
  assert.equal(core.loaded(line, "Alex", undefined), "Alex");
  assert.equal(core.loaded(line, undefined, "Sam"), "Sam");
  const log = { kind: "log", id: "noticed" };
  // Notes kept on a laptop, and the phone's file with one note in common.
  const laptop = [{ date: "2026-03-09", text: "Slept well" }, { date: "2026-03-02", text: "Quiet Monday" }];
  const phone = [{ date: "2026-03-12", text: "Said no" }, { date: "2026-03-09", text: "Walked" }, { date: "2026-03-02", text: "Quiet Monday" }];
  assert.deepEqual(core.loaded(log, laptop, phone), [
    { date: "2026-03-12", text: "Said no" },
    { date: "2026-03-09", text: "Slept well" },
    { date: "2026-03-09", text: "Walked" },
    { date: "2026-03-02", text: "Quiet Monday" }
  ]);
  assert.deepEqual(core.loaded(log, laptop, []), laptop);
  assert.deepEqual(core.loaded(log, undefined, phone), phone);
  // The same file loaded twice adds nothing the second time.
  assert.deepEqual(core.loaded(log, phone, phone), phone);
});

// ---- Earlier answers: what a field can no longer show after its page was edited ----

const energy = { kind: "choice", id: "energy", question: "Energy", items: [{ value: "Low", label: "Low" }, { value: "High", label: "High" }] };

test("fit keeps what a field shows and gives the rest as words", () => {
  const support = { kind: "choice", id: "s", multiple: true, items: [{ value: "A call", label: "A call" }] };
  const list = { kind: "checklist", id: "a", items: [{ value: "Book", label: "Book" }] };
  const scale = { kind: "scale", id: "c", min: "1", max: "5" };
  for (const [shape, v, want] of [
    [energy, "High", { value: "High", rest: "" }],
    [energy, "Steady", { value: "", rest: "Steady" }], // an option reworded or gone
    [energy, "", { value: "", rest: "" }],
    [support, ["A call", "Time"], { value: ["A call"], rest: "Time" }],
    [list, ["Book", "Draft", "Call"], { value: ["Book"], rest: "Draft\nCall" }],
    [scale, "4", { value: "4", rest: "" }],
    [scale, "9", { value: "", rest: "9" }], // a scale made shorter
    [{ kind: "scale", id: "c", min: 0, max: 10 }, "0", { value: "0", rest: "" }],
    // Another kind under the same id: a text answer met by a scale, a list by a text box.
    [scale, "I felt fine", { value: "", rest: "I felt fine" }],
    [{ kind: "answer", id: "w" }, ["A call", "Time"], { value: "", rest: "A call\nTime" }],
    [{ kind: "answer", id: "w" }, "7", { value: "7", rest: "" }],
    [{ kind: "date", id: "d" }, "next Tuesday", { value: "", rest: "next Tuesday" }],
    [{ kind: "line", id: "n" }, "Rest more", { value: "Rest more", rest: "" }],
    [{ kind: "line", id: "n" }, "Rest more\n\nand  walk", { value: "Rest more and walk", rest: "" }], // an answer made a line
    [{ kind: "task", id: "t" }, "Walked", { value: false, rest: "Walked" }],
    [{ kind: "log", id: "l" }, "A note", { value: [], rest: "A note" }]
  ]) {
    assert.deepEqual(core.fit(shape, v, null), want, shape.kind + " " + JSON.stringify(v));
  }
});

test("fit places a table's cells by the headings they were saved under", () => {
  const now = { kind: "table", id: "h", columns: ["Day", "How it felt"], rows: 2 };
  const saved = ["Day", "What I did", "How it felt"];
  const v = [["Mon", "Walked", "Good"], ["Tue", "", "Tired"], ["Wed", "Ran", ""]];
  // The middle column gone: its cells and the row past the table are the earlier answer.
  assert.deepEqual(core.fit(now, v, saved), {
    value: [["Mon", "Good"], ["Tue", "Tired"]],
    rest: "What I did: Walked\nDay: Wed; What I did: Ran"
  });
  // Saved before headings were kept: by place, as always; the last column is the rest.
  assert.deepEqual(core.fit(now, v, null), {
    value: [["Mon", "Walked"], ["Tue", ""]],
    rest: "Good\nTired\nDay: Wed; How it felt: Ran"
  });
  // Columns moved, one reworded: each cell under its heading.
  assert.deepEqual(core.columnsFor(saved, ["How it felt", "Day", "What I did today"]), [1, 2, 0]);
  assert.deepEqual(core.columnsFor(saved, ["Notes", "Day", "What I did", "How it felt"]), [1, 2, 3]);
  // Headings gone and others new, not as many: which is which is not known, so none is guessed.
  assert.deepEqual(core.columnsFor(saved, ["Day", "Feeling"]), [0, -1, -1]);
  assert.deepEqual(core.columnsFor(saved, ["How it felt", "Day", "What I did today", "Notes"]), [1, -1, 0]);
});

test("an earlier answer goes into a downloaded file and comes back from it", () => {
  const file = core.markdown("Values", "Date", "2026-05-01", [
    { shape: energy, value: "High", earlier: "Steady" },
    { shape: cases[1].shape, value: "Alex" }
  ], null, "Your earlier answer, from before this question changed:");
  assert.match(file, /\nHigh\n\n<!-- earlier: energy -->\nYour earlier answer, from before this question changed:\n\nSteady\n\n<!-- field: name -->/);
  const answers = core.parseFile(file);
  assert.equal(core.valueFrom(energy, answers[" energy"]), "High");
  assert.deepEqual(answers["@earlier"], { " energy": "Steady" });
  // A script of before earlier answers ends the field at any marker it does not know.
  assert.equal(core.valueFrom(energy, file.split("<!-- earlier")[0].split("\n").slice(7)), "High");
  const notes = core.readNotes(core.notesFile("My notes", "Date", "2026-05-01", [{ title: "", pages: [{
    url: "/w/", title: "W", fields: [energy], values: {}, earlier: { energy: "Steady\nCalm" }, entries: []
  }] }], { entry: "Entry of {date}", earlier: "Your earlier answer:" }));
  assert.deepEqual(notes["/w/"].earlier, { energy: "Steady\nCalm" });
});

test("together keeps each earlier answer once", () => {
  assert.equal(core.together("", "Steady"), "Steady");
  assert.equal(core.together("Steady", "Steady"), "Steady");
  assert.equal(core.together("Steady\nCalm", "Calm"), "Steady\nCalm");
  assert.equal(core.together("Steady", "9"), "Steady\n9");
});

test("a table's headings count only for the answer they were kept with", () => {
  const raw = JSON.stringify([["Mon", "Walked", "Good"]]);
  const kept = JSON.parse(JSON.stringify(core.headings(["Day", "What I did", "How it felt"], raw)));
  assert.deepEqual(core.headingsOf(kept, raw), ["Day", "What I did", "How it felt"]);
  // Saved since by a script that does not keep headings: the cells go by place.
  assert.equal(core.headingsOf(kept, JSON.stringify([["Tue", "Ran", "Tired"]])), null);
  assert.equal(core.headingsOf(null, raw), null);
});

test("fileFit splits a file made before an edit as fit splits the answer the file was made of", () => {
  const energy = { kind: "choice", id: "e", question: "Energy?", items: [{ value: "Low", label: "Low" }, { value: "High", label: "High" }] };
  const support = { kind: "checklist", id: "s", question: "Support?", items: [{ value: "A call", label: "A call" }, { value: "Time", label: "Time" }] };
  const table = (columns) => ({ kind: "table", id: "h", question: "Week?", columns, rows: 2 });
  for (const [before, v, now] of [
    [{ ...energy, items: [{ value: "Steady", label: "Steady" }] }, "Steady", energy], // reworded
    [energy, "High", energy],
    [{ kind: "scale", id: "c", question: "Sure?", min: "1", max: "10" }, "9", { kind: "scale", id: "c", question: "Sure?", min: "1", max: "5" }],
    [{ ...support, items: [{ value: "A call", label: "A call" }, { value: "Rest", label: "Rest" }] }, ["A call", "Rest"], support],
    [{ kind: "answer", id: "w", question: "Energy?" }, "I felt fine\n\nmostly", { kind: "scale", id: "w", question: "Energy?", min: "1", max: "5" }],
    // Words with a number in them are words, not the scale's number.
    [{ kind: "answer", id: "w", question: "Sleep?" }, "slept 6 hours", { kind: "scale", id: "w", question: "Sleep?", min: "1", max: "10" }],
    [{ kind: "answer", id: "w", question: "Sleep?" }, "6", { kind: "scale", id: "w", question: "Sleep?", min: "1", max: "10" }],
    [{ kind: "answer", id: "w", question: "Plan?" }, "Rest more\n\nand walk", { kind: "line", id: "w", question: "Plan?" }],
    [{ kind: "answer", id: "w", question: "Energy?" }, "I felt fine", support],
    [{ kind: "answer", id: "w", question: "Energy?" }, "I felt fine", table(["Day", "How"])],
    [{ kind: "answer", id: "w", question: "Energy?" }, "I felt fine", { kind: "log", id: "w", question: "Energy?" }],
    [{ kind: "line", id: "w", question: "When?" }, "next Tuesday", { kind: "date", id: "w", question: "When?" }],
    [table(["Day", "What I did", "How it felt"]), [["Mon", "Walked", "Good"], ["Tue", "", "Tired"], ["Wed", "Ran", ""]], table(["Day", "How it felt"])],
    [table(["Day", "What I did"]), [["Mon", "Walked"]], table(["Day", "What I did today"])],
    // Nothing answered, in the kind it was: nothing to keep, whatever the kind now.
    [support, [], { kind: "scale", id: "s", question: "Support?", min: "1", max: "5" }],
    [{ kind: "task", id: "t", label: "Walk" }, false, { kind: "log", id: "t", question: "" }]
  ]) {
    const lines = [...(before.question ? ["## " + before.question, ""] : []), ...core.format(before, v).split("\n"), ""];
    const want = core.fit(now, v, before.columns || null);
    assert.deepEqual(core.fileFit(now, lines), want, before.kind + " to " + now.kind + " " + JSON.stringify(v));
  }
});

// fakeStore is a Storage that refuses its nth setItem, as a quota filled part-way through a
// change does (by another tab, say); what it frees after lets the writes after it through.
function fakeStore(items, n) {
  const m = new Map(Object.entries(items));
  let sets = 0;
  return {
    get length() { return m.size; },
    key: (i) => Array.from(m.keys())[i] ?? null,
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem(k, v) {
      if (++sets === n) throw Object.assign(new Error("The quota has been exceeded."), { name: "QuotaExceededError" });
      m.set(k, String(v));
    },
    removeItem: (k) => { m.delete(k); },
    all: () => Object.fromEntries(m)
  };
}

test("a change of many keys refused part-way leaves storage as it was", () => {
  const before = { a: "1", b: "2", c: "3" };
  // The writes of an Undo or a Load: keys replaced, one removed, one new.
  const change = (s) => {
    s.setItem("a", "one");
    s.removeItem("b");
    s.setItem("c", "three");
    try { s.setItem("d", "4"); } catch (e) { /* a caller that goes on, as save does */ }
    s.setItem("a", "uno");
  };
  for (let n = 1; n <= 4; n++) {
    const store = fakeStore(before, n);
    const j = core.journal(store);
    try { change(j); } catch (e) { /* stopped here */ }
    assert.ok(j.failed(), "refused write " + n + " not noticed");
    assert.ok(core.isFull(j.failed()));
    assert.equal(j.undo(), true);
    assert.deepEqual(store.all(), before, "after refusing write " + n);
  }
  const store = fakeStore(before, 99);
  const j = core.journal(store);
  change(j);
  assert.equal(j.failed(), null);
  assert.deepEqual(store.all(), { a: "uno", c: "three", d: "4" });
});

test("undo frees the room of what the change wrote before it writes back", () => {
  // A quota of 10 characters: the change made "a" long, refused at "b"; putting "b" back
  // first would not fit.
  const m = new Map([["a", "xx"], ["b", "yyyyyy"]]);
  const size = () => Array.from(m.values()).join("").length;
  const store = {
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem(k, v) {
      const old = m.get(k);
      m.set(k, v);
      if (size() > 10) { if (old == null) m.delete(k); else m.set(k, old); throw Object.assign(new Error("full"), { name: "QuotaExceededError" }); }
    },
    removeItem: (k) => { m.delete(k); },
    key: () => null, length: 0
  };
  const j = core.journal(store);
  j.removeItem("b");
  j.setItem("a", "xxxxxxxx");
  assert.throws(() => j.setItem("c", "zzz"));
  assert.equal(j.undo(), true);
  assert.deepEqual(Object.fromEntries(m), { a: "xx", b: "yyyyyy" });
});

test("a past entry's earlier answer goes into a file of My notes and comes back with its entry", () => {
  const energy = { kind: "scale", id: "energy", question: "Energy", min: "1", max: "5" };
  const wins = { kind: "answer", id: "wins", question: "What went well?" };
  const file = core.notesFile("My notes", "Date", "2026-05-01", [{ title: "", pages: [{
    url: "/w/", title: "W", fields: [wins, energy], values: { wins: "Today" }, earlier: {},
    entries: [{ date: "2026-03-06", values: { wins: "Finished" }, earlier: { energy: "slept 6 hours" } }]
  }] }], { entry: "Entry of {date}", earlier: "Your earlier answer:" });
  assert.match(file, /<!-- earlier: energy page=\/w\/ entry=2026-03-06~0 -->\nYour earlier answer:\n\nslept 6 hours\n/);
  const w = core.readNotes(file)["/w/"];
  assert.deepEqual(w.earlier, {});
  assert.deepEqual(w.entriesEarlier, { "2026-03-06~0": { energy: "slept 6 hours" } });
  assert.equal(core.valueFrom(wins, w.entries["2026-03-06~0"].wins), "Finished");
  assert.deepEqual(core.fileFit(energy, w.entries["2026-03-06~0"].energy), { value: "", rest: "" });
});
