// Helpers of the browser tests: a static server for the built site and headless Chromium.
//
// The server is Node's http module and nothing else: it serves SITE_DIR on 127.0.0.1 at a
// free port, `/dir/` as `dir/index.html`, and the site's 404.html (status 404) for what
// does not exist, like a static host. Chromium is Debian's /usr/bin/chromium driven by
// playwright-core (which never downloads a browser), in a fresh profile folder.
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const http = require("node:http");
const assert = require("node:assert/strict");
const { chromium } = require("playwright-core");

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves `dir` at `http://127.0.0.1:<port><prefix>`; resolves to { url, origin,
 * requests, close }. `prefix` is the site's base path ("/" or "/docs/"); `requests`
 * lists the path of every request, in order (a test may empty it).
 */
function serve(dir, prefix = "/") {
  const root = path.resolve(dir);
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const send = (status, file) => {
      res.writeHead(status, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
      fs.createReadStream(file).pipe(res);
    };
    const notFound = () => send(404, path.join(root, "404.html"));
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    } catch {
      return notFound();
    }
    if (!pathname.startsWith(prefix)) return notFound();
    let file = path.resolve(root, "." + path.posix.normalize("/" + pathname.slice(prefix.length)));
    // Nothing outside the site folder, whatever the URL says.
    if (file !== root && !file.startsWith(root + path.sep)) return notFound();
    if (pathname.endsWith("/")) file = path.join(file, "index.html");
    fs.stat(file, (err, stat) => {
      if (!err && stat.isFile()) return send(200, file);
      if (!err && stat.isDirectory()) {
        res.writeHead(301, { location: pathname + "/" });
        return res.end();
      }
      notFound();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}${prefix}`,
        origin: `http://127.0.0.1:${port}`,
        requests,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

/** Headless Chromium with a fresh profile; resolves to { context, close }. */
async function launch() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (tests/browser/run.sh does)`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "errdocs-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  // Playwright gives up on a wait after 30 s by default; a busy machine may be slower.
  // Waits only guard against a hang here.
  context.setDefaultTimeout(120_000);
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A new page that fails the test on any script error or console error. */
async function newPage(context, problems) {
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  return page;
}

const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core on the page; resolves to its violations (every rule axe runs by default). */
async function axeViolations(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary}`),
  }));
}

/**
 * Types `query` into `page`'s search box (focused with the `/` key, as a reader would)
 * and waits until the results for that query are shown; resolves to the box.
 */
async function typeSearch(page, query) {
  await page.keyboard.press("/");
  const box = page.locator(":focus");
  assert.equal(await box.getAttribute("type"), "search", "/ focuses the search box");
  await box.fill(query);
  await page.waitForFunction(
    (q) => [...document.querySelectorAll("[data-search-results]")].some((r) => r.getAttribute("data-query") === q),
    query,
  );
  return box;
}

module.exports = { serve, launch, newPage, axeViolations, typeSearch };
