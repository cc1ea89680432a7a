// Tests of sw.js, the service worker, in a stand-in of its global scope: the visited files it
// keeps are bounded (RUNTIME_MAX), the least recently fetched dropped first. Run with
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
}

function worker() {
  const listeners = {};
  const stores = new Map();
  const caches = {
    open(name) { if (!stores.has(name)) stores.set(name, new FakeCache()); return Promise.resolve(stores.get(name)); },
    has(name) { return Promise.resolve(stores.has(name)); },
    keys() { return Promise.resolve([...stores.keys()]); },
    delete(name) { return Promise.resolve(stores.delete(name)); },
    match() { return Promise.resolve(undefined); }
  };
  const scope = "https://example.org/lib/";
  const ctx = {
    self: { registration: { scope }, location: { origin: "https://example.org" }, addEventListener: (t, f) => { listeners[t] = f; } },
    caches,
    URL,
    Response: { error: () => ({ error: true }) },
    fetch: (req) => Promise.resolve({ ok: true, type: "basic", status: 200, url: req.url, clone() { return this; } }),
    Promise, Math, console
  };
  vm.createContext(ctx);
  vm.runInContext(fs.readFileSync(path.join(__dirname, "../default/static/sw.js"), "utf8"), ctx);
  // visit fetches a file of the site as a page would (not a navigation: no new build check).
  async function visit(p) {
    const waits = [];
    let answered;
    listeners.fetch({
      request: { method: "GET", url: scope + p, mode: "no-cors" },
      respondWith(r) { answered = r; },
      waitUntil(w) { waits.push(w); }
    });
    await answered;
    await Promise.all(waits);
  }
  return { ctx, stores, visit, runtime: () => stores.get("between-" + scope + "-visited") };
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
