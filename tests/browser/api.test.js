// The HTTP API fixture (tests/fixtures/http-api) in a real browser: the filters of
// declared fields, the menu and its pages, search over pages, a site whose error pages
// sit at its root.
//
// run.sh builds it at the root and passes the folder in API_SITE_DIR.
"use strict";

const { test, before, after, beforeEach, afterEach } = require("node:test");
const assert = require("node:assert/strict");
const { serve, launch, newPage, axeViolations } = require("./support");

const API_SITE_DIR = process.env.API_SITE_DIR;
if (!API_SITE_DIR) throw new Error("API_SITE_DIR must name the built HTTP API site: run tests/browser/run.sh");

let site, browser, page, problems;

before(async () => {
  site = await serve(API_SITE_DIR);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
});
beforeEach(async () => {
  problems = [];
  page = await newPage(browser.context, problems);
});
afterEach(async () => {
  await page.close();
  assert.deepEqual(problems, [], "the page logged errors");
});

const shownCodes = () => page.locator(".record-list li:visible code").allTextContents();

test("a category page filters by HTTP status, and by a boolean, in place", async () => {
  await page.goto(site.url + "categories/limits/");
  assert.deepEqual(await shownCodes(), ["ACME-2001", "ACME-2002", "ACME-2010", "ACME-2020"]);
  await page.getByLabel("HTTP status").selectOption("429");
  assert.deepEqual(await shownCodes(), ["ACME-2001", "ACME-2002"]);
  assert.equal(await page.locator("[data-list-count]").textContent(), "Showing 2 of 4 errors");
  await page.getByLabel("Retry helps").selectOption({ label: "Yes" });
  assert.deepEqual(await shownCodes(), ["ACME-2001"]);
  await page.getByLabel("HTTP status").selectOption("");
  assert.deepEqual(await shownCodes(), ["ACME-2001", "ACME-2010", "ACME-2020"]);
  // The filters work with the sort.
  await page.locator("[data-list-sort]").selectOption("updated");
  assert.deepEqual(await shownCodes(), ["ACME-2001", "ACME-2020", "ACME-2010"]);
});

test("the A-Z page filters by a declared field", async () => {
  await page.goto(site.url + "a-z/");
  await page.getByLabel("SDK").selectOption("python");
  assert.deepEqual(await shownCodes(), ["ACME-1002"]);
  assert.equal(await page.locator("[data-list-count]").textContent(), "Showing 1 of 10 errors");
});

test("a page opens from the menu, which marks it as the current page", async () => {
  await page.goto(site.url);
  const link = page.locator(".site-nav a", { hasText: "Reading an error" });
  await Promise.all([page.waitForURL(/\/guide\/reading-errors\/$/), link.click()]);
  assert.equal(await page.locator("h1").textContent(), "How to read an error");
  assert.equal(await page.locator(".site-nav a", { hasText: "Reading an error" }).getAttribute("aria-current"), "page");
  // Its checked link leads to the record, at the anchor.
  await Promise.all([page.waitForURL(/\/acme-2001\/#fixes$/), page.locator("main a", { hasText: "the rate limit" }).click()]);
  assert.match(await page.locator("h1").textContent(), /ACME-2001/);
});

test("search finds error pages at the site's root, and pages", async () => {
  await page.goto(site.url);
  await page.keyboard.press("/");
  await page.locator(":focus").fill("acme-2020");
  await page.locator(".search-hero .result-code", { hasText: "ACME-2020" }).waitFor();
  await Promise.all([page.waitForURL(/\/acme-2020\/$/), page.keyboard.press("Enter")]);
  await page.goto(site.url);
  await page.keyboard.press("/");
  await page.locator(":focus").fill("error object ");
  const result = page.locator(".search-hero .search-results a", { hasText: "How to read an error" });
  await result.waitFor();
  assert.match(await page.locator(".search-hero [data-search-status]").textContent(), /results found/);
  await Promise.all([page.waitForURL(/\/guide\/reading-errors\/$/), result.click()]);
});

test("without JavaScript every record shows and the menu works", async () => {
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
  await page.goto(site.url + "categories/limits/");
  assert.equal(await page.locator("[data-list-tools]").isVisible(), false, "no dead filters");
  assert.deepEqual(await shownCodes(), ["ACME-2001", "ACME-2002", "ACME-2010", "ACME-2020"]);
  await Promise.all([page.waitForURL(/\/getting-started\/$/), page.locator(".site-nav a", { hasText: "Getting started" }).click()]);
  assert.equal(await page.locator("h1").textContent(), "Getting started");
  await cdp.detach();
});

test("nothing scrolls sideways on a 320-pixel phone, menu and filters included", async () => {
  await page.setViewportSize({ width: 320, height: 700 });
  for (const path of ["", "categories/limits/", "guide/reading-errors/", "acme-1001/", "tags/", "a-z/"]) {
    await page.goto(site.url + path);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320, path || "home");
    assert.ok(await page.locator(".site-nav a", { hasText: "Reading an error" }).isVisible(), `the menu on ${path}`);
  }
});

for (const [name, path] of [["a page", "guide/reading-errors/"], ["a category page with filters", "categories/limits/"], ["an error page with declared fields", "acme-1001/"], ["the tags", "tags/"]]) {
  for (const scheme of ["light", "dark"]) {
    test(`axe-core finds no violation on ${name} (${scheme})`, async () => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(site.url + path);
      assert.deepEqual(await axeViolations(page), []);
    });
  }
}
