// Live reload for `between serve`. The dev server injects this script into the HTML it serves;
// it is never part of a built site. It listens to the server's events: a build that changed
// this page (or a script, image or font) reloads it at the same scroll position, a build that
// changed only stylesheets swaps them in place, and a failed build shows the problems over the
// page.
//
// Browsers open at most six connections to one host, and an event stream holds one for as long
// as its tab is open: with a stream per tab, a seventh tab of the preview would never load. So
// the tabs elect one of them (with a Web Lock) to hold the only stream, and it relays every
// event to the others over a BroadcastChannel. Each tab decides for itself what an event means
// for the page it shows.
(function () {
  "use strict";

  var live = (window.__between = {
    connected: false, // this tab hears the server's events (directly or relayed)
    role: "", // "leader" holds the stream for all tabs, "follower" hears it relayed, "alone" has its own
    server: null, // which run of `between serve` answered (a restart reloads the page)
    build: null, // the last build this tab heard about; 0 while the site has never built
    events: 0, // build and build-error events handled, for tests
    cssSwaps: 0,
  });
  // The build this page came from, stamped by the server on this script's tag.
  var me = document.currentScript;
  var pageBuild = me && me.getAttribute("data-build") !== null ? Number(me.getAttribute("data-build")) : null;
  var scrollKey = "between:scroll:" + location.pathname;
  var channel = null;
  var state = null; // the leader's view of the server, for tabs that join later
  var reloadExts = /\.(m?js|png|jpe?g|gif|webp|avif|svg|ico|woff2?)$/i;

  restoreScroll();
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-between-hide]")) hideOverlay();
    if (e.target.closest && e.target.closest("[data-between-hide-warnings]")) {
      hideWarnings();
      // Hidden until the warnings change: the same list is not shown again on every reload.
      try {
        sessionStorage.setItem("between:warnings-hidden", warningsKey);
      } catch (err) {
        // No storage: it comes back on the next reload.
      }
    }
  });
  start();

  function start() {
    if (!window.BroadcastChannel || !navigator.locks || !navigator.locks.request) {
      live.role = "alone";
      connect();
      return;
    }
    channel = new BroadcastChannel("between-live:" + location.host);
    live.role = "follower";
    channel.onmessage = function (e) {
      var m = e.data;
      if (m.name === "ask") {
        if (live.role === "leader" && state) channel.postMessage({ name: "state", data: state });
        return;
      }
      if (m.name === "state") {
        // The answer to a new tab's "ask": the tabs that already listen know it.
        if (live.server === null) handle("hello", m.data);
        return;
      }
      handle(m.name, m.data);
    };
    channel.postMessage({ name: "ask" });
    // Granted to one tab at a time, and held until that tab closes or reloads; then the next
    // waiting tab gets it and opens the stream.
    navigator.locks.request("between-live:" + location.host, function () {
      live.role = "leader";
      connect();
      return new Promise(function () {});
    });
  }

  function connect() {
    var es = new EventSource("/__between/events");
    ["hello", "build", "build-error"].forEach(function (name) {
      es.addEventListener(name, function (e) {
        var data = JSON.parse(e.data);
        if (name === "hello") {
          state = data;
        } else if (state) {
          state = { server: state.server, build: data.build, problems: name === "build-error" ? data.problems : null,
            warnings: name === "build" ? data.warnings : state.warnings };
        }
        if (channel) channel.postMessage({ name: name, data: data });
        handle(name, data);
      });
    });
    es.onerror = function () {
      live.connected = false;
      if (es.readyState === EventSource.CLOSED) {
        setTimeout(connect, 1000); // the browser gave up retrying by itself
      }
    };
  }

  function handle(name, d) {
    if (name === "hello") {
      // A new server, or a build this tab missed while nobody listened: what it shows may
      // be stale.
      if (live.server !== null && (d.server !== live.server || d.build !== live.build)) {
        reload();
        return;
      }
      // A build finished between serving this page and this tab listening: the page is older
      // than what the server holds.
      if (live.server === null && pageBuild !== null && d.build > pageBuild) {
        reload();
        return;
      }
      live.server = d.server;
      live.build = d.build;
      live.connected = true;
      if (d.problems) {
        showOverlay(d.problems);
      } else if (document.getElementById("between-overlay")) {
        reload(); // the problem was fixed between serving this page and now
      }
      showWarnings(d.problems ? null : d.warnings);
    } else if (name === "build") {
      var what = action(d);
      live.build = d.build;
      live.events++;
      hideOverlay();
      if (what === "reload") {
        reload();
        return;
      } else if (what === "css") {
        swapStylesheets();
      }
      showWarnings(d.warnings);
    } else if (name === "build-error") {
      live.events++;
      showOverlay(d.problems);
    }
  }

  // action decides what a build means for this tab: "reload" when the file it shows changed
  // (or a script, image or font any page may use), "css" when only stylesheets did, "none"
  // when it changed other pages, feeds or search data.
  function action(d) {
    if (live.build === 0 || d.all) return "reload"; // it showed the not-built page, or too much changed to list
    var own = ownFile();
    var css = false;
    for (var i = 0; i < d.changed.length; i++) {
      var c = d.changed[i];
      if (c === own || c === own + "/index.html" || reloadExts.test(c)) return "reload";
      if (/\.css$/i.test(c)) css = true;
    }
    return css ? "css" : "none";
  }

  // ownFile is the output file this tab shows: "/articles/x/" is "articles/x/index.html".
  function ownFile() {
    var p = location.pathname;
    try {
      p = decodeURIComponent(p);
    } catch (err) {
      // A malformed escape: compare it as it is.
    }
    p = p.replace(/^\/+/, "");
    if (p === "" || p.charAt(p.length - 1) === "/") p += "index.html";
    return p;
  }

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY]));
    } catch (err) {
      // No storage (private mode): the browser's own scroll restoration has to do.
    }
    location.reload();
  }

  function restoreScroll() {
    var saved = null;
    try {
      saved = sessionStorage.getItem(scrollKey);
      sessionStorage.removeItem(scrollKey);
    } catch (err) {
      return;
    }
    if (!saved) return;
    var pos = JSON.parse(saved);
    var restore = function () {
      window.scrollTo(pos[0], pos[1]);
    };
    restore();
    // Images and fonts may still change the height; scroll again once they are in.
    window.addEventListener("load", restore);
  }

  // swapStylesheets loads each of the site's stylesheets again under a new URL, and removes
  // the old one only once the new one applies, so the page never shows unstyled.
  function swapStylesheets() {
    live.cssSwaps++;
    var links = document.querySelectorAll('link[rel~="stylesheet"]:not([data-between-old])');
    Array.prototype.forEach.call(links, function (old) {
      var url = new URL(old.href, location.href);
      if (url.origin !== location.origin || url.pathname.indexOf("/__between/") === 0) return;
      url.searchParams.set("between", String(Date.now()));
      var fresh = old.cloneNode(false);
      fresh.href = url.href;
      old.setAttribute("data-between-old", "");
      var done = function () {
        old.remove();
      };
      fresh.addEventListener("load", done);
      fresh.addEventListener("error", done);
      old.after(fresh);
    });
  }

  function hideOverlay() {
    var o = document.getElementById("between-overlay");
    if (o) o.remove();
  }

  // showOverlay draws the same panel the server puts into pages served while a problem
  // stands. Every text goes in as text, never as HTML.
  function showOverlay(p) {
    hideOverlay();
    overlayStyles();
    var root = el("div", { id: "between-overlay", role: "alert", "aria-labelledby": "between-overlay-title" });
    var panel = el("div", { class: "between-overlay-panel" });
    panel.appendChild(el("h2", { id: "between-overlay-title" }, p.title));
    panel.appendChild(el("p", { class: "between-overlay-hint" }, p.hint));
    panel.appendChild(itemList("ol", p.items));
    panel.appendChild(el("button", { type: "button", "data-between-hide": "" }, "Hide"));
    root.appendChild(panel);
    document.body.appendChild(root);
  }

  // showWarnings draws the build's warnings in a quiet panel at the foot of the window that
  // leaves the page usable: the site built, and the coach decides. null hides it.
  var warningsKey = "";
  function hideWarnings() {
    var o = document.getElementById("between-warnings");
    if (o) o.remove();
  }
  function showWarnings(p) {
    hideWarnings();
    live.warnings = p ? p.items.length : 0;
    if (!p) return;
    warningsKey = JSON.stringify(p.items);
    try {
      if (sessionStorage.getItem("between:warnings-hidden") === warningsKey) return;
    } catch (err) {
      // No storage: show them.
    }
    overlayStyles();
    var root = el("aside", { id: "between-warnings", role: "status", "aria-labelledby": "between-warnings-title" });
    root.appendChild(el("h2", { id: "between-warnings-title" }, p.title));
    root.appendChild(itemList("ul", p.items));
    root.appendChild(el("button", { type: "button", "data-between-hide-warnings": "" }, "Hide"));
    document.body.appendChild(root);
  }

  // overlayStyles loads the stylesheet of the problems and warnings panels, once.
  function overlayStyles() {
    if (document.querySelector('link[href="/__between/overlay.css"]')) return;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = "/__between/overlay.css";
    document.head.appendChild(css);
  }

  // itemList is a list (tag "ol" or "ul") of problems or warnings: "file:line:col:" as code,
  // then the message, both as text.
  function itemList(tag, items) {
    var list = el(tag, {});
    items.forEach(function (it) {
      var li = el("li", {});
      if (it.place) {
        li.appendChild(el("code", {}, it.place + ":"));
        li.appendChild(document.createTextNode(" "));
      }
      li.appendChild(document.createTextNode(it.message));
      list.appendChild(li);
    });
    return list;
  }

  function el(name, attrs, text) {
    var e = document.createElement(name);
    Object.keys(attrs).forEach(function (k) {
      e.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) e.textContent = text;
    return e;
  }
})();
