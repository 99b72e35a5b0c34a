// Tests of search.js without a browser: node src/render/assets/search.test.mjs
//
// The script is run as a classic script (as a browser would), first with no document, where it
// exports its pure functions as globalThis.DossierSearch, then against a small fake DOM to check
// the page side end to end. The last line printed is "N passed, N failed"; the exit code is 1
// on any failure.

import { readFileSync } from "node:fs";
import vm from "node:vm";

const source = readFileSync(new URL("./search.js", import.meta.url), "utf8");

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
  }
}
function eq(actual, expected, what) {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  if (a !== b) {
    throw new Error(`${what || "value"}: expected ${b}, got ${a}`);
  }
}
function ok(cond, what) {
  if (!cond) {
    throw new Error(what || "expected true");
  }
}

// ---- Pure functions ------------------------------------------------------------------------

const context = vm.createContext({});
vm.runInContext(source, context, { filename: "search.js" });
const S = context.DossierSearch;

// The indexes of tests/fixtures/search/docs.json as the build writes them (its sets of
// documents; `BLESS=1 cargo test --lib render::search` rewrites the index files).
const fixtures = new URL("../../../tests/fixtures/search/", import.meta.url);
const sets = JSON.parse(readFileSync(new URL("docs.json", fixtures), "utf8")).sets;
const indexFiles = (name) => JSON.parse(readFileSync(new URL(name + ".json", fixtures), "utf8"));

/** Run one file of the index as a page would, and return what it hands over. */
function runFile(text) {
  let data;
  const ctx = vm.createContext({ window: {} });
  ctx.window.DOSSIER_SEARCH_SHARD = (d) => (data = d);
  vm.runInContext(text, ctx);
  return data === undefined ? ctx.window.DOSSIER_SEARCH : data;
}

/** Open a set's index; `loaded` collects the names of the files loaded. */
function openSet(name, loaded = []) {
  const files = indexFiles(name);
  return S.open(runFile(files["search-index.js"]), async (file) => {
    loaded.push(file);
    const text = files["search-index/" + file + ".js"];
    if (text === undefined) {
      throw new Error("no file " + file);
    }
    return runFile(text);
  });
}

/** The names a fixture document is searched by (docs.json: its title, none for an excerpt,
 * unless it lists them) and its text as searched (the unindexed ranges blanked). */
function namesOf(d) {
  return (d[5] && d[5].names) || (d[0] === "excerpt" ? [] : [d[1]]);
}
function searchedText(d) {
  let text = d[4];
  for (const [s, e] of (d[5] && d[5].unindexed) || []) {
    text = text.slice(0, s) + " ".repeat(e - s) + text.slice(e);
  }
  return text;
}

/** The search of the single-file index (before the index was split), as a reference: every
 * document scanned, ranked by whole name or title, then those with every word in their names,
 * then score, kind, folded title, order. */
function reference(docs, query, limit = 50) {
  const ts = S.terms(query);
  const kinds = ["actor", "incident", "article", "excerpt", "page"];
  const hits = [];
  docs.forEach((d, i) => {
    const fields = [namesOf(d).join(" "), d[3], searchedText(d)].map((t) => S.words(S.fold(t)));
    let score = 0;
    let named = true;
    for (const t of ts) {
      const f = fields.findIndex((ws) => ws.some((w) => w.startsWith(t)));
      if (f < 0) return;
      score += [8, 4, 2][f] + (fields[f].includes(t) ? 1 : 0);
      named = named && f === 0;
    }
    const key = S.fold(d[1]);
    const whole = namesOf(d).some((n) => S.words(S.fold(n)).join(" ") === ts.join(" "));
    hits.push({ url: d[2], score, whole, named, kind: kinds.indexOf(d[0]), key, i });
  });
  hits.sort((a, b) =>
    a.whole !== b.whole ? (a.whole ? -1 : 1)
    : a.named !== b.named ? (a.named ? -1 : 1)
    : a.score !== b.score ? b.score - a.score
    : a.kind !== b.kind ? a.kind - b.kind
    : a.key !== b.key ? (a.key < b.key ? -1 : 1)
    : a.i - b.i);
  return { total: ts.length ? hits.length : 0, urls: ts.length ? hits.slice(0, limit).map((h) => h.url) : [] };
}

const index = openSet("main");
const urls = (r) => r.results.map((h) => h.doc.url);

await check("open refuses missing or malformed data", async () => {
  eq(S.open(undefined, () => null), null);
  eq(S.open({ v: 1, docs: [] }, () => null), null);
  eq(S.open({ v: 2, terms: "x" }, () => null), null);
  eq((await S.search(null, "qureshi")).total, 0);
});

await check("every prefix of every word finds what a scan of the documents finds, in the same order", async () => {
  for (const name of Object.keys(sets)) {
    const docs = sets[name].docs;
    const idx = openSet(name);
    const probes = new Set(["zzz", "qx", "é", "assured me", "pakistan us", "gul ayaz", "ayaz gul", "the fm"]);
    for (const d of docs) {
      for (const w of S.words(S.fold(namesOf(d).join(" ") + " " + d[1] + " " + d[3] + " " + d[4]))) {
        for (let k = 1; k <= w.length; k++) probes.add(w.slice(0, k));
      }
    }
    for (const q of probes) {
      const got = await S.search(idx, q);
      const want = reference(docs, q);
      eq([got.total, urls(got)], [want.total, want.urls], name + ": " + JSON.stringify(q));
    }
  }
});

await check("the index is split: merged lists and several files of each kind are used", async () => {
  const files = Object.keys(indexFiles("main"));
  for (const kind of ["t", "d", "p"]) {
    ok(files.filter((f) => f.startsWith("search-index/" + kind)).length > 2, kind + " files: " + files.join());
  }
  const manifest = runFile(indexFiles("main")["search-index.js"]);
  ok(manifest.terms.some((t) => t[2] === 1), "a merged list");
});

await check("a query loads one term file per word, the documents shown, and nothing twice", async () => {
  const loaded = [];
  const idx = openSet("main", loaded);
  const r = await S.search(idx, "qureshi bolton");
  eq(urls(r), [
    "incidents/2019-03-11-qureshi-bolton-call/index.html",
    "actors/shah-mehmood-qureshi/index.html",
    "excerpts/bolton-tweet/index.html",
  ]);
  eq(loaded.filter((f) => f[0] === "t").length, 2, loaded.join());
  ok(loaded.filter((f) => f[0] === "d").length <= 3, loaded.join());
  eq(new Set(loaded).size, loaded.length, "each file once: " + loaded.join());
  const before = loaded.length;
  await S.search(idx, "qureshi bolton");
  eq(loaded.length, before, "the same query again loads nothing: " + loaded.slice(before).join());
  await S.search(idx, "qureshi");
  eq(loaded.slice(before).filter((f) => f[0] === "t"), [], "a word searched before loads no term file");
  const after = loaded.length;
  await S.search(idx, "qxqx");
  ok(loaded.length <= after + 1, "a word nothing begins with loads at most its term file");
});

await check("phrase files: the hash agrees with the build's", () => {
  eq(S.phraseHash("shah mehmood qureshi"), 0xfffe7e7d);
  eq(S.phraseHash("北京 𝐀"), 0x941446b7);
});

await check("decode: numbers of several digits, gaps, codes", () => {
  const got = [];
  // 5 = gap 1, code 1 (shift 2); "w1" = 0 + 1*32 = 32 = gap 8, code 0; "0" = gap 0.
  S.decode("5w10", 2, (id, code) => got.push([id, code]));
  eq(got, [[1, 1], [10, 0], [11, 0]]);
});

await check("prefix match: “Qures” finds Qureshi", async () => {
  const r = await S.search(index, "Qures");
  ok(urls(r).includes("actors/shah-mehmood-qureshi/index.html"), urls(r).join());
  eq(r.results[0].doc.title, "Shah Mehmood Qureshi", "first result");
});

await check("only prefixes match, not the middle of a word", async () => {
  eq((await S.search(index, "ureshi")).total, 0, "ureshi");
  eq((await S.search(index, "olton")).total, 0, "olton");
});

await check("folding agrees with dossier's ids on a corpus of names (tests/fixtures/slug-corpus.json)", () => {
  const corpus = JSON.parse(readFileSync(new URL("../../../tests/fixtures/slug-corpus.json", import.meta.url), "utf8"));
  ok(corpus.agree.length >= 20, "corpus");
  for (const [name, slug] of corpus.agree) {
    eq(S.words(S.fold(name)).join("-"), slug, name);
  }
  eq(S.fold("ẞ Ж Ω"), "ss zh o");
  // Other scripts keep their letters in search (the ids transliterate them).
  eq(S.fold("北京"), "北京");
});

await check("foldMap folds as fold does, and maps back to the original", () => {
  const corpus = JSON.parse(readFileSync(new URL("../../../tests/fixtures/slug-corpus.json", import.meta.url), "utf8"));
  const texts = corpus.agree.concat(corpus.ids_only).map((p) => p[0]);
  texts.push("Straße “Zürich” — 𝐀𝐁 x\ud800y Œuvre ŉ İstanbul e\u0301", "plain ASCII, Text 42.");
  for (const t of texts) {
    const m = S.foldMap(t);
    eq(m.text, S.fold(t), t);
    eq([m.starts.length, m.ends.length], [m.text.length, m.text.length], t);
    for (let k = 0; k < m.text.length; k++) {
      ok(m.starts[k] < m.ends[k] && m.ends[k] <= t.length, t + " at " + k);
      eq(S.fold(t.slice(m.starts[k], m.ends[k])).includes(m.text[k]), true, t + " at " + k);
    }
  }
});

await check("case and accent folding both ways", async () => {
  eq(S.fold("ZÜRICH São Łódź Straße"), "zurich sao lodz strasse");
  eq(urls(await S.search(index, "zurich")), ["pages/about/index.html"]);
  eq(urls(await S.search(index, "SAO PAULO")), ["pages/about/index.html"]);
  eq(urls(await S.search(index, "lodz strasse")), ["pages/about/index.html"]);
  eq(urls(await S.search(index, "Zür")), ["pages/about/index.html"]);
  ok((await S.search(index, "QURÈSHI")).total >= 4, "accented query matches plain text");
  eq(S.fold("e\u0301"), "e", "decomposed input");
});

await check("AND semantics: every word must match", async () => {
  const r = await S.search(index, "qureshi bolton");
  eq(urls(r).sort(), [
    "actors/shah-mehmood-qureshi/index.html",
    "excerpts/bolton-tweet/index.html",
    "incidents/2019-03-11-qureshi-bolton-call/index.html",
  ]);
  eq((await S.search(index, "qureshi nonexistentword")).total, 0);
});

await check("punctuation in the query is ignored, repeated words count once", async () => {
  eq(S.terms("  “Qureshi,” qureshi — Bolton's! "), ["qureshi", "bolton", "s"]);
  eq((await S.search(index, "bolton's")).total, (await S.search(index, "bolton s")).total);
});

await check("ranking: name or title before meta before text, then kind, then title", async () => {
  // "qureshi bolton": the incident has both words in its title (9+9), the actor one in its
  // name and the other in its text (9+3), the excerpt both in its text and meta line (3+5).
  const both = await S.search(index, "qureshi bolton");
  eq(urls(both), [
    "incidents/2019-03-11-qureshi-bolton-call/index.html",
    "actors/shah-mehmood-qureshi/index.html",
    "excerpts/bolton-tweet/index.html",
  ]);
  eq([both.named, both.results.map((r) => r.named)], [1, [true, false, false]]);
  // "bolton": names and titles first (actor before incident), then meta (the excerpts), then
  // text.
  eq(urls(await S.search(index, "bolton")), [
    "actors/john-bolton/index.html",
    "incidents/2019-03-11-qureshi-bolton-call/index.html",
    "excerpts/bolton-tweet/index.html",
    "excerpts/bolton-fm-assured-me/index.html",
    "actors/shah-mehmood-qureshi/index.html",
  ]);
  // "pakistan": title (article), meta (actor), then text by kind: the excerpts. Not the actor
  // whose summary only links to the article (its title there is shown, not searched).
  eq(urls(await S.search(index, "pakistan")), [
    "articles/pakistan-assures-us/index.html",
    "actors/shah-mehmood-qureshi/index.html",
    "excerpts/bolton-fm-assured-me/index.html",
    "excerpts/bolton-tweet/index.html",
  ]);
  // "qureshi": his name, an alias, and the incident's title before any passing mention: the
  // quote that names him ranks with the other texts, not as a title.
  const q = await S.search(index, "qureshi");
  eq(urls(q), [
    "actors/shah-mehmood-qureshi/index.html",
    "incidents/2019-03-11-qureshi-bolton-call/index.html",
    "articles/pakistan-assures-us/index.html",
    "excerpts/bolton-tweet/index.html",
    "pages/about/index.html",
  ]);
  eq(q.named, 2);
  // Equal score and kind: by title.
  eq(urls(await S.search(index, "person")), [
    "actors/ayaz-gul/index.html",
    "actors/john-bolton/index.html",
    "actors/shah-mehmood-qureshi/index.html",
  ]);
});

await check("ranking: a title that is the query comes first, whole words before prefixes", async () => {
  const idx = openSet("titles");
  eq(urls(await S.search(idx, "PAKISTAN")), [
    "actors/pakistan/index.html",
    "articles/pakistan/index.html",
    "actors/pfo/index.html",
    "incidents/cabinet/index.html",
  ]);
  eq(urls(await S.search(idx, "gul")), [
    "actors/ayaz-gul/index.html",
    "pages/gul-ayaz/index.html",
    "actors/gulf/index.html",
  ]);
  // The same words in another order are not the title.
  eq(urls(await S.search(idx, "ayaz gul")), ["actors/ayaz-gul/index.html", "pages/gul-ayaz/index.html"]);
  eq(urls(await S.search(idx, "gul ayaz")), ["pages/gul-ayaz/index.html", "actors/ayaz-gul/index.html"]);
  // An alias is a name: an alias that is the query comes first too.
  eq(urls(await S.search(index, "qureshi")).slice(0, 1), ["actors/shah-mehmood-qureshi/index.html"]);
  eq((await S.search(index, "qureshi")).results[0].whole, true);
  // The field still comes first: a prefix in a title beats a whole word in a meta line.
  eq(urls(await S.search(idx, "state")), [
    "actors/gulf/index.html",
    "actors/pakistan/index.html",
    "articles/pakistan/index.html",
  ]);
});

await check("at most 50 results, with the total", async () => {
  const r = await S.search(openSet("many"), "common");
  eq(r.total, 120);
  eq(r.results.length, 50);
  eq(r.results[0].doc.title, "Actor 000");
  eq(r.results[49].doc.title, "Actor 049");
  eq(S.countLine(120, 50, "common"), "120 results for “common”, showing the first 50.");
  eq(S.countLine(1, 1, " x "), "1 result for “x”.");
  eq(S.countLine(0, 0, "zz"), "No results for “zz”.");
});

await check("snippet: window around the first match, words marked, cut with ellipses", async () => {
  const doc = (await S.search(index, "assures")).results[0].doc;
  eq(doc.url, "articles/pakistan-assures-us/index.html");
  // The match's sentence is near: the snippet starts with it, and ends at a sentence's end.
  let segs = S.snippet(doc.text, S.terms("qures terror"));
  const marked = segs.filter((s) => s.mark).map((s) => s.text);
  eq(marked, ["Qureshi", "terrorists"], "marked words");
  let plain = segs.map((s) => s.text).join("");
  ok(plain.startsWith("The FM Qureshi assured me"), plain);
  ok(plain.endsWith("."), "ends at a sentence's end: " + plain);
  ok(plain.length <= 180, "about 180 characters: " + plain.length);
  ok(doc.text.includes(plain), "a piece of the text");
  // No sentence starts near: cut at spaces, with ellipses.
  const text = "word ".repeat(60) + "needle " + "word ".repeat(60);
  segs = S.snippet(text, S.terms("needle"));
  eq([segs[0].text, segs[segs.length - 1].text], ["…", "…"]);
  plain = segs.map((s) => s.text).join("");
  ok(plain.indexOf("needle") > 50 && plain.indexOf("needle") < 70, plain);
  ok(plain.length <= 183, plain.length);
  // An ellipsis of the text's own is not doubled.
  segs = S.snippet("The needle and ... " + "word ".repeat(60), S.terms("needle"), { length: 20 });
  eq(segs.map((s) => s.text).join(""), "The needle and ...");
});

await check("snippet: one line of the text, never the next; the title's passage not repeated", () => {
  const ts = S.terms("firmly");
  const passage = "Pakistan would deal firmly with all terrorists, the minister said on the phone";
  const note = "The reporter's account: firmly is the copy's word.";
  const text = passage + "\n" + note;
  // The title shows the passage's start, "firmly" with it: the note is the snippet.
  const title = "“Pakistan would deal firmly with all…”";
  eq(S.titleShows(title), "Pakistan would deal firmly with all".length);
  let segs = S.snippet(text, ts, { shown: S.titleShows(title) });
  eq(segs.map((s) => s.text).join(""), note);
  eq(segs.filter((s) => s.mark).map((s) => s.text), ["firmly"]);
  // A match beyond what the title shows: the passage.
  segs = S.snippet(text, S.terms("phone"), { shown: S.titleShows(title) });
  eq(segs.map((s) => s.text).join(""), passage);
  // Nothing beyond the title: no snippet.
  eq(S.snippet(passage, ts, { shown: S.titleShows(title) }), []);
  eq(S.snippet(passage + "\nA note.", S.terms("pakistan"), { shown: 30 }), []);
  // No title shown: the first line with a match; no match, the first line.
  eq(S.snippet("One line.\nTwo firmly.", ts).map((s) => s.text).join(""), "Two firmly.");
  eq(S.snippet("One line.\nTwo lines.", ts).map((s) => s.text).join(""), "One line.");
  // Found by its name: the start of what describes it, whatever the text mentions later.
  eq(S.snippet("A state.\nIt spoke firmly.", ts, { start: true }).map((s) => s.text).join(""), "A state.");
});

await check("snippet: not centred on the title of a page the text links to, unless nothing else", () => {
  const text = "Named in Pakistan assures US," + " word".repeat(40) + " as a state that Pakistan leads.";
  const ts = S.terms("pakistan");
  // "Pakistan assures US" (offsets 9-28) is a link's title: the snippet is centred on the
  // other match.
  let plain = S.snippet(text, ts, { skip: [9, 28] }).map((s) => s.text).join("");
  ok(plain.startsWith("…") && plain.endsWith("Pakistan leads.") && !plain.includes("assures"), plain);
  // Without the range: the first match.
  plain = S.snippet(text, ts).map((s) => s.text).join("");
  ok(plain.startsWith("Named in Pakistan assures US"), plain);
  // No other match: the one in the range, marked.
  eq(S.snippet(text, S.terms("assures"), { skip: [9, 28] }).filter((s) => s.mark).map((s) => s.text), ["assures"]);
});

await check("a result's snippet: from its document (passage, unindexed ranges, name)", async () => {
  const tweet = (await S.search(index, "qureshi")).results.find((r) => r.doc.url === "excerpts/bolton-tweet/index.html");
  eq([tweet.doc.passage, tweet.named], [true, false]);
  // "Qureshi" is in the title already: the note, which names him too, is the snippet.
  eq(S.resultSnippet(tweet.doc, ["qureshi"], false).map((s) => s.text).join(""), "From a tweet by Bolton that the copy quotes; it names Qureshi.");
  const afg = (await S.documentOf(index, (await S.rank(index, "neighbour")).ranked[0].id));
  eq(afg.unindexed, [9, 28]);
  const actor = (await S.search(index, "qureshi")).results[0];
  eq(S.resultSnippet(actor.doc, ["qureshi"], actor.named).map((s) => s.text).join(""), "Pakistan's foreign minister, who spoke to John Bolton.");
});

await check("snippet: accents kept in the original, marked whole words, no match → start", () => {
  const segs = S.snippet("Visit Zürich and zurich-based Zürcher.", S.terms("zur"));
  eq(segs, [
    { text: "Visit ", mark: false },
    { text: "Zürich", mark: true },
    { text: " and ", mark: false },
    { text: "zurich", mark: true },
    { text: "-based ", mark: false },
    { text: "Zürcher", mark: true },
    { text: ".", mark: false },
  ]);
  eq(S.snippet("Short text.", S.terms("absent")), [{ text: "Short text.", mark: false }]);
  eq(S.snippet("", S.terms("absent")), []);
  eq(S.highlight("Phone call between Qureshi and Bolton", ["bolton"]).filter((s) => s.mark), [
    { text: "Bolton", mark: true },
  ]);
  const ss = S.snippet("Die Straße ist lang", S.terms("strasse"));
  eq(ss.filter((s) => s.mark), [{ text: "Straße", mark: true }]);
});

await check("empty query: nothing, and nothing loaded", async () => {
  const loaded = [];
  const idx = openSet("main", loaded);
  for (const q of ["", "   ", "— “ ” !?", undefined]) {
    const r = await S.search(idx, q);
    eq([r.total, r.results.length, r.terms.length], [0, 0, 0], JSON.stringify(q));
  }
  eq(loaded, []);
});

await check("result links: root prefix, nothing but relative paths", () => {
  eq(S.resultHref("../", "actors/isi/index.html"), "../actors/isi/index.html");
  eq(S.resultHref("", "actors/isi/index.html"), "actors/isi/index.html");
  eq(S.resultHref("../", "javascript:alert(1)"), null);
  eq(S.resultHref("../", "//evil.example/x"), null);
  eq(S.resultHref("../", "JaVaScRiPt:alert(1)"), null);
});

await check("no innerHTML or fetch in the source", () => {
  ok(!/innerHTML|outerHTML|insertAdjacentHTML|document\.write|fetch\(|XMLHttpRequest|eval\(/.test(source));
});

// ---- The page, against a fake DOM ------------------------------------------------------------

class Node {
  constructor(doc, name) {
    this.ownerDocument = doc;
    this.nodeName = name;
    this.childNodes = [];
    this.parentNode = null;
    this.attributes = {};
    this.listeners = {};
    this.className = "";
    this.id = "";
    this.value = "";
    this.data = "";
  }
  get firstChild() {
    return this.childNodes[0] || null;
  }
  appendChild(n) {
    n.parentNode = this;
    this.childNodes.push(n);
    return n;
  }
  insertBefore(n, ref) {
    n.parentNode = this;
    const i = this.childNodes.indexOf(ref);
    this.childNodes.splice(i < 0 ? this.childNodes.length : i, 0, n);
    return n;
  }
  removeChild(n) {
    this.childNodes.splice(this.childNodes.indexOf(n), 1);
    n.parentNode = null;
    return n;
  }
  setAttribute(k, v) {
    this.attributes[k] = String(v);
  }
  getAttribute(k) {
    return Object.prototype.hasOwnProperty.call(this.attributes, k) ? this.attributes[k] : null;
  }
  addEventListener(type, fn) {
    (this.listeners[type] = this.listeners[type] || []).push(fn);
  }
  dispatch(type) {
    let prevented = false;
    const event = { type, preventDefault: () => (prevented = true) };
    (this.listeners[type] || []).forEach((fn) => fn(event));
    return prevented;
  }
  get textContent() {
    return this.nodeName === "#text" ? this.data : this.childNodes.map((c) => c.textContent).join("");
  }
  set textContent(t) {
    this.childNodes = [];
    if (t !== "") {
      const n = new Node(this.ownerDocument, "#text");
      n.data = String(t);
      this.appendChild(n);
    }
  }
  find(pred, out = []) {
    for (const c of this.childNodes) {
      if (pred(c)) out.push(c);
      c.find(pred, out);
    }
    return out;
  }
}

/** A page with the search's markup (or not), whose index is the set `name`: a <script>
 * appended to the head runs its file (when there is one) in the page, then fires "load" (or
 * "error"), a moment later, as a browser would. */
function fakePage(search, withElements, name = "main") {
  const files = indexFiles(name);
  const doc = {
    readyState: "complete",
    byId: {},
    getElementById(id) {
      return this.byId[id] || null;
    },
    createElement(tag) {
      return new Node(doc, tag.toLowerCase());
    },
    createTextNode(t) {
      const n = new Node(doc, "#text");
      n.data = String(t);
      return n;
    },
    addEventListener() {},
  };
  const body = new Node(doc, "body");
  const head = new Node(doc, "head");
  doc.head = head;
  doc.body = body;
  const scripts = [];
  head.appendChild = (n) => {
    Node.prototype.appendChild.call(head, n);
    const src = n.getAttribute("src");
    scripts.push(src);
    setImmediate(() => {
      const text = src.startsWith("../") ? files[src.slice(3)] : undefined;
      if (text === undefined) {
        n.dispatch("error");
      } else {
        vm.runInContext(text, page.ctx);
        n.dispatch("load");
      }
    });
    return n;
  };
  const replaced = [];
  const timers = [];
  const win = {
    location: { search, pathname: "/sub/path/search/index.html" },
    history: {
      throwing: false,
      replaceState(_s, _t, url) {
        replaced.push(url);
        if (this.throwing) {
          throw new Error("SecurityError (as on some file:// pages)");
        }
        win.location.search = url.charAt(0) === "?" ? url : "";
      },
    },
    setTimeout(fn) {
      timers.push(fn);
      return timers.length;
    },
    clearTimeout(id) {
      timers[id - 1] = null;
    },
  };
  vm.runInContext(files["search-index.js"], vm.createContext({ window: win }));
  if (withElements) {
    const form = body.appendChild(new Node(doc, "form"));
    const input = form.appendChild(new Node(doc, "input"));
    input.id = "q";
    input.form = form;
    const status = body.appendChild(new Node(doc, "p"));
    status.id = "search-status";
    const box = body.appendChild(new Node(doc, "div"));
    box.id = "search-results";
    box.setAttribute("data-root", "../");
    doc.byId = { q: input, "search-status": status, "search-results": box };
  }
  win.document = doc;
  win.window = win;
  const flush = () => {
    const fns = timers.splice(0);
    fns.forEach((fn) => fn && fn());
  };
  // The earliest timer still pending, alone.
  const flushOne = () => {
    const i = timers.findIndex((fn) => fn);
    const fn = timers[i];
    timers[i] = null;
    fn();
  };
  const page = { doc, win, body, head, files, scripts, replaced, flush, flushOne };
  page.ctx = vm.createContext({ document: doc, window: win, URLSearchParams });
  return page;
}

function runPage(page) {
  vm.runInContext(source, page.ctx, { filename: "search.js" });
}

/** Let the files being loaded arrive and the results be drawn. */
async function settle() {
  for (let i = 0; i < 30; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

await check("a page without the search elements: nothing happens, nothing thrown", async () => {
  const page = fakePage("?q=qureshi", false);
  runPage(page);
  await settle();
  eq(page.body.childNodes.length, 0);
  eq(page.scripts, []);
});

await check("the search page: ?q= fills the box, results are links under the root", async () => {
  const page = fakePage("?q=Qures", true);
  runPage(page);
  const { q, "search-status": status, "search-results": box } = page.doc.byId;
  eq(q.value, "Qures");
  await settle();
  eq(status.textContent, "5 results for “Qures”.");
  const links = box.find((n) => n.nodeName === "a");
  eq(links.length, 5);
  eq(links[0].getAttribute("href"), "../actors/shah-mehmood-qureshi/index.html");
  const marks = box.find((n) => n.nodeName === "mark").map((m) => m.textContent);
  ok(marks.length >= 5 && marks.every((m) => m === "Qureshi"), marks.join());
  // Two groups under their headings, each result led by its kind.
  eq(box.childNodes.map((n) => n.nodeName + ":" + (n.nodeName === "h2" ? n.textContent : n.childNodes.length)), [
    "h2:Names and titles (2)",
    "ol:2",
    "h2:Mentions (3)",
    "ol:3",
  ]);
  const kinds = box.find((n) => n.className === "search-kind").map((m) => m.textContent);
  eq(kinds, ["Actor", "Incident", "Source", "Excerpt", "Page"]);
  const metas = box.find((n) => n.className === "search-meta").map((m) => m.textContent);
  eq(metas[0], "Person · Pakistan · Foreign Minister · also Qureshi");
  ok(box.find((n) => n.className === "search-meta")[0].find((n) => n.nodeName === "mark").length === 1, "the alias marked");
  const snippets = box.find((n) => n.className === "search-snippet").map((m) => m.textContent);
  eq(snippets[0], "Pakistan's foreign minister, who spoke to John Bolton.");
  eq(snippets[3], "From a tweet by Bolton that the copy quotes; it names Qureshi.");
  // The index's files came from under the root, one <script> each, removed once loaded.
  ok(page.scripts.length >= 2 && page.scripts.every((s) => /^\.\.\/search-index\/[tdp][0-9]+\.js$/.test(s)), page.scripts.join());
  eq(page.head.childNodes.length, 0);
});

await check("a result in another language is marked with its language and direction", async () => {
  const page = fakePage("?q=" + encodeURIComponent("بندش"), true, "languages");
  runPage(page);
  const box = page.doc.byId["search-results"];
  await settle();
  const byUrl = (url) => box.find((n) => n.nodeName === "a" && n.getAttribute("href") === "../" + url)[0];
  // An Urdu excerpt: its title (the passage) is marked; an Urdu article: its snippet.
  const excerpt = byUrl("excerpts/urdu-no-reason/index.html");
  eq([excerpt.getAttribute("lang"), excerpt.getAttribute("dir")], ["ur", "rtl"]);
  const article = byUrl("articles/urdu-report/index.html");
  eq(article.getAttribute("lang"), null);
  const snippets = box.find((n) => n.className === "search-snippet");
  ok(snippets.some((s) => s.getAttribute("lang") === "ur" && s.getAttribute("dir") === "rtl"), "the article's snippet");
  // An English excerpt that holds the word: not marked.
  eq(byUrl("excerpts/no-reason/index.html").getAttribute("lang"), null);
});

await check("the files a query needs load during the typing pause, and the search then loads none", async () => {
  const page = fakePage("", true);
  runPage(page);
  const { q, "search-status": status } = page.doc.byId;
  const terms = () => page.scripts.filter((s) => /\/t[0-9]+\.js$/.test(s));
  const docs = () => page.scripts.filter((s) => /\/d[0-9]+\.js$/.test(s));
  q.value = "bolton";
  q.dispatch("input");
  await settle();
  eq(status.textContent, "", "no results before the pause ends");
  eq(terms().length, 1, "the term file at once: " + page.scripts.join());
  eq(docs(), [], "no documents while the reader may still be typing");
  page.flushOne(); // a short pause: the first results' documents
  await settle();
  eq(status.textContent, "", "still no results");
  ok(docs().length >= 1, "the first results' documents: " + page.scripts.join());
  const early = page.scripts.slice();
  page.flush(); // the end of the pause: the search
  await settle();
  eq(status.textContent, "5 results for “bolton”.");
  eq(page.scripts, early, "nothing more loaded once the search ran");
  // A query with no word: nothing is loaded.
  const empty = fakePage("", true);
  runPage(empty);
  empty.doc.byId.q.value = "  ,, ";
  empty.doc.byId.q.dispatch("input");
  await settle();
  empty.flush();
  await settle();
  eq(empty.scripts, []);
});

await check("typing updates results after the debounce, replaceState failures are swallowed", async () => {
  const page = fakePage("", true);
  runPage(page);
  const { q, "search-status": status, "search-results": box } = page.doc.byId;
  eq(status.textContent, "");
  ok(box.find((n) => n.className === "search-hint").length === 1, "a hint for the empty query");
  page.win.history.throwing = true;
  q.value = "<img src=x onerror=alert(1)>";
  q.dispatch("input");
  eq(status.textContent, "", "nothing before the debounce");
  page.flush();
  await settle();
  eq(status.textContent, "No results for “<img src=x onerror=alert(1)>”.");
  eq(page.replaced, ["?q=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E"]);
  page.win.history.throwing = false;
  q.value = "bolton";
  q.dispatch("input");
  page.flush();
  await settle();
  eq(status.textContent, "5 results for “bolton”.");
  q.value = "zurich";
  ok(page.doc.byId.q.form.dispatch("submit"), "submit is handled in place");
  await settle();
  eq(status.textContent, "1 result for “zurich”.");
  q.value = "";
  q.dispatch("input");
  page.flush();
  eq(status.textContent, "");
  eq(page.replaced[page.replaced.length - 1], "/sub/path/search/index.html");
});

await check("a newer query wins over an older one still loading", async () => {
  const page = fakePage("", true);
  runPage(page);
  const { q, "search-status": status, "search-results": box } = page.doc.byId;
  q.value = "bolton";
  q.dispatch("input");
  page.flush();
  q.value = "zurich";
  q.dispatch("input");
  page.flush();
  await settle();
  eq(status.textContent, "1 result for “zurich”.");
  eq(box.find((n) => n.nodeName === "a").map((a) => a.getAttribute("href")), ["../pages/about/index.html"]);
});

await check("fifty results: the first ten drawn as soon as their files are in, then the rest", async () => {
  const page = fakePage("?q=common", true, "many");
  runPage(page);
  await settle();
  const { "search-status": status, "search-results": box } = page.doc.byId;
  eq(status.textContent, "120 results for “common”, showing the first 50.");
  const links = box.find((n) => n.nodeName === "a").map((a) => a.getAttribute("href"));
  eq(links.length, 50);
  eq(links.slice(0, 2), ["../actors/a0/index.html", "../actors/a1/index.html"]);
  eq(box.find((n) => n.nodeName === "ol").length, 1, "one list: all are mentions");
  eq(box.find((n) => n.nodeName === "h2").map((h) => h.textContent), ["Mentions (120)"]);
});

await check("missing index: a message, no exception", async () => {
  const page = fakePage("?q=x", true);
  page.win.DOSSIER_SEARCH = undefined;
  runPage(page);
  ok(/did not load/.test(page.doc.byId["search-status"].textContent));
});

await check("a file of the index that does not load: a message, and the query can be tried again", async () => {
  const page = fakePage("?q=qureshi", true);
  const missing = Object.keys(page.files).filter((f) => f.startsWith("search-index/t"));
  const saved = {};
  missing.forEach((f) => {
    saved[f] = page.files[f];
    delete page.files[f];
  });
  runPage(page);
  await settle();
  const status = page.doc.byId["search-status"];
  ok(/did not load/.test(status.textContent), status.textContent);
  Object.assign(page.files, saved);
  page.doc.byId.q.form.dispatch("submit");
  await settle();
  eq(status.textContent, "5 results for “qureshi”.");
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
