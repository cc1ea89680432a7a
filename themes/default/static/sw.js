// sw.js keeps the library on the device, so that it opens offline: on the train, on a plane.
//
// offline.json (made by each build) lists what to keep after a first visit (the reading
// paths and their steps, worksheets, guides, CSS, JS, icons, the search index) and the
// build's version, a hash of its content. Pages are fetched from the network when there is
// one (a coach's new text shows at once) and from the copy when there is none; any other
// page visited is kept too. When a visit finds a new version, the new files are kept and the
// old copy is dropped. Nothing is fetched from any other host. sessions.js registers this
// worker, except under `between serve`.
"use strict";

var scope = self.registration.scope; // the site's base URL, with its trailing slash
var PREFIX = "between-" + scope + "-";
var RUNTIME = PREFIX + "visited";

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
        var urls = list.files.map(function (f) { return new URL(f, scope).href; });
        return cache.addAll(urls);
      }).then(function () { return name; });
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

self.addEventListener("install", function (event) {
  event.waitUntil(keep().then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

var checking = null;
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
  function kept(fallback) {
    return caches.match(req, { ignoreSearch: req.mode === "navigate" }).then(function (hit) {
      return hit || fallback || Response.error();
    });
  }
  event.respondWith(fetch(req).then(function (res) {
    if (res.ok && res.type === "basic") {
      var copy = res.clone();
      caches.open(RUNTIME).then(function (cache) { return cache.put(req, copy); });
    }
    // A server that is down behind a proxy answers 5xx: the kept copy is better.
    return res.status >= 500 ? kept(res) : res;
  }).catch(function () { return kept(null); }));
});
