// The region dashboard in a real headless Chromium (Debian's chromium, driven by
// playwright-core): on a fresh demo region it shows the demo's listing at its price, the
// income tax rate and the treasury's revenue chart, is readable at a phone's width, shows
// the regional companies' books (a subsidy on its line) and those out of money, and
// answers unknown addresses, proposals, regions and pages with a clear message. Screenshots
// go to tests/cosmjs/output/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { useRegion, rest, root, assembly, get } from "./localnet.mjs";

useRegion();
const out = join(root, "tests", "cosmjs", "output");
const page0 = `${rest}/dashboard/`;
let browser;

before(async () => {
  mkdirSync(out, { recursive: true });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
});
after(async () => { await browser?.close(); });

async function open(hash = "", viewport = { width: 1280, height: 1000 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(page0 + hash);
  return { page, errors };
}

test("the region's page shows the listing's price, the income tax and the revenue chart", async () => {
  const { page, errors } = await open();
  const price = page.locator('table.listings[data-region="here"] tr', { hasText: "Rye bread" }).locator(".price");
  await price.waitFor({ timeout: 20000 });
  assert.equal((await price.textContent()).trim(), "5 RSC");
  assert.equal((await page.locator("#income-tax-rate").textContent()).trim(), "20%");
  assert.equal((await page.locator("#pay-periods").textContent()).trim(), "1 minute / 5 minutes", "the localnet's periods");
  assert.equal((await page.locator("#offer-window").textContent()).trim(), "7 days");
  await page.locator("#revenue-chart rect").first().waitFor({ timeout: 20000 });
  assert.ok((await page.locator("#revenue-chart rect").count()) >= 1, "a bar for the sales tax the demo's purchase paid");
  await page.locator("#jobs", { hasText: "bread, early shifts" }).waitFor();
  await page.locator("#housing-demand tr", { hasText: "apartment" }).waitFor();
  // panels load independently: wait for the last one (a slow node answers in a few seconds)
  await page.waitForFunction(() => !document.body.innerText.includes("Loading"), null, { timeout: 20000 }).catch(() => {});
  assert.equal(await page.getByText("Loading").count(), 0, "everything loaded");
  assert.equal(await page.locator(".error").count(), 0, await page.locator(".error").allTextContents().then((t) => t.join("; ")));
  await page.screenshot({ path: join(out, "dashboard.png"), fullPage: true });
  assert.deepEqual(errors, []);
});

test("on a phone, nothing is wider than the screen", async () => {
  const { page, errors } = await open("", { width: 390, height: 844 });
  await page.locator("#income-tax-rate").waitFor();
  await page.locator('table.listings[data-region="here"]').waitFor();
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= width, `page ${scroll}px wide on a ${width}px screen`);
  await page.screenshot({ path: join(out, "dashboard-phone.png"), fullPage: true });
  assert.deepEqual(errors, []);
});

test("an address shows what the chain shows publicly", async () => {
  const { page } = await open();
  const listing = await (await fetch(`${rest}/conductor/market/v1/listings`)).json();
  const seller = listing.listings[0].seller;
  await page.fill("#lookup", seller);
  await page.click("button");
  await page.locator("#address", { hasText: "Bakery Co-op" }).waitFor({ timeout: 10000 });
  await page.locator("#address", { hasText: "market/order/" }).waitFor();
});

test("another region of the directory: its listings and jobs beside this region's", async () => {
  // the assembly records a region whose REST endpoint is this node's (a mirror, as another
  // region's node would answer)
  await assembly({ "@type": "/conductor.federation.v1.MsgSetRegion",
    region: { name: "mirror", chain_id: "region-mirror-1", channel_id: "channel-7", internal: true, endpoints: { rest } } });
  const { regions } = await get("/conductor/federation/v1/regions");
  assert.equal(regions[0].name, "mirror");
  const { page, errors } = await open();
  const price = page.locator('table.listings[data-region="mirror"] tr', { hasText: "Rye bread" }).locator(".price");
  await price.waitFor({ timeout: 20000 });
  assert.equal((await price.textContent()).trim(), "5 RSC");
  await page.locator("#market", { hasText: "trade pact" }).waitFor();
  await page.goto(`${page0}#/region/mirror`);
  await page.locator("#region", { hasText: "bread, early shifts" }).waitFor({ timeout: 10000 });
  assert.deepEqual(errors, []);
});

test("regional companies' books: who pays what, and who ran out of money", async () => {
  const { agents } = await get("/conductor/membership/v1/agents?kind=AGENT_KIND_REGIONAL_COMPANY");
  const agency = agents.find((a) => a.name === "Housing Agency");
  // a regional company out of money is listed (public, not a silent stall) or, holding
  // money, is not
  const before = await get("/conductor/dividend/v1/underfunded");
  const { page, errors } = await open();
  await page.locator("#underfunded").waitFor({ timeout: 20000 });
  const listed = before.companies?.some((c) => c.company === agency.address);
  assert.equal(await page.locator("#underfunded", { hasText: "Housing Agency" }).count(), listed ? 1 : 0);
  await page.close();
  // the assembly subsidizes the agency: its books show the subsidy, the treasury's period the spending
  await assembly({ "@type": "/conductor.dividend.v1.MsgSubsidize", company: agency.address, amount: "2500000", reason: "the agency's deficit" });
  const books = await get(`/conductor/market/v1/books/${agency.address}`);
  assert.equal(books.books.subsidies, "2500000");
  assert.equal(books.regional, true);
  const after = await open();
  const row = after.page.locator('#regional-books tr[data-company="Housing Agency"] .subsidies');
  await row.waitFor({ timeout: 20000 });
  assert.equal((await row.textContent()).trim(), "2.5 RSC");
  await after.page.locator("#dividends .subsidies", { hasText: "2.5 RSC" }).first().waitFor({ timeout: 20000 });
  const later = await get("/conductor/dividend/v1/underfunded");
  const still = later.companies?.some((c) => c.company === agency.address && c.owes_wages);
  assert.equal(await after.page.locator("#underfunded", { hasText: "Housing Agency" }).count(), still ? 1 : 0, "it holds money now");
  assert.deepEqual([...errors, ...after.errors], []);
});

test("unknown addresses, proposals, regions and pages get a clear message", async () => {
  const cases = {
    "#/address/rsc1notanaddress": "is not an address of this region",
    "#/address/rsc1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq9zzzz": "is not an address of this region",
    "#/proposal/999999": "No proposal 999999 in the region",
    "#/proposal/abc": "is not a proposal number",
    "#/region/atlantis": "No region named “atlantis”",
    "#/nowhere": "No page",
  };
  for (const [hash, text] of Object.entries(cases)) {
    const { page, errors } = await open(hash);
    const msg = page.locator(".error, #not-found").first();
    await msg.waitFor({ timeout: 10000 });
    assert.match(await msg.textContent(), new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")), hash);
    assert.deepEqual(errors, [], hash);
    await page.close();
  }
});
