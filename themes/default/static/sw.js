// sw.js keeps the library on the device, so that it opens offline: on the train, on a plane.
//
// offline.json (made by each build) lists what to keep after a first visit (CSS, JS, icons,
// My notes, the search index's manifest and shards, then reading paths and their steps,
// worksheets and guides, each with its search result's slot, up to a budget of 10 MB,
// render.OfflineBudget) and the build's version, a hash of
// its content. Pages are fetched from the network when there is one (a coach's new text shows
// at once) and from the copy when there is none. Other files fetched (pages visited, search
// results shown) are kept too, the most recent RUNTIME_MAX of them: a client who reads a
// library of 10,000 pages over a year does not fill the phone with it. When a visit finds a
// new version, the new files are kept and the old copy is dropped. Nothing is fetched from
// any other host. sessions.js registers this worker, except under `between serve`.
"use strict";

var scope = self.registration.scope; // the site's base URL, with its trailing slash
var PREFIX = "between-" + scope + "-";
var RUNTIME = PREFIX + "visited";
// At most this many visited files are kept: about 10 MB of pages of 20 KB, as many as the
// budget of the first visit, and more than a client reads between two sessions.
var RUNTIME_MAX = 500;

// trim drops the oldest visited files beyond RUNTIME_MAX. A cache lists its entries in the
// order they were put, and a file visited again is put again, so it moves to the end: the
// ones dropped are those least recently fetched.
function trim(cache) {
  return cache.keys().then(function (keys) {
    return Promise.all(keys.slice(0, Math.max(0, keys.length - RUNTIME_MAX)).map(function (k) {
      return cache.delete(k);
    }));
  });
}

function listURL() { return new URL("offline.json", scope).href; }

// keep stores every file of the list under the build's version, then drops older copies.
function keep() {
  return fetch(listURL(), { cache: "no-store" }).then(function (r) {
    if (!r.ok) throw new Error("offline.json: " + r.status);
    return r.json();
  }).then(function (list) {
    var name = PREFIX + list.version;
    return caches.has(name).then(function (have) {
      if (have) return name;
      return caches.open(name).then(function (cache) {
        var files = [], parts = {};
        list.files.forEach(function (f) {
          var u = new URL(f, scope).href, m = /\?range=([^&]*)$/.exec(u);
          if (!m) return files.push(u);
          var file = u.slice(0, m.index);
          (parts[file] = parts[file] || []).push({ url: u, range: decodeURIComponent(m[1]) });
        });
        return Promise.all([cache.addAll(files)].concat(Object.keys(parts).map(function (file) {
          return keepParts(cache, file, parts[file]);
        })));
      }).then(function () { return name; }, function (e) {
        // Half a copy would pass for a whole one on the next visit (caches.has).
        return caches.delete(name).then(function () { throw e; });
      });
    });
  }).then(function (name) {
    return caches.keys().then(function (keys) {
      return Promise.all(keys.map(function (k) {
        if (k.indexOf(PREFIX) === 0 && k !== name && k !== RUNTIME) return caches.delete(k);
        return null;
      }));
    });
  });
}

// keepParts keeps parts of a file the list names by the range search.js asks for (a search
// result's slot: "r/3.jsonl?range=bytes%3D0-2047"), each under that name, as the fetch
// handler keeps a part it fetched. The first is asked for alone: a server that ignores
// Range sends the whole file, which is then kept under its own name for all of them.
function keepParts(cache, file, parts) {
  function one(p) {
    return fetch(file, { headers: { Range: p.range } }).then(function (res) {
      if (res.status === 206) return asWhole(res).then(function (r) { return cache.put(p.url, r); });
      if (res.status === 200) return cache.put(file, res).then(function () { return true; });
      throw new Error(file + " " + p.range + ": " + res.status);
    });
  }
  return one(parts[0]).then(function (whole) {
    if (!whole) return Promise.all(parts.slice(1).map(one));
  });
}

// asWhole is a part (206) as a response the Cache API keeps, which keeps no 206: its bytes
// and headers with the status 200. kept answers it as the part it is.
function asWhole(res) {
  return res.arrayBuffer().then(function (buf) { return new Response(buf, { status: 200, headers: res.headers }); });
}

self.addEventListener("install", function (event) {
  event.waitUntil(keep().then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

var checking = null;

// A connection that is up but carries nothing (a train between stations, a café's wifi that
// wants a login) would hold a page up for as long as the phone waits. After WAIT_MS with no
// answer, a kept copy answers instead, and for STALL_MS after that every kept file answers at
// once: the network is still asked, and what it brings is kept for the next visit.
var WAIT_MS = 4000;
var STALL_MS = 30000;
var stalledAt = 0;

self.addEventListener("fetch", function (event) {
  var req = event.request;
  var url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin || req.url.indexOf(scope) !== 0) return;
  if (url.pathname.endsWith("/offline.json")) return;
  // A page visit looks for a new build, once at a time, without holding the page up.
  if (req.mode === "navigate" && !checking) {
    checking = keep().catch(function () {}).then(function () { checking = null; });
    event.waitUntil(checking);
  }
  // A part of a file (a search result's slot, read with a Range request) is kept under a
  // URL of its own, as a whole response: the Cache API keeps no partial one (206). The
  // whole file, when the device has it, answers too: search.js cuts the part from it.
  var range = req.headers.get("Range");
  var key = range ? new Request(req.url + (url.search ? "&" : "?") + "range=" + encodeURIComponent(range)) : req;
  // kept answers from the device, or with fallback when the device has no copy. The copy
  // says so (X-Between-Kept): search then tells results it can open offline from those it
  // cannot.
  function kept(fallback) {
    return caches.match(req, { ignoreSearch: req.mode === "navigate" }).then(function (hit) {
      if (hit || !range) return { hit: hit, status: hit && hit.status };
      return caches.match(key).then(function (part) { return { hit: part, status: 206 }; });
    }).then(function (found) {
      var hit = found.hit;
      if (!hit) return fallback;
      var headers = new Headers(hit.headers);
      headers.set("X-Between-Kept", "1");
      return new Response(hit.body, { status: found.status, statusText: hit.statusText, headers: headers });
    });
  }
  var stored = null;
  var net = fetch(req).then(function (res) {
    stalledAt = 0;
    if ((res.status === 200 || (range && res.status === 206)) && res.type === "basic") {
      var copy = res.clone();
      var as = res.status === 206 ? key : req;
      stored = caches.open(RUNTIME).then(function (cache) {
        function put() {
          if (as === req) return cache.put(req, copy);
          return asWhole(copy).then(function (r) { return cache.put(as, r); });
        }
        return cache.delete(as).then(put).then(function () { return trim(cache); });
      });
    }
    // A server that is down behind a proxy answers 5xx: the kept copy is better.
    return res.status >= 500 ? kept(res) : res;
  });
  // What the network brings is kept even when a kept copy answered first.
  event.waitUntil(net.then(function () { return stored; }, function () {}));
  event.respondWith(new Promise(function (resolve) {
    var wait = Date.now() - stalledAt < STALL_MS ? 0 : WAIT_MS;
    var timer = setTimeout(function () {
      kept(null).then(function (r) {
        if (!r) return; // nothing kept: the network is all there is
        stalledAt = Date.now();
        resolve(r);
      });
    }, wait);
    net.then(function (r) {
      clearTimeout(timer);
      resolve(r);
    }, function () {
      clearTimeout(timer);
      kept(Response.error()).then(resolve);
    });
  }));
});
