// `pnpm bench [W1 W4 ...]`: each workload of bench-spec for tsgrad and, in the same run, for
// the peers installed here (PyTorch 1.13 via /usr/bin/python3, with Debian's OpenBLAS when
// `bench/peers/openblas.sh` has fetched it). Writes bench/results/latest.{md,json}.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { workloads } from "./workloads.ts";
import { measure, stats, withLoad, type Stats } from "./timing.ts";

const filters = process.argv.slice(2);
const selected = workloads.filter((w) => filters.length === 0 || filters.some((f) => w.id.startsWith(f)));
const here = new URL(".", import.meta.url).pathname;
const openblasDir = `${here}peers/openblas/usr/lib/x86_64-linux-gnu/openblas-openmp`;

interface Cell {
  value?: number;
  stats?: Stats;
  check?: unknown;
  note?: string;
  foreignCores?: number;
}

function ours(id: string): Cell {
  const w = workloads.find((x) => x.id === id)!;
  try {
    const built = w.build();
    const { result, foreignCores } = withLoad(() => measure(() => built.run()));
    return { value: w.value(result.median), stats: result, check: built.check(), foreignCores };
  } catch (e) {
    return { note: `error: ${(e as Error).message.split("\n")[0]}` };
  }
}

function torchPeer(id: string, threads: number): Cell {
  const py = "/usr/bin/python3";
  if (!existsSync(py)) return { note: "not installed (apt-get install python3-torch)" };
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: String(threads) };
  if (existsSync(openblasDir)) env.LD_LIBRARY_PATH = openblasDir;
  const r = spawnSync(py, [`${here}peers/torch_all.py`, id, String(threads)], { encoding: "utf8", env, maxBuffer: 1 << 24 });
  if (r.status !== 0) return { note: `failed: ${(r.stderr || "").trim().split("\n").pop()}` };
  const out = JSON.parse(r.stdout);
  const w = workloads.find((x) => x.id === id)!;
  const s = stats(out.samples, out.inner);
  return { value: w.value(s.median), stats: s, check: out.check };
}

const higherIsBetter = (unit: string) => unit === "GB/s" || unit === "GFLOP/s";
const rows: string[] = [];
const json: Record<string, unknown> = {};
for (const w of selected) {
  const mine = ours(w.id);
  const t1 = torchPeer(w.id, 1);
  const t2 = cpus().length > 1 ? torchPeer(w.id, 2) : { note: "one core" };
  const best = [t1, t2].filter((c) => c.value !== undefined).sort((a, b) => (higherIsBetter(w.unit) ? b.value! - a.value! : a.value! - b.value!))[0];
  let ratio = "–";
  if (mine.value !== undefined && best?.value !== undefined)
    ratio = higherIsBetter(w.unit) ? `${(mine.value / best.value).toFixed(2)}x` : `${(best.value / mine.value).toFixed(2)}x`;
  const cell = (c: Cell) => (c.value !== undefined ? `${c.value.toPrecision(4)} (${c.stats!.samples.length} samples)` : c.note ?? "–");
  rows.push(`| ${w.id} | ${w.unit} | ${cell(mine)} | ${cell(t1)} | ${cell(t2)} | ${ratio} | ${(mine.foreignCores ?? 0).toFixed(2)} |`);
  json[w.id] = { unit: w.unit, tsgrad: mine, torch_1_thread: t1, torch_2_threads: t2 };
  console.log(rows[rows.length - 1]);
}
const header = [
  `Run ${new Date().toISOString()} on ${cpus().length} cores (${cpus()[0]?.model ?? "?"}); PyTorch ${existsSync(openblasDir) ? "with Debian's OpenBLAS" : "with its default BLAS"}.`,
  "Ratio: tsgrad's advantage over PyTorch's better thread count (>1 = tsgrad ahead). Median of samples.",
  "",
  "| workload | unit | tsgrad | PyTorch 1 thread | PyTorch 2 threads | ratio | foreign load (cores) |",
  "|---|---|---|---|---|---|---|",
];
mkdirSync(`${here}results`, { recursive: true });
writeFileSync(`${here}results/latest.md`, [...header, ...rows].join("\n") + "\n");
writeFileSync(`${here}results/latest.json`, JSON.stringify(json, null, 1));
console.log([...header, ...rows].join("\n"));
