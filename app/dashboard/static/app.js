// The region dashboard: a read-only view of what the chain shows publicly, from the node's
// own REST API (same origin). Preact + htm, no build step (vendor/).
import { html, render, useEffect, useState } from "./vendor/htm-preact-3.1.1.js";

// ---- data ---------------------------------------------------------------------------------

class NotFound extends Error {}

async function get(path, base = "") {
  const res = await fetch(base + path);
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    const E = res.status === 404 || res.status === 400 ? NotFound : Error;
    throw new E(body.message || `${path}: HTTP ${res.status}`);
  }
  return res.json();
}

// useData runs load once and gives [data, error].
function useData(load, key) {
  const [state, set] = useState({});
  useEffect(() => {
    let live = true;
    set({});
    load().then((data) => live && set({ data }), (error) => live && set({ error }));
    return () => { live = false; };
  }, [key]);
  return [state.data, state.error];
}

// ---- formatting ---------------------------------------------------------------------------

const RSC = 1_000_000n;
export function rsc(ursc) {
  if (ursc === undefined || ursc === null || ursc === "") return "–";
  const n = BigInt(ursc);
  const sign = n < 0n ? "-" : "";
  const a = n < 0n ? -n : n;
  const frac = (a % RSC).toString().padStart(6, "0").replace(/0+$/, "");
  return `${sign}${(a / RSC).toLocaleString("en")}${frac ? "." + frac : ""} RSC`;
}
const pct = (d) => `${(Number(d) * 100).toFixed(2).replace(/\.?0+$/, "")}%`;
// dur shows a duration the REST API gives in seconds ("604800s") in the largest whole unit.
const dur = (d) => {
  const s = Number(String(d).replace(/s$/, ""));
  const [n, unit] = [[86400, "day"], [3600, "hour"], [60, "minute"]].find(([u]) => s >= u && s % u === 0) || [1, "second"];
  return `${s / n} ${unit}${s / n === 1 ? "" : "s"}`;
};
const label = (e) => (e || "").replace(/^[A-Z]+_[A-Z]+_/, "").toLowerCase().replaceAll("_", " ");
const short = (a) => (a && a.length > 20 ? `${a.slice(0, 10)}…${a.slice(-6)}` : a);
const when = (t) => (t ? new Date(t).toISOString().replace("T", " ").slice(0, 16) : "–");

// ---- pieces -------------------------------------------------------------------------------

function Section({ title, children, id }) {
  return html`<section id=${id}><h2>${title}</h2>${children}</section>`;
}

// Load shows children(data) once loaded, a clear message if it failed.
function Load({ load, deps, children, empty }) {
  const [data, error] = useData(load, deps);
  if (error) return html`<p class="error">${error instanceof NotFound ? error.message : `Could not read the chain: ${error.message}`}</p>`;
  if (data === undefined) return html`<p class="muted">Loading…</p>`;
  if (empty && empty(data)) return html`<p class="muted">${typeof empty === "function" && empty.text ? empty.text : "Nothing yet."}</p>`;
  return children(data);
}
const none = (text, test) => Object.assign(test, { text });

const SOURCES = [
  ["income_tax", "income tax", "#1f6f5c"], ["internal_sales_tax", "internal sales tax", "#4c9a84"],
  ["external_sales_tax", "external sales tax", "#8cc5b3"], ["profit_at_rest_tax", "profit-at-rest tax", "#d08c2a"],
  ["bank_interest", "bank interest", "#5b6fb5"], ["non_member_services", "non-members' services", "#a25b8d"], ["fees", "transaction fees", "#7a7a7a"],
];

// RevenueChart draws the treasury's revenue per period, stacked by source.
function RevenueChart({ periods }) {
  const w = 640, h = 220, pad = 30;
  const totals = periods.map((p) => SOURCES.reduce((s, [k]) => s + Number(p.revenue?.[k] || 0), 0));
  const top = Math.max(1, ...totals);
  const bw = (w - pad) / Math.max(periods.length, 1);
  return html`<svg class="chart" id="revenue-chart" viewBox="0 0 ${w} ${h + 20}" role="img" aria-label="Treasury revenue per period by source">
    <line x1=${pad} y1=${h} x2=${w} y2=${h} stroke="#999" />
    ${periods.map((p, i) => {
      let y = h;
      return html`<g>${SOURCES.map(([k, , color]) => {
        const v = Number(p.revenue?.[k] || 0);
        const bh = (v / top) * (h - 10);
        y -= bh;
        return v > 0 ? html`<rect x=${pad + i * bw + 2} y=${y} width=${Math.max(bw - 4, 1)} height=${bh} fill=${color}><title>period ${p.number}: ${rsc(v)} ${k}</title></rect>` : null;
      })}<text x=${pad + i * bw + bw / 2} y=${h + 15} font-size="11" text-anchor="middle">${p.number}</text></g>`;
    })}
    <text x="0" y="12" font-size="11">${rsc(BigInt(Math.round(top)))}</text>
  </svg>
  <div class="legend">${SOURCES.map(([, name, color]) => html`<span><i style="background:${color}"></i>${name}</span>`)}</div>`;
}

function Params() {
  return html`<${Load} load=${() => get("/conductor/governanceparams/v1/params")}>${({ params: p }) => html`<table id="params">
    <tr><th>income tax</th><td class="num" id="income-tax-rate">${pct(p.income_tax_rate)}</td></tr>
    <tr><th>sales tax inside / outside the region</th><td class="num">${pct(p.internal_sales_tax_rate)} / ${pct(p.external_sales_tax_rate)}</td></tr>
    <tr><th>profit-at-rest tax</th><td class="num">${pct(p.profit_at_rest_tax_rate)} after ${dur(p.profit_at_rest_delay)}</td></tr>
    <tr><th>dividend share of revenue</th><td class="num">${pct(p.dividend_share)}</td></tr>
    <tr><th>pay period / dividend period</th><td class="num" id="pay-periods">${dur(p.pay_period)} / ${dur(p.dividend_period)}</td></tr>
    <tr><th>rent above cost: members / others</th><td class="num">${pct(p.member_rent_markup)} / ${pct(p.non_member_rent_markup)}</td></tr>
    <tr><th>a housing offer stays open</th><td class="num" id="offer-window">${dur(p.offer_window)}</td></tr>
  </table>`}<//>
  <h3>History</h3>
  <${Load} load=${() => get("/conductor/governanceparams/v1/changes?pagination.reverse=true&pagination.limit=10")} empty=${none("No change since genesis.", (d) => !d.changes?.length)}>${({ changes }) => html`<table>
    <tr><th>when</th><th>what changed</th><th>decision</th></tr>
    ${changes.map((c) => html`<tr><td>${when(c.time)}</td><td>${Object.keys(c.after || {}).filter((k) => JSON.stringify(c.after[k]) !== JSON.stringify(c.before?.[k])).map(label).join(", ") || "–"}</td><td>${c.proposal_id && c.proposal_id !== "0" ? html`<a href="#/proposal/${c.proposal_id}">proposal ${c.proposal_id}</a>` : "genesis"}</td></tr>`)}
  </table>`}<//>`;
}

function Proposals() {
  const load = async () => {
    const { assembly } = await get("/conductor/membership/v1/assembly");
    const { proposals } = await get(`/cosmos/group/v1/proposals_by_group_policy/${assembly.address}?pagination.reverse=true&pagination.limit=20`);
    return Promise.all(proposals.filter((p) => p.status === "PROPOSAL_STATUS_SUBMITTED").map(async (p) => ({ ...p, tally: (await get(`/cosmos/group/v1/proposals/${p.id}/tally`)).tally })));
  };
  return html`<${Load} load=${load} empty=${none("No proposal open for votes.", (d) => !d.length)}>${(open) => html`<table>
    <tr><th>proposal</th><th class="num">yes</th><th class="num">no</th><th class="num">abstain</th><th>voting ends</th></tr>
    ${open.map((p) => html`<tr><td><a href="#/proposal/${p.id}">${p.title || `#${p.id}`}</a></td><td class="num">${p.tally.yes_count}</td><td class="num">${p.tally.no_count}</td><td class="num">${p.tally.abstain_count}</td><td>${when(p.voting_period_end)}</td></tr>`)}
  </table>`}<//>`;
}

function Listings({ base = "", region }) {
  return html`<${Load} deps=${base} load=${() => get("/conductor/market/v1/listings", base)} empty=${none("No listing.", (d) => !d.listings?.length)}>${({ listings }) => html`<table class="listings" data-region=${region || "here"}>
    <tr><th>listing</th><th class="num">price</th><th class="num">stock</th></tr>
    ${listings.map((l) => html`<tr><td>${l.name} <span class="muted">per ${l.unit}${l.at_cost ? ", at cost" : ""}</span></td><td class="num price">${rsc(l.unit_price)}</td><td class="num">${l.unlimited ? "∞" : l.stock}</td></tr>`)}
  </table>`}<//>`;
}

function Jobs({ base = "" }) {
  return html`<${Load} deps=${base} load=${() => get("/conductor/payroll/v1/jobs", base)} empty=${none("No open job.", (d) => !d.jobs?.length)}>${({ jobs }) => html`<table>
    <tr><th>job</th><th class="num">hours/week</th><th class="num">wage/hour</th></tr>
    ${jobs.map((j) => html`<tr><td>${j.description} <span class="muted">at <a href="#/address/${j.company}">${short(j.company)}</a></span></td><td class="num">${j.hours_per_week}</td><td class="num">${rsc(j.wage)}</td></tr>`)}
  </table>`}<//>`;
}

function OtherRegions() {
  return html`<${Load} load=${() => get("/conductor/federation/v1/regions")} empty=${none("No other region in the directory.", (d) => !d.regions?.length)}>${({ regions }) => html`
    ${regions.map((r) => html`<h3><a href="#/region/${r.name}">${r.name}</a> <span class="muted">${r.internal ? "trade pact" : "external"}</span></h3>
      ${r.endpoints?.rest ? html`<${Listings} base=${r.endpoints.rest} region=${r.name} /><${Jobs} base=${r.endpoints.rest} />` : html`<p class="muted">No public endpoint recorded.</p>`}`)}`}<//>`;
}

function Demand() {
  const programs = async () => {
    const { programs } = await get("/conductor/education/v1/programs");
    return Promise.all((programs || []).map(async (p) => ({ ...p, waiting: (await get(`/conductor/education/v1/programs/${p.id}/waitlist`)).places?.length || 0 })));
  };
  return html`<h3>Housing</h3>
  <${Load} load=${() => get("/conductor/housing/v1/waitlist")} empty=${none("Nobody is waiting.", (d) => !d.demand?.length)}>${(w) => html`<table id="housing-demand">
    <tr><th>kind</th><th>where</th><th class="num">waiting</th><th>since</th></tr>
    ${w.demand.map((d) => html`<tr><td>${label(d.kind)}</td><td>${d.location || "anywhere"}</td><td class="num">${d.waiting}</td><td>${when(d.longest_since)}</td></tr>`)}
  </table>${w.over_threshold ? html`<p class="error">More are waiting (${w.total}) than the region's threshold (${w.threshold}): demand for new units.</p>` : null}`}<//>
  <h3>Schools</h3>
  <${Load} load=${programs} empty=${none("No program.", (d) => !d.length)}>${(ps) => html`<table>
    <tr><th>program</th><th class="num">places</th><th class="num">enrolled</th><th class="num">waiting</th></tr>
    ${ps.map((p) => html`<tr><td>${p.name}</td><td class="num">${p.capacity}</td><td class="num">${p.enrolled}</td><td class="num">${p.waiting}</td></tr>`)}
  </table>`}<//>`;
}

function Treasury() {
  return html`<${Load} load=${() => get("/conductor/dividend/v1/periods?pagination.reverse=true&pagination.limit=24")} empty=${none("No period yet.", (d) => !d.periods?.length)}>${({ periods }) => {
    const ps = [...periods].reverse();
    return html`<${RevenueChart} periods=${ps} />
    <table id="dividends"><tr><th>period</th><th>from</th><th class="num">revenue</th><th class="num">subsidies paid</th><th class="num">dividend per member</th><th class="num">members</th></tr>
      ${ps.map((p) => html`<tr><td>${p.number}</td><td>${when(p.start)}</td><td class="num">${rsc(p.total)}</td><td class="num subsidies">${rsc(p.spending?.subsidies || "0")}</td><td class="num">${p.per_member && p.per_member !== "0" ? rsc(p.per_member) : "open"}</td><td class="num">${p.members}</td></tr>`)}
    </table>
    <p class="muted">Subsidies are the assembly's funding of regional companies: spent from the region's share, never from the dividend's.</p>`;
  }}<//>`;
}

// Underfunded lists the regional companies out of money (wage claims open, or no ursc
// left): a public fact, not a silent stall.
function Underfunded() {
  return html`<${Load} load=${() => get("/conductor/dividend/v1/underfunded")}>${({ companies }) => companies?.length
    ? html`<div class="warning" id="underfunded"><strong>Out of money:</strong><ul>${companies.map((c) => html`<li><a href="#/address/${c.company}">${c.name || short(c.company)}</a>: ${[
      c.owes_wages ? "owes its workers wages" : null, c.balance === "0" ? "holds nothing" : `holds ${rsc(c.balance)}`,
      c.deficit && c.deficit !== "0" ? `costs ${rsc(c.deficit)} above its revenue` : null].filter(Boolean).join(", ")}</li>`)}</ul>
      <span class="muted">The assembly can fund it from the treasury (tx dividend subsidize).</span></div>`
    : html`<p class="muted" id="underfunded">No regional company is out of money.</p>`}<//>`;
}

function RegionalBooks() {
  const load = async () => {
    const { agents } = await get("/conductor/membership/v1/agents?kind=AGENT_KIND_REGIONAL_COMPANY");
    return Promise.all((agents || []).map(async (a) => ({ ...a, ...(await get(`/conductor/market/v1/books/${a.address}`)) })));
  };
  return html`<${Underfunded} /><${Load} load=${load} empty=${none("No regional company.", (d) => !d.length)}>${(cs) => html`<table id="regional-books">
    <tr><th>company</th><th class="num">sales</th><th class="num">tuition less refunds</th><th class="num">subsidies</th><th class="num">wages</th><th class="num">inputs</th><th class="num">deficit</th><th class="num">balance</th><th class="num">at-cost price</th></tr>
    ${cs.map((c) => html`<tr data-company=${c.name}><td><a href="#/address/${c.address}">${c.name}</a></td><td class="num">${rsc(c.books.revenue)}</td><td class="num">${rsc((BigInt(c.books.tuition || 0) - BigInt(c.books.refunds || 0)).toString())}</td><td class="num subsidies">${rsc(c.books.subsidies || "0")}</td><td class="num">${rsc(c.books.wage_costs)}</td><td class="num">${rsc(c.books.input_costs)}</td><td class="num">${c.deficit && c.deficit !== "0" ? rsc(c.deficit) : "–"}</td><td class="num">${rsc(c.balance)}</td><td class="num">${c.at_cost_price && c.at_cost_price !== "0" ? rsc(c.at_cost_price) : "–"}</td></tr>`)}
  </table>
  <p class="muted">Tuition is what students pay a school, subsidies what the treasury pays by the assembly's decision: who pays what.</p>`}<//>`;
}

function Lookup() {
  const [addr, setAddr] = useState("");
  return html`<form onSubmit=${(e) => { e.preventDefault(); location.hash = `#/address/${addr.trim()}`; }}>
    <input id="lookup" placeholder="rsc1… an address" value=${addr} onInput=${(e) => setAddr(e.target.value)} />
    <button>Show</button></form>`;
}

function Home() {
  return html`<div class="grid">
    <${Section} title="Regional parameters" id="parameters"><${Params} /><//>
    <${Section} title="Open proposals of the assembly" id="proposals"><${Proposals} /><//>
    <${Section} title="Market" id="market"><${Listings} /><h3>Other regions' listings and jobs</h3><${OtherRegions} /><//>
    <${Section} title="Jobs" id="jobs"><${Jobs} /><//>
    <${Section} title="Demand: wait-lists" id="demand"><${Demand} /><//>
    <${Section} title="Treasury revenue and the social dividend" id="treasury"><${Treasury} /><//>
    <${Section} title="Regional companies' books" id="books"><${RegionalBooks} /><//>
    <${Section} title="Any address" id="lookup-section"><${Lookup} /><//>
  </div>`;
}

// ---- other pages --------------------------------------------------------------------------

// isAddress checks an address of this region: prefix rsc, bech32 characters and checksum.
const CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
export function isAddress(a) {
  if (!/^rsc1[02-9ac-hj-np-z]{38,58}$/.test(a)) return false;
  const data = [...a.slice(4)].map((c) => CHARSET.indexOf(c));
  const values = [..."rsc"].map((c) => c.charCodeAt(0) >> 5).concat([0], [..."rsc"].map((c) => c.charCodeAt(0) & 31), data);
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= gen[i];
  }
  return chk === 1;
}

function Address({ addr }) {
  if (!isAddress(addr)) return html`<p class="error" id="not-found">“${addr}” is not an address of this region (they start with rsc1 and end in a checksum).</p>`;
  const load = async () => {
    const agent = await get(`/conductor/membership/v1/agents/${addr}`).then((r) => r.agent, () => null);
    const { balances } = await get(`/cosmos/bank/v1beta1/balances/${addr}`);
    const { events } = await get(`/conductor/valueflows/v1/events?agent=${addr}&pagination.reverse=true&pagination.limit=20`);
    return { agent, balances, events };
  };
  return html`<${Section} title=${`Address ${short(addr)}`} id="address"><${Load} deps=${addr} load=${load}>${({ agent, balances, events }) => html`
    <p>${agent ? html`<strong>${agent.name || label(agent.kind)}</strong> · ${label(agent.kind)}` : html`<span id="not-found">The region has not registered this address: nothing but its balance is public.</span>`}</p>
    <p>Balance: ${balances.length ? balances.map((b) => (b.denom === "ursc" ? rsc(b.amount) : `${b.amount} ${b.denom}`)).join(", ") : "nothing"}</p>
    <h3>Value flows</h3>
    ${events?.length ? html`<table><tr><th>when</th><th>what</th><th>with</th><th class="num">value</th></tr>
      ${events.map((e) => html`<tr><td>${when(e.time)}</td><td>${label(e.action)} ${e.quantity ? Number(e.quantity) : ""} ${e.unit} <span class="muted">${e.link}</span></td><td>${short(e.provider === addr ? e.receiver : e.provider)}</td><td class="num">${rsc(BigInt(Math.round(Number(e.value || 0))))}</td></tr>`)}</table>` : html`<p class="muted">No recorded flow.</p>`}`}<//><//>`;
}

function Proposal({ id }) {
  if (!/^\d+$/.test(id)) return html`<p class="error" id="not-found">“${id}” is not a proposal number.</p>`;
  const load = async () => {
    const { proposal } = await get(`/cosmos/group/v1/proposal/${id}`).catch(() => { throw new NotFound(`No proposal ${id} in the region.`); });
    const tally = await get(`/cosmos/group/v1/proposals/${id}/tally`).then((r) => r.tally, () => proposal.final_tally_result);
    return { proposal, tally };
  };
  return html`<${Section} title=${`Proposal ${id}`} id="proposal"><${Load} deps=${id} load=${load}>${({ proposal: p, tally }) => html`
    <p><strong>${p.title}</strong> ${p.summary}</p><p>${label(p.status)} · ${label(p.executor_result)}</p>
    <table><tr><th>yes</th><th>no</th><th>abstain</th><th>veto</th></tr><tr><td>${tally.yes_count}</td><td>${tally.no_count}</td><td>${tally.abstain_count}</td><td>${tally.no_with_veto_count}</td></tr></table>
    <pre>${JSON.stringify(p.messages, null, 1)}</pre>`}<//><//>`;
}

function Region({ name }) {
  const load = () => get(`/conductor/federation/v1/regions/${encodeURIComponent(name)}`).catch((e) => {
    throw e instanceof NotFound || /unknown region/.test(e.message) ? new NotFound(`No region named “${name}” in the region directory.`) : e;
  });
  return html`<${Section} title=${`Region ${name}`} id="region"><${Load} deps=${name} load=${load}>${({ region: r }) => html`
    <p>${r.chain_id} on ${r.channel_id} · ${r.internal ? "trade pact (internal sales tax)" : "external"}</p>
    ${r.endpoints?.rest ? html`<h3>Listings</h3><${Listings} base=${r.endpoints.rest} region=${r.name} /><h3>Jobs</h3><${Jobs} base=${r.endpoints.rest} />` : html`<p class="muted">No public endpoint recorded.</p>`}`}<//><//>`;
}

function route(hash) {
  const [, page, arg] = (hash.replace(/^#/, "") || "/").split("/");
  switch (page) {
    case "": return html`<${Home} />`;
    case "address": return html`<${Address} addr=${decodeURIComponent(arg || "")} />`;
    case "proposal": return html`<${Proposal} id=${arg || ""} />`;
    case "region": return html`<${Region} name=${decodeURIComponent(arg || "")} />`;
    default: return html`<p class="error" id="not-found">No page “${hash}”. <a href="#/">The region</a></p>`;
  }
}

function App() {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => { const on = () => setHash(location.hash); addEventListener("hashchange", on); return () => removeEventListener("hashchange", on); }, []);
  const [info] = useData(() => get("/cosmos/base/tendermint/v1beta1/blocks/latest"), "head");
  return html`<header><h1><a href="#/">${info ? info.block.header.chain_id : "Region"}</a></h1>
    <span class="muted">${info ? `block ${info.block.header.height} · ${when(info.block.header.time)}` : ""}</span></header>
    ${route(hash)}`;
}

const main = document.getElementById("app");
main.textContent = ""; // the "Loading" placeholder
render(html`<${App} />`, main);
