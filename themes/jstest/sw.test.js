// Tests of sw.js, the service worker, in a stand-in of its global scope: the visited files it
// keeps are bounded (RUNTIME_MAX), the least recently fetched dropped first; a connection
// that carries nothing gives way to the kept copy. Run with
// `node --test themes/jstest/` (go test ./themes runs it too).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

// A Cache keeps its entries in the order they were put, as the browser's does.
class FakeCache {
  constructor() { this.m = new Map(); }
  keys() { return Promise.resolve([...this.m.keys()]); }
  put(k, v) { this.m.set(typeof k === "string" ? k : k.url, v); return Promise.resolve(); }
  delete(k) { return Promise.resolve(this.m.delete(typeof k === "string" ? k : k.url)); }
  match(k) { return Promise.resolve(this.m.get(typeof k === "string" ? k : k.url)); }
  addAll(urls) { return Promise.all(urls.map((u) => this.put(u, new Response("whole " + u)))); }
}

function worker(opts = {}) {
  const listeners = {};
  const stores = new Map();
  const caches = {
    open(name) { if (!stores.has(name)) stores.set(name, new FakeCache()); return Promise.resolve(stores.get(name)); },
    has(name) { return Promise.resolve(stores.has(name)); },
    keys() { return Promise.resolve([...stores.keys()]); },
    delete(name) { return Promise.resolve(stores.delete(name)); },
    match: opts.match || (() => Promise.resolve(undefined))
  };
  const scope = "https://example.org/lib/";
  const ctx = {
    self: { registration: { scope }, location: { origin: "https://example.org" }, addEventListener: (t, f) => { listeners[t] = f; } },
    caches,
    URL,
    Response: opts.Response || { error: () => ({ error: true }) },
    Headers,
    Request,
    fetch: opts.fetch || ((req) => Promise.resolve({ ok: true, type: "basic", status: 200, url: req.url, clone() { return this; } })),
    setTimeout: opts.setTimeout || setTimeout, clearTimeout: opts.clearTimeout || clearTimeout,
    Promise, Math, Date, console
  };
  vm.createContext(ctx);
  vm.runInContext(fs.readFileSync(path.join(__dirname, "../default/static/sw.js"), "utf8"), ctx);
  // ask fetches a file of the site as a page would (not a navigation: no new build check)
  // and returns the answer, and what the worker goes on doing after it.
  function ask(p, headers) {
    const waits = [];
    let answered;
    listeners.fetch({
      request: { method: "GET", url: scope + p, mode: "no-cors", headers: new Headers(headers || {}) },
      respondWith(r) { answered = r; },
      waitUntil(w) { waits.push(w); }
    });
    return { answered, waits };
  }
  async function visit(p, headers) {
    const { answered, waits } = ask(p, headers);
    const r = await answered;
    await Promise.all(waits);
    return r;
  }
  return { ctx, stores, ask, visit, listeners, runtime: () => stores.get("between-" + scope + "-visited") };
}

test("visited files are kept up to RUNTIME_MAX, the least recently fetched dropped first", async () => {
  const w = worker();
  const max = vm.runInContext("RUNTIME_MAX", w.ctx);
  assert.ok(max >= 100 && max <= 2000, "RUNTIME_MAX " + max);
  for (let i = 0; i < max; i++) await w.visit("articles/p" + i + "/");
  assert.equal(w.runtime().m.size, max);
  // p0 is read again: it is now the most recent, and p1 the oldest.
  await w.visit("articles/p0/");
  for (let i = 0; i < 5; i++) await w.visit("articles/new" + i + "/");
  const keys = [...w.runtime().m.keys()];
  assert.equal(keys.length, max);
  assert.ok(keys.includes("https://example.org/lib/articles/p0/"), "the file read again was dropped");
  for (let i = 1; i <= 5; i++) assert.ok(!keys.includes("https://example.org/lib/articles/p" + i + "/"), "p" + i + " is kept");
  assert.ok(keys.includes("https://example.org/lib/articles/p6/"));
  assert.equal(keys[keys.length - 1], "https://example.org/lib/articles/new4/");
});

test("a connection that carries nothing: the kept copy answers after WAIT_MS, then at once for STALL_MS", async () => {
  const timers = [];
  const kept = new Response("kept page", { status: 200, headers: { "Content-Type": "text/html" } });
  const w = worker({
    fetch: () => new Promise(() => {}), // no answer, ever
    match: (req) => Promise.resolve(req.url.endsWith("/kept/") ? kept.clone() : undefined),
    setTimeout: (f, ms) => { timers.push({ f, ms }); return timers.length; },
    clearTimeout: () => {},
    Response
  });
  const wait = vm.runInContext("WAIT_MS", w.ctx), stall = vm.runInContext("STALL_MS", w.ctx);
  assert.ok(wait >= 1000 && wait <= 10000, "WAIT_MS " + wait);
  assert.ok(stall >= wait, "STALL_MS " + stall);

  // A page the device does not keep: the network is all there is, so the worker waits on.
  let settled = false;
  w.ask("articles/not-kept/").answered.then(() => { settled = true; });
  assert.equal(timers.length, 1);
  assert.equal(timers[0].ms, wait);
  timers[0].f();
  await new Promise((r) => setImmediate(r));
  assert.equal(settled, false, "a page not kept was answered without the network");

  // A kept page: once the wait is over, the copy, marked as kept.
  const first = w.ask("kept/").answered;
  assert.equal(timers[1].ms, wait);
  timers[1].f();
  const r = await first;
  assert.equal(await r.text(), "kept page");
  assert.equal(r.headers.get("X-Between-Kept"), "1");

  // The connection stalled: the next kept file answers at once.
  const second = w.ask("kept/").answered;
  assert.equal(timers[2].ms, 0);
  timers[2].f();
  assert.equal(await (await second).text(), "kept page");
});

test("a connection that answers late: its answer is kept for the next visit", async () => {
  const timers = [];
  let answer;
  const w = worker({
    fetch: (req) => new Promise((resolve) => {
      answer = () => resolve({ ok: true, type: "basic", status: 200, url: req.url, clone() { return this; }, text: () => Promise.resolve("new text") });
    }),
    setTimeout: (f, ms) => { timers.push({ f, ms }); return timers.length; },
    clearTimeout: () => {},
    Response
  });
  const { answered, waits } = w.ask("articles/late/");
  timers[0].f(); // the wait is over, nothing kept: the worker waits on
  answer();
  const r = await answered;
  assert.equal(await r.text(), "new text");
  await Promise.all(waits);
  assert.ok(w.runtime().m.has("https://example.org/lib/articles/late/"), "the late answer was not kept");
});

test("a part of a file (a search result's slot) is kept as a part, and answers offline as one", async () => {
  const range = { Range: "bytes=2048-4095" };
  let online = true;
  const whole = new Response("the whole file", { status: 200 });
  const stores = {};
  const w = worker({
    fetch: (req) => online
      ? Promise.resolve(Object.defineProperty(new Response("the slot", { status: 206, headers: { "Content-Range": "bytes 2048-4095/131072" } }), "type", { value: "basic" }))
      : Promise.reject(new TypeError("offline")),
    // The device's copies: the runtime cache's, and a whole file kept by the offline list.
    match: (req) => {
      const u = typeof req === "string" ? req : req.url;
      if (u.endsWith("/r/1.jsonl")) return Promise.resolve(whole.clone());
      const rt = stores.w.runtime();
      return Promise.resolve(rt && rt.m.get(u));
    },
    Response
  });
  stores.w = w;
  const r = await w.visit("search/data/r/0.jsonl", range);
  assert.equal(r.status, 206);
  const keys = [...w.runtime().m.keys()];
  assert.deepEqual(keys, ["https://example.org/lib/search/data/r/0.jsonl?range=bytes%3D2048-4095"], "a 206 is not the file");
  assert.equal(w.runtime().m.get(keys[0]).status, 200, "the Cache API keeps no 206");

  online = false;
  const part = await w.visit("search/data/r/0.jsonl", range);
  assert.equal(part.status, 206, "the kept part answers as the part it is");
  assert.equal(part.headers.get("X-Between-Kept"), "1");
  assert.equal(await part.text(), "the slot");
  // Another part of that file was never fetched: nothing answers it.
  const other = await w.visit("search/data/r/0.jsonl", { Range: "bytes=0-2047" });
  assert.equal(other.type, "error", "a part never fetched answered offline");
  // A file the device keeps whole answers whole: search.js cuts the part from it.
  const kept = await w.visit("search/data/r/1.jsonl", range);
  assert.equal(kept.status, 200);
  assert.equal(await kept.text(), "the whole file");
  assert.equal(kept.headers.get("X-Between-Kept"), "1");
});

test("install keeps each result slot the list names as a part, or the whole file from a server that ignores Range", async () => {
  for (const ranges of [true, false]) {
    const asked = [];
    const file = "https://example.org/lib/search/data/r/0.jsonl";
    const w = worker({
      fetch: (req, init) => {
        const url = typeof req === "string" ? req : req.url;
        const range = init && init.headers && init.headers.Range;
        asked.push(url + (range ? " " + range : ""));
        if (url.endsWith("/offline.json")) {
          return Promise.resolve(new Response(JSON.stringify({ version: "v1", files: ["", "search/data/r/0.jsonl?range=bytes%3D2048-4095", "search/data/r/0.jsonl?range=bytes%3D8192-10239"] })));
        }
        if (url === file && range && ranges) {
          return Promise.resolve(new Response("slot " + range, { status: 206, headers: { "Content-Range": range.replace("=", " ") + "/131072" } }));
        }
        return Promise.resolve(new Response("whole " + url, { status: 200 }));
      },
      Response
    });
    w.ctx.self.skipWaiting = () => Promise.resolve();
    const waits = [];
    w.listeners.install({ waitUntil: (p) => waits.push(p) });
    await Promise.all(waits);
    const kept = w.stores.get("between-https://example.org/lib/-v1").m;
    if (ranges) {
      assert.deepEqual([...kept.keys()].sort(), [
        "https://example.org/lib/",
        file + "?range=bytes%3D2048-4095",
        file + "?range=bytes%3D8192-10239"
      ]);
      assert.equal(await kept.get(file + "?range=bytes%3D8192-10239").text(), "slot bytes=8192-10239");
      assert.equal(kept.get(file + "?range=bytes%3D8192-10239").status, 200, "the Cache API keeps no 206");
    } else {
      assert.deepEqual([...kept.keys()].sort(), ["https://example.org/lib/", file]);
      assert.equal(asked.filter((a) => a.startsWith(file)).length, 1, "the whole file fetched once: " + asked);
    }
  }
});
