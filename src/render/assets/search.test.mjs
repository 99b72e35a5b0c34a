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
function check(name, fn) {
  try {
    fn();
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

const data = {
  v: 1,
  kinds: ["actor", "incident", "article", "excerpt", "page"],
  docs: [
    [0, "Shah Mehmood Qureshi", "actors/shah-mehmood-qureshi/index.html", "Person · Pakistan", "Shah Mehmood Qureshi Qureshi Foreign Minister Pakistan's foreign minister, who spoke to John Bolton."],
    [0, "John Bolton", "actors/john-bolton/index.html", "Person · United States", "John Bolton National Security Adviser."],
    [1, "Phone call between Qureshi and Bolton", "incidents/2019-03-11-qureshi-bolton-call/index.html", "Meeting · 11 March 2019", "Phone call between Qureshi and Bolton Two accounts of the call."],
    [2, "Pakistan assures US", "articles/pakistan-assures-us/index.html", "Unnamed outlet · March 2019", "Pakistan assures US Unnamed outlet " + "Filler words about nothing in particular. ".repeat(6) + "The FM Qureshi assured me that Pakistan would deal firmly with all terrorists. " + "More filler text to pad the article out. ".repeat(6)],
    [3, "“The FM assured me”", "excerpts/bolton-fm-assured-me/index.html", "Assurance · John Bolton · Unnamed outlet, March 2019", "the FM assured me that Pakistan would deal firmly with all terrorists John Bolton Assurance"],
    [4, "About", "pages/about/index.html", "", "About this dossier: Zürich, São Paulo, Łódź, Straße and the Qureshi family."],
    [0, "Ayaz Gul", "actors/ayaz-gul/index.html", "Person", "Ayaz Gul VOA correspondent in Islamabad."],
  ],
};
const index = S.prepare(data);
const urls = (r) => r.results.map((h) => h.doc.url);

check("prepare refuses missing or malformed data", () => {
  eq(S.prepare(undefined), null);
  eq(S.prepare({ docs: "x" }), null);
  eq(S.search(null, "qureshi").total, 0);
});

check("prefix match: “Qures” finds Qureshi", () => {
  const r = S.search(index, "Qures");
  ok(urls(r).includes("actors/shah-mehmood-qureshi/index.html"), urls(r).join());
  eq(r.results[0].doc.title, "Shah Mehmood Qureshi", "first result");
});

check("only prefixes match, not the middle of a word", () => {
  eq(S.search(index, "ureshi").total, 0, "ureshi");
  eq(S.search(index, "olton").total, 0, "olton");
});

check("folding agrees with dossier's ids on a corpus of names (tests/fixtures/slug-corpus.json)", () => {
  const corpus = JSON.parse(readFileSync(new URL("../../../tests/fixtures/slug-corpus.json", import.meta.url), "utf8"));
  ok(corpus.agree.length >= 20, "corpus");
  for (const [name, slug] of corpus.agree) {
    eq(S.words(S.fold(name)).join("-"), slug, name);
  }
  eq(S.fold("ẞ Ж Ω"), "ss zh o");
  // Other scripts keep their letters in search (the ids transliterate them).
  eq(S.fold("北京"), "北京");
});

check("case and accent folding both ways", () => {
  eq(S.fold("ZÜRICH São Łódź Straße"), "zurich sao lodz strasse");
  eq(urls(S.search(index, "zurich")), ["pages/about/index.html"]);
  eq(urls(S.search(index, "SAO PAULO")), ["pages/about/index.html"]);
  eq(urls(S.search(index, "lodz strasse")), ["pages/about/index.html"]);
  eq(urls(S.search(index, "Zür")), ["pages/about/index.html"]);
  ok(S.search(index, "QURÈSHI").total >= 4, "accented query matches plain text");
  eq(S.fold("e\u0301"), "e", "decomposed input");
});

check("AND semantics: every word must match", () => {
  const r = S.search(index, "qureshi bolton");
  eq(urls(r).sort(), [
    "actors/shah-mehmood-qureshi/index.html",
    "incidents/2019-03-11-qureshi-bolton-call/index.html",
  ]);
  eq(S.search(index, "qureshi nonexistentword").total, 0);
});

check("punctuation in the query is ignored, repeated words count once", () => {
  eq(S.terms("  “Qureshi,” qureshi — Bolton's! "), ["qureshi", "bolton", "s"]);
  eq(S.search(index, "bolton's").total, S.search(index, "bolton s").total);
});

check("ranking: title before meta before text, then kind, then title", () => {
  // "qureshi bolton": the incident has both words in its title (4+4), the actor one (4+1).
  eq(urls(S.search(index, "qureshi bolton")), [
    "incidents/2019-03-11-qureshi-bolton-call/index.html",
    "actors/shah-mehmood-qureshi/index.html",
  ]);
  // "bolton": titles first (actor before incident), then meta (the excerpt), then text.
  eq(urls(S.search(index, "bolton")), [
    "actors/john-bolton/index.html",
    "incidents/2019-03-11-qureshi-bolton-call/index.html",
    "excerpts/bolton-fm-assured-me/index.html",
    "actors/shah-mehmood-qureshi/index.html",
  ]);
  // "pakistan": title (article), meta (actor), then text by kind: excerpt.
  eq(urls(S.search(index, "pakistan")), [
    "articles/pakistan-assures-us/index.html",
    "actors/shah-mehmood-qureshi/index.html",
    "excerpts/bolton-fm-assured-me/index.html",
  ]);
  // Equal score and kind: by title.
  eq(urls(S.search(index, "person")), [
    "actors/ayaz-gul/index.html",
    "actors/john-bolton/index.html",
    "actors/shah-mehmood-qureshi/index.html",
  ]);
});

check("ranking: a title that is the query comes first, whole words before prefixes", () => {
  const idx = S.prepare({
    kinds: ["actor", "incident"],
    docs: [
      [0, "Foreign Office (Pakistan)", "actors/pfo/index.html", "Agency", "Pakistan's foreign ministry."],
      [1, "Pakistan emergency cabinet meeting", "incidents/cabinet/index.html", "Meeting", "The cabinet met."],
      [0, "Pakistan", "actors/pakistan/index.html", "State", "A state."],
      [0, "Gulf states", "actors/gulf/index.html", "State", "Several states."],
      [0, "Ayaz Gul", "actors/ayaz-gul/index.html", "Person", "A reporter."],
    ],
  });
  eq(urls(S.search(idx, "PAKISTAN")), [
    "actors/pakistan/index.html",
    "actors/pfo/index.html",
    "incidents/cabinet/index.html",
  ]);
  eq(urls(S.search(idx, "gul")), ["actors/ayaz-gul/index.html", "actors/gulf/index.html"]);
  // The field still comes first: a prefix in a title beats a whole word in a meta line.
  eq(urls(S.search(idx, "state")), ["actors/gulf/index.html", "actors/pakistan/index.html"]);
});

check("at most 50 results, with the total", () => {
  const many = { kinds: ["actor"], docs: [] };
  for (let i = 0; i < 120; i++) {
    many.docs.push([0, "Actor " + String(i).padStart(3, "0"), "actors/a" + i + "/index.html", "", "common word"]);
  }
  const r = S.search(S.prepare(many), "common");
  eq(r.total, 120);
  eq(r.results.length, 50);
  eq(r.results[0].doc.title, "Actor 000");
  eq(S.countLine(120, 50, "common"), "120 results for “common”, showing the first 50.");
  eq(S.countLine(1, 1, " x "), "1 result for “x”.");
  eq(S.countLine(0, 0, "zz"), "No results for “zz”.");
});

check("snippet: window around the first match, words marked, cut with ellipses", () => {
  const doc = index.docs[3];
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

check("snippet: accents kept in the original, marked whole words, no match → start", () => {
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

check("empty query: nothing", () => {
  for (const q of ["", "   ", "— “ ” !?", undefined]) {
    const r = S.search(index, q);
    eq([r.total, r.results.length, r.terms.length], [0, 0, 0], JSON.stringify(q));
  }
});

check("result links: root prefix, nothing but relative paths", () => {
  eq(S.resultHref("../", "actors/isi/index.html"), "../actors/isi/index.html");
  eq(S.resultHref("", "actors/isi/index.html"), "actors/isi/index.html");
  eq(S.resultHref("../", "javascript:alert(1)"), null);
  eq(S.resultHref("../", "//evil.example/x"), null);
  eq(S.resultHref("../", "JaVaScRiPt:alert(1)"), null);
});

check("no innerHTML or fetch in the source", () => {
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

function fakePage(search, withElements) {
  const doc = {
    readyState: "complete",
    byId: {},
    getElementById(id) {
      return this.byId[id] || null;
    },
    createElement(name) {
      return new Node(doc, name.toLowerCase());
    },
    createTextNode(t) {
      const n = new Node(doc, "#text");
      n.data = String(t);
      return n;
    },
    addEventListener() {},
  };
  const body = new Node(doc, "body");
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
    DOSSIER_SEARCH: data,
  };
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
  return { doc, win, body, replaced, flush };
}

function runPage(page) {
  const ctx = vm.createContext({
    document: page.doc,
    window: page.win,
    URLSearchParams,
  });
  vm.runInContext(source, ctx, { filename: "search.js" });
}

check("a page without the search elements: nothing happens, nothing thrown", () => {
  const page = fakePage("?q=qureshi", false);
  runPage(page);
  eq(page.body.childNodes.length, 0);
});

check("the search page: ?q= fills the box, results are links under the root", () => {
  const page = fakePage("?q=Qures", true);
  runPage(page);
  const { q, "search-status": status, "search-results": box } = page.doc.byId;
  eq(q.value, "Qures");
  eq(status.textContent, "4 results for “Qures”.");
  const links = box.find((n) => n.nodeName === "a");
  eq(links.length, 4);
  eq(links[0].getAttribute("href"), "../actors/shah-mehmood-qureshi/index.html");
  const marks = box.find((n) => n.nodeName === "mark").map((m) => m.textContent);
  ok(marks.length >= 4 && marks.every((m) => m === "Qureshi"), marks.join());
  const metas = box.find((n) => n.className === "search-meta").map((m) => m.textContent);
  eq(metas[0], "Actor · Person · Pakistan");
});

check("typing updates results after the debounce, replaceState failures are swallowed", () => {
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
  eq(status.textContent, "No results for “<img src=x onerror=alert(1)>”.");
  eq(page.replaced, ["?q=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E"]);
  page.win.history.throwing = false;
  q.value = "bolton";
  q.dispatch("input");
  page.flush();
  eq(status.textContent, "4 results for “bolton”.");
  q.value = "zurich";
  ok(page.doc.byId.q.form.dispatch("submit"), "submit is handled in place");
  eq(status.textContent, "1 result for “zurich”.");
  q.value = "";
  q.dispatch("input");
  page.flush();
  eq(status.textContent, "");
  eq(page.replaced[page.replaced.length - 1], "/sub/path/search/index.html");
});

check("missing index: a message, no exception", () => {
  const page = fakePage("?q=x", true);
  page.win.DOSSIER_SEARCH = undefined;
  runPage(page);
  ok(/did not load/.test(page.doc.byId["search-status"].textContent));
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
