// search.js: the search box of every page and the /search/ page.
//
// The index is files the build wrote under search/data/ (see generator/search): a manifest,
// shards of terms with their pages, and result files, each with the results of many pages
// in a row (manifest.group of them), a slot of manifest.slot bytes each. A query reads the
// manifest, the shards of its words, and the slots of the results it shows, each with a
// Range request; nothing else, and from this site only. The
// tokeniser and the ranking here are generator/search's (tokenize.go, query.go), step for
// step: testdata/tokens.json is run against both.
(function () {
  "use strict";

  var MN = /\p{Mn}/u;
  var CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\u30fc]/u;
  var WORD = /[\p{L}\p{N}\p{M}]/u;
  var ASCII = /^[\x00-\x7f]*$/;
  var MAX_RUNES = 32;
  var PREFIX_BUDGET = 64 << 10;
  var SHOWN = 10;
  var POPUP = 6;
  var COMPLETION = 0.7;
  var STEM = 0.9;
  var RANK_WEIGHTS = [0, 1, 2, 4];
  var STEMMABLE = /^[a-z]{3,}$/;
  // The stemmer, js/porter2.js beside this file: loaded when an index is English.
  var STEM_SRC = document.currentScript ? new URL("porter2.js", document.currentScript.src).href : "";
  var stemmer = null;
  function loadStemmer() {
    if (!stemmer) {
      stemmer = new Promise(function (resolve) {
        if (window.BetweenStem || !STEM_SRC) return resolve(window.BetweenStem || null);
        var s = document.createElement("script");
        s.src = STEM_SRC;
        s.onload = function () { resolve(window.BetweenStem || null); };
        s.onerror = function () { stemmer = null; resolve(null); }; // offline: words as typed
        document.head.appendChild(s);
      });
    }
    return stemmer;
  }
  // stem: a folded word's Porter2 stem, or "" (stem.go's Stem).
  function stem(w) { return window.BetweenStem && STEMMABLE.test(w) ? window.BetweenStem(w) : ""; }

  // fold: compatibility-decomposed, diacritics dropped (not the kana voicing marks), lower
  // case, ß as ss, every sigma σ, recomposed.
  function fold(s) {
    if (ASCII.test(s)) return s.toLowerCase();
    var out = "";
    for (var ch of s.normalize("NFKD")) {
      if (ch !== "\u3099" && ch !== "\u309a" && MN.test(ch)) continue;
      var l = ch.toLowerCase();
      if (l === "\u03c2") l = "\u03c3";
      else if (l === "\u00df") l = "ss";
      out += l;
    }
    return out.normalize("NFC");
  }

  function isCJK(c) { return c !== undefined && c.codePointAt(0) >= 0x1100 && CJK.test(c); }
  function isWord(c) { return c !== undefined && WORD.test(c); }

  function truncate(w) {
    var cs = Array.from(w);
    return cs.length > MAX_RUNES ? cs.slice(0, MAX_RUNES).join("") : w;
  }

  // tokens: the terms of a text, as Go's Tokens gives them.
  function tokens(text) {
    var cs = Array.from(fold(text));
    var out = [], word = "", run = [];
    function flushWord() {
      if (word) out.push(truncate(word));
      word = "";
    }
    function flushRun() {
      for (var i = 0; i < run.length; i++) out.push(i + 1 < run.length ? run[i] + run[i + 1] : run[i]);
      run = [];
    }
    for (var i = 0; i < cs.length; i++) {
      var c = cs[i];
      if (isCJK(c)) {
        flushWord();
        run.push(c);
      } else if (isWord(c)) {
        flushRun();
        word += c;
      } else if ((c === "'" || c === "\u2019") && word && isWord(cs[i + 1]) && !isCJK(cs[i + 1])) {
        // inside a word: dropped
      } else {
        flushWord();
        flushRun();
      }
    }
    flushWord();
    flushRun();
    return out;
  }

  // query: the words of a query, the last one a prefix while it is being typed.
  function query(q) {
    var toks = tokens(q), out = [], seen = {};
    toks.forEach(function (t, i) {
      var cs = Array.from(t);
      var single = isCJK(cs[0]) && cs.length === 1;
      if (single && i > 0) {
        var p = Array.from(toks[i - 1]);
        if (p.length === 2 && isCJK(p[0]) && p[1] === cs[0]) return;
      }
      out.push({ text: t, prefix: single });
    });
    var last = Array.from(q).pop();
    if (out.length && isWord(last) && !isCJK(last) && !isCJK(Array.from(out[out.length - 1].text)[0])) {
      out[out.length - 1].prefix = true;
    }
    return out.filter(function (t) {
      var k = t.text + (t.prefix ? "\u0001" : "\u0000");
      if (seen[k]) return false;
      seen[k] = true;
      return true;
    });
  }

  // cmp compares by code points, as Go compares strings' bytes.
  function cmp(a, b) {
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    return i < a.length ? 1 : j < b.length ? -1 : 0;
  }

  // The index, read lazily from base (".../search/data/").
  function Index(base) {
    this.base = base;
    this.cache = {};
    this.kept = {}; // names of the files sw.js answered from the device, not the network
    this.whole = {}; // result files read whole, by name: their slots are cut from them
    // Whether the server answers Range requests: true or false once known.
    this.ranges = undefined;
    this.probe = null; // the first part asked for, while the answer is unknown
    this.manifest = null;
  }
  Index.prototype.get = function (name, kind) {
    if (!this.cache[name]) {
      var self = this, kept = this.kept;
      var p = fetch(this.base + name).then(function (r) {
        if (!r.ok) throw new Error(name + ": " + r.status);
        if (r.headers.get("X-Between-Kept")) kept[name] = true;
        if (/\bbytes\b/.test(r.headers.get("Accept-Ranges") || "")) self.ranges = true;
        return kind === "json" ? r.json() : r.arrayBuffer();
      });
      var cache = this.cache;
      p.catch(function () { delete cache[name]; });
      this.cache[name] = p;
    }
    return this.cache[name];
  };
  // part reads size bytes of a file from at on, with a Range request. A server that ignores
  // Range sends the whole file, and so does the device's copy (sw.js): it is kept, and the
  // file's other parts are cut from it. Until a server is known to answer Range requests
  // (its Accept-Ranges, or a first part), one part is asked for at a time: ten results
  // asked for at once from a server that sends whole files would fetch a file ten times.
  Index.prototype.part = function (name, at, size) {
    var self = this, whole = this.whole;
    var cut = function (buf) { return buf.slice(at, at + size); };
    if (whole[name]) return whole[name].then(cut);
    if (this.ranges === false) {
      whole[name] = this.get(name);
      return whole[name].then(cut);
    }
    if (!this.ranges && this.probe) {
      return this.probe.then(function () { return self.part(name, at, size); }, function () { return self.part(name, at, size); });
    }
    var key = name + "@" + at;
    if (!this.cache[key]) {
      var kept = this.kept, cache = this.cache;
      var range = "bytes=" + at + "-" + (at + size - 1);
      var p = fetch(this.base + name, { headers: { Range: range } }).then(function (r) {
        if (!r.ok) throw new Error(name + " " + range + ": " + r.status);
        if (r.headers.get("X-Between-Kept")) kept[name] = true;
        return r.arrayBuffer().then(function (buf) {
          if (r.status === 206) {
            self.ranges = true;
          } else {
            // The whole file: from a server that ignores Range, or from the device.
            if (!r.headers.get("X-Between-Kept")) self.ranges = false;
            whole[name] = Promise.resolve(buf);
            buf = cut(buf);
          }
          if (buf.byteLength !== size) throw new Error(name + " " + range + ": " + buf.byteLength + " bytes");
          return buf;
        });
      });
      p.catch(function () { delete cache[key]; });
      this.cache[key] = p;
      if (!this.ranges) this.probe = p.then(function () { self.probe = null; }, function () { self.probe = null; });
    }
    return this.cache[key];
  };
  Index.prototype.load = function () {
    var self = this;
    return this.get("manifest.json", "json").then(function (m) {
      self.manifest = m;
      self.firsts = m.shards.map(function (s) { return s[0]; });
      if (!m.stem) return m;
      return loadStemmer().then(function (f) {
        self.stems = !!f;
        return m;
      });
    });
  };
  Index.prototype.shardOf = function (term) {
    var lo = 0, hi = this.firsts.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (cmp(this.firsts[mid], term) <= 0) lo = mid + 1; else hi = mid;
    }
    return lo - 1;
  };
  var decoder = new TextDecoder();
  Index.prototype.shard = function (i) {
    var key = "s/" + this.manifest.shards[i][1];
    var self = this;
    if (!this.decoded) this.decoded = {};
    if (this.decoded[key]) return Promise.resolve(this.decoded[key]);
    return this.get(key).then(function (buf) {
      var b = new Uint8Array(buf), at = 0;
      function uv() {
        var v = 0, mul = 1, c;
        do {
          c = b[at++];
          v += (c & 0x7f) * mul;
          mul *= 128;
        } while (c & 0x80);
        return v;
      }
      var count = uv(), terms = [], prev = new Uint8Array(0);
      for (var t = 0; t < count; t++) {
        var shared = uv(), rest = uv();
        var bytes = new Uint8Array(shared + rest);
        bytes.set(prev.subarray(0, shared));
        bytes.set(b.subarray(at, at + rest), shared);
        at += rest;
        var df = uv(), pages = new Uint32Array(df), scores = new Uint8Array(df), pos = new Uint8Array(df), page = -1;
        for (var j = 0; j < df; j++) {
          page += uv();
          pages[j] = page;
          scores[j] = b[at];
          pos[j] = b[at + 1];
          at += 2;
        }
        terms.push({ term: decoder.decode(bytes), pages: pages, scores: scores, pos: pos });
        prev = bytes;
      }
      self.decoded[key] = terms;
      return terms;
    });
  };
  // lookup: the terms a query word matches, with their weights.
  Index.prototype.lookup = function (t) {
    var firsts = this.firsts, shards = this.manifest.shards;
    var first = this.shardOf(t.text);
    if (first < 0) {
      if (!t.prefix || !firsts.length || !firsts[0].startsWith(t.text)) return Promise.resolve([]);
      first = 0;
    }
    var last = first;
    if (t.prefix) {
      var spent = 0;
      for (var j = first + 1; j < firsts.length && firsts[j].startsWith(t.text); j++) {
        spent += shards[j][2];
        if (spent > PREFIX_BUDGET) break;
        last = j;
      }
    }
    var reads = [];
    for (var i = first; i <= last; i++) reads.push(this.shard(i));
    return Promise.all(reads).then(function (all) {
      var found = [];
      all.forEach(function (terms) {
        terms.forEach(function (st) {
          if (st.term === t.text) found.push({ st: st, w: 1 });
          else if (t.prefix && st.term.startsWith(t.text) && st.term[0] !== "#") found.push({ st: st, w: COMPLETION });
        });
      });
      return found;
    });
  };
  // stemmed: the terms with the stem of a query word, from the one or two shards where
  // words with that stem are (query.go's stemmed).
  Index.prototype.stemmed = function (t) {
    var st = this.stems ? stem(t.text) : "";
    if (st.length < 4) return Promise.resolve([]);
    var lo = st.slice(0, -1), hi = lo + "\u{10ffff}";
    var first = Math.max(this.shardOf(lo), 0), last = this.shardOf(hi);
    if (last > first + 1) {
      first = Math.max(first, this.shardOf(st));
      last = Math.min(last, first + 1);
    }
    var reads = [];
    for (var i = first; i <= last; i++) reads.push(this.shard(i));
    return Promise.all(reads).then(function (all) {
      var found = [];
      all.forEach(function (terms) {
        terms.forEach(function (x) {
          if (x.term !== t.text && !(t.prefix && x.term.startsWith(t.text)) && x.term.startsWith(lo) && stem(x.term) === st) {
            found.push({ st: x, w: STEM });
          }
        });
      });
      return found;
    });
  };
  // result reads a page's result, or null when it cannot be had: offline, the device keeps
  // the result slots of the pages it keeps (sw.js), not of every page, and only the pages it
  // keeps can be opened.
  Index.prototype.result = function (page) {
    var self = this, group = this.manifest.group || 1, slot = this.manifest.slot;
    var file = "r/" + Math.floor(page / group) + ".jsonl";
    return this.part(file, page % group * slot, slot).then(function (buf) {
      var r = JSON.parse(decoder.decode(buf));
      if (!r || !r.u) return null; // a record that could not fit its slot
      // A file kept whole (from a server that ignores Range) holds many pages' results, so
      // it also names pages the device does not keep: read from the device (offline, as
      // sw.js marks it), those would not open. So with one read online earlier in the
      // visit, once the connection has gone.
      if (!window.caches || (!self.kept[file] && navigator.onLine !== false)) return r;
      return caches.match(r.u).then(function (hit) { return hit ? r : null; });
    }).catch(function () { return null; });
  };

  // search: the pages matching every word of q, best first, with the first `shown` of them
  // read. Resolves to {terms, hits: [{page, score, result}], total}.
  Index.prototype.search = function (q, kind, tag, shown) {
    var self = this;
    return this.load().then(function (m) {
      var terms = query(q);
      if (!terms.length) return { terms: terms, hits: [], total: 0 };
      var n = m.n;
      terms.forEach(function (t) { t.stem = self.stems ? stem(t.text) : ""; });
      return Promise.all(terms.map(function (t) {
        return Promise.all([self.lookup(t), self.stemmed(t)]).then(function (r) { return r[0].concat(r[1]); });
      })).then(function (founds) {
        var pages = new Map();
        founds.forEach(function (found, w) {
          var best = new Map();
          found.forEach(function (f) {
            var st = f.st, df = st.pages.length;
            var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
            for (var j = 0; j < df; j++) {
              var s = st.scores[j];
              var sc = idf * f.w * (RANK_WEIGHTS[s >> 6] + (s & 63) / 63);
              var b = best.get(st.pages[j]);
              if (!b || sc > b[0]) best.set(st.pages[j], [sc, st.pos[j]]);
            }
          });
          best.forEach(function (b, page) {
            var mt = pages.get(page);
            if (!mt) {
              if (w > 0) return;
              mt = { score: 0, words: 0, minP: b[1], maxP: b[1] };
              pages.set(page, mt);
            } else if (mt.words !== w) {
              return;
            }
            mt.score += b[0];
            mt.words++;
            mt.minP = Math.min(mt.minP, b[1]);
            mt.maxP = Math.max(mt.maxP, b[1]);
          });
        });
        // The kind's runs of page numbers: one from a build, more in a preview after pages
        // were added (they take the numbers after the last).
        var runs = [], start = 0;
        m.kinds.forEach(function (k) {
          if (k[0] === kind) runs.push([start, start + k[1]]);
          start += k[1];
        });
        function ofKind(page) {
          if (!kind) return true;
          for (var r = 0; r < runs.length; r++) if (page >= runs[r][0] && page < runs[r][1]) return true;
          return false;
        }
        var tagged = tag ? self.lookup({ text: "#" + tag, prefix: false }) : Promise.resolve(null);
        return tagged.then(function (tf) {
          var inTag = null;
          if (tf) {
            inTag = new Set();
            tf.forEach(function (f) { f.st.pages.forEach(function (p) { inTag.add(p); }); });
          }
          var hits = [];
          pages.forEach(function (mt, page) {
            if (mt.words !== terms.length || !ofKind(page) || (inTag && !inTag.has(page))) return;
            var score = mt.score;
            if (terms.length > 1) score *= 1 + 1 / (1 + mt.maxP - mt.minP);
            hits.push({ page: page, score: score });
          });
          hits.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
          var total = hits.length;
          hits = hits.slice(0, shown);
          return Promise.all(hits.map(function (h) { return self.result(h.page); })).then(function (rs) {
            rs.forEach(function (r, i) { hits[i].result = r; });
            var shownHits = hits.filter(function (h) { return h.result; });
            return { terms: terms, hits: shownHits, total: total, missing: hits.length - shownHits.length };
          });
        });
      });
    });
  };

  // ---- What the page shows ----

  // The words: js/strings.js's, or a hidden element's where a layout still writes one.
  var wordsEl = document.getElementById("search-strings");
  var words = (wordsEl ? wordsEl.dataset : (window.BetweenStrings || {})["search-strings"]) || {};
  function word(name, fallback) { return words[name] || fallback; }
  function fill(s, a, b) { return s.replace("%v", a).replace("%v", b); }
  function kindWord(k) { return word("kind" + k.charAt(0).toUpperCase() + k.slice(1), k); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // matches reports whether a word of a text is one the query found.
  function matches(w, terms) {
    var toks = tokens(w);
    return toks.some(function (tok) {
      return terms.some(function (t) { return tok === t.text || t.prefix && tok.startsWith(t.text) || t.stem && stem(tok) === t.stem; });
    });
  }

  // marked appends text to parent with the query's words in <mark>.
  function marked(parent, text, terms) {
    var re = /[\p{L}\p{N}\p{M}'\u2019]+/gu, last = 0, m;
    var cjk = terms.filter(function (t) { return isCJK(Array.from(t.text)[0]); });
    function mark(from, to) {
      if (from > last) parent.appendChild(document.createTextNode(text.slice(last, from)));
      parent.appendChild(el("mark", "", text.slice(from, to)));
      last = to;
    }
    while ((m = re.exec(text))) {
      var w = m[0], start = m.index;
      if (CJK.test(w)) {
        if (!cjk.length) continue;
        // In a CJK run, mark the characters of every pair (or single character) the query has.
        var cs = Array.from(w), on = cs.map(function () { return false; });
        for (var i = 0; i < cs.length; i++) {
          var one = fold(cs[i]), two = i + 1 < cs.length ? fold(cs[i] + cs[i + 1]) : null;
          cjk.forEach(function (t) {
            if (two === t.text) on[i] = on[i + 1] = true;
            else if (t.prefix && one === t.text) on[i] = true;
          });
        }
        var off = start, from = -1;
        for (var j = 0; j <= cs.length; j++) {
          if (j < cs.length && on[j]) {
            if (from < 0) from = off;
          } else if (from >= 0) {
            mark(from, off);
            from = -1;
          }
          if (j < cs.length) off += cs[j].length;
        }
        continue;
      }
      if (matches(w, terms)) mark(start, start + w.length);
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function countHits(text, terms) {
    var n = 0;
    (text.match(/[\p{L}\p{N}\p{M}'\u2019]+/gu) || []).forEach(function (w) { if (matches(w, terms)) n++; });
    return n;
  }

  // snippet: the part of the result that holds the most of the query's words.
  function snippet(r, terms) {
    var texts = [r.d || "", r.x || "", (r.h || []).join(" · ")];
    var best = texts[0] || texts[1], most = -1;
    texts.forEach(function (t) {
      if (!t) return;
      var n = countHits(t, terms);
      if (n > most) { most = n; best = t; }
    });
    var p = el("p", "search-result-snippet");
    marked(p, best, terms);
    // Found only further down: say so, or the client wonders why the page is here.
    if (most <= 0 && !countHits(r.t, terms)) {
      p.appendChild(el("span", "search-result-further", word("further", "Found further down the page.")));
    }
    return p;
  }

  function resultItem(h, terms, id) {
    var r = h.result;
    var li = el("li", "search-result");
    if (id) li.id = id;
    var a = el("a", "search-result-title");
    a.href = r.u;
    marked(a, r.t, terms);
    li.appendChild(a);
    var meta = el("p", "search-result-meta");
    meta.appendChild(el("span", "search-result-kind", kindWord(r.k)));
    (r.g || []).forEach(function (t) { meta.appendChild(el("span", "search-result-tag", t)); });
    li.appendChild(meta);
    li.appendChild(snippet(r, terms));
    return li;
  }

  function editable(t) {
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }

  function indexBase(form) { return new URL("data/", form.action).href; }
  function siteBase(form) { return new URL("../", form.action).href; }

  var index = null;
  function indexFor(form) {
    if (!index) index = new Index(indexBase(form));
    return index;
  }

  function debounce(fn, ms) {
    var t = null;
    return function () {
      clearTimeout(t);
      t = setTimeout(fn, ms);
    };
  }

  // ---- The /search/ page ----

  function searchPage(form) {
    var input = form.querySelector("#search-q");
    var kindSel = form.querySelector("#search-kind");
    var tagSel = form.querySelector("#search-tag");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var help = document.getElementById("search-help");
    var filters = document.getElementById("search-filters");
    if (filters) filters.hidden = false;
    var idx = indexFor(form);
    var seq = 0;

    function params() {
      var p = new URLSearchParams();
      if (input.value) p.set("q", input.value);
      if (kindSel && kindSel.value) p.set("kind", kindSel.value);
      if (tagSel && tagSel.value) p.set("tag", tagSel.value);
      var s = p.toString();
      return location.pathname + (s ? "?" + s : "");
    }

    function fromURL() {
      var p = new URLSearchParams(location.search);
      input.value = p.get("q") || "";
      if (kindSel) kindSel.value = p.get("kind") || "";
      if (tagSel) tagSel.value = p.get("tag") || "";
    }

    function suggest(q, terms) {
      help.textContent = "";
      var lastT = terms[terms.length - 1];
      var cs = lastT ? Array.from(lastT.text) : [];
      if (cs.length > 3 && !isCJK(cs[0])) {
        var shorter = q.replace(/[\p{L}\p{N}\p{M}]+\s*$/u, "") + cs.slice(0, Math.max(3, cs.length - 2)).join("");
        var p = el("p", "", word("shorter", "Try a shorter word:") + " ");
        var a = el("a", "", shorter);
        a.href = "?q=" + encodeURIComponent(shorter);
        p.appendChild(a);
        help.appendChild(p);
      }
      var base = siteBase(form);
      var tags = (idx.manifest.tags || []).filter(function (t) {
        var names = tokens(t[0]);
        return terms.some(function (qt) { return names.some(function (n) { return n.startsWith(Array.from(qt.text).slice(0, 3).join("")); }); });
      });
      if (tags.length) {
        var tp = el("p", "", word("matchingTags", "Tags:") + " ");
        tags.slice(0, 8).forEach(function (t, i) {
          if (i) tp.appendChild(document.createTextNode(", "));
          var a = el("a", "", t[0]);
          a.href = base + "tags/" + t[1] + "/";
          tp.appendChild(a);
        });
        help.appendChild(tp);
      }
      var all = el("p");
      var at = el("a", "", word("seeTags", "Browse all tags"));
      at.href = base + "tags/";
      all.appendChild(at);
      help.appendChild(all);
      help.hidden = false;
    }

    function run() {
      var q = input.value, my = ++seq;
      if (!query(q).length) {
        list.textContent = "";
        status.textContent = "";
        help.hidden = true;
        return;
      }
      var kind = kindSel ? kindSel.value : "", tag = tagSel ? tagSel.value : "";
      idx.search(q, kind, tag, SHOWN).then(function (res) {
        if (my !== seq) return;
        list.textContent = "";
        help.hidden = true;
        // What the list shows results for: a script (or a test) reading the list can tell
        // the results of this query from those of the one before it.
        list.setAttribute("data-for", JSON.stringify([q, kind, tag]));
        if (!res.total) {
          status.textContent = fill(word("none", "No results for “%v”."), q.trim());
          suggest(q, res.terms);
          return;
        }
        status.textContent = fill(word("results", "Results for “%v”: %v"), q.trim(), res.total);
        if (res.missing) status.textContent += " " + word("offline", "Some results can be shown only when you are online.");
        res.hits.forEach(function (h) { list.appendChild(resultItem(h, res.terms)); });
      }, function () {
        if (my === seq) status.textContent = word("failed", "Search could not load.");
      });
    }

    var later = debounce(function () {
      history.replaceState(null, "", params());
      run();
    }, 120);
    input.addEventListener("input", later);
    [kindSel, tagSel].forEach(function (s) {
      if (s) s.addEventListener("change", function () {
        history.replaceState(null, "", params());
        run();
      });
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (params() !== location.pathname + location.search) history.pushState(null, "", params());
      run();
    });
    window.addEventListener("popstate", function () {
      fromURL();
      run();
    });
    // Arrows move between the input and the results; Enter opens the link in focus.
    form.addEventListener("keydown", function (e) {
      if (e.target === input && e.key === "ArrowDown") {
        var first = list.querySelector("a");
        if (first) { e.preventDefault(); first.focus(); }
      }
    });
    list.addEventListener("keydown", function (e) {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      var links = Array.prototype.slice.call(list.querySelectorAll("a.search-result-title"));
      var i = links.indexOf(document.activeElement);
      if (i < 0) return;
      e.preventDefault();
      if (e.key === "ArrowDown" && i + 1 < links.length) links[i + 1].focus();
      else if (e.key === "ArrowUp") (i > 0 ? links[i - 1] : input).focus();
    });
    fromURL();
    if (input.value) run();
  }

  // ---- The search box of every other page: a combobox with the first results ----

  function searchBox(form) {
    var input = form.querySelector("input[type=search]");
    if (!input) return;
    var listId = input.id + "-list";
    var list = el("ul", "search-popup");
    list.id = listId;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", word("label", "Search"));
    list.hidden = true;
    var live = el("p", "visually-hidden");
    live.setAttribute("role", "status");
    form.appendChild(list);
    form.appendChild(live);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");
    var active = -1, urls = [], seq = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function setActive(i) {
      var opts = list.querySelectorAll("[role=option]");
      if (!opts.length) return;
      active = (i + opts.length) % opts.length;
      opts.forEach(function (o, j) { o.setAttribute("aria-selected", j === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", opts[active].id);
    }
    function run() {
      var q = input.value, my = ++seq;
      if (!query(q).length) {
        close();
        live.textContent = "";
        return;
      }
      indexFor(form).search(q, "", "", POPUP).then(function (res) {
        if (my !== seq) return;
        list.textContent = "";
        urls = [];
        res.hits.forEach(function (h, i) {
          var li = el("li", "search-option");
          li.id = listId + "-" + i;
          li.setAttribute("role", "option");
          li.setAttribute("aria-selected", "false");
          var t = el("span", "search-option-title");
          marked(t, h.result.t, res.terms);
          li.appendChild(t);
          li.appendChild(el("span", "search-option-kind", kindWord(h.result.k)));
          li.addEventListener("mousedown", function (e) {
            e.preventDefault();
            location.href = h.result.u;
          });
          list.appendChild(li);
          urls.push(h.result.u);
        });
        var more = el("li", "search-option search-option-all", fill(word("all", "All results for “%v”"), q.trim()));
        more.id = listId + "-all";
        more.setAttribute("role", "option");
        more.setAttribute("aria-selected", "false");
        more.addEventListener("mousedown", function (e) {
          e.preventDefault();
          form.submit();
        });
        list.appendChild(more);
        urls.push(null);
        active = -1;
        input.removeAttribute("aria-activedescendant");
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        live.textContent = res.total ? fill(word("results", "Results for “%v”: %v"), q.trim(), res.total) :
          fill(word("none", "No results for “%v”."), q.trim());
      }, function () {
        if (my === seq) live.textContent = word("failed", "Search could not load.");
      });
    }
    input.addEventListener("input", debounce(run, 120));
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (list.hidden) return;
        e.preventDefault();
        setActive(active + (e.key === "ArrowDown" ? 1 : -1));
      } else if (e.key === "Enter" && active >= 0 && urls[active]) {
        e.preventDefault();
        location.href = urls[active];
      } else if (e.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function start() {
    var page = document.getElementById("search-form");
    if (page) searchPage(page);
    Array.prototype.forEach.call(document.querySelectorAll("form.search-form:not(#search-form)"), searchBox);
    // "/" goes to the search box, wherever the reader is, unless they are typing.
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || editable(e.target)) return;
      var boxes = document.querySelectorAll("#search-q, form.search-form input[type=search]");
      for (var i = 0; i < boxes.length; i++) {
        if (boxes[i].offsetParent !== null) {
          e.preventDefault();
          boxes[i].focus();
          boxes[i].select();
          return;
        }
      }
    });
  }

  window.BetweenSearch = { fold: fold, tokens: tokens, query: query, Index: Index, loadStemmer: loadStemmer, stem: stem };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
