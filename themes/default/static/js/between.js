// between.js: reading-path progress, kept in this browser only.
//
// A "Mark as done" button on a step page stores "1" under
//   between:SITE:done:STEP
// (SITE from <body data-site>, STEP the button's data-step, the page's content file): a page
// is done or not, whichever path it is read in. Marks of earlier versions, kept per path
// under between:SITE:path:SLUG:STEP, are moved to the new key on the first visit, and so are
// marks kept under a renamed step's former file names (data-step-former).
// Path pages and path cards ([data-path-progress]) read the keys of their steps
// ([data-step]) and show checkmarks, "K of N done", a progress bar and the next step.
// Without this script (or without storage) the controls stay hidden and the pages read and
// print as they are. The booklet's Print button ([data-print]) is shown and wired here too.
(function () {
  "use strict";

  var storage = null;
  try {
    var probe = "between:probe";
    window.localStorage.setItem(probe, "1");
    window.localStorage.removeItem(probe);
    storage = window.localStorage;
  } catch (e) {
    storage = null; // private mode or storage switched off: keep the controls hidden
  }

  // The words: js/strings.js's, or a hidden element's where a layout still writes one.
  var wordsEl = document.getElementById("between-strings");
  var words = (wordsEl ? wordsEl.dataset : (window.BetweenStrings || {})["between-strings"]) || {};
  function word(name, fallback) {
    return words[name] || fallback;
  }

  function siteKey() {
    return document.body.getAttribute("data-site") || "";
  }

  function key(site, stepId) {
    return "between:" + site + ":done:" + stepId;
  }

  // migrate moves the per-path marks of earlier versions to the per-page key.
  function migrate(site) {
    var old = "between:" + site + ":path:";
    try {
      var keys = [];
      for (var i = 0; i < storage.length; i++) {
        var k = storage.key(i);
        if (k && k.indexOf(old) === 0) keys.push(k);
      }
      keys.forEach(function (k) {
        var rest = k.slice(old.length);
        var cut = rest.indexOf(":");
        if (cut < 0) return;
        if (storage.getItem(k) === "1") storage.setItem(key(site, rest.slice(cut + 1)), "1");
        storage.removeItem(k);
      });
    } catch (e) {
      // A storage that went away: the old marks stay where they are.
    }
  }

  // carryMarks moves the marks kept under a step's former ids (data-step-former: the files
  // the page was made from before the coach renamed or moved it, keeping its old address as
  // an alias) to its id. The former key is removed, whether or not the page was marked
  // already under its id: left, it would mark the page again after an Undo.
  function carryMarks(site) {
    var els = document.querySelectorAll("[data-step][data-step-former]");
    for (var i = 0; i < els.length; i++) {
      var at = els[i].getAttribute("data-site") || site;
      var to = key(at, els[i].getAttribute("data-step"));
      var formers = els[i].getAttribute("data-step-former").split(" ");
      for (var j = 0; j < formers.length; j++) {
        if (!formers[j]) continue;
        var from = key(at, formers[j]);
        try {
          if (storage.getItem(from) !== "1") continue;
          storage.setItem(to, "1");
          storage.removeItem(from);
        } catch (e) {
          // A full or vanished storage: the mark stays where it was, for the next visit.
        }
      }
    }
  }

  // isDone and setDone take the path too, for themes that call them per path; a page is done
  // in every path at once.
  function isDone(site, pathKey, stepId) {
    try {
      return storage.getItem(key(site, stepId)) === "1";
    } catch (e) {
      return false;
    }
  }

  function setDone(site, pathKey, stepId, done) {
    try {
      if (done) {
        storage.setItem(key(site, stepId), "1");
      } else {
        storage.removeItem(key(site, stepId));
      }
    } catch (e) {
      // Quota or a storage that went away: the button shows what was really stored.
    }
  }

  function showButton(btn) {
    var site = btn.getAttribute("data-site") || siteKey();
    var done = isDone(site, btn.getAttribute("data-path"), btn.getAttribute("data-step"));
    btn.setAttribute("aria-pressed", done ? "true" : "false");
    btn.classList.toggle("is-done", done);
    var text = btn.querySelector(".mark-done-text");
    if (text) {
      text.textContent = done ? word("done", "Done") : word("mark", "Mark as done");
    }
    // Done looks finished, with a way back: "✓ Done · Undo".
    var undo = btn.querySelector(".mark-done-undo");
    if (done && !undo) {
      undo = document.createElement("span");
      undo.className = "mark-done-undo";
      undo.textContent = word("undo", "Undo");
      btn.appendChild(undo);
    } else if (!done && undo) {
      undo.remove();
    }
  }

  function format(template, done, total) {
    return template.replace("{done}", String(done)).replace("{total}", String(total));
  }

  function showProgress(scope) {
    var site = siteKey();
    var pathKey = scope.getAttribute("data-path");
    if (!pathKey) {
      return;
    }
    var steps = scope.querySelectorAll("[data-step]:not(.mark-done)");
    var done = 0;
    var next = null;
    for (var i = 0; i < steps.length; i++) {
      var step = steps[i];
      var d = isDone(site, pathKey, step.getAttribute("data-step"));
      if (d) {
        done++;
      } else if (!next) {
        next = step;
      }
      step.classList.toggle("is-done", d);
      var check = step.querySelector("[data-check]");
      if (check) {
        check.hidden = !d;
      }
    }
    var total = steps.length;
    var text = format(word("progress", "{done} of {total} done"), done, total);
    var box = scope.querySelector("[data-progress]");
    if (box) {
      box.hidden = false;
      var bar = box.querySelector("[role=progressbar]");
      if (bar) {
        bar.setAttribute("aria-valuenow", String(done));
        bar.setAttribute("aria-valuetext", text);
        var fill = bar.querySelector(".progress-fill");
        if (fill) {
          fill.style.width = (total ? (done * 100) / total : 0) + "%";
        }
      }
      var t = box.querySelector("[data-progress-text]");
      if (t) {
        t.textContent = text;
      }
    }
    var link = scope.querySelector("[data-next]");
    var label = scope.querySelector("[data-next-label]");
    if (link && label) {
      if (next) {
        var a = next.querySelector("a");
        if (a) {
          link.href = a.href;
          link.textContent = a.textContent;
        }
        link.hidden = false;
        label.textContent = done === 0 ? label.getAttribute("data-start") || label.textContent : word("next", "Up next:");
      } else {
        link.hidden = true;
        label.textContent = word("allDone", "Every step is done.");
      }
    }
  }

  function refresh() {
    var buttons = document.querySelectorAll("button.mark-done[data-path][data-step]");
    for (var i = 0; i < buttons.length; i++) {
      showButton(buttons[i]);
    }
    var scopes = document.querySelectorAll("[data-path-progress]");
    for (var j = 0; j < scopes.length; j++) {
      showProgress(scopes[j]);
    }
  }

  function start() {
    var printButtons = document.querySelectorAll("[data-print]");
    for (var k = 0; k < printButtons.length; k++) {
      printButtons[k].hidden = false;
      printButtons[k].addEventListener("click", function () {
        window.print();
      });
    }
    if (!storage) {
      return;
    }
    migrate(siteKey());
    carryMarks(siteKey());
    // The "Start with" label is the one written in the page; keep it for when nothing is done.
    var labels = document.querySelectorAll("[data-next-label]");
    for (var l = 0; l < labels.length; l++) {
      labels[l].setAttribute("data-start", labels[l].textContent);
    }
    var buttons = document.querySelectorAll("button.mark-done[data-path][data-step]");
    for (var i = 0; i < buttons.length; i++) {
      var btn = buttons[i];
      btn.hidden = false;
      btn.addEventListener("click", function (ev) {
        var b = ev.currentTarget;
        var site = b.getAttribute("data-site") || siteKey();
        var path = b.getAttribute("data-path");
        var step = b.getAttribute("data-step");
        // A page in two paths is read once: it is done (or not) in every path.
        setDone(site, path, step, !isDone(site, path, step));
        refresh();
      });
    }
    refresh();
    // Another tab marked a step: show it here too.
    window.addEventListener("storage", function (ev) {
      if (!ev.key || ev.key.indexOf("between:") === 0) {
        refresh();
      }
    });
    // Coming back with the Back button restores the page from cache: read the storage again.
    window.addEventListener("pageshow", function (ev) {
      if (ev.persisted) {
        refresh();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
