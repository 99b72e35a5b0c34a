/* dossier search: the browser side of the full-text search.
 *
 * The index is a script (search-index.js) that sets window.DOSSIER_SEARCH, loaded before this
 * one with <script defer>, so nothing is fetched and the search works from file:// and under a
 * sub-path. Matching folds case and accents (lower case, NFD, combining marks removed, and the
 * Latin, Greek and Cyrillic letters spelled out as dossier's ids spell them: ß → ss, ø → o,
 * ж → zh), splits text into words, and requires every query word
 * to be the beginning of some word of a document (AND, prefix). Results rank by the best field
 * each query word matches (title, then meta line, then text; a whole word a little above a
 * prefix), a title that is exactly the query first, then by kind (actor, incident, article,
 * excerpt, page), then by title.
 *
 * Markup expected on the search page (any other page: nothing happens, nothing is thrown):
 *   <form ... role="search"><label for="q">...</label><input id="q" name="q" type="search"></form>
 *   <div id="search-status" role="status" aria-live="polite" aria-atomic="true"></div>
 *   <div id="search-results" data-root="../"></div>
 * Result links are site paths prefixed with data-root. Text from the index only ever reaches
 * the page through textContent and createElement, never as markup.
 *
 * Plain ES2017, no dependencies. Outside a browser (no document), the pure functions are
 * exported as globalThis.DossierSearch for tests.
 */
(function (global) {
  "use strict";

  var MAX_RESULTS = 50;
  var DEBOUNCE_MS = 150;
  var SNIPPET_BEFORE = 60;
  var SNIPPET_LENGTH = 200;
  var FIELD_WEIGHTS = [8, 4, 2]; // title, meta, text; a whole word (not just a prefix) adds 1
  var KIND_ORDER = { actor: 0, incident: 1, article: 2, excerpt: 3, page: 4 };
  var KIND_LABELS = { actor: "Actor", incident: "Incident", article: "Source", excerpt: "Excerpt", page: "Page" };
  var MARKS = /[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u064b-\u065f\u0670\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  // Generated from deunicode by src/model/ids.rs (search_fold_table); `BLESS=1 cargo test --lib
  // model::` rewrites it. Do not edit by hand.
  var SPELLED = {
    "ß": "ss", "æ": "ae", "ð": "d", "ø": "o", "þ": "th", "đ": "d", "ħ": "h", "ı": "i",
    "ĳ": "ij", "ĸ": "k", "ŀ": "l", "ł": "l", "ŉ": "'n", "ŋ": "ng", "œ": "oe", "ŧ": "t",
    "ſ": "s", "ƀ": "b", "ƃ": "b", "ƅ": "6", "ƈ": "c", "ƌ": "d", "ƍ": "d", "ƒ": "f",
    "ƕ": "hv", "ƙ": "k", "ƚ": "l", "ƛ": "l", "ƞ": "n", "ƣ": "oi", "ƥ": "p", "ƨ": "2",
    "ƪ": "sh", "ƫ": "t", "ƭ": "t", "ƴ": "y", "ƶ": "z", "ƹ": "zh", "ƺ": "zh", "ƻ": "2",
    "ƽ": "5", "ƾ": "ts", "ƿ": "w", "ǀ": "|", "ǁ": "||", "ǂ": "|=", "ǃ": "!", "ǆ": "dz",
    "ǉ": "lj", "ǌ": "nj", "ǝ": "@", "ǥ": "g", "ǯ": "zh", "ǳ": "dz", "ȝ": "y", "ȡ": "d",
    "ȣ": "ou", "ȥ": "z", "ȴ": "l", "ȵ": "n", "ȶ": "t", "ȷ": "j", "ȸ": "db", "ȹ": "qp",
    "ȼ": "c", "ȿ": "s", "ɀ": "z", "ɂ": "'", "ɇ": "e", "ɉ": "j", "ɋ": "q", "ɍ": "r",
    "ɏ": "y", "ɓ": "b", "ɔ": "o", "ɖ": "d", "ɗ": "d", "ə": "@", "ɛ": "e", "ɠ": "g",
    "ɣ": "g", "ɨ": "i", "ɩ": "i", "ɯ": "w", "ɲ": "n", "ɵ": "o", "ʀ": "r", "ʃ": "s",
    "ʈ": "t", "ʉ": "u", "ʊ": "u", "ʋ": "v", "ʌ": "^", "ʒ": "z", "ͱ": "h", "ͳ": "s",
    "ʹ": "'", "ͷ": "w", "ͺ": "i", "ͻ": "s", "ͼ": "s.", "ͽ": "s.", "α": "a", "β": "b",
    "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "e", "θ": "th", "ι": "i", "κ": "k",
    "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "ς": "s",
    "σ": "s", "τ": "t", "υ": "u", "φ": "ph", "χ": "kh", "ψ": "ps", "ω": "o", "ϐ": "b",
    "ϑ": "th", "ϒ": "u", "ϕ": "ph", "ϖ": "p", "ϗ": "&", "ϙ": "q", "ϛ": "st", "ϝ": "w",
    "ϟ": "q", "ϡ": "sp", "ϣ": "sh", "ϥ": "f", "ϧ": "kh", "ϩ": "h", "ϫ": "g", "ϭ": "ch",
    "ϯ": "ti", "ϰ": "k", "ϱ": "r", "ϲ": "c", "ϳ": "j", "ϵ": "e", "ϸ": "sh", "ϻ": "s",
    "ϼ": "r/", "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh",
    "з": "z", "и": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "'", "ы": "y", "ь": "'", "э": "e", "ю": "iu", "я": "ia",
    "ѐ": "ie", "ё": "io", "ђ": "dj", "ѓ": "gj", "є": "ie", "ѕ": "dz", "і": "i", "ї": "yi",
    "ј": "j", "љ": "lj", "њ": "nj", "ћ": "tsh", "ќ": "kj", "џ": "dzh", "ѡ": "o", "ѣ": "e",
    "ѥ": "ie", "ѧ": "e", "ѩ": "ie", "ѫ": "o", "ѭ": "io", "ѯ": "ks", "ѱ": "ps", "ѳ": "f",
    "ѵ": "y", "ѹ": "u", "ѻ": "o", "ѽ": "o", "ѿ": "ot", "ҁ": "q", "ҋ": "jh", "ҍ": "\"",
    "ҏ": "r'", "ґ": "g'", "ғ": "g'", "ҕ": "g'", "җ": "zh'", "ҙ": "z'", "қ": "k'", "ҝ": "k'",
    "ҟ": "k'", "ҡ": "k'", "ң": "n'", "ҥ": "ng", "ҧ": "p'", "ҩ": "kh", "ҫ": "s'", "ҭ": "t'",
    "ү": "u", "ұ": "u'", "ҳ": "kh'", "ҵ": "tts", "ҷ": "ch'", "ҹ": "ch'", "һ": "h", "ҽ": "ch",
    "ҿ": "ch'", "ӄ": "k'", "ӆ": "lh", "ӈ": "n'", "ӊ": "nh", "ӌ": "ch", "ӎ": "mh", "ӏ": "h",
    "ӕ": "ae", "ӗ": "ie", "ә": "@", "ӡ": "dz", "ө": "o", "ӷ": "gh", "ӻ": "xh", "ӽ": "x",
    "ӿ": "h", "ԁ": "d", "ԃ": "dj", "ԅ": "zj", "ԇ": "dz", "ԉ": "lj", "ԋ": "nj", "ԍ": "sj",
    "ԏ": "tj", "ԑ": "a", "ԓ": "l", "ԕ": "lkh", "ԗ": "rkh", "ԙ": "a", "ԛ": "q", "ԝ": "w",
    "ԟ": "q", "ԡ": "l", "ԣ": "n", "ԥ": "ph", "ԧ": "'", "ԩ": "ny", "ԫ": "dzh", "ԭ": "dch",
    "ԯ": "l", "ẚ": "a", "ẜ": "s", "ẝ": "s", "ẟ": "d", "ỻ": "ll", "ỽ": "v", "ỿ": "y",
    "ⱥ": "a", "ⱦ": "t",
  };

  /** The folded form of one character (a code point): "" for a combining mark, maybe several
   * characters (ß → ss). Latin, Greek and Cyrillic letters fold as dossier's ids spell them
   * (deunicode: Москва → moskva); other scripts stay in their own letters. */
  function foldChar(ch) {
    var c = ch.charCodeAt(0);
    if (c < 128) {
      return c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : ch;
    }
    var lower = ch.toLowerCase();
    if (SPELLED[lower] !== undefined) {
      return SPELLED[lower];
    }
    var f = lower.normalize("NFD").replace(MARKS, "");
    var out = "";
    for (var x of f) {
      out += SPELLED[x] !== undefined ? SPELLED[x] : x;
    }
    return out;
  }

  /** Fold a whole text (for matching). */
  function fold(text) {
    var out = "";
    for (var ch of String(text)) {
      out += foldChar(ch);
    }
    return out;
  }

  /** Fold a text, keeping for each folded UTF-16 unit the range of the original it came from:
   * { text, starts, ends }. */
  function foldMap(text) {
    text = String(text);
    var out = "";
    var starts = [];
    var ends = [];
    var i = 0;
    for (var ch of text) {
      var f = foldChar(ch);
      for (var k = 0; k < f.length; k++) {
        starts.push(i);
        ends.push(i + ch.length);
      }
      out += f;
      i += ch.length;
    }
    return { text: out, starts: starts, ends: ends };
  }

  /** Whether a UTF-16 unit of folded text belongs to a word: ASCII letters and digits, and any
   * other character but punctuation, symbols and spaces of the common blocks. */
  function isWordCode(c) {
    if (c < 128) {
      return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    }
    if (c < 0xc0) {
      return c === 0xaa || c === 0xb5 || c === 0xba;
    }
    if (c === 0xd7 || c === 0xf7) {
      return false;
    }
    if (c >= 0x2000 && c <= 0x2bff) {
      return false; // general punctuation, symbols, arrows, box drawing
    }
    if ((c >= 0x2e00 && c <= 0x2e7f) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xfe10 && c <= 0xfe1f)) {
      return false;
    }
    if ((c >= 0xfe30 && c <= 0xfe6f) || c === 0xfeff || c >= 0xfff0) {
      return false;
    }
    if (c >= 0xff00 && c <= 0xff65) {
      // fullwidth forms: keep the letters and digits
      return (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
    }
    if (c === 0x060c || c === 0x061b || c === 0x061f || (c >= 0x066a && c <= 0x066d) || c === 0x06d4) {
      return false; // Arabic punctuation
    }
    if (c === 0x0964 || c === 0x0965 || c === 0x0e2f || c === 0x0e5a || c === 0x0e5b) {
      return false; // Devanagari and Thai punctuation
    }
    return true;
  }

  /** The words of a folded text as [start, end) pairs of UTF-16 offsets. */
  function wordSpans(folded) {
    var spans = [];
    var start = -1;
    for (var i = 0; i <= folded.length; i++) {
      var w = i < folded.length && isWordCode(folded.charCodeAt(i));
      if (w && start < 0) {
        start = i;
      } else if (!w && start >= 0) {
        spans.push([start, i]);
        start = -1;
      }
    }
    return spans;
  }

  /** The words of a folded text. */
  function words(folded) {
    return wordSpans(folded).map(function (s) {
      return folded.slice(s[0], s[1]);
    });
  }

  /** The query's words, folded, without repeats, in order. */
  function terms(query) {
    var out = [];
    words(fold(query || "")).forEach(function (w) {
      if (out.indexOf(w) < 0) {
        out.push(w);
      }
    });
    return out;
  }

  /** Sorted distinct words of a text, for prefix search by bisection. */
  function vocabulary(text) {
    var list = words(fold(text)).sort();
    var out = [];
    for (var i = 0; i < list.length; i++) {
      if (i === 0 || list[i] !== list[i - 1]) {
        out.push(list[i]);
      }
    }
    return out;
  }

  /** How a sorted vocabulary holds `term`: 2 as a whole word, 1 as the beginning of a word, 0
   * not at all. (The whole word, when present, is the first word not below the term.) */
  function lookup(sorted, term) {
    var lo = 0;
    var hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (sorted[mid] < term) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo >= sorted.length) {
      return 0;
    }
    if (sorted[lo] === term) {
      return 2;
    }
    return sorted[lo].slice(0, term.length) === term ? 1 : 0;
  }

  /** Turn the data of search-index.js ({v, kinds, docs: [[kind, title, url, meta, text]]}) into
   * a searchable index, or null when the data is missing or malformed. Words are computed on
   * the first search, not at page load. */
  function prepare(data) {
    if (!data || typeof data !== "object" || !Array.isArray(data.docs)) {
      return null;
    }
    var kinds = Array.isArray(data.kinds) ? data.kinds : [];
    var docs = [];
    data.docs.forEach(function (row, i) {
      if (!Array.isArray(row)) {
        return;
      }
      var kind = typeof row[0] === "number" ? kinds[row[0]] : row[0];
      docs.push({
        i: i,
        kind: String(kind || "page"),
        title: String(row[1] || ""),
        url: String(row[2] || ""),
        meta: String(row[3] || ""),
        text: String(row[4] || ""),
        fields: null,
        key: null,
        phrase: null
      });
    });
    return { docs: docs };
  }

  function fieldsOf(doc) {
    if (!doc.fields) {
      doc.fields = [vocabulary(doc.title), vocabulary(doc.meta), vocabulary(doc.text)];
      doc.key = fold(doc.title);
      doc.phrase = words(doc.key).join(" ");
    }
    return doc.fields;
  }

  function kindRank(kind) {
    return Object.prototype.hasOwnProperty.call(KIND_ORDER, kind) ? KIND_ORDER[kind] : 9;
  }

  function compareHits(a, b) {
    if (a.whole !== b.whole) {
      return a.whole ? -1 : 1;
    }
    if (a.score !== b.score) {
      return b.score - a.score;
    }
    var ka = kindRank(a.doc.kind);
    var kb = kindRank(b.doc.kind);
    if (ka !== kb) {
      return ka - kb;
    }
    if (a.doc.key !== b.doc.key) {
      return a.doc.key < b.doc.key ? -1 : 1;
    }
    return a.doc.i - b.doc.i;
  }

  /** Search: { terms, total, results: [{ doc, score, whole }] }, the results ranked, at most
   * `limit` (50) of them. */
  function search(index, query, limit) {
    var ts = terms(query);
    var max = limit || MAX_RESULTS;
    if (!index || ts.length === 0) {
      return { terms: ts, total: 0, results: [] };
    }
    var phrase = ts.join(" ");
    var hits = [];
    index.docs.forEach(function (doc) {
      var fields = fieldsOf(doc);
      var score = 0;
      for (var t = 0; t < ts.length; t++) {
        var weight = 0;
        for (var f = 0; f < fields.length && weight === 0; f++) {
          var found = lookup(fields[f], ts[t]);
          if (found > 0) {
            weight = FIELD_WEIGHTS[f] + (found === 2 ? 1 : 0);
          }
        }
        if (weight === 0) {
          return;
        }
        score += weight;
      }
      hits.push({ doc: doc, score: score, whole: doc.phrase === phrase });
    });
    hits.sort(compareHits);
    return { terms: ts, total: hits.length, results: hits.slice(0, max) };
  }

  /** The words of `text` that begin with one of the terms, as [start, end) ranges of `text`. */
  function matches(text, ts) {
    var m = foldMap(text);
    var out = [];
    wordSpans(m.text).forEach(function (s) {
      var word = m.text.slice(s[0], s[1]);
      for (var t = 0; t < ts.length; t++) {
        if (word.slice(0, ts[t].length) === ts[t]) {
          out.push([m.starts[s[0]], m.ends[s[1] - 1]]);
          return;
        }
      }
    });
    return out;
  }

  /** Split text[from, to) into segments { text, mark } with the matched words marked. */
  function segments(text, ranges, from, to) {
    var out = [];
    var at = from;
    ranges.forEach(function (r) {
      if (r[0] < at || r[1] > to) {
        return;
      }
      if (r[0] > at) {
        out.push({ text: text.slice(at, r[0]), mark: false });
      }
      out.push({ text: text.slice(r[0], r[1]), mark: true });
      at = r[1];
    });
    if (at < to) {
      out.push({ text: text.slice(at, to), mark: false });
    }
    return out;
  }

  /** A title (or any short text) with its matched words marked. */
  function highlight(text, ts) {
    text = String(text);
    return segments(text, matches(text, ts), 0, text.length);
  }

  function isLowSurrogate(text, i) {
    var c = text.charCodeAt(i);
    return c >= 0xdc00 && c <= 0xdfff;
  }

  /** A window of about 200 characters of `text` around the first matched word (the start of
   * the text when nothing matches there), cut at spaces, with "…" where it is cut and the
   * matched words marked: an array of { text, mark }. */
  function snippet(text, ts, length) {
    text = String(text);
    var size = length || SNIPPET_LENGTH;
    var ranges = matches(text, ts);
    var first = ranges.length ? ranges[0][0] : 0;
    var from = Math.max(0, first - SNIPPET_BEFORE);
    if (from > 0) {
      var space = text.indexOf(" ", from);
      from = space >= 0 && space < first ? space + 1 : first;
    }
    var to = Math.min(text.length, from + size);
    if (to < text.length) {
      var back = text.lastIndexOf(" ", to);
      var end = ranges.length ? ranges[0][1] : from;
      if (back > end) {
        to = back;
      } else if (end > to) {
        to = end;
      }
    }
    while (from > 0 && from < text.length && isLowSurrogate(text, from)) {
      from--;
    }
    while (to < text.length && isLowSurrogate(text, to)) {
      to++;
    }
    var out = segments(text, ranges, from, to);
    if (from > 0) {
      out.unshift({ text: "…", mark: false });
    }
    if (to < text.length) {
      out.push({ text: "…", mark: false });
    }
    return out;
  }

  /** "12 results for “qureshi”", "1 result for …", "No results for …", with a note when only
   * the first `shown` are listed. */
  function countLine(total, shown, query) {
    var q = "“" + String(query).trim() + "”";
    if (total === 0) {
      return "No results for " + q + ".";
    }
    var line = total + (total === 1 ? " result for " : " results for ") + q;
    if (shown < total) {
      line += ", showing the first " + shown;
    }
    return line + ".";
  }

  /** The href of a result: the site path under the page's root. Anything that is not a plain
   * relative path (a scheme, a leading slash) is refused. */
  function resultHref(root, url) {
    if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.charAt(0) === "/" || url.charAt(0) === "\\") {
      return null;
    }
    return (root || "") + url;
  }

  var api = {
    fold: fold,
    foldMap: foldMap,
    words: words,
    terms: terms,
    prepare: prepare,
    search: search,
    highlight: highlight,
    snippet: snippet,
    countLine: countLine,
    resultHref: resultHref,
    MAX_RESULTS: MAX_RESULTS
  };

  // ---- The page ------------------------------------------------------------------------------

  function appendSegments(doc, parent, segs) {
    segs.forEach(function (s) {
      if (s.mark) {
        var mark = doc.createElement("mark");
        mark.textContent = s.text;
        parent.appendChild(mark);
      } else {
        parent.appendChild(doc.createTextNode(s.text));
      }
    });
  }

  function clear(el) {
    while (el.firstChild) {
      el.removeChild(el.firstChild);
    }
  }

  function queryFromLocation(win) {
    var search = win.location.search || "";
    try {
      return new URLSearchParams(search).get("q") || "";
    } catch (e) {
      var m = /[?&]q=([^&#]*)/.exec(search);
      if (!m) {
        return "";
      }
      try {
        return decodeURIComponent(m[1].replace(/\+/g, " "));
      } catch (e2) {
        return "";
      }
    }
  }

  function updateLocation(win, query) {
    try {
      var wanted = query.trim() ? "?q=" + encodeURIComponent(query).replace(/%20/g, "+") : "";
      if (wanted !== (win.location.search || "")) {
        win.history.replaceState(null, "", wanted || win.location.pathname);
      }
    } catch (e) {
      // Some browsers refuse replaceState on file:// pages; the results are shown anyway.
    }
  }

  function start(doc, win) {
    var box = doc.getElementById("search-results");
    if (!box) {
      return;
    }
    var input = doc.getElementById(box.getAttribute("data-input") || "q");
    var status = doc.getElementById("search-status");
    if (!status) {
      status = doc.createElement("div");
      status.id = "search-status";
      status.className = "search-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      status.setAttribute("aria-atomic", "true");
      box.parentNode.insertBefore(status, box);
    }
    var root = box.getAttribute("data-root") || "";
    var index = prepare(win.DOSSIER_SEARCH);
    if (!index) {
      status.textContent = "The search index did not load, so search is unavailable. Browse the lists instead.";
      return;
    }
    var last = null;

    function render(query) {
      if (query === last) {
        return;
      }
      last = query;
      var found = search(index, query);
      clear(box);
      if (found.terms.length === 0) {
        status.textContent = "";
        var hint = doc.createElement("p");
        hint.className = "search-hint";
        hint.textContent =
          "Type a name, place or phrase. Every word must appear; words match their beginnings, so “qures” finds Qureshi. Case and accents are ignored.";
        box.appendChild(hint);
        return;
      }
      status.textContent = countLine(found.total, found.results.length, query);
      if (found.results.length === 0) {
        return;
      }
      var list = doc.createElement("ol");
      list.className = "search-list";
      found.results.forEach(function (hit) {
        var d = hit.doc;
        var item = doc.createElement("li");
        item.className = "search-result search-kind-" + d.kind.replace(/[^a-z0-9-]/g, "");
        var heading = doc.createElement("p");
        heading.className = "search-title";
        var href = resultHref(root, d.url);
        var title = doc.createElement(href ? "a" : "span");
        if (href) {
          title.setAttribute("href", href);
        }
        appendSegments(doc, title, highlight(d.title, found.terms));
        heading.appendChild(title);
        item.appendChild(heading);
        var meta = doc.createElement("p");
        meta.className = "search-meta";
        var kindLabel = KIND_LABELS[d.kind] || d.kind;
        meta.textContent = d.meta ? kindLabel + " · " + d.meta : kindLabel;
        item.appendChild(meta);
        if (d.text) {
          var snip = doc.createElement("p");
          snip.className = "search-snippet";
          appendSegments(doc, snip, snippet(d.text, found.terms));
          item.appendChild(snip);
        }
        list.appendChild(item);
      });
      box.appendChild(list);
    }

    var timer = null;
    function later() {
      if (timer !== null) {
        win.clearTimeout(timer);
      }
      timer = win.setTimeout(function () {
        timer = null;
        var q = input ? input.value : "";
        render(q);
        updateLocation(win, q);
      }, DEBOUNCE_MS);
    }

    var initial = queryFromLocation(win);
    if (input) {
      if (initial && !input.value) {
        input.value = initial;
      }
      initial = input.value || initial;
      input.addEventListener("input", later);
      var form = input.form;
      if (form) {
        form.addEventListener("submit", function (event) {
          event.preventDefault();
          if (timer !== null) {
            win.clearTimeout(timer);
            timer = null;
          }
          render(input.value);
          updateLocation(win, input.value);
        });
      }
    }
    render(initial);
  }

  if (typeof document === "undefined") {
    global.DossierSearch = api;
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      start(document, window);
    });
  } else {
    start(document, window);
  }
})(typeof globalThis !== "undefined" ? globalThis : this);
