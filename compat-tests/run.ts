// The conformance runner (`pnpm conformance [filter...]`): runs every ported example in its
// own Node process, compares its stdout with the document's text (compare.ts, after the
// allowed deviations of deviations.ts), prints a table and a final `N passed, N failed` line.
//
//   pnpm conformance                 every example
//   pnpm conformance 002/ 001/05     only ids containing one of the filters
//   --verbose                        also print the stderr of examples that did not pass
//   --outputs-from DIR               judge outputs captured elsewhere instead of running the
//                                    TypeScript (DIR/<id>.stdout, .stderr, .code); used by
//                                    verify_torch_examples.py to judge real PyTorch's output
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { judge, type Expectation, type RunOutput, type Verdict } from "./compare.ts";
import { deviations } from "./deviations.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(HERE);
const EXAMPLES = join(HERE, "examples");
const CONCURRENCY = 2;
const TIMEOUT_MS = 120_000;

interface Example {
  id: string; // "002/02_add_grad_fn"
  file: string; // absolute path of the .ts
  expectation: Expectation | null; // null when the .expected.txt is missing
}

function discover(): Example[] {
  const out: Example[] = [];
  for (const seed of readdirSync(EXAMPLES).sort()) {
    const dir = join(EXAMPLES, seed);
    // seed folders (`002`) and the differential suites (`torch`: programs written for tsgrad,
    // their expected output printed by real PyTorch 1.13; `oneflow`: expected outputs derived
    // from OneFlow's source and doctests, oneflow/SOURCES.md)
    if (!/^(\d{3}|torch|oneflow)$/.test(seed)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith(".ts")) continue;
      const base = join(dir, name.slice(0, -3));
      const errFile = `${base}.expected-error.txt`;
      const expectation = existsSync(`${base}.expected.txt`)
        ? {
            stdout: readFileSync(`${base}.expected.txt`, "utf8"),
            error: existsSync(errFile) ? readFileSync(errFile, "utf8").replace(/\n$/, "") : null,
          }
        : null;
      out.push({ id: `${seed}/${name.slice(0, -3)}`, file: join(dir, name), expectation });
    }
  }
  return out;
}

function runExample(file: string): Promise<RunOutput> {
  const preload = pathToFileURL(join(HERE, "report-uncaught.ts")).href;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--import", preload, file], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, TIMEOUT_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        code,
        timedOut,
      });
    });
  });
}

function readCaptured(dir: string, id: string): RunOutput | null {
  const base = join(dir, id);
  if (!existsSync(`${base}.stdout`)) return null;
  const read = (ext: string) => (existsSync(base + ext) ? readFileSync(base + ext, "utf8") : "");
  return { stdout: read(".stdout"), stderr: read(".stderr"), code: Number(read(".code").trim() || "0") };
}

async function pool<T, R>(items: readonly T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return results;
}

interface Row {
  example: Example;
  verdict: Verdict;
  stderr: string;
}

function printTable(rows: readonly Row[]): void {
  const w = Math.max("example".length, ...rows.map((r) => r.example.id.length));
  console.log(`${"example".padEnd(w)}  status  first difference`);
  console.log(`${"-".repeat(w)}  ------  ----------------`);
  for (const r of rows) console.log(`${r.example.id.padEnd(w)}  ${r.verdict.status.padEnd(6)}  ${r.verdict.detail}`);
}

async function main(argv: string[]): Promise<number> {
  let outputsFrom: string | null = null;
  let verbose = false;
  const filters: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--outputs-from") outputsFrom = argv[++i] ?? null;
    else if (a === "--verbose") verbose = true;
    else filters.push(a);
  }

  const all = discover();
  const known = new Set(all.map((e) => e.id));
  const unknown = deviations.filter((d) => !known.has(d.example));
  if (unknown.length > 0) {
    console.error(`deviations.ts names examples that do not exist: ${unknown.map((d) => d.example).join(", ")}`);
    return 2;
  }
  const chosen = filters.length === 0 ? all : all.filter((e) => filters.some((f) => e.id.includes(f)));

  const rows = await pool(chosen, CONCURRENCY, async (example): Promise<Row> => {
    if (example.expectation === null) {
      return { example, verdict: { status: "FAIL", detail: "no .expected.txt beside the example" }, stderr: "" };
    }
    const run = outputsFrom === null ? await runExample(example.file) : readCaptured(outputsFrom, example.id);
    if (run === null) {
      return { example, verdict: { status: "FAIL", detail: `no captured output in ${outputsFrom}` }, stderr: "" };
    }
    const mine = deviations.filter((d) => d.example === example.id);
    return { example, verdict: judge(example.expectation, run, mine), stderr: run.stderr };
  });

  printTable(rows);
  if (verbose) {
    for (const r of rows) {
      if (r.verdict.status === "pass" || r.stderr === "") continue;
      console.log(`\n--- stderr of ${r.example.id} (${relative(ROOT, r.example.file)}) ---\n${r.stderr.trimEnd()}`);
    }
  }
  const passed = rows.filter((r) => r.verdict.status === "pass").length;
  const failed = rows.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
