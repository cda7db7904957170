// Starts a fresh demo region (scripts/localnet.sh in a temporary home, with its demo
// activity) for a test file, and stops it.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const bin = join(root, "build", "conductord");
export const rpc = "http://127.0.0.1:26657";
export const rest = "http://127.0.0.1:1317";
export const region = { home: "" };

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// cli runs conductord against the region's keyring (answering yes to any question).
export const cli = (...args) =>
  execFileSync(bin, [...args, "--keyring-backend", "test", "--home", region.home], { input: "y\n", encoding: "utf8" }).trim();

const node = ["--node", "tcp://127.0.0.1:26657", "--chain-id", "region-local-1"];

// query runs a CLI query of the region and returns its JSON (its error output goes into the
// error it throws, not to the test's output).
export const query = (...args) =>
  JSON.parse(execFileSync(bin, ["query", ...args, "--node", "tcp://127.0.0.1:26657", "-o", "json"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));

// tx runs a transaction with the CLI and waits until a block includes it; it fails the test
// unless it succeeded.
export async function tx(...args) {
  const { txhash } = JSON.parse(cli("tx", ...args, ...node, "-y", "-o", "json"));
  for (let i = 0; i < 40; i++) {
    try {
      const res = query("tx", txhash);
      assert.equal(res.code, 0, res.raw_log);
      return res;
    } catch (e) {
      if (e instanceof assert.AssertionError) throw e;
      await sleep(500);
    }
  }
  throw new Error(`tx ${args.join(" ")} was not included`);
}

// addr is the address of a key of the region (alice, bob, carol, dave, node).
export const addr = (name) => cli("keys", "show", name, "-a");

// proposal reads an assembly proposal over REST: the proposal, its tally, turnout, yes share
// and whether it would pass now.
export const proposal = (id) => get(`/conductor/assembly/v1/proposals/${id}`);

// propose has from (alice) put msgs to the assembly (x/assembly, tx assembly propose), each
// signed by the assembly's account; it returns the proposal's id. The kind must be the one
// the messages need (general unless they change parameters, membership, the software).
export async function propose(msgs, { kind = "PROPOSAL_KIND_GENERAL", title = "test", summary = "", from = "alice" } = {}) {
  const { assembly: a } = query("membership", "assembly");
  const file = join(region.home, `proposal-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify({ kind, title, summary, metadata: "", messages: msgs.map((m) => ({ ...m, authority: a.address })) }));
  const res = await tx("assembly", "propose", file, "--from", from);
  const ev = res.events.find((e) => e.type === "conductor.assembly.v1.EventProposed");
  assert.ok(ev, `no EventProposed in ${JSON.stringify(res.events.map((e) => e.type))}`);
  return JSON.parse(ev.attributes.find((a) => a.key === "proposal_id").value);
}

// vote has from vote option (yes, no, abstain) on proposal id (tx assembly vote).
export const vote = (id, from, option = "yes") => tx("assembly", "vote", String(id), option, "--from", from);

// stage waits until proposal id is in one of the statuses (PROPOSAL_STATUS_VOTING, ...) and
// returns it; it fails when the stage the proposal is in ends more than 20 s late.
export async function stage(id, ...statuses) {
  for (;;) {
    const res = await proposal(id);
    const p = res.proposal;
    if (statuses.includes(p.status)) return res;
    const end = { PROPOSAL_STATUS_DELIBERATION: p.deliberation_end, PROPOSAL_STATUS_VOTING: p.voting_end }[p.status];
    assert.ok(end, `proposal ${id} is ${p.status}, not ${statuses.join(" or ")}: ${p.result_log}`);
    assert.ok(Date.now() < Date.parse(end) + 20000, `proposal ${id} still ${p.status} 20 s after ${end}`);
    await sleep(1000);
  }
}

export const CLOSED = ["PROPOSAL_STATUS_PASSED", "PROPOSAL_STATUS_REJECTED", "PROPOSAL_STATUS_FAILED"];

// assembly puts msgs to the assembly and has it pass them: alice proposes, alice and bob vote
// yes once voting opens, and it waits for the close (the localnet's 10 s of deliberation and
// 60 s of voting); it fails unless the proposal passed and its messages ran. It returns the
// closed proposal.
export async function assembly(...msgs) {
  const id = await propose(msgs);
  await stage(id, "PROPOSAL_STATUS_VOTING");
  await vote(id, "alice");
  await vote(id, "bob");
  const res = await stage(id, ...CLOSED);
  assert.equal(res.proposal.status, "PROPOSAL_STATUS_PASSED", res.proposal.result_log);
  return res.proposal;
}

// get reads a REST path of the region; it fails the test unless the answer is 200.
export async function get(path) {
  const res = await fetch(rest + path);
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return res.json();
}

// useRegion starts the region before the file's tests and stops it after them.
export function useRegion() {
  let node;
  before(async () => {
    region.home = mkdtempSync(join(tmpdir(), "conductor-region-"));
    node = spawn(join(root, "scripts", "localnet.sh"), [], { env: { ...process.env, LOCALNET_HOME: region.home }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    node.stdout.on("data", (d) => { out += d; });
    for (let i = 0; i < 240 && !out.includes("is running"); i++) {
      if (node.exitCode !== null) throw new Error(`localnet exited: ${out}`);
      await sleep(500);
    }
    assert.match(out, /is running/, out);
    assert.doesNotMatch(out, /demo activity failed/, out);
  });
  after(async () => {
    if (node && node.exitCode === null) {
      node.kill("SIGTERM");
      await new Promise((r) => node.once("exit", r));
    }
    if (region.home) rmSync(region.home, { recursive: true, force: true });
  });
}
