/* dossier search: the browser side of the full-text search.
 *
 * The index is split into files that are scripts, so that nothing is fetched and the search
 * works from file:// and under a sub-path: search-index.js (the manifest, loaded before this
 * one with <script defer>) sets window.DOSSIER_SEARCH; the other files, in search-index/, are
 * loaded on demand by adding <script> elements, and each calls window.DOSSIER_SEARCH_SHARD
 * with its data. A query word loads one term file: the words that begin with its first
 * letters and their postings, or, for a short prefix of many words, a merged list of the
 * documents any of them is in. Then the files of the documents shown are loaded, for their
 * titles, links and snippets (see src/render/search.rs for the formats).
 *
 * Matching folds case and accents (lower case, NFD, combining marks removed, and the Latin,
 * Greek and Cyrillic letters spelled out as dossier's ids spell them: ß → ss, ø → o, ж → zh;
 * the build folds the index's words the same way), splits text into words, and requires every
 * query word to be the beginning of some word of a document (AND, prefix). Results rank by the
 * best field each query word matches (a name or title, then meta line, then text; a whole word
 * a little above a prefix), a name or title that is exactly the query first and those that
 * hold every query word before any passing mention (drawn under two headings), then by kind
 * (actor, incident, article, excerpt, page), then by title: the build numbers the documents in
 * that last order. Each result shows its kind, its title, its meta line and a snippet of what
 * its page says around the first match, the matched words marked.
 *
 * Markup expected on the search page (any other page: nothing happens, nothing is thrown):
 *   <form ... role="search"><label for="q">...</label><input id="q" name="q" type="search"></form>
 *   <div id="search-status" role="status" aria-live="polite" aria-atomic="true"></div>
 *   <div id="search-results" data-root="../"></div>
 * Result links and the index's files are site paths prefixed with data-root. Text from the
 * index only ever reaches the page through textContent and createElement, never as markup.
 *
 * Plain ES2017, no dependencies. Outside a browser (no document), the pure functions are
 * exported as globalThis.DossierSearch for tests.
 */
(function (global) {
  "use strict";

  var MAX_RESULTS = 50;
  var DEBOUNCE_MS = 150;
  var AHEAD_MS = 60; // a pause this long in the typing loads the first results' documents
  var FIRST_SHOWN = 10; // results drawn as soon as their documents are in; the rest follow
  var SNIPPET_BEFORE = 60; // characters before the first match, cut at a space
  var SENTENCE_BEFORE = 110; // or back to the start of its sentence if that is this near
  var SNIPPET_LENGTH = 180;
  var FIELD_WEIGHTS = [8, 4, 2]; // name or title, meta, text; a whole word (not a prefix) adds 1
  var NAME_WEIGHT = 8; // a query word's weight in a document that has it in a name or title
  var MERGED_WEIGHTS = [2, 3, 4, 5, 8, 9]; // a merged list's codes: text, text exactly, meta, ...
  var TERM_CACHE = 64; // query words whose matches are kept
  var KIND_ORDER = { actor: 0, incident: 1, article: 2, excerpt: 3, page: 4 };
  var KIND_LABELS = { actor: "Actor", incident: "Incident", article: "Source", excerpt: "Excerpt", page: "Page" };
  var GROUPS = ["Names and titles", "Mentions"]; // the results whose names hold the query, the others
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
   * { text, starts, ends }. Runs of ASCII are folded whole (lower case, one unit for one). */
  function foldMap(text) {
    text = String(text);
    var parts = [];
    var starts = [];
    var ends = [];
    var n = text.length;
    var i = 0;
    while (i < n) {
      var c = text.charCodeAt(i);
      if (c < 128) {
        var j = i + 1;
        while (j < n && text.charCodeAt(j) < 128) {
          j++;
        }
        parts.push(text.slice(i, j).toLowerCase());
        for (var k = i; k < j; k++) {
          starts.push(k);
          ends.push(k + 1);
        }
        i = j;
      } else {
        var next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        var len = c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
        var f = foldChar(text.slice(i, i + len));
        for (var u = 0; u < f.length; u++) {
          starts.push(i);
          ends.push(i + len);
        }
        parts.push(f);
        i += len;
      }
    }
    return { text: parts.join(""), starts: starts, ends: ends };
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

  // ---- The index -----------------------------------------------------------------------------

  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var DIGIT = (function () {
    var table = [];
    for (var c = 0; c < 128; c++) {
      table.push(DIGITS.indexOf(String.fromCharCode(c)));
    }
    return table;
  })();

  /** Decode a posting list: each(id, code) for every document in it, in increasing order. A
   * number is written in base 32, least significant digit first, the digits w-_ continuing it;
   * it is (gap << shift) | code, gap the number of documents skipped. */
  function decode(list, shift, each) {
    var scale = Math.pow(2, shift);
    var next = 0;
    var acc = 0;
    var mul = 1;
    for (var i = 0; i < list.length; i++) {
      var c = list.charCodeAt(i);
      var d = c < 128 ? DIGIT[c] : -1;
      if (d < 0) {
        continue;
      }
      if (d >= 32) {
        acc += (d - 32) * mul;
        mul *= 32;
      } else {
        acc += d * mul;
        var code = acc % scale;
        var id = next + (acc - code) / scale;
        each(id, code);
        next = id + 1;
        acc = 0;
        mul = 1;
      }
    }
  }

  /** FNV-1a (32 bits) over UTF-16 units: which phrase file holds a title phrase. */
  function phraseHash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  /** Open the index: the manifest (the data of search-index.js) and a loader (a file's name,
   * such as "t12", → a Promise of its data). null when the manifest is missing or malformed. */
  function open(manifest, load) {
    if (!manifest || typeof manifest !== "object" || manifest.v !== 2 || !Array.isArray(manifest.terms)) {
      return null;
    }
    var prefixes = new Map();
    manifest.terms.forEach(function (t) {
      if (Array.isArray(t)) {
        var key = String(t[0]);
        prefixes.set(key, { file: "t" + t[1], merged: t[2] === 1, shared: key + String(t[3] || "") });
      }
    });
    return {
      kinds: Array.isArray(manifest.kinds) ? manifest.kinds : [],
      count: manifest.count > 0 ? manifest.count : 0,
      segments: Array.isArray(manifest.docs) ? manifest.docs : [],
      phrases: manifest.phrases > 0 ? manifest.phrases : 0,
      prefixes: prefixes,
      load: load,
      files: new Map(),
      matches: new Map()
    };
  }

  /** A file of the index, loaded once (a failed load is tried again next time). */
  function file(index, name) {
    var p = index.files.get(name);
    if (!p) {
      p = Promise.resolve(name).then(index.load);
      index.files.set(name, p);
      p.catch(function () {
        index.files.delete(name);
      });
    }
    return p;
  }

  /** Which term file holds a query word: { file, merged, exact } or null when no word begins
   * with it. The entry of the longest prefix of the word in the manifest: a file of words, or
   * a merged list if the word is a prefix of the words the list is for (`shared`, the prefix
   * they all share; `exact` when the word is that prefix, so that the list's "whole word"
   * codes hold for it). A longer word that has no entry of its own begins no word. */
  function termFile(index, term) {
    var letters = Array.from(term);
    for (var k = letters.length; k >= 1; k--) {
      var entry = index.prefixes.get(k === letters.length ? term : letters.slice(0, k).join(""));
      if (entry) {
        if (!entry.merged) {
          return entry;
        }
        if (entry.shared.slice(0, term.length) !== term) {
          return null;
        }
        return { file: entry.file, merged: true, exact: entry.shared === term };
      }
    }
    return null;
  }

  function bisect(sorted, term) {
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
    return lo;
  }

  /** The documents a query word matches and its weight in each: { ids (increasing), weight
   * (by id; 0 where it does not match) }, as a Promise. The weight is the best field's (title
   * 8, meta line 4, text 2) of any word the query word begins, plus 1 if that field holds the
   * query word as a whole word. */
  function matchesOf(index, term) {
    var known = index.matches.get(term);
    if (known) {
      return known;
    }
    var where = termFile(index, term);
    var p = !where
      ? Promise.resolve({ ids: [], weight: new Uint8Array(0) })
      : file(index, where.file).then(function (data) {
          var weight = new Uint8Array(index.count);
          var ids = [];
          if (where.merged) {
            decode(String(data.m || ""), 3, function (id, code) {
              ids.push(id);
              weight[id] = MERGED_WEIGHTS[where.exact ? code : code & 6] || 2;
            });
            return { ids: ids, weight: weight };
          }
          var words = Array.isArray(data.w) ? data.w : [];
          var lists = Array.isArray(data.p) ? data.p : [];
          var several = false;
          for (var i = bisect(words, term); i < words.length && words[i].slice(0, term.length) === term; i++) {
            var exact = words[i] === term ? 1 : 0;
            several = several || ids.length > 0;
            decode(String(lists[i] || ""), 2, function (id, field) {
              var w = (FIELD_WEIGHTS[field] || 2) + exact;
              if (!weight[id]) {
                ids.push(id);
              }
              if (w > weight[id]) {
                weight[id] = w;
              }
            });
          }
          if (several) {
            ids = Int32Array.from(ids).sort();
          }
          return { ids: ids, weight: weight };
        });
    index.matches.set(term, p);
    p.catch(function () {
      index.matches.delete(term);
    });
    if (index.matches.size > TERM_CACHE) {
      index.matches.delete(index.matches.keys().next().value);
    }
    return p;
  }

  /** The documents whose title, folded, is exactly `phrase` (the query's words), as a Promise
   * of ids. */
  function wholeTitles(index, phrase) {
    if (!index.phrases) {
      return Promise.resolve([]);
    }
    return file(index, "p" + (phraseHash(phrase) % index.phrases)).then(function (data) {
      var ids = [];
      (Array.isArray(data.p) ? data.p : []).forEach(function (entry) {
        if (Array.isArray(entry) && entry[0] === phrase) {
          decode(String(entry[1] || ""), 0, function (id) {
            ids.push(id);
          });
        }
      });
      return ids;
    });
  }

  /** A document by its number, as a Promise of { i, kind, title, url, meta, text, passage,
   * unindexed, lang }: `passage` when the first line of the text is the passage whose start the
   * title shows; `unindexed`, the ranges of the text that are not searched (the titles of what
   * it links to), as offsets [start, end, start, end, ...]; `lang`, for a document in another
   * language than the site's, { tag, dir } (`dir` "rtl", "ltr" or ""), else null. */
  function documentOf(index, id) {
    var segment = null;
    index.segments.forEach(function (s) {
      if (Array.isArray(s) && s[0] <= id) {
        segment = s;
      }
    });
    if (!segment || !(segment[1] > 0)) {
      return Promise.reject(new Error("no document " + id));
    }
    var offset = id - segment[0];
    var name = "d" + (segment[2] + Math.floor(offset / segment[1]));
    return file(index, name).then(function (data) {
      var row = Array.isArray(data.d) ? data.d[offset % segment[1]] : null;
      if (!Array.isArray(row)) {
        throw new Error("no document " + id + " in " + name);
      }
      var kind = typeof row[0] === "number" ? index.kinds[row[0]] : row[0];
      return {
        i: id,
        kind: String(kind || "page"),
        title: String(row[1] || ""),
        url: String(row[2] || ""),
        meta: String(row[3] || ""),
        text: String(row[4] || ""),
        passage: row[5] === 1,
        unindexed: Array.isArray(row[6]) ? row[6] : [],
        lang: Array.isArray(row[7]) ? { tag: String(row[7][0] || ""), dir: String(row[7][1] || "") } : null
      };
    });
  }

  /** Rank: a Promise of { terms, total, named, ranked: [{ id, score, whole, named }] }, at most
   * `limit` (50) documents, best first: a name or title that is the query, then the documents
   * whose names or titles hold every query word (`named`: an actor by its name or an alias, an
   * incident, article or page by its title), then the others (a passing mention), each by
   * score. Only the files ranking needs are loaded: one term file per query word, and a phrase
   * file when some name holds every word. */
  function rank(index, query, limit) {
    var ts = terms(query);
    var max = limit || MAX_RESULTS;
    if (!index || ts.length === 0) {
      return Promise.resolve({ terms: ts, total: 0, ranked: [] });
    }
    return Promise.all(
      ts.map(function (t) {
        return matchesOf(index, t);
      })
    ).then(function (lists) {
      // Every word must match: walk the shortest list, add up the weights.
      var shortest = lists[0];
      lists.forEach(function (l) {
        if (l.ids.length < shortest.ids.length) {
          shortest = l;
        }
      });
      var byScore = [];
      var byNamed = [];
      var total = 0;
      var named = 0;
      for (var k = 0; k < shortest.ids.length; k++) {
        var id = shortest.ids[k];
        var score = 0;
        var inNames = true;
        for (var t = 0; t < lists.length; t++) {
          var w = lists[t].weight[id];
          if (!w) {
            score = 0;
            break;
          }
          score += w;
          inNames = inNames && w >= NAME_WEIGHT;
        }
        if (score) {
          total++;
          if (inNames) {
            named++;
            (byNamed[score] || (byNamed[score] = [])).push(id);
          } else {
            (byScore[score] || (byScore[score] = [])).push(id);
          }
        }
      }
      // A title that is exactly the query holds each word whole: the top score.
      var top = 9 * ts.length;
      var whole = byNamed[top] ? wholeTitles(index, ts.join(" ")) : Promise.resolve([]);
      return whole.then(function (wholeIds) {
        var ranked = [];
        var first = new Set();
        wholeIds.forEach(function (id) {
          var all = lists.every(function (l) {
            return l.weight[id] === 9;
          });
          if (all && ranked.length < max && !first.has(id)) {
            first.add(id);
            ranked.push({ id: id, score: top, whole: true, named: true });
          }
        });
        [byNamed, byScore].forEach(function (tier) {
          for (var s = tier.length - 1; s > 0 && ranked.length < max; s--) {
            var ids = tier[s] || [];
            for (var j = 0; j < ids.length && ranked.length < max; j++) {
              if (!first.has(ids[j])) {
                ranked.push({ id: ids[j], score: s, whole: false, named: tier === byNamed });
              }
            }
          }
        });
        return { terms: ts, total: total, named: named, ranked: ranked };
      });
    });
  }

  /** Search: a Promise of { terms, total, named, results: [{ doc, score, whole, named }] }, the
   * results ranked (see `rank`), at most `limit` (50) of them, with their documents (whose
   * files are loaded). */
  function search(index, query, limit) {
    return rank(index, query, limit).then(function (found) {
      return Promise.all(
        found.ranked.map(function (r) {
          return documentOf(index, r.id);
        })
      ).then(function (docs) {
        return {
          terms: found.terms,
          total: found.total,
          named: found.named,
          results: found.ranked.map(function (r, n) {
            return { doc: docs[n], score: r.score, whole: r.whole, named: r.named };
          })
        };
      });
    });
  }

  /** The words of `text` that begin with one of the terms, as [start, end) ranges of `text`. */
  function matches(text, ts) {
    var out = [];
    var m = foldMap(text);
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

  /** How many characters of an excerpt's passage its title shows: the title without its
   * quotation marks and the ellipsis where it was cut. */
  function titleShows(title) {
    var t = String(title).replace(/^“/, "").replace(/”$/, "");
    return t.replace(/…$/, "").replace(/\s+$/, "").length;
  }

  /** Whether a sentence ends just before text[i] (a space after ".", "?" or "!", maybe closing
   * a quotation or a bracket). */
  function sentenceEndsBefore(text, i) {
    return /[.!?]["'”’)]?\s$/.test(text.slice(Math.max(0, i - 3), i));
  }

  /** A snippet of a document's text: about 180 characters of one line of it (an actor's
   * summary, an article's text, an excerpt's passage or its note: a snippet never runs one
   * into the next) around the first matched word, the matched words marked: an array of
   * { text, mark }. It starts at the beginning of the sentence holding the match when that is
   * near, else at a space with "…"; it ends at the end of a sentence when one is near, else at
   * a space with "…". Options (`opts`, all optional): `length` (180); `shown`, how many
   * characters of the first line the title already shows (an excerpt's passage): matches there
   * are not looked for again; `skip`, ranges of the text ([start, end, ...], offsets in the
   * whole text) where a match is marked but the snippet is not centred (the titles of other
   * pages it links to: not what the document is found for), unless there is no other; `start`,
   * to show the start of the first line whatever matches (a result found by its name: what
   * describes it). No line with a match: the start of the first line (what describes the
   * entity), or nothing when the title shows it. */
  function snippet(text, ts, opts) {
    opts = opts || {};
    var size = opts.length || SNIPPET_LENGTH;
    var shown = opts.shown || 0;
    var skip = opts.skip || [];
    var lines = String(text).split("\n");
    var skipped = function (offset, start) {
      for (var s = 0; s + 1 < skip.length; s += 2) {
        if (offset + start >= skip[s] && offset + start < skip[s + 1]) {
          return true;
        }
      }
      return false;
    };
    var pick = opts.start && lines[0] && !shown ? 0 : -1;
    var first = null;
    var fallback = null;
    for (var n = 0, offset = 0; n < lines.length && pick < 0; offset += lines[n].length + 1, n++) {
      var found = matches(lines[n], ts);
      for (var k = 0; k < found.length; k++) {
        if (n === 0 && shown && found[k][1] <= shown) {
          continue;
        }
        if (skipped(offset, found[k][0])) {
          fallback = fallback || [n, found[k]];
          continue;
        }
        pick = n;
        first = found[k];
        break;
      }
    }
    if (pick < 0 && fallback) {
      pick = fallback[0];
      first = fallback[1];
    }
    if (pick < 0) {
      if (shown || !lines[0]) {
        return [];
      }
      pick = 0;
    }
    var line = lines[pick];
    var ranges = matches(line, ts);
    var at = first ? first[0] : 0;
    var from = 0;
    var cutStart = false;
    if (at > SNIPPET_BEFORE) {
      // Back to the start of the sentence if it is near, else to a space.
      from = -1;
      for (var i = at; i >= Math.max(0, at - SENTENCE_BEFORE); i--) {
        if (i === 0 || sentenceEndsBefore(line, i)) {
          from = i;
          break;
        }
      }
      if (from < 0) {
        var space = line.indexOf(" ", at - SNIPPET_BEFORE);
        from = space >= 0 && space < at ? space + 1 : at;
        cutStart = true;
      }
    }
    var to = Math.min(line.length, from + size);
    var cutEnd = false;
    if (to < line.length) {
      var end = first ? first[1] : from;
      // At the end of a sentence in the last part of the window, else at a space.
      var stop = -1;
      for (var j = to; j > Math.max(end, from + size * 0.6); j--) {
        if (sentenceEndsBefore(line, j + 1)) {
          stop = j;
          break;
        }
      }
      if (stop > 0) {
        to = stop;
      } else {
        var back = line.lastIndexOf(" ", to);
        if (back > end) {
          to = back;
        } else if (end > to) {
          to = end;
        }
        cutEnd = to < line.length;
      }
    }
    while (from > 0 && from < line.length && isLowSurrogate(line, from)) {
      from--;
    }
    while (to < line.length && isLowSurrogate(line, to)) {
      to++;
    }
    var out = segments(line, ranges, from, to);
    if (cutStart && from > 0) {
      out.unshift({ text: "…", mark: false });
    }
    if (cutEnd && !/(…|\.\.\.)$/.test(line.slice(0, to))) {
      out.push({ text: "…", mark: false });
    }
    return out;
  }

  /** The snippet of a result (see `snippet`): `named` when it was found by its name or title. */
  function resultSnippet(d, ts, named) {
    return snippet(d.text, ts, {
      shown: d.passage ? titleShows(d.title) : 0,
      skip: d.unindexed,
      start: named
    });
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
    decode: decode,
    phraseHash: phraseHash,
    open: open,
    rank: rank,
    documentOf: documentOf,
    search: search,
    highlight: highlight,
    snippet: snippet,
    titleShows: titleShows,
    resultSnippet: resultSnippet,
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

  /** The loader of the index's files in a page: a <script> element per file, whose script
   * hands its data to window.DOSSIER_SEARCH_SHARD; a Promise of that data. */
  function scriptLoader(doc, win, base) {
    var arrived = Object.create(null);
    win.DOSSIER_SEARCH_SHARD = function (data) {
      if (data && typeof data === "object" && typeof data.k === "string") {
        arrived[data.k] = data;
      }
    };
    return function (name) {
      return new Promise(function (resolve, reject) {
        var script = doc.createElement("script");
        function done() {
          if (script.parentNode) {
            script.parentNode.removeChild(script);
          }
        }
        script.addEventListener("load", function () {
          done();
          var data = arrived[name];
          delete arrived[name];
          if (data) {
            resolve(data);
          } else {
            reject(new Error(name + " is not a file of the search index"));
          }
        });
        script.addEventListener("error", function () {
          done();
          reject(new Error(name + " did not load"));
        });
        script.setAttribute("src", base + name + ".js");
        (doc.head || doc.body).appendChild(script);
      });
    };
  }

  var UNAVAILABLE = "The search index did not load, so search is unavailable. Browse the lists instead.";

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
    var manifest = win.DOSSIER_SEARCH;
    var dir = manifest && /^[a-z0-9-]+\/$/.test(manifest.dir) ? manifest.dir : "search-index/";
    var index = open(manifest, scriptLoader(doc, win, root + dir));
    if (!index) {
      status.textContent = UNAVAILABLE;
      return;
    }
    var perf = win.performance && typeof win.performance.now === "function" ? win.performance : null;
    var last = null;
    var generation = 0;
    var started = 0;
    var slow = null;

    /** The list item of one result: its kind, its title (the link), its meta line, and a
     * snippet of its text, the query's words marked in each. */
    function item(d, ts, named) {
      var li = doc.createElement("li");
      li.className = "search-result search-kind-" + d.kind.replace(/[^a-z0-9-]/g, "");
      var heading = doc.createElement("p");
      heading.className = "search-title";
      var kind = doc.createElement("span");
      kind.className = "search-kind";
      kind.textContent = KIND_LABELS[d.kind] || d.kind;
      heading.appendChild(kind);
      heading.appendChild(doc.createTextNode(" "));
      var href = resultHref(root, d.url);
      var title = doc.createElement(href ? "a" : "span");
      if (href) {
        title.setAttribute("href", href);
      }
      appendSegments(doc, title, highlight(d.title, ts));
      heading.appendChild(title);
      // An excerpt's title is its passage, an article's snippet its text: marked with their
      // language as the pages mark them.
      var marked = null;
      li.appendChild(heading);
      if (d.meta) {
        var meta = doc.createElement("p");
        meta.className = "search-meta";
        appendSegments(doc, meta, highlight(d.meta, ts));
        li.appendChild(meta);
      }
      var segs = resultSnippet(d, ts, named);
      if (segs.length) {
        var snip = doc.createElement("p");
        snip.className = "search-snippet";
        appendSegments(doc, snip, segs);
        li.appendChild(snip);
        if (d.kind === "article") {
          marked = snip;
        }
      }
      if (d.kind === "excerpt") {
        marked = title;
      }
      if (d.lang && d.lang.tag && marked) {
        marked.setAttribute("lang", d.lang.tag);
        if (d.lang.dir) {
          marked.setAttribute("dir", d.lang.dir);
        }
      }
      return li;
    }

    /** Draw the ranked results of a query: the count and the first ten results once their
     * documents are loaded, then the others (whose files are only asked for then, so that the
     * first results come as soon as they can). The results whose names or titles hold the
     * query come first, under a heading of their own, then the mentions under theirs (each
     * heading with the number of results of its group, whether listed or not). A
     * Promise of whether all were drawn (false when a newer query took over). */
    function draw(found, query, current) {
      var load = function (r) {
        return documentOf(index, r.id);
      };
      var list = null;
      var group = -1;
      function add(d, n) {
        var g = found.ranked[n].named ? 0 : 1;
        if (g !== group) {
          group = g;
          var h = doc.createElement("h2");
          h.className = "search-group";
          h.textContent = GROUPS[g] + " (" + (g === 0 ? found.named : found.total - found.named) + ")";
          box.appendChild(h);
          list = doc.createElement("ol");
          list.className = "search-list";
          box.appendChild(list);
        }
        list.appendChild(item(d, found.terms, g === 0));
      }
      return Promise.all(found.ranked.slice(0, FIRST_SHOWN).map(load)).then(function (shown) {
        if (!current()) {
          return false;
        }
        win.clearTimeout(slow);
        clear(box);
        status.textContent = countLine(found.total, found.ranked.length, query);
        if (shown.length === 0) {
          mark("dossier-search " + query);
          return true;
        }
        shown.forEach(add);
        mark("dossier-search " + query);
        return Promise.all(found.ranked.slice(FIRST_SHOWN).map(load)).then(function (rest) {
          if (!current()) {
            return false;
          }
          rest.forEach(function (d, n) {
            add(d, FIRST_SHOWN + n);
          });
          mark("dossier-search-all " + query);
          return true;
        });
      });
    }

    /** A performance measure from the start of the current search, for bench/search.sh. */
    function mark(name) {
      if (perf && typeof perf.measure === "function") {
        try {
          perf.measure(name, { start: started });
        } catch (e) {
          // An older browser without measure options: nothing to record.
        }
      }
    }

    function render(query) {
      if (query === last) {
        return;
      }
      last = query;
      var mine = ++generation;
      if (terms(query).length === 0) {
        clear(box);
        status.textContent = "";
        var hint = doc.createElement("p");
        hint.className = "search-hint";
        hint.textContent =
          "Type a name, place or phrase. Every word must appear; words match their beginnings, so “qures” finds Qureshi. Case and accents are ignored.";
        box.appendChild(hint);
        return;
      }
      started = perf ? perf.now() : 0;
      var current = function () {
        return mine === generation;
      };
      // Only when loading is slow (a slow connection): say that something is happening.
      win.clearTimeout(slow);
      slow = win.setTimeout(function () {
        if (current()) {
          status.textContent = "Searching…";
        }
      }, 500);
      rank(index, query)
        .then(function (found) {
          return current() && draw(found, query, current);
        })
        .then(
          function () {},
          function () {
            if (current()) {
              win.clearTimeout(slow);
              last = null; // the same query may be tried again
              clear(box);
              status.textContent = UNAVAILABLE;
            }
          }
        );
    }

    /** Load, while the reader is still typing, the files the query will need, so that the
     * search that follows the pause in the typing (DEBOUNCE_MS) finds them loaded and draws its
     * results without a round trip: the term files of its words at once (a few, shared by the
     * words that begin alike), and the documents of its first results once the typing has
     * stopped for AHEAD_MS, so that a fast typist's passing prefixes do not each load ten
     * documents. Files are cached, so nothing is loaded twice; a failure here is left for the
     * search to meet and report. */
    var ahead = null;
    function loadAhead(query) {
      win.clearTimeout(ahead);
      var ts = terms(query);
      if (ts.length === 0) {
        return;
      }
      // Only the files: decoding them is the search's work, and a passing prefix's never is.
      ts.forEach(function (t) {
        var where = termFile(index, t);
        if (where) {
          file(index, where.file).catch(function () {});
        }
      });
      ahead = win.setTimeout(function () {
        rank(index, query).then(
          function (found) {
            found.ranked.slice(0, FIRST_SHOWN).forEach(function (r) {
              documentOf(index, r.id).catch(function () {});
            });
          },
          function () {}
        );
      }, AHEAD_MS);
    }

    var timer = null;
    function later() {
      if (timer !== null) {
        win.clearTimeout(timer);
      }
      loadAhead(input ? input.value : "");
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
