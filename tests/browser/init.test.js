// A site as `errdocs init` starts it, built and opened in a real browser: the home page
// lists its categories and finds an example by code, and an example's page shows its
// title, its fix's code block and a working related link.
//
// run.sh runs `errdocs init acme --title "Acme API errors" --product "Acme API"` in an
// empty folder, builds the new site and passes the output folder in INIT_SITE_DIR.
"use strict";

const { test, before, after, beforeEach, afterEach } = require("node:test");
const assert = require("node:assert/strict");
const { serve, launch, newPage, axeViolations } = require("./support");

const INIT_SITE_DIR = process.env.INIT_SITE_DIR;
if (!INIT_SITE_DIR) {
  throw new Error("INIT_SITE_DIR must name the built starter site: run tests/browser/run.sh");
}

let site, browser, page, problems;

before(async () => {
  site = await serve(INIT_SITE_DIR);
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

test("the starter's home page names the site and its categories, and search finds a code", async () => {
  const response = await page.goto(site.url);
  assert.equal(response.status(), 200);
  assert.equal(await page.title(), "Acme API errors");
  const categories = await page.locator("main a").allTextContents();
  assert.ok(categories.some((t) => t.includes("Authentication errors")), categories.join(" | "));
  assert.ok(categories.some((t) => t.includes("Request errors")), categories.join(" | "));
  await page.keyboard.press("/");
  const box = page.locator(":focus");
  await box.fill("2001");
  await page.waitForFunction(() =>
    [...document.querySelectorAll("[data-search-results]")].some((r) => r.getAttribute("data-query") === "2001"),
  );
  await Promise.all([page.waitForURL(/\/errors\/e2001\/$/), page.keyboard.press("Enter")]);
  assert.match(await page.locator("h1").innerText(), /E2001\s+Too many requests/);
});

test("an example's page shows its fix's code and links to its related error", async () => {
  const response = await page.goto(site.url + "errors/e1001/");
  assert.equal(response.status(), 200);
  assert.match(await page.title(), /^E1001: The API key is missing or not valid/);
  assert.match(await page.locator("main").innerText(), /Acme API refused the request/);
  const code = page.locator("main pre", { hasText: "curl -i" });
  assert.match(await code.innerText(), /curl -i -H "Authorization: Bearer \$API_KEY"/);
  await page.locator('main a[href$="/errors/e1002/"]').first().click();
  await page.waitForURL(/\/errors\/e1002\/$/);
  assert.match(await page.locator("h1").innerText(), /E1002/);
  assert.deepEqual(await axeViolations(page), []);
});
