// The built site in a real browser: search, navigation, dark mode, copy, accessibility.
//
// run.sh builds tests/fixtures/browser twice (at the root and under /docs/) and passes
// the folders in SITE_DIR and SUBPATH_SITE_DIR. Every test starts on a fresh page; the
// browser and the servers are shared.
"use strict";

const { test, before, after, beforeEach, afterEach } = require("node:test");
const assert = require("node:assert/strict");
const { serve, launch, newPage, axeViolations, typeSearch } = require("./support");

const SITE_DIR = process.env.SITE_DIR;
const SUBPATH_SITE_DIR = process.env.SUBPATH_SITE_DIR;
if (!SITE_DIR || !SUBPATH_SITE_DIR) {
  throw new Error("SITE_DIR and SUBPATH_SITE_DIR must name built sites: run tests/browser/run.sh");
}

const PASTED_MESSAGE = [
  "Sign in",
  "Sorry, but we're having trouble signing you in.",
  "",
  "AADSTS50126: Error validating credentials due to invalid username or password.",
  "Trace ID: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  "Correlation ID: 5f6e7d8c-9b0a-4c1d-8e2f-3a4b5c6d7e8f",
  "Timestamp: 2026-11-26 09:14:03Z",
].join("\r\n");

// A record whose message quotes exactly those ids and that timestamp (a decoy: see its
// file in tests/fixtures/browser/content/errors/gateway/).
const DECOY = "DM_GWPipeline_Gateway_SpooledOperationMissing";

let site, subpathSite, browser, page, problems;

before(async () => {
  site = await serve(SITE_DIR);
  subpathSite = await serve(SUBPATH_SITE_DIR, "/docs/");
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
  await subpathSite?.close();
});
/** What the browser holds in localStorage, as [origin, key, value]. */
async function storedItems() {
  const { origins } = await browser.context.storageState();
  return origins.flatMap(({ origin, localStorage }) => localStorage.map(({ name, value }) => [origin, name, value]));
}

beforeEach(async () => {
  problems = [];
  page = await newPage(browser.context, problems);
  // Every test starts without what an earlier one stored (the dark-mode choice).
  assert.deepEqual(await storedItems(), [], "an earlier test left localStorage behind");
});
afterEach(async () => {
  // Cleared here, so even a test that failed half-way leaves nothing to the next one.
  const cdp = await browser.context.newCDPSession(page);
  for (const origin of [site.origin, subpathSite.origin]) {
    await cdp.send("Storage.clearDataForOrigin", { origin, storageTypes: "local_storage" });
  }
  await cdp.detach();
  await page.close();
  assert.deepEqual(problems, [], "the page logged errors");
});

/** Types a query into the page's main search box and waits for the result list. */
async function search(query) {
  return typeSearch(page, query);
}

/** The codes of the shown results, in order. */
async function resultCodes() {
  return page.locator("[data-search-results]:visible .result-code").allTextContents();
}

/** Pastes `text` into the home page's search box, as a reader would, and waits for its results. */
async function paste(text) {
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: site.origin });
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press("/");
  await page.keyboard.press("ControlOrMeta+V");
  const query = text.replace(/\s+/g, " ").trim();
  await page.waitForFunction(
    (q) => document.querySelector(".search-hero [data-search-results]")?.getAttribute("data-query") === q,
    query,
  );
}

/** Resolves once `check()` holds (polling; the test's own timeout stops a hang). */
async function until(check) {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 50));
}

test("a code typed with or without its prefix, in any case, comes first", async () => {
  await page.goto(site.url);
  for (const query of ["40009", "aadsts40009", "AADSTS40009"]) {
    await search(query);
    const codes = await resultCodes();
    assert.equal(codes[0], "AADSTS40009", `query ${query}: ${codes}`);
  }
  // A prefix lists the codes that start with it.
  await search("aadsts50");
  assert.deepEqual(await resultCodes(), ["AADSTS50053", "AADSTS50076", "AADSTS50126"]);
});

test("Enter opens the first result", async () => {
  await page.goto(site.url);
  await search("aadsts40009");
  await Promise.all([page.waitForURL(/\/errors\/aadsts40009\/$/), page.keyboard.press("Enter")]);
  assert.match(await page.locator("h1").textContent(), /AADSTS40009\s+Refresh token could not be redeemed/);
});

test("words find records by title, message, summary, causes and tags", async () => {
  await page.goto(site.url);
  await search("account locked");
  assert.equal((await resultCodes())[0], "AADSTS50053", "title words");
  await search("validating credentials");
  assert.equal((await resultCodes())[0], "AADSTS50126", "message words");
  await search("federated identity provider refused");
  assert.equal((await resultCodes())[0], "AADSTS40009", "summary words");
  await search("overloaded");
  assert.deepEqual(await resultCodes(), ["DM_GWPipeline_Gateway_TimeoutError"], "a cause's word");
  await search("lockout");
  assert.deepEqual(await resultCodes(), ["AADSTS50053"], "a tag");
  await search("timeout gatew");
  assert.equal((await resultCodes())[0], "DM_GWPipeline_Gateway_TimeoutError", "the word being typed matches as a prefix");
  await search("zzzzunknownword");
  assert.deepEqual(await resultCodes(), []);
  assert.match(await page.locator("[data-search-status]:visible").textContent(), /No error matches/);
});

test("a word of five letters or more forgives one typo, exact matches first", async () => {
  await page.goto(site.url);
  const gateways = ["DM_GWPipeline_Gateway_SpooledOperationMissing", "DM_GWPipeline_Gateway_TimeoutError"];
  // A letter missing, one too many, one replaced, two swapped; and in the first letters.
  for (const typo of ["gatway", "gateeway", "gatexay", "gaetway", "ateway", "agteway"]) {
    await search(typo + " ");
    assert.deepEqual((await resultCodes()).sort(), gateways, `query ${typo}`);
  }
  // Two typos are too many; a short word forgives none.
  await search("gatwey ");
  assert.deepEqual(await resultCodes(), []);
  // A record that has the word as written ranks before one that has it with a typo.
  await search("timeout ");
  assert.equal((await resultCodes())[0], "DM_GWPipeline_Gateway_TimeoutError");
});

test("results filter by category and severity", async () => {
  await page.goto(site.url);
  await search("power query");
  const all = await resultCodes();
  assert.ok(all.includes("DataSource.Error") && all.includes("Expression.Error"), `${all}`);
  await page.locator(".search-hero").getByLabel("Severity").selectOption({ label: "Low" });
  await page.locator("[data-search-results]:visible .result-code").first().waitFor();
  await page.waitForFunction(() => !document.querySelector(".search-hero [data-search-results]").textContent.includes("DataSource.Error"));
  assert.deepEqual(await resultCodes(), ["Expression.Error"]);
  await page.locator(".search-hero").getByLabel("Severity").selectOption("");

  await search("data source");
  const both = await resultCodes();
  assert.ok(both.includes("DataSource.Error") && both.includes("DM_GWPipeline_Gateway_TimeoutError"), `${both}`);
  await page.locator(".search-hero").getByLabel("Category").selectOption({ label: "Gateway errors" });
  await page.waitForFunction(() => !document.querySelector(".search-hero [data-search-results]").textContent.includes("DataSource.Error"));
  assert.deepEqual(await resultCodes(), ["DM_GWPipeline_Gateway_TimeoutError"]);
});

test("a pasted sign-in error finds its code and offers to jump there", async () => {
  await page.goto(site.url);
  await paste(PASTED_MESSAGE);
  const jump = page.locator(".search-hero .result-jump a");
  await jump.waitFor();
  assert.match(await jump.textContent(), /AADSTS50126.*Invalid username or password/);
  assert.match(await page.locator(".search-hero [data-search-status]").textContent(), /Found AADSTS50126/);
  const value = await page.locator(".search-hero input").inputValue();
  assert.ok(value.includes("password. Trace ID:"), `line breaks became spaces: ${value}`);
  // The ids and the timestamp are not searched for: the record quoting them is not listed.
  const codes = await resultCodes();
  assert.equal(codes[0], "AADSTS50126", `${codes}`);
  assert.ok(!codes.includes(DECOY), `the pasted ids were searched for: ${codes}`);
  await Promise.all([page.waitForURL(/\/errors\/aadsts50126\/$/), page.keyboard.press("Enter")]);
});

test("a pasted message without a code is searched by its words, not its ids or timestamp", async () => {
  await page.goto(site.url);
  await paste(["Your account is locked.", "Correlation ID: 5f6e7d8c-9b0a-4c1d-8e2f-3a4b5c6d7e8f", "Timestamp: 2026-11-26 09:14:03Z"].join("\r\n"));
  const codes = await resultCodes();
  assert.equal(codes[0], "AADSTS50053", `${codes}`);
  assert.ok(!codes.includes(DECOY), `the pasted id or timestamp was searched for: ${codes}`);
  assert.equal(await page.locator(".search-hero .result-jump").count(), 0, "no code to jump to");
});

test("search.js and the search index load only when a reader reaches for a search box", async () => {
  // Every file from the server, never from the browser's cache, so the server sees it.
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  site.requests.length = 0;
  const script = (p) => /\/search\.[0-9a-f]+\.js$/.test(p);
  const entry = (p) => p.endsWith("/search/index.json");
  const shard = (p) => /\/search\/[0-9a-f]+\/[wt]\d+\.json$/.test(p);
  await page.goto(site.url + "errors/aadsts40009/");
  await page.waitForLoadState("networkidle");
  await page.mouse.wheel(0, 800);
  await page.locator("[data-theme-toggle]").focus();
  assert.ok(site.requests.some((p) => p.endsWith("/errors/aadsts40009/")), `${site.requests}`);
  assert.deepEqual(site.requests.filter((p) => script(p) || entry(p) || shard(p)), [], "loaded before any use");

  // Focus: the engine and the index, no word shard yet.
  await page.locator(".header-search input[type=search]").focus();
  await until(() => site.requests.some(script) && site.requests.some(entry));
  assert.deepEqual(site.requests.filter(shard), [], "a shard before any word was typed");
  // A word: its shard and the titles of the results.
  await page.keyboard.type("password");
  await page.waitForFunction(() => document.querySelector(".header-search [data-search-results]")?.getAttribute("data-query") === "password");
  assert.ok(site.requests.some(shard), `${site.requests}`);
  assert.equal(site.requests.filter(script).length, 1, "search.js loaded once");
  assert.equal(site.requests.filter(entry).length, 1, "the index loaded once");
  await cdp.detach();
});

test("Escape clears the search box and its results; a second Escape leaves the box", async () => {
  await page.goto(site.url);
  const box = await search("password");
  assert.ok((await resultCodes()).length > 0);
  await page.keyboard.press("Escape");
  assert.equal(await box.inputValue(), "");
  assert.deepEqual(await resultCodes(), []);
  assert.equal(await page.locator(".search-hero [data-search-results]").isVisible(), false, "the results are closed");
  assert.equal(await page.evaluate(() => document.activeElement.type), "search", "the box keeps the focus");
  await page.keyboard.press("Escape");
  assert.notEqual(await page.evaluate(() => document.activeElement.type), "search", "the box lost the focus");
});

test("arrow keys move through the results and Enter opens the chosen one", async () => {
  await page.goto(site.url);
  await search("password");
  const codes = await resultCodes();
  assert.ok(codes.length >= 2, `${codes}`);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.locator(":focus .result-code").textContent(), codes[1]);
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.locator(":focus .result-code").textContent(), codes[0]);
  await page.keyboard.press("ArrowDown");
  await Promise.all([page.waitForURL(new RegExp(`/errors/${codes[1].toLowerCase()}/$`)), page.keyboard.press("Enter")]);
});

test("the header search works on an error page; a result and a related link open", async () => {
  await page.goto(site.url + "errors/aadsts50126/");
  await search("50076");
  await Promise.all([page.waitForURL(/\/errors\/aadsts50076\/$/), page.locator(".header-search .result-code", { hasText: "AADSTS50076" }).click()]);
  // AADSTS40009 names AADSTS50076 as related: the link shows on both pages.
  const related = page.locator("#related ~ .record-list a", { hasText: "AADSTS40009" });
  await Promise.all([page.waitForURL(/\/errors\/aadsts40009\/$/), related.click()]);
  assert.match(await page.title(), /^AADSTS40009: /);
});

test("search works on a site hosted under a sub-path", async () => {
  await page.goto(subpathSite.url);
  await search("40009");
  await Promise.all([page.waitForURL(/\/docs\/errors\/aadsts40009\/$/), page.keyboard.press("Enter")]);
  assert.match(await page.locator("h1").textContent(), /AADSTS40009/);
});

test("dark mode follows the system, and the toggle's choice survives a reload", async () => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(site.url + "errors/aadsts40009/");
  const systemDark = await background();
  await page.emulateMedia({ colorScheme: "light" });
  const light = await background();
  assert.notEqual(systemDark, light, "the system's dark mode changes the colours");

  const toggle = page.locator("[data-theme-toggle]");
  assert.equal(await toggle.getAttribute("aria-pressed"), "false");
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-pressed"), "true");
  assert.equal(await background(), systemDark, "the toggle switches to the dark colours");
  await page.reload();
  assert.equal(await page.locator("html").getAttribute("data-theme"), "dark");
  assert.equal(await background(), systemDark, "dark mode is remembered after a reload");
  assert.equal(await page.locator("[data-theme-toggle]").getAttribute("aria-pressed"), "true");
  await page.locator("[data-theme-toggle]").click();
  await page.reload();
  assert.equal(await background(), light, "and so is the switch back to light");
  // (afterEach clears the stored choice, also when this test fails half-way.)
});

test("copy buttons put the code and a fix's code block on the clipboard", async () => {
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: site.origin });
  await page.goto(site.url + "errors/aadsts40009/");
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  await page.locator(".record-header .copy-code").click();
  assert.equal(await clipboard(), "AADSTS40009");

  const button = page.getByRole("button", { name: "Copy code of step 2" });
  await button.click();
  assert.equal(await clipboard(), "Revoke-MgUserSignInSession -UserId alice@contoso.com");
  assert.equal(await button.textContent(), "Copied");
  assert.match(await page.locator("p[role=status].visually-hidden").textContent(), /Copied/);
});

test("a category page sorts and filters its list without a reload", async () => {
  await page.goto(site.url + "categories/sign-in/");
  const codes = () => page.locator(".record-list li:visible code").allTextContents();
  assert.deepEqual(await codes(), ["AADSTS40009", "AADSTS50053", "AADSTS50076", "AADSTS50126"]);
  await page.locator("[data-list-sort]").selectOption("severity");
  assert.deepEqual(await codes(), ["AADSTS50053", "AADSTS40009", "AADSTS50126", "AADSTS50076"]);
  await page.locator("[data-list-sort]").selectOption("updated");
  assert.deepEqual(await codes(), ["AADSTS50126", "AADSTS50076", "AADSTS40009", "AADSTS50053"]);
  await page.locator("[data-list-filter]").fill("password");
  assert.deepEqual(await codes(), ["AADSTS50126"]);
  assert.equal(await page.locator("[data-list-count]").textContent(), "Showing 1 of 4 errors");
  await page.locator("[data-list-filter]").fill("");
  await page.locator("[data-list-severity]").selectOption("medium");
  assert.deepEqual(await codes(), ["AADSTS50126", "AADSTS40009"]);
});

test("without JavaScript every page still reads: content, navigation, related links", async () => {
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
  await page.goto(site.url + "errors/aadsts40009/");
  assert.match(await page.locator("h1").textContent(), /Refresh token/);
  assert.equal(await page.locator("ol.fixes > li").count(), 3);
  assert.ok(await page.locator("#related ~ .record-list a[href$='/errors/aadsts50076/']").isVisible());
  assert.ok(await page.locator(".breadcrumbs a", { hasText: "Sign-in errors" }).isVisible());
  assert.ok(await page.locator("details.faq").first().isVisible());
  assert.equal(await page.locator(".copy-code").isVisible(), false, "no dead copy button");
  assert.equal(await page.locator("[data-theme-toggle]").isVisible(), false, "no dead toggle");
  await cdp.detach();
});

test("nothing scrolls sideways on a 320-pixel phone, long codes included", async () => {
  await page.setViewportSize({ width: 320, height: 700 });
  for (const path of ["", "errors/", "categories/gateway/", "errors/dm_gwpipeline_gateway_timeouterror/", "errors/datasource.error/"]) {
    await page.goto(site.url + path);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320, path || "home");
  }
  await page.setViewportSize({ width: 1280, height: 900 });
});

for (const [name, path] of [["home page", ""], ["an error page", "errors/aadsts40009/"], ["a category page", "categories/sign-in/"]]) {
  for (const scheme of ["light", "dark"]) {
    test(`axe-core finds no violation on ${name} (${scheme})`, async () => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(site.url + path);
      if (path === "") await search("password"); // with results shown
      const violations = await axeViolations(page);
      assert.deepEqual(violations, []);
    });
  }
}
