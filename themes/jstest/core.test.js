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

test("text around the fields is ignored, and empty values stay empty", () => {
  const answers = core.parseFile("A note from me\n\n<!-- field: c -->\n## How sure?\n\n\n");
  assert.equal(core.valueFrom(cases[3].shape, answers[" c"]), "");
  assert.deepEqual(Object.keys(answers), [" c"]);
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
