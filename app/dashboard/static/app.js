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

// ---- the assembly (x/assembly): one member, one vote ---------------------------------------

const OPEN = ["PROPOSAL_STATUS_DELIBERATION", "PROPOSAL_STATUS_VOTING"];
const CLOSED = ["PROPOSAL_STATUS_PASSED", "PROPOSAL_STATUS_REJECTED", "PROPOSAL_STATUS_FAILED"];
// at shows a time to the second (a proposal's stages last seconds on a test region); "–" for
// a stage not reached (the zero time).
const at = (t) => (t && !t.startsWith("0001-") ? new Date(t).toISOString().replace("T", " ").slice(0, 19) : "–");
const counted = (t) => Number(t?.yes || 0) + Number(t?.no || 0) + Number(t?.abstain || 0);
const kindOf = (k) => (k === "PROPOSAL_KIND_UNSPECIFIED" ? "every kind" : label(k));

// rules reads the assembly's rule for each kind (x/governanceparams): the quorum and threshold
// a proposal in deliberation will be decided by (those in force when its voting opens).
async function rules() {
  const { params } = await get("/conductor/governanceparams/v1/params");
  return Object.fromEntries((params.assembly?.kinds || []).map((r) => [r.kind, r]));
}

// withOutcome gives an open proposal its rule and, in voting, the chain's turnout, yes share
// and whether it would pass now.
async function withOutcome(p, rule) {
  if (p.status !== "PROPOSAL_STATUS_VOTING") return { proposal: p, quorum: rule?.quorum, threshold: rule?.threshold };
  const r = await get(`/conductor/assembly/v1/proposals/${p.id}`);
  return { ...r, quorum: r.proposal.quorum, threshold: r.proposal.threshold };
}

// Bar draws a share (0..1) with a mark at the share it must reach.
function Bar({ value, mark, title }) {
  const v = Math.min(1, Math.max(0, Number(value) || 0)), m = Math.min(1, Math.max(0, Number(mark) || 0));
  return html`<svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label=${title}><title>${title}</title>
    <rect width="100" height="8" fill="#e4ebec" /><rect width=${v * 100} height="8" fill=${v >= m ? "#1f6f5c" : "#d08c2a"} />
    <line x1=${m * 100} x2=${m * 100} y1="0" y2="8" stroke="#1d2a2f" stroke-width="1.5" /></svg>`;
}

// Turnout: members counted over members eligible, against the quorum.
function Turnout({ o }) {
  const p = o.proposal;
  if (p.status === "PROPOSAL_STATUS_DELIBERATION") return html`<td class="num turnout" data-label="turnout">– <span class="muted">quorum ${o.quorum ? pct(o.quorum) : "–"}</span></td>`;
  const turnout = o.turnout ?? (Number(p.eligible) ? counted(p.tally) / Number(p.eligible) : 0);
  return html`<td class="num turnout" data-label="turnout"><span class="value">${pct(turnout)}</span> <span class="muted">${counted(p.tally)} of ${p.eligible} · quorum ${pct(o.quorum)}</span>
    <${Bar} value=${turnout} mark=${o.quorum} title=${`turnout ${pct(turnout)}, quorum ${pct(o.quorum)}`} /></td>`;
}

// YesShare: yes over yes + no (abstain counts for the quorum only), against the threshold.
function YesShare({ o }) {
  const p = o.proposal;
  if (p.status === "PROPOSAL_STATUS_DELIBERATION") return html`<td class="num yes-share" data-label="yes share">– <span class="muted">more than ${o.threshold ? pct(o.threshold) : "–"}</span></td>`;
  const cast = Number(p.tally?.yes || 0) + Number(p.tally?.no || 0);
  const share = o.yes_share ?? (cast ? Number(p.tally.yes) / cast : 0);
  return html`<td class="num yes-share" data-label="yes share"><span class="value">${cast ? pct(share) : "–"}</span> <span class="muted">more than ${pct(o.threshold)}</span>
    <${Bar} value=${share} mark=${o.threshold} title=${`yes ${pct(share)} of yes and no, threshold more than ${pct(o.threshold)}`} /></td>`;
}

const TallyCells = ({ t }) => html`<td class="num yes" data-label="yes">${t?.yes ?? 0}</td><td class="num no" data-label="no">${t?.no ?? 0}</td><td class="num abstain" data-label="abstain">${t?.abstain ?? 0}</td>`;
const NoTally = () => html`<td class="num yes" data-label="yes">–</td><td class="num no" data-label="no">–</td><td class="num abstain" data-label="abstain">–</td>`;

function OpenProposals({ open }) {
  if (!open.length) return html`<p class="muted" id="open-proposals">No proposal is open.</p>`;
  return html`<table id="open-proposals" class="cards">
    <tr><th>proposal</th><th>stage</th><th>ends</th><th class="num">yes</th><th class="num">no</th><th class="num">abstain</th><th class="num">turnout</th><th class="num">yes share</th><th>would pass now</th></tr>
    ${open.map((o) => {
      const p = o.proposal, voting = p.status === "PROPOSAL_STATUS_VOTING";
      return html`<tr data-proposal=${p.id} data-stage=${label(p.status)}>
        <td><a class="title" href="#/proposal/${p.id}">${p.title || `#${p.id}`}</a> <span class="muted kind">${label(p.kind)}</span></td>
        <td class="stage" data-label="stage">${label(p.status)}</td><td class="ends" data-label="ends">${at(voting ? p.voting_end : p.deliberation_end)}</td>
        ${voting ? html`<${TallyCells} t=${p.tally} />` : html`<${NoTally} />`}
        <${Turnout} o=${o} /><${YesShare} o=${o} />
        <td class="passing" data-label="would pass now">${voting ? (o.passing ? html`<span class="pass">yes</span>` : html`<span class="fail">no</span>`) : html`<span class="muted">voting opens then</span>`}</td></tr>`;
    })}
  </table>`;
}

function ClosedProposals({ closed }) {
  if (!closed.length) return html`<p class="muted" id="closed-proposals">No proposal decided yet.</p>`;
  return html`<table id="closed-proposals" class="cards">
    <tr><th>proposal</th><th>result</th><th>voting closed</th><th class="num">yes</th><th class="num">no</th><th class="num">abstain</th><th class="num">turnout</th></tr>
    ${closed.map((p) => html`<tr data-proposal=${p.id}>
      <td><a class="title" href="#/proposal/${p.id}">${p.title || `#${p.id}`}</a> <span class="muted kind">${label(p.kind)}</span></td>
      <td class="result" data-label="result"><span class=${p.status === "PROPOSAL_STATUS_PASSED" ? "pass" : "fail"}>${label(p.status)}</span>${p.result_log ? html` <span class="muted">${p.result_log}</span>` : null}</td>
      <td data-label="voting closed">${at(p.voting_end)}</td><${TallyCells} t=${p.tally} />
      <td class="num" data-label="turnout">${Number(p.eligible) ? pct(counted(p.tally) / Number(p.eligible)) : "–"} <span class="muted">of ${p.eligible}</span></td></tr>`)}
  </table>`;
}

function Assembly() {
  const load = async () => {
    const list = (status, limit) => get(`/conductor/assembly/v1/proposals?status=${status}&pagination.limit=${limit}`).then((r) => r.proposals || []);
    const [rule, ...lists] = await Promise.all([rules(), ...OPEN.map((s) => list(s, 100)), ...CLOSED.map((s) => list(s, 10))]);
    const byId = (a, b) => Number(b.id) - Number(a.id);
    const open = await Promise.all(lists.slice(0, OPEN.length).flat().sort(byId).map((p) => withOutcome(p, rule[p.kind])));
    return { open, closed: lists.slice(OPEN.length).flat().sort(byId).slice(0, 10), rule };
  };
  return html`<${Load} load=${load}>${({ open, closed, rule }) => html`
    <h3>Open proposals</h3><${OpenProposals} open=${open} />
    <h3>Decided</h3><${ClosedProposals} closed=${closed} />
    <details><summary>The rules by kind</summary><table id="assembly-rules">
      <tr><th>kind</th><th class="num">deliberation</th><th class="num">voting</th><th class="num">quorum</th><th class="num">yes more than</th></tr>
      ${Object.values(rule).map((r) => html`<tr><td>${label(r.kind)}</td><td class="num">${dur(r.deliberation_period)}</td><td class="num">${dur(r.voting_period)}</td><td class="num">${pct(r.quorum)}</td><td class="num">${pct(r.threshold)}</td></tr>`)}
    </table></details>
    <p class="muted">One member, one vote: the tally counts members, each once, who voted in person or by proxy. Turnout is over the members when voting opened; abstentions count for the quorum only.</p>`}<//>`;
}

// MemberAssembly shows a member's part in the assembly: who holds their vote, whose votes they
// hold, and how their vote counts on the proposals in voting.
function MemberAssembly({ addr }) {
  const load = async () => {
    const [given, held, voting] = await Promise.all([
      get(`/conductor/assembly/v1/proxies/${addr}`).then((r) => r.proxies || []),
      get(`/conductor/assembly/v1/proxies_held/${addr}`).then((r) => r.proxies || []),
      get("/conductor/assembly/v1/proposals?status=PROPOSAL_STATUS_VOTING&pagination.limit=20").then((r) => r.proposals || []),
    ]);
    const votes = await Promise.all(voting.map(async (p) => ({ p, v: await get(`/conductor/assembly/v1/proposals/${p.id}/votes/${addr}`) })));
    return { given, held, votes };
  };
  const who = (a) => html`<a href="#/address/${a}">${short(a)}</a>`;
  return html`<h3>In the assembly</h3><${Load} deps=${addr} load=${load}>${({ given, held, votes }) => html`
    <p id="proxy-given">${given.length
      ? html`Their vote is held by ${given.map((x, i) => html`${i ? ", " : ""}<span class="proxy" data-holder=${x.holder}>${who(x.holder)} (${kindOf(x.kind)})</span>`)}; they may still vote themselves.`
      : "They vote themselves: they gave no proxy."}</p>
    <p id="proxies-held">${held.length
      ? html`They hold the votes of ${held.length} member${held.length === 1 ? "" : "s"}: ${held.map((x, i) => html`${i ? ", " : ""}<span class="proxy" data-member=${x.member}>${who(x.member)} (${kindOf(x.kind)})</span>`)}.`
      : "They hold no other member's vote."}</p>
    ${votes.length ? html`<table id="votes-counted"><tr><th>proposal in voting</th><th>their vote counts</th></tr>
      ${votes.map(({ p, v }) => html`<tr data-proposal=${p.id}><td><a href="#/proposal/${p.id}">${p.title || `#${p.id}`}</a></td><td>${v.counted_by
        ? html`${label(v.counted_as)}${v.counted_by === addr ? (v.vote && Number(v.vote.weight) > 1 ? ` (their vote, counting ${v.vote.weight} members)` : " (their vote)") : html`, by ${who(v.counted_by)}'s vote`}`
        : html`<span class="muted">not yet${v.proxy ? html` (${who(v.proxy)} holds their vote)` : ""}</span>`}</td></tr>`)}</table>` : null}`}<//>`;
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
    <${Section} title="The assembly" id="proposals"><${Assembly} /><//>
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
    const { events, statements } = await get(`/conductor/valueflows/v1/events?agent=${addr}&pagination.reverse=true&pagination.limit=20`);
    return { agent, balances, events, statements };
  };
  return html`<${Section} title=${`Address ${short(addr)}`} id="address"><${Load} deps=${addr} load=${load}>${({ agent, balances, events, statements }) => html`
    <p>${agent ? html`<strong>${agent.name || label(agent.kind)}</strong> · ${agent.kind === "AGENT_KIND_PERSON" ? (agent.member ? "a member of the region" : "not a member of the region") : label(agent.kind)}` : html`<span id="not-found">The region has not registered this address: nothing but its balance is public.</span>`}</p>
    <p>Balance: ${balances.length ? balances.map((b) => (b.denom === "ursc" ? rsc(b.amount) : `${b.amount} ${b.denom}`)).join(", ") : "nothing"}</p>
    ${agent?.kind === "AGENT_KIND_PERSON" ? (agent.member ? html`<${MemberAssembly} addr=${addr} />` : html`<p class="muted">Not a member: no vote in the assembly.</p>`) : null}
    <h3>Value flows</h3>
    ${events?.length ? html`<table><tr><th>when</th><th>what</th><th>with</th><th class="num">value</th></tr>
      ${events.map((e) => html`<tr><td>${when(e.time)}</td><td>${label(e.action)} ${e.quantity ? Number(e.quantity) : ""} ${e.unit} <span class="muted">${e.link}</span></td><td>${short(e.provider === addr ? e.receiver : e.provider)}</td><td class="num">${rsc(BigInt(Math.round(Number(e.value || 0))))}</td></tr>`)}</table>` : html`<p class="muted">No recorded flow.</p>`}
    ${statements?.length ? html`<h3>Earlier months</h3><p class="muted">Flows older than the retention window, folded into monthly statements (the explorer keeps each one).</p>
      <table id="statements"><tr><th>month</th><th>what</th><th class="num">flows</th><th class="num">quantity</th><th class="num">value</th></tr>
      ${statements.flatMap((st) => (st.lines || []).map((l) => html`<tr><td>${String(st.month).slice(0, 4)}-${String(st.month).slice(4)}</td><td>${label(l.action)} ${l.provided ? "given" : "received"}</td><td class="num">${l.events}</td><td class="num">${Number(l.quantity)} ${l.unit}</td><td class="num">${rsc(BigInt(Math.round(Number(l.value || 0))))}</td></tr>`))}</table>` : null}`}<//><//>`;
}

function Proposal({ id }) {
  if (!/^\d+$/.test(id)) return html`<p class="error" id="not-found">“${id}” is not a proposal number.</p>`;
  const load = async () => {
    const r = await get(`/conductor/assembly/v1/proposals/${id}`).catch((e) => {
      throw e instanceof NotFound || /unknown proposal/.test(e.message) ? new NotFound(`No proposal ${id} in the region.`) : e;
    });
    return r.proposal.status === "PROPOSAL_STATUS_DELIBERATION" ? withOutcome(r.proposal, (await rules())[r.proposal.kind]) : { ...r, quorum: r.proposal.quorum, threshold: r.proposal.threshold };
  };
  return html`<${Section} title=${`Proposal ${id}`} id="proposal"><${Load} deps=${id} load=${load}>${(o) => {
    const p = o.proposal, closed = CLOSED.includes(p.status);
    return html`
    <p><strong>${p.title}</strong> ${p.summary}</p>
    <p>${label(p.kind)} proposal by <a href="#/address/${p.proposer}">${short(p.proposer)}</a>${p.metadata ? html` · <a href=${p.metadata} rel="noopener">deliberation</a>` : null}</p>
    <table id="proposal-stages"><tr><th>submitted</th><th>voting opens</th><th>voting ends</th><th>stage</th></tr>
      <tr><td>${at(p.submit_time)}</td><td>${at(p.deliberation_end)}</td><td>${at(p.voting_end)}</td><td class="stage"><span class=${closed ? (p.status === "PROPOSAL_STATUS_PASSED" ? "pass" : "fail") : ""}>${label(p.status)}</span></td></tr></table>
    ${p.result_log ? html`<p class="error">Its messages failed, nothing was applied: ${p.result_log}</p>` : null}
    <table id="proposal-tally"><tr><th class="num">yes</th><th class="num">no</th><th class="num">abstain</th><th class="num">turnout</th><th class="num">yes share</th><th>${closed ? "result" : "would pass now"}</th></tr>
      <tr>${p.status === "PROPOSAL_STATUS_DELIBERATION" ? html`<${NoTally} />` : html`<${TallyCells} t=${p.tally} />`}<${Turnout} o=${o} /><${YesShare} o=${o} />
      <td class="passing">${closed ? label(p.status) : p.status === "PROPOSAL_STATUS_VOTING" ? (o.passing ? html`<span class="pass">yes</span>` : html`<span class="fail">no</span>`) : html`<span class="muted">voting opens ${at(p.deliberation_end)}</span>`}</td></tr></table>
    <pre>${JSON.stringify(p.messages, null, 1)}</pre>`;
  }}<//><//>`;
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
