// The viewer page in a real browser: headless Debian Chromium driven by
// playwright-core. Needs a running `copydesk serve`; BASE_URL says where
// (default http://127.0.0.1:8080). Screenshots go to SCREENSHOT_DIR
// (default <repo>/target/browser-test).
//
//   node --test viewer.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..", "..");
const BASE_URL = (process.env.BASE_URL || "http://127.0.0.1:8080").replace(/\/$/, "");
const SHOTS = process.env.SCREENSHOT_DIR || join(repo, "target", "browser-test");
const EXAMPLE_TXT = join(repo, "examples", "harbour-ferry.txt");
const EXAMPLE_HTML = join(repo, "examples", "harbour-ferry.html");

let context;
let page;
let profile;
const foreignRequests = [];
const consoleErrors = [];

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), "copydesk-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1400, height: 1000 },
  });
  page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(15000);
  page.on("request", (r) => {
    if (!r.url().startsWith(BASE_URL) && !r.url().startsWith("data:")) foreignRequests.push(r.url());
  });
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
});

after(async () => {
  if (context) await context.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const texts = (selector) => page.locator(selector).allTextContents();

test("the page loads with nothing from outside the server", async () => {
  const resp = await page.goto(BASE_URL + "/");
  assert.equal(resp.status(), 200);
  assert.match(await page.title(), /copydesk/);
  await page.waitForLoadState("networkidle");
  assert.equal(await page.locator("#result").isVisible(), false, "no result before a run");
  assert.deepEqual(foreignRequests, []);
});

test("pasted article text: article, quotes with speakers, entities, removed lines with reasons", async () => {
  const text = readFileSync(EXAMPLE_TXT, "utf8");
  await page.locator("#source").click();
  // insertText goes through the browser's text input path, as a paste does.
  await page.keyboard.insertText(text);
  assert.equal(await page.locator("#source").inputValue(), text);
  await page.locator("#input-kind").selectOption("auto");
  await page.locator("#run").click();
  await page.locator("#result").waitFor({ state: "visible" });
  await page.waitForFunction(() => document.getElementById("title").textContent.length > 0);

  assert.equal(await page.locator("#title").textContent(), "Harbour ferry returns after storm repairs");
  const body = await page.locator("#body").textContent();
  assert.match(body, /forty metres of decking/);
  assert.doesNotMatch(body, /Loading\.\.\./);
  assert.doesNotMatch(body, /Get the Courier app/);

  const quotes = await texts("#body mark.quote");
  assert.ok(quotes.some((q) => q.includes("Twelve minutes on the water")), `quotes: ${quotes}`);
  const speakers = await texts("#body .speaker");
  assert.ok(speakers.includes("Tomas Reyes"), `speakers: ${speakers}`);
  assert.ok(speakers.includes("Priya Nair"), `speakers: ${speakers}`);

  const people = await texts('#entities .entity-group[data-kind="person"] .entity');
  assert.ok(people.some((p) => p.startsWith("Tomas Reyes")), `people: ${people}`);

  const related = await texts("#related li");
  assert.ok(related.some((r) => r.includes("Storm leaves North Quay pier unsafe")), `related: ${related}`);

  // The input side: every removed line is struck through and carries its reason.
  const struck = page.locator("#input-view li.removed, #input-view li.moved");
  assert.ok((await struck.count()) >= 3, "several lines left the body");
  const loading = page.locator("#input-view li", { hasText: "Loading..." });
  assert.match(await loading.getAttribute("class"), /removed|moved/);
  assert.ok((await loading.locator(".reason").textContent()).length > 0);
  const readMore = page.locator("#input-view li", { hasText: "READ MORE: Storm leaves" });
  assert.match(await readMore.getAttribute("class"), /removed|moved/);
  const decoration = await page
    .locator("#input-view li.removed .text")
    .first()
    .evaluate((e) => getComputedStyle(e).textDecorationLine);
  assert.equal(decoration, "line-through");
  const kept = page.locator("#input-view li.kept", { hasText: "forty metres of decking" });
  assert.equal(await kept.count(), 1);

  await page.screenshot({ path: join(SHOTS, "viewer-text.png"), fullPage: true });
});

test("dropped HTML file: byline, figure with credit, boilerplate struck with reasons", async () => {
  await page.locator("#file").setInputFiles(EXAMPLE_HTML);
  await page.waitForFunction(() => /Loaded harbour-ferry\.html|blocks kept/.test(document.getElementById("status").textContent));
  await page.waitForFunction(() => /blocks kept/.test(document.getElementById("status").textContent));
  assert.match(await page.locator("#byline").textContent(), /Maren Holt/);
  assert.match(await page.locator("#byline").textContent(), /11 March 2024/);
  const figures = await page.locator("#figures").textContent();
  assert.match(figures, /Workers fit new timber/);
  assert.match(figures, /Lena Brandt/);
  const cookie = page.locator("#input-view li", { hasText: "We use cookies" });
  assert.match(await cookie.getAttribute("class"), /removed|moved|outside/);
  const reasons = await texts("#input-view .reason");
  assert.ok(reasons.length >= 2, `reasons: ${reasons}`);
  const comment = page.locator("#input-view li", { hasText: "About time!" });
  assert.doesNotMatch(await comment.getAttribute("class"), /kept/);
  await page.screenshot({ path: join(SHOTS, "viewer-html.png"), fullPage: true });
});

test("an error from the API is shown, not thrown", async () => {
  await page.locator("#source").fill("   ");
  await page.locator("#run").click();
  await page.waitForFunction(() => document.getElementById("status").classList.contains("error"));
  assert.match(await page.locator("#status").textContent(), /422.*empty|Paste something/);
});

test("no console errors and no request left the server", async () => {
  assert.deepEqual(consoleErrors.filter((e) => !/422/.test(e)), []);
  assert.deepEqual(foreignRequests, []);
});
