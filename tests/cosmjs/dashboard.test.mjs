// The region dashboard in a real headless Chromium (Debian's chromium, driven by
// playwright-core): on a fresh demo region it shows the demo's listing at its price, the
// income tax rate and the treasury's revenue chart, is readable at a phone's width, shows
// the assembly's open proposal with its running tally, turnout against the quorum, yes share
// against the threshold and whether it would pass, then its result, and a member's proxy on
// both members' pages, shows the regional companies' books (a subsidy on its line) and those
// out of money, and answers unknown addresses, proposals, regions and pages with a clear
// message. Screenshots go to tests/cosmjs/output/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { useRegion, rest, root, assembly, get, tx, addr, propose, vote, stage, proposal, CLOSED } from "./localnet.mjs";

useRegion();
const out = join(root, "tests", "cosmjs", "output");
const page0 = `${rest}/dashboard/`;
let browser;

before(async () => {
  mkdirSync(out, { recursive: true });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
});
after(async () => { await browser?.close(); });

// at is how the dashboard shows a proposal's times: UTC, to the second.
const at = (t) => new Date(t).toISOString().replace("T", " ").slice(0, 19);
const text = async (locator) => (await locator.textContent()).trim();

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

// mirror is the proposal recording a region whose REST endpoint is this node's (a mirror, as
// another region's node would answer): open in the assembly test, passed in the next.
let mirror;

test("the assembly: an open proposal's running tally, turnout and threshold; a member's proxy", async () => {
  const [bob, carol] = [addr("bob"), addr("carol")];
  await tx("assembly", "give-proxy", bob, "--from", "carol");
  mirror = await propose([{ "@type": "/conductor.federation.v1.MsgSetRegion",
    region: { name: "mirror", chain_id: "region-mirror-1", channel_id: "channel-7", internal: true, endpoints: { rest } } }], { title: "Record the mirror region" });

  // in deliberation (10 s on the localnet) it is open, voting not yet
  const first = await open();
  const row0 = first.page.locator(`#open-proposals tr[data-proposal="${mirror}"]`);
  await row0.waitFor({ timeout: 20000 });
  assert.equal(await text(row0.locator(".title")), "Record the mirror region");
  assert.equal(await text(row0.locator(".kind")), "general");
  // (read after the page loaded: still in deliberation now, it was then)
  const p0 = (await proposal(mirror)).proposal;
  if (p0.status === "PROPOSAL_STATUS_DELIBERATION") {
    assert.equal(await text(row0.locator(".stage")), "deliberation");
    assert.equal(await text(row0.locator(".ends")), at(p0.deliberation_end), "voting opens then");
    assert.equal(await text(row0.locator(".yes")), "–", "no votes yet");
    assert.match(await text(row0.locator(".turnout")), /quorum 10%/, "the kind's quorum");
    assert.match(await text(row0.locator(".yes-share")), /more than 50%/, "the kind's threshold");
  } else console.log(`# proposal ${mirror} was ${p0.status} before the page was read: its deliberation not checked`);
  await first.page.close();

  // in voting, bob's vote counts bob and carol, whose proxy he holds
  const voting = await stage(mirror, "PROPOSAL_STATUS_VOTING");
  await vote(mirror, "bob", "yes");
  const { page, errors } = await open();
  const row = page.locator(`#open-proposals tr[data-proposal="${mirror}"]`);
  await row.waitFor({ timeout: 20000 });
  assert.equal(await text(row.locator(".stage")), "voting");
  assert.equal(await text(row.locator(".ends")), at(voting.proposal.voting_end));
  assert.deepEqual(await Promise.all(["yes", "no", "abstain"].map((c) => text(row.locator(`.${c}`)))), ["2", "0", "0"], "the tally counts members");
  assert.equal(await text(row.locator(".turnout .value")), "66.67%");
  assert.match(await text(row.locator(".turnout")), /2 of 3 · quorum 10%/);
  assert.equal(await text(row.locator(".yes-share .value")), "100%");
  assert.match(await text(row.locator(".yes-share")), /more than 50%/);
  assert.equal(await text(row.locator(".passing")), "yes");
  await page.screenshot({ path: join(out, "dashboard-assembly.png"), fullPage: true });

  // the proposal's page: the same tally
  await page.goto(`${page0}#/proposal/${mirror}`);
  await page.locator("#proposal-tally .yes").waitFor({ timeout: 10000 });
  assert.equal(await text(page.locator("#proposal-tally .yes")), "2");
  assert.equal(await text(page.locator("#proposal-stages .stage")), "voting");

  // carol's page: bob holds her vote, which counts by his; bob's: he holds carol's
  await page.goto(`${page0}#/address/${carol}`);
  const given = page.locator(`#proxy-given .proxy[data-holder="${bob}"]`);
  await given.waitFor({ timeout: 10000 });
  assert.match(await text(given), /every kind/);
  assert.equal(await given.locator("a").getAttribute("href"), `#/address/${bob}`);
  assert.match(await text(page.locator(`#votes-counted tr[data-proposal="${mirror}"]`)), /yes, by rsc1.*'s vote/);
  await page.screenshot({ path: join(out, "dashboard-member.png"), fullPage: true });
  await page.goto(`${page0}#/address/${bob}`);
  const held = page.locator(`#proxies-held .proxy[data-member="${carol}"]`);
  await held.waitFor({ timeout: 10000 });
  assert.match(await text(page.locator("#proxies-held")), /They hold the votes of 1 member:/);
  assert.match(await text(page.locator("#proxy-given")), /They vote themselves/);
  assert.match(await text(page.locator(`#votes-counted tr[data-proposal="${mirror}"]`)), /yes \(their vote, counting 2 members\)/);
  assert.deepEqual([...first.errors, ...errors], []);
});

test("another region of the directory: its listings and jobs beside this region's", async () => {
  assert.ok(mirror, "the assembly test's proposal");
  const closed = await stage(mirror, ...CLOSED);
  assert.equal(closed.proposal.status, "PROPOSAL_STATUS_PASSED", closed.proposal.result_log);
  const { regions } = await get("/conductor/federation/v1/regions");
  assert.equal(regions[0].name, "mirror");
  const { page, errors } = await open();
  const price = page.locator('table.listings[data-region="mirror"] tr', { hasText: "Rye bread" }).locator(".price");
  await price.waitFor({ timeout: 20000 });
  assert.equal((await price.textContent()).trim(), "5 RSC");
  await page.locator("#market", { hasText: "trade pact" }).waitFor();
  // the proposal is decided: its result, no longer open
  const decided = page.locator(`#closed-proposals tr[data-proposal="${mirror}"]`);
  await decided.waitFor({ timeout: 20000 });
  assert.equal(await text(decided.locator(".result")), "passed");
  assert.deepEqual(await Promise.all(["yes", "no", "abstain"].map((c) => text(decided.locator(`.${c}`)))), ["2", "0", "0"]);
  assert.equal(await page.locator(`#open-proposals tr[data-proposal="${mirror}"]`).count(), 0);
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
