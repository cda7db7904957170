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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// cli runs conductord against the region's keyring (answering yes to any question).
export const cli = (...args) =>
  execFileSync(bin, [...args, "--keyring-backend", "test", "--home", region.home], { input: "y\n", encoding: "utf8" }).trim();

const node = ["--node", "tcp://127.0.0.1:26657", "--chain-id", "region-local-1"];

// query runs a CLI query of the region and returns its JSON.
export const query = (...args) =>
  JSON.parse(execFileSync(bin, ["query", ...args, "--node", "tcp://127.0.0.1:26657", "-o", "json"], { encoding: "utf8" }));

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

// assembly has alice propose msgs to the assembly and bob vote yes and execute.
export async function assembly(...msgs) {
  const members = Object.fromEntries(["alice", "bob"].map((k) => [k, cli("keys", "show", k, "-a")]));
  const { assembly: a } = query("membership", "assembly");
  const file = join(region.home, `proposal-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify({ group_policy_address: a.address, proposers: [members.alice], title: "test", summary: "", metadata: "",
    messages: msgs.map((m) => ({ ...m, authority: a.address })) }));
  await tx("group", "submit-proposal", file, "--from", "alice");
  const { proposals } = query("group", "proposals-by-group-policy", a.address);
  const id = proposals.at(-1).id;
  await tx("group", "vote", id, members.alice, "VOTE_OPTION_YES", "", "--from", "alice");
  await tx("group", "vote", id, members.bob, "VOTE_OPTION_YES", "", "--exec", "try", "--from", "bob");
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
