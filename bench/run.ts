// `pnpm bench [W1 W4 ...]`: each workload of bench-spec (W1-W7, or those whose id starts with an
// argument) for tsgrad and, in the same run, for every peer installed here. Writes
// bench/results/latest.{md,json}.
//
// How runners are run: each (workload, runner) pair is a separate child process, started one
// after the other, so no runner's heap, JIT state or threads disturb another and each process's
// peak RSS is its own workload's. Every child implements bench-spec's timing protocol
// (bench/timing.ts; peers/torch_all.py has the same in Python) and prints one JSON line
// ({samples, inner, check, foreign_cores, peak_rss_mb} or {unsupported | skipped | error}).
//   tsgrad       node + tsx  bench/peers/tsgrad.ts ID      (bench/workloads.ts)
//   PyTorch 1.13 /usr/bin/python3 bench/peers/torch_all.py ID THREADS, once with 1 thread and once
//                with 2 (OPENBLAS_NUM_THREADS likewise), with Debian's OpenBLAS when
//                `bash bench/peers/openblas.sh` has fetched it (`apt-get install python3-torch`)
//   tfjs-cpu     node + tsx  bench/peers/tfjs.ts cpu ID    (@tensorflow/tfjs 4.22, plain JS kernels)
//   tfjs-wasm    node + tsx  bench/peers/tfjs.ts wasm ID   (@tensorflow/tfjs-backend-wasm, SIMD, 1 thread)
//   js-pytorch   node + tsx  bench/peers/jspytorch.ts ID   (js-pytorch 0.7.2; computes in float64)
// The JavaScript peers are dev dependencies of this package (`pnpm install`). A peer that is not
// installed, fails, times out (BENCH_TIMEOUT_S, default 900 s per child) or cannot express a
// workload leaves a short mark in its cell and a note under the table; the run goes on.
// BENCH_PEERS=torch,tfjs-cpu,tfjs-wasm,js-pytorch (default: all) picks the peers.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { higherIsBetter, specs } from "./spec.ts";
import { stats, type Stats } from "./timing.ts";
import type { ChildResult } from "./peers/common.ts";

const filters = process.argv.slice(2);
const selected = specs.filter((w) => filters.length === 0 || filters.some((f) => w.id.startsWith(f)));
const here = new URL(".", import.meta.url).pathname;
const openblasDir = `${here}peers/openblas/usr/lib/x86_64-linux-gnu/openblas-openmp`;
const timeoutS = Number(process.env.BENCH_TIMEOUT_S ?? 900);
const wanted = (process.env.BENCH_PEERS ?? "torch,tfjs-cpu,tfjs-wasm,js-pytorch").split(",").map((s) => s.trim());
const python = "/usr/bin/python3";

interface Cell {
  value?: number;
  stats?: Stats;
  check?: unknown;
  /** Short mark shown in the table instead of a figure. */
  mark?: string;
  /** Why, for the notes under the table. */
  note?: string;
  foreignCores?: number;
  peakRssMB?: number;
  flags?: string[];
}

interface Runner {
  key: string;
  label: string;
  /** Why the runner cannot start here, or undefined. */
  missing(): string | undefined;
  command(id: string): { cmd: string; args: string[]; env?: NodeJS.ProcessEnv };
}

/** Whether node's resolution from bench/ would find the package (node_modules/<pkg> in bench/ or above). */
const resolves = (pkg: string) => {
  for (let dir = here; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules", pkg, "package.json"))) return true;
    if (dirname(dir) === dir) return false;
  }
};
// Children run under tsx as this process does (process.execArgv holds tsx's loader flags).
const node = (script: string, ...args: string[]) => ({ cmd: process.execPath, args: [...process.execArgv, `${here}peers/${script}`, ...args] });
const torch = (threads: number): Runner => ({
  key: threads === 1 ? "torch_1_thread" : "torch_2_threads",
  label: threads === 1 ? "PyTorch 1 thread" : "PyTorch 2 threads",
  missing: () => (!existsSync(python) ? "apt-get install python3-torch" : threads > cpus().length ? "one core" : undefined),
  command: (id) => ({
    cmd: python,
    args: [`${here}peers/torch_all.py`, id, String(threads)],
    env: { ...process.env, OPENBLAS_NUM_THREADS: String(threads), ...(existsSync(openblasDir) ? { LD_LIBRARY_PATH: openblasDir } : {}) },
  }),
});
const tfjs = (backend: string): Runner => ({
  key: `tfjs_${backend}`,
  label: `tfjs-${backend}`,
  missing: () => (resolves("@tensorflow/tfjs") && resolves("@tensorflow/tfjs-backend-wasm") ? undefined : "run pnpm install"),
  command: (id) => node("tfjs.ts", backend, id),
});
const runners: Runner[] = [
  { key: "tsgrad", label: "tsgrad", missing: () => undefined, command: (id) => node("tsgrad.ts", id) },
  ...(wanted.includes("torch") ? [torch(1), torch(2)] : []),
  ...(wanted.includes("tfjs-cpu") ? [tfjs("cpu")] : []),
  ...(wanted.includes("tfjs-wasm") ? [tfjs("wasm")] : []),
  ...(wanted.includes("js-pytorch")
    ? [{ key: "js_pytorch", label: "js-pytorch (float64)", missing: () => (resolves("js-pytorch") ? undefined : "run pnpm install"), command: (id: string) => node("jspytorch.ts", id) }]
    : []),
];

function lastJsonLine(out: string): ChildResult | undefined {
  const lines = out.split("\n").map((l) => l.trim()).filter((l) => l.startsWith("{"));
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      return JSON.parse(lines[i]);
    } catch {
      /* a library's own output */
    }
  }
  return undefined;
}

function runCell(r: Runner, id: string): Cell {
  const missing = r.missing();
  if (missing) return { mark: missing === "one core" ? "–" : "not installed", note: missing };
  const { cmd, args, env } = r.command(id);
  const p = spawnSync(cmd, args, { encoding: "utf8", env: env ?? process.env, maxBuffer: 1 << 26, timeout: timeoutS * 1000, killSignal: "SIGKILL" });
  if (p.error && (p.error as NodeJS.ErrnoException).code === "ETIMEDOUT") return { mark: "timed out", note: `killed after ${timeoutS} s (BENCH_TIMEOUT_S)` };
  const out = lastJsonLine(p.stdout ?? "");
  const errLines = (p.stderr || "").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("at ") && !l.startsWith("Node.js v"));
  const lastErr = errLines.find((l) => /Error\b/.test(l)) ?? errLines.pop() ?? "";
  if (!out) return { mark: "failed", note: p.error ? p.error.message : `exit ${p.status ?? p.signal}: ${lastErr.slice(0, 200)}` };
  const base: Cell = { peakRssMB: out.peak_rss_mb, flags: out.flags?.length ? out.flags : undefined };
  if (out.unsupported) return { ...base, mark: "unsupported", note: out.unsupported };
  if (out.skipped) return { ...base, mark: "skipped", note: out.skipped };
  if (out.error || !out.samples?.length) return { ...base, mark: "failed", note: out.error ?? `no samples; ${lastErr.slice(0, 200)}` };
  const spec = specs.find((s) => s.id === id)!;
  const s = stats(out.samples, out.inner);
  return { ...base, value: spec.value(s.median), stats: s, check: out.check, foreignCores: out.foreign_cores };
}

const fmt = (v: number) => (Math.abs(v) >= 1e4 ? v.toFixed(0) : v.toPrecision(4));
const cellText = (c: Cell) => (c.value !== undefined ? `${fmt(c.value)} (${c.stats!.samples.length})` : c.mark ?? "–");
const better = (unit: string) => (a: Cell, b: Cell) => (higherIsBetter(unit) ? b.value! - a.value! : a.value! - b.value!);
/** tsgrad's advantage (>1 = tsgrad ahead) over the better of the PyTorch cells. */
function ratio(unit: string, mine: Cell, peers: Cell[]): string {
  const best = peers.filter((c) => c.value !== undefined).sort(better(unit))[0];
  if (mine.value === undefined || best?.value === undefined) return "–";
  return `${(higherIsBetter(unit) ? mine.value / best.value : best.value / mine.value).toFixed(2)}x`;
}
const compact = (v: unknown): string =>
  JSON.stringify(v, (_k, x) => (typeof x === "number" && !Number.isInteger(x) ? Number(x.toPrecision(3)) : x)).replace(/"/g, "");

const peerRunners = runners.filter((r) => r.key !== "tsgrad" && !r.key.startsWith("torch"));
const torchKeys = ["torch_1_thread", "torch_2_threads"];
const cols = ["tsgrad", ...torchKeys.map((k) => runners.find((r) => r.key === k)?.label ?? (k === "torch_1_thread" ? "PyTorch 1 thread" : "PyTorch 2 threads"))];
const header = `| workload | unit | ${cols.join(" | ")} | ratio | ${peerRunners.map((r) => r.label).join(" | ")}${peerRunners.length ? " | " : ""}foreign load (cores) |`;
const rule = `|${"---|".repeat(4 + cols.length + peerRunners.length)}`;

const rows: string[] = [];
const notes: string[] = [];
const checks: string[] = [];
const json: Record<string, unknown> = {};
const results: Record<string, Record<string, Cell>> = {};
for (const w of selected) {
  const cells: Record<string, Cell> = {};
  for (const r of runners) {
    const t0 = Date.now();
    cells[r.key] = runCell(r, w.id);
    const c = cells[r.key];
    console.error(`${w.id} ${r.label}: ${cellText(c)}${c.note ? ` (${c.note})` : ""} [${((Date.now() - t0) / 1000).toFixed(0)} s]`);
    if (c.note && c.mark !== "–") notes.push(`${w.id}, ${r.label}: ${c.mark}: ${c.note}`);
    if (c.check !== undefined) checks.push(`${w.id}, ${r.label}: ${compact(c.check)}`);
  }
  results[w.id] = cells;
  const torchCells = torchKeys.map((k) => cells[k] ?? { mark: "–" });
  const loads = Object.entries(cells).filter(([k]) => k !== "tsgrad").map(([, c]) => c.foreignCores ?? 0);
  const load = `${(cells.tsgrad.foreignCores ?? 0).toFixed(2)} / ${Math.max(0, ...loads).toFixed(2)}`;
  rows.push(
    `| ${w.id} | ${w.unit} | ${[cells.tsgrad, ...torchCells].map(cellText).join(" | ")} | ${ratio(w.unit, cells.tsgrad, torchCells)} | ${peerRunners.map((r) => cellText(cells[r.key]) + " | ").join("")}${load} |`,
  );
  json[w.id] = { unit: w.unit, ...cells };
}

// Memory target (issue 6): peak RSS of W7 at most 1.25x PyTorch's. Each runner's process ran
// only that workload (build, warm-up, samples, checks): VmHWM for node, ru_maxrss for python.
const memory: string[] = [];
const w7 = results.W7_vgg11_step;
if (w7) {
  const rss = (c?: Cell) => (c?.peakRssMB !== undefined && c.value !== undefined ? c.peakRssMB : undefined);
  const torchRss = torchKeys.map((k) => rss(w7[k])).filter((v): v is number => v !== undefined);
  const mine = rss(w7.tsgrad);
  const lowest = torchRss.length ? Math.min(...torchRss) : undefined;
  const rssText = (c?: Cell) => (rss(c) !== undefined ? fmt(rss(c)!) : c?.mark ?? "–");
  rows.push(
    `| W7_vgg11_step peak RSS | MB | ${[w7.tsgrad, ...torchKeys.map((k) => w7[k])].map(rssText).join(" | ")} | ${mine !== undefined && lowest !== undefined ? `${(lowest / mine).toFixed(2)}x` : "–"} | ${peerRunners.map((r) => rssText(w7[r.key]) + " | ").join("")}– |`,
  );
  memory.push(
    mine !== undefined && lowest !== undefined
      ? `Memory (issue 6 target: peak RSS of W7 at most 1.25x PyTorch's): tsgrad ${mine.toFixed(0)} MB, PyTorch ${torchKeys.map((k) => (rss(w7[k]) !== undefined ? `${rss(w7[k])!.toFixed(0)} MB (${k.replace(/_/g, " ").replace("torch ", "")})` : "")).filter(Boolean).join(", ")}: tsgrad / PyTorch's lower = ${(mine / lowest).toFixed(2)}x (${mine / lowest <= 1.25 ? "met" : "not met"}). Each figure is the peak RSS of a process that ran only W7 (model build, warm-up, samples, check).`
      : "Memory: W7 peak RSS not available for tsgrad and PyTorch both in this run.",
  );
  json.W7_peak_rss_mb = Object.fromEntries(Object.entries(w7).map(([k, c]) => [k, c.peakRssMB]));
}

const flagNotes = [...new Set(runners.flatMap((r) => selected.flatMap((w) => results[w.id][r.key]?.flags?.map((f) => `${r.label}: ${f}`) ?? [])))];
const md = [
  `Run ${new Date().toISOString()} on ${cpus().length} cores (${cpus()[0]?.model ?? "?"}); PyTorch ${existsSync(openblasDir) ? "with Debian's OpenBLAS" : "with its default BLAS"}.`,
  "Median of samples, (n) = number of samples; each runner in its own process, one after the other.",
  "Ratio: tsgrad's advantage over PyTorch's better thread count (>1 = tsgrad ahead); for peak RSS, PyTorch's lower figure / tsgrad's.",
  "Foreign load: CPU cores used by other processes while tsgrad's / the busiest peer's workload ran.",
  "",
  header,
  rule,
  ...rows,
  "",
  ...memory,
  ...(flagNotes.length ? ["", "Flags:", ...flagNotes.map((f) => `- ${f}`)] : []),
  ...(notes.length ? ["", "Notes:", ...notes.map((n) => `- ${n}`)] : []),
  ...(checks.length ? ["", "Checks (full values in latest.json):", ...checks.map((c) => `- ${c}`)] : []),
];
mkdirSync(`${here}results`, { recursive: true });
writeFileSync(`${here}results/latest.md`, md.join("\n") + "\n");
writeFileSync(`${here}results/latest.json`, JSON.stringify(json, null, 1));
console.log(md.join("\n"));
