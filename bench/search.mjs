// The search page of a built site in headless Chromium: what a query loads before its first
// results, and how long each keystroke takes. Run by bench/search.sh; by hand:
//
//   node bench/search.mjs SITE_DIR [QUERY ...]
//
// It serves SITE_DIR under http://127.0.0.1:PORT/briefing/ (a sub-path), and for each query
// opens search/index.html?q=QUERY in a fresh browser context (empty cache) and counts the
// files of the index the page loaded (search-index.js and search-index/*) and their bytes,
// before the first results (or "No results") were drawn, and for all the results shown. Then, in one page, it types each query a
// letter at a time, a letter every 250 ms (longer than the 150 ms the page waits after a key),
// so that every letter runs a search, and reports for each letter the time from the start of
// that search to its first results drawn (the page's `dossier-search` performance measure:
// loading the files it needs from the local server, matching, ranking, drawing the first ten
// results) and to all of them (`dossier-search-all`, up to 50), and the long tasks (over 50 ms
// of main-thread work) the browser reported. It also opens one query over file://.
// Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM); playwright-core comes from the site
// judges' node_modules ($JUDGE; by default shared/tools/judge next to the checkout, or next to
// its parent folder).
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { readFileSync, statSync, existsSync } from "node:fs";
import { join, resolve, extname, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// The checkout's ../shared (CI's layout), or the workspace's when the checkout is a worktree.
const judge =
  process.env.JUDGE ||
  [resolve(here, "../../shared/tools/judge"), resolve(here, "../../../shared/tools/judge")].find((d) =>
    existsSync(join(d, "node_modules/playwright-core"))
  ) ||
  resolve(here, "../../shared/tools/judge");
const require = createRequire(join(judge, "package.json"));
const { chromium } = require("playwright-core");

const [site, ...queries] = process.argv.slice(2);
if (!site || !existsSync(join(site, "search-index.js"))) {
  console.error("usage: node bench/search.mjs SITE_DIR [QUERY ...] (a built site)");
  process.exit(2);
}
if (queries.length === 0) {
  queries.push("said", "k", "kessport", "border police");
}

// A static server for the site under /briefing/, counting what it serves.
let served = [];
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };
const server = createServer((req, res) => {
  const path = decodeURIComponent(req.url.split(/[?#]/)[0]);
  if (!path.startsWith("/briefing/") || path.includes("..")) {
    res.writeHead(404).end();
    return;
  }
  let file = join(site, path.slice("/briefing/".length));
  if (existsSync(file) && statSync(file).isDirectory()) {
    file = join(file, "index.html");
  }
  if (!existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  const body = readFileSync(file);
  served.push({ path: path.slice("/briefing/".length), bytes: body.length });
  res.writeHead(200, { "Content-Type": types[extname(file)] || "application/octet-stream", "Cache-Control": "no-store" });
  res.end(body);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/briefing/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});

/** Wait until the page shows the results of `query` (or says there are none). */
async function shown(page, query) {
  await page.waitForFunction(
    (q) => {
      const s = document.getElementById("search-status");
      return s && s.textContent.includes("“" + q.trim() + "”");
    },
    query,
    { timeout: 60000 }
  );
}

const isIndex = (p) => p === "search-index.js" || p.startsWith("search-index/");
const kib = (b) => (b / 1024).toFixed(1);

console.log(`site: ${site}`);
const manifest = statSync(join(site, "search-index.js")).size;
console.log(`manifest (search-index.js): ${kib(manifest)} KiB`);
console.log("");
console.log("first results of a query opened as search/index.html?q=… (fresh cache):");
console.log(
  "| query | results | index files before the first results | their KiB | ms to first results | index files, all results | their KiB |"
);
console.log("|---|---|---|---|---|---|---|");
for (const q of queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  served = [];
  const started = Date.now();
  await page.goto(`${base}search/index.html?q=${encodeURIComponent(q)}`);
  await shown(page, q);
  const ms = Date.now() - started;
  const status = await page.textContent("#search-status");
  // What was loaded before the first results were drawn (the browser's resource timing,
  // bodies as served), and everything the query loaded (the server's log, once all are drawn).
  const first = await page.evaluate(() => {
    const end = performance.getEntriesByType("measure").filter((m) => m.name.startsWith("dossier-search "));
    const until = end.length ? end[0].startTime + end[0].duration : Infinity;
    const files = performance
      .getEntriesByType("resource")
      .filter((r) => /search-index(\.js|\/)/.test(r.name) && r.startTime <= until);
    return { files: files.length, bytes: files.reduce((a, r) => a + r.encodedBodySize, 0) };
  });
  await page.waitForTimeout(500);
  const files = served.filter((s) => isIndex(s.path));
  const bytes = files.reduce((a, s) => a + s.bytes, 0);
  console.log(
    `| ${q} | ${status.replace(/ for .*/, "")} | ${first.files} | ${kib(first.bytes)} | ${ms} | ${files.length} | ${kib(bytes)} |`
  );
  await context.close();
}

console.log("");
console.log("typing each query a letter every 250 ms (one search per letter):");
console.log("| query | ms per letter, start of the search to first results drawn | slowest | slowest to all results | long tasks |");
console.log("|---|---|---|---|---|");
const all = [];
let longTasks = 0;
{
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration))).observe({
      type: "longtask",
      buffered: true,
    });
  });
  await page.goto(`${base}search/index.html`);
  await page.waitForSelector("#q");
  for (const q of queries) {
    await page.fill("#q", "");
    await page.evaluate(() => {
      performance.clearMeasures();
      window.__long = [];
    });
    await page.click("#q");
    const times = [];
    const alls = [];
    for (let k = 1; k <= q.length; k++) {
      await page.keyboard.type(q[k - 1]);
      await page.waitForTimeout(250);
      const prefix = q.slice(0, k);
      if (prefix.trim() === "" || prefix.endsWith(" ")) {
        continue; // the same words as the last letter: no new search
      }
      await shown(page, prefix);
      const [d, all] = await page.evaluate(
        (p) => ["dossier-search ", "dossier-search-all "].map((m) => performance.getEntriesByName(m + p).map((e) => e.duration).pop()),
        prefix
      );
      if (d !== undefined) {
        times.push(d);
      }
      if (all !== undefined) {
        alls.push(all);
      }
    }
    const long = await page.evaluate(() => window.__long.slice());
    longTasks += long.length;
    all.push(...times);
    console.log(
      `| ${q} | ${times.map((t) => t.toFixed(0)).join(", ")} | ${Math.max(...times).toFixed(0)} | ${alls.length ? Math.max(...alls).toFixed(0) : "-"} | ${long.length ? long.map((t) => t.toFixed(0)).join(", ") + " ms" : "none"} |`
    );
  }
  await context.close();
}
all.sort((a, b) => a - b);
const median = all[Math.floor(all.length / 2)];
console.log("");
console.log(
  `keystrokes: ${all.length}, median ${median.toFixed(1)} ms, slowest ${all[all.length - 1].toFixed(1)} ms; long tasks: ${longTasks}`
);

// From disk: the first query over file://.
{
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`file://${resolve(site)}/search/index.html?q=${encodeURIComponent(queries[0])}`);
  await shown(page, queries[0]);
  const status = await page.textContent("#search-status");
  console.log(`file://: ${status}`);
  await context.close();
}

await browser.close();
server.close();
