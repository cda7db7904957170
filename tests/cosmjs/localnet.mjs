// Starts a fresh demo region (scripts/localnet.sh in a temporary home, with its demo
// activity) for a test file, and stops it.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
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
