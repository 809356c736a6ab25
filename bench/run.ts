// `pnpm bench`: runs the benchmarks for tsgrad and, in the same run, for each installed peer,
// and prints a table with ratios. Peers missing on this machine are listed as such.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { w1 } from "./w1_tiny_autograd.ts";
import { sample, stats, withLoad, type Stats } from "./timing.ts";

const REPS = Number(process.env.BENCH_REPS ?? 9);

function torchPeer(script: string): Stats | string {
  const py = "/usr/bin/python3";
  if (!existsSync(py)) return "not installed";
  const r = spawnSync(py, [new URL(`./peers/${script}`, import.meta.url).pathname, String(REPS)], { encoding: "utf8" });
  if (r.status !== 0) return `failed: ${(r.stderr || "").trim().split("\n").pop()}`;
  return stats(JSON.parse(r.stdout).samples_us);
}

const fmt = (s: Stats) => `${s.median.toFixed(2)} (min ${s.min.toFixed(2)}, max ${s.max.toFixed(2)})`;

const ours = withLoad(() => sample(() => w1(), REPS));
const torch = torchPeer("torch_w1.py");
console.log("| workload | tsgrad µs/iter | PyTorch 1.13 µs/iter | PyTorch / tsgrad | foreign load (cores) |");
console.log("|---|---|---|---|---|");
const ratio = typeof torch === "string" ? torch : `${(torch.median / ours.result.median).toFixed(2)}x`;
console.log(`| W1 tutorial loop | ${fmt(ours.result)} | ${typeof torch === "string" ? torch : fmt(torch)} | ${ratio} | ${ours.foreignCores.toFixed(2)} |`);
