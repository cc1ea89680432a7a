// Live reload for `between serve`. The dev server injects this script into the HTML it serves;
// it is never part of a built site. It listens to the server's events: a build that changed
// this page (or a script) reloads it at the same scroll position, a build that changed only
// stylesheets swaps them in place, and a failed build shows the problems over the page.
(function () {
  "use strict";

  var live = (window.__between = {
    connected: false, // the event stream is open
    server: null, // which run of `between serve` answered (a restart reloads the page)
    build: null, // the build this page last heard about
    events: 0, // build events received, for tests
    cssSwaps: 0,
  });
  var scrollKey = "between:scroll:" + location.pathname;

  restoreScroll();
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-between-hide]")) hideOverlay();
  });
  connect();

  function connect() {
    var es = new EventSource("/__between/events?path=" + encodeURIComponent(location.pathname));
    es.addEventListener("hello", function (e) {
      var d = JSON.parse(e.data);
      // A new server, or a build this page missed while it was not listening: what it shows
      // may be stale.
      if (live.server !== null && (d.server !== live.server || d.build !== live.build)) {
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
    });
    es.addEventListener("build", function (e) {
      var d = JSON.parse(e.data);
      live.build = d.build;
      live.events++;
      hideOverlay();
      if (d.action === "reload") {
        reload();
      } else if (d.action === "css") {
        swapStylesheets();
      }
    });
    es.addEventListener("build-error", function (e) {
      var d = JSON.parse(e.data);
      live.events++;
      showOverlay(d.problems);
    });
    es.onerror = function () {
      live.connected = false;
      if (es.readyState === EventSource.CLOSED) {
        setTimeout(connect, 1000); // the browser gave up retrying by itself
      }
    };
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
    if (!document.querySelector('link[href="/__between/overlay.css"]')) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = "/__between/overlay.css";
      document.head.appendChild(css);
    }
    var root = el("div", { id: "between-overlay", role: "alert", "aria-labelledby": "between-overlay-title" });
    var panel = el("div", { class: "between-overlay-panel" });
    panel.appendChild(el("h2", { id: "between-overlay-title" }, p.title));
    panel.appendChild(el("p", { class: "between-overlay-hint" }, p.hint));
    var list = el("ol", {});
    p.items.forEach(function (it) {
      var li = el("li", {});
      if (it.place) {
        li.appendChild(el("code", {}, it.place + ":"));
        li.appendChild(document.createTextNode(" "));
      }
      li.appendChild(document.createTextNode(it.message));
      list.appendChild(li);
    });
    panel.appendChild(list);
    panel.appendChild(el("button", { type: "button", "data-between-hide": "" }, "Hide"));
    root.appendChild(panel);
    document.body.appendChild(root);
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
