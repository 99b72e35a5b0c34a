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

/** The search of the single-file index (before the index was split), as a reference: every
 * document scanned, ranked by whole title, score, kind, folded title, order. */
function reference(docs, query, limit = 50) {
  const ts = S.terms(query);
  const kinds = ["actor", "incident", "article", "excerpt", "page"];
  const hits = [];
  docs.forEach((d, i) => {
    const fields = [d[1], d[3], d[4]].map((t) => S.words(S.fold(t)));
    let score = 0;
    for (const t of ts) {
      const f = fields.findIndex((ws) => ws.some((w) => w.startsWith(t)));
      if (f < 0) return;
      score += [8, 4, 2][f] + (fields[f].includes(t) ? 1 : 0);
    }
    const key = S.fold(d[1]);
    hits.push({ url: d[2], score, whole: S.words(key).join(" ") === ts.join(" "), kind: kinds.indexOf(d[0]), key, i });
  });
  hits.sort((a, b) =>
    a.whole !== b.whole ? (a.whole ? -1 : 1)
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
      for (const w of S.words(S.fold(d[1] + " " + d[3] + " " + d[4]))) {
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
  eq(urls(r), ["incidents/2019-03-11-qureshi-bolton-call/index.html", "actors/shah-mehmood-qureshi/index.html"]);
  eq(loaded.filter((f) => f[0] === "t").length, 2, loaded.join());
  ok(loaded.filter((f) => f[0] === "d").length <= 2, loaded.join());
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
    "incidents/2019-03-11-qureshi-bolton-call/index.html",
  ]);
  eq((await S.search(index, "qureshi nonexistentword")).total, 0);
});

await check("punctuation in the query is ignored, repeated words count once", async () => {
  eq(S.terms("  “Qureshi,” qureshi — Bolton's! "), ["qureshi", "bolton", "s"]);
  eq((await S.search(index, "bolton's")).total, (await S.search(index, "bolton s")).total);
});

await check("ranking: title before meta before text, then kind, then title", async () => {
  // "qureshi bolton": the incident has both words in its title (4+4), the actor one (4+1).
  eq(urls(await S.search(index, "qureshi bolton")), [
    "incidents/2019-03-11-qureshi-bolton-call/index.html",
    "actors/shah-mehmood-qureshi/index.html",
  ]);
  // "bolton": titles first (actor before incident), then meta (the excerpt), then text.
  eq(urls(await S.search(index, "bolton")), [
    "actors/john-bolton/index.html",
    "incidents/2019-03-11-qureshi-bolton-call/index.html",
    "excerpts/bolton-fm-assured-me/index.html",
    "actors/shah-mehmood-qureshi/index.html",
  ]);
  // "pakistan": title (article), meta (actor), then text by kind: excerpt.
  eq(urls(await S.search(index, "pakistan")), [
    "articles/pakistan-assures-us/index.html",
    "actors/shah-mehmood-qureshi/index.html",
    "excerpts/bolton-fm-assured-me/index.html",
  ]);
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
    "excerpts/gul-ayaz/index.html",
    "actors/gulf/index.html",
  ]);
  // The same words in another order are not the title.
  eq(urls(await S.search(idx, "ayaz gul")), ["actors/ayaz-gul/index.html", "excerpts/gul-ayaz/index.html"]);
  eq(urls(await S.search(idx, "gul ayaz")), ["excerpts/gul-ayaz/index.html", "actors/ayaz-gul/index.html"]);
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
  const segs = S.snippet(doc.text, S.terms("qures terror"));
  const marked = segs.filter((s) => s.mark).map((s) => s.text);
  eq(marked, ["Qureshi", "terrorists"], "marked words");
  eq(segs[0].text, "…", "cut at the start");
  eq(segs[segs.length - 1].text, "…", "cut at the end");
  const plain = segs.map((s) => s.text).join("");
  ok(plain.length <= 205, "about 200 characters: " + plain.length);
  ok(doc.text.includes(plain.slice(1, -1)), "a piece of the text");
  ok(plain.indexOf("Qureshi") < 80, "match near the start");
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
  const page = { doc, win, body, head, files, scripts, replaced, flush };
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
  eq(status.textContent, "4 results for “Qures”.");
  const links = box.find((n) => n.nodeName === "a");
  eq(links.length, 4);
  eq(links[0].getAttribute("href"), "../actors/shah-mehmood-qureshi/index.html");
  const marks = box.find((n) => n.nodeName === "mark").map((m) => m.textContent);
  ok(marks.length >= 4 && marks.every((m) => m === "Qureshi"), marks.join());
  const metas = box.find((n) => n.className === "search-meta").map((m) => m.textContent);
  eq(metas[0], "Actor · Person · Pakistan");
  // The index's files came from under the root, one <script> each, removed once loaded.
  ok(page.scripts.length >= 2 && page.scripts.every((s) => /^\.\.\/search-index\/[tdp][0-9]+\.js$/.test(s)), page.scripts.join());
  eq(page.head.childNodes.length, 0);
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
  eq(status.textContent, "4 results for “bolton”.");
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
  eq(box.find((n) => n.nodeName === "ol").length, 1, "one list");
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
  eq(status.textContent, "4 results for “qureshi”.");
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
