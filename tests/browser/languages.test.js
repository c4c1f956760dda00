// A site in three languages (tests/fixtures/multilingual: English, German, Dutch) in a
// real browser, under a sub-path: the language switcher lands on the same record, the
// German site's search finds German words (accents folded) and speaks German, a record
// untranslated into Dutch shows its notice, and axe finds nothing on either language.
//
// run.sh builds the fixture under /docs/ and passes the folder in LANGUAGES_SITE_DIR.
"use strict";

const { test, before, after, beforeEach, afterEach } = require("node:test");
const assert = require("node:assert/strict");
const { serve, launch, newPage, axeViolations } = require("./support");

const LANGUAGES_SITE_DIR = process.env.LANGUAGES_SITE_DIR;
if (!LANGUAGES_SITE_DIR) {
  throw new Error("LANGUAGES_SITE_DIR must name the built multilingual site: run tests/browser/run.sh");
}

let site, browser, page, problems;

before(async () => {
  site = await serve(LANGUAGES_SITE_DIR, "/docs/");
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

/** Types `query` into the page's header search box and waits for its results. */
async function search(query) {
  await page.keyboard.press("/");
  const box = page.locator(":focus");
  assert.equal(await box.getAttribute("type"), "search", "/ focuses the search box");
  await box.fill(query);
  await page.waitForFunction(
    (q) => [...document.querySelectorAll("[data-search-results]")].some((r) => r.getAttribute("data-query") === q),
    query,
  );
  return {
    codes: await page.locator("[data-search-results]:visible .result-code").allTextContents(),
    status: await page.locator("[data-search-status]:visible").textContent(),
  };
}

test("the language switcher on an error page lands on the same code in each language", async () => {
  await page.goto(site.url + "errors/cc2001/");
  const switcher = page.getByRole("navigation", { name: "Language" });
  assert.equal(await switcher.getByRole("link", { name: "English" }).getAttribute("aria-current"), "page");
  await Promise.all([page.waitForURL(/\/docs\/de\/errors\/cc2001\/$/), switcher.getByRole("link", { name: "Deutsch" }).click()]);
  assert.equal(await page.locator("html").getAttribute("lang"), "de");
  assert.match(await page.locator("h1").textContent(), /CC2001\s+Das Speicherkontingent ist überschritten/);
  // The switcher now speaks German and marks German; on to Dutch, then back to English.
  const german = page.getByRole("navigation", { name: "Sprache" });
  assert.equal(await german.getByRole("link", { name: "Deutsch" }).getAttribute("aria-current"), "page");
  await Promise.all([page.waitForURL(/\/docs\/nl\/errors\/cc2001\/$/), german.getByRole("link", { name: "Nederlands" }).click()]);
  assert.match(await page.locator("h1").textContent(), /Het opslagquotum is overschreden/);
  await Promise.all([page.waitForURL(/\/docs\/errors\/cc2001\/$/), page.getByRole("link", { name: "English" }).click()]);
  assert.match(await page.locator("h1").textContent(), /The storage quota is exceeded/);
});

test("the German site's search finds German words, with or without their accents, and answers in German", async () => {
  await page.goto(site.url + "de/");
  let found = await search("Speicherkontingent");
  assert.deepEqual(found.codes, ["CC2001"]);
  assert.equal(found.status, "1 Fehler gefunden.");
  for (const query of ["überschritten", "UBERSCHRITTEN", "Kontingent überschritten"]) {
    found = await search(query);
    assert.equal(found.codes[0], "CC2001", query);
  }
  // A compound written with a hyphen or without finds the same record.
  assert.deepEqual((await search("Mail-App")).codes, ["CC1001"]);
  assert.deepEqual((await search("mailapp")).codes, ["CC1001"]);
  // The result opens the German page; a word nobody wrote gets a German answer.
  found = await search("Kennwort");
  assert.deepEqual([...found.codes].sort(), ["CC1001", "CC1002"]);
  assert.equal(found.status, "2 Fehler gefunden.");
  const none = await search("Bananenbrot");
  assert.deepEqual(none.codes, []);
  assert.match(none.status, /^Kein Fehler passt zu „Bananenbrot“/);
  await search("Speicherkontingent");
  await Promise.all([page.waitForURL(/\/docs\/de\/errors\/cc2001\/$/), page.keyboard.press("Enter")]);
  // The scripts' own words: the copy button of a code block.
  await page.goto(site.url + "de/errors/cc1001/");
  assert.equal(await page.locator(".fixes .copy-button").first().getAttribute("aria-label"), "Code von Schritt 2 kopieren");
  assert.equal(await page.locator(".fixes .copy-button").first().textContent(), "Kopieren");
});

test("a record without a Dutch translation shows its original with a Dutch notice", async () => {
  await page.goto(site.url + "nl/errors/cc1002/");
  assert.match(await page.locator(".translation-notice").textContent(), /nog niet in het Nederlands vertaald/);
  assert.equal(await page.locator(".heading-title").getAttribute("lang"), "en");
  assert.equal(await page.locator("#fixes").textContent(), "Zo lost u het op");
});

test("axe finds no violation on a German and a Dutch page, translated or not", async () => {
  for (const path of ["de/errors/cc1001/", "nl/errors/cc1002/", "nl/", "de/categories/storage/"]) {
    await page.goto(site.url + path);
    assert.deepEqual(await axeViolations(page), [], path);
  }
});
