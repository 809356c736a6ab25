// randn throughput (values/s), tsgrad against PyTorch 1.13 in the same run. A benchmark, not
// a test: `npx tsx bench/randn.ts`. The peer is /usr/bin/python3 with torch; when that is not
// installed the peer is skipped with a note.

import { spawnSync } from "node:child_process";
import { ops, manual_seed, float32, float64 } from "../packages/core/src/index.ts";

const SIZES = [10, 1000, 1_000_000];
const DTYPES = [["float32", float32], ["float64", float64]] as const;

function timeIt(fn: () => void, minMs = 300): number {
  fn(); // warm up
  let reps = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    fn();
    reps++;
    t = performance.now();
  }
  return (t - t0) / 1000 / reps;
}

const peerScript = `
import json, sys, time, torch
torch.set_num_threads(1)
out = {}
for d in ("float32", "float64"):
    for n in ${JSON.stringify(SIZES)}:
        dt = getattr(torch, d)
        torch.manual_seed(0)
        torch.randn(n, dtype=dt)
        reps, t0 = 0, time.perf_counter()
        t = t0
        while t - t0 < 0.3:
            torch.randn(n, dtype=dt)
            reps += 1
            t = time.perf_counter()
        out[f"{d} {n}"] = (t - t0) / reps
print(json.dumps(out))
`;

function peer(): Record<string, number> | null {
  const r = spawnSync("/usr/bin/python3", ["-c", peerScript], { encoding: "utf8" });
  if (r.error || r.status !== 0) {
    console.log(`(PyTorch peer skipped: ${r.error ? r.error.message : r.stderr.trim().split("\n").pop()})`);
    return null;
  }
  return JSON.parse(r.stdout);
}

const torchTimes = peer();
console.log("randn throughput (values/s)");
console.log(["dtype", "n", "tsgrad", "torch 1.13", "tsgrad/torch"].map((s) => s.padEnd(14)).join(""));
for (const [name, dt] of DTYPES) {
  for (const n of SIZES) {
    manual_seed(0);
    const sec = timeIt(() => ops.randn.call(n, { dtype: dt }));
    const ours = n / sec;
    const theirs = torchTimes ? n / torchTimes[`${name} ${n}`] : NaN;
    const fmt = (v: number) => (Number.isFinite(v) ? v.toExponential(2) : "-");
    console.log([name, String(n), fmt(ours), fmt(theirs), Number.isFinite(theirs) ? (ours / theirs).toFixed(3) : "-"].map((s) => s.padEnd(14)).join(""));
  }
}
