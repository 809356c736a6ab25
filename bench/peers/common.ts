// What every JavaScript runner (tsgrad.ts, tfjs.ts, jspytorch.ts) shares: the child-process
// protocol run.ts reads, bench-spec's timing protocol (bench/timing.ts), peak RSS, a seeded
// PRNG for inputs, and float64 references for the checks.
//
// A runner is started as `node <tsx flags> bench/peers/<runner>.ts [args] WORKLOAD_ID`, one
// process per workload, and prints one JSON object (ChildResult) as the last line of stdout
// (libraries may print their own lines before it).
import { readFileSync } from "node:fs";
import { measure, withLoad } from "../timing.ts";

export interface ChildResult {
  id: string;
  runner: string;
  samples?: number[];
  inner?: number;
  check?: Record<string, unknown>;
  foreign_cores?: number;
  /** Peak resident set size of this process (VmHWM), MB, read after the workload. */
  peak_rss_mb?: number;
  /** Why this library cannot run the workload as bench-spec writes it. */
  unsupported?: string;
  /** The library could run it, but not within a bench run (with the reason and how to force it). */
  skipped?: string;
  error?: string;
  /** Deviations a reader must know (float64 compute, a hand-written optimizer...). */
  flags?: string[];
}

export interface Built {
  run(): void;
  /** Checks run before the timed region (e.g. the gradient after one iteration). */
  checkBefore?(): Record<string, unknown>;
  /** Checks run after it (e.g. losses seen, leaked tensors). */
  checkAfter?(): Record<string, unknown>;
}

export class Unsupported extends Error {}
export class Skipped extends Error {}

export function peakRssMB(): number {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) / 1024;
  } catch {
    /* not Linux */
  }
  return process.resourceUsage().maxRSS / 1024;
}

export function emit(r: ChildResult): void {
  process.stdout.write("\n" + JSON.stringify(r) + "\n");
}

/** Builds, checks and times one workload under bench-spec's protocol, then prints the result. */
export async function runChild(runner: string, id: string, build: () => Built | Promise<Built>, flags: string[] = []): Promise<void> {
  const out: ChildResult = { id, runner, flags };
  try {
    const built = await build();
    const before = built.checkBefore?.() ?? {};
    const { result, foreignCores } = withLoad(() => measure(() => built.run()));
    const after = built.checkAfter?.() ?? {};
    Object.assign(out, { samples: result.samples, inner: result.inner, check: { ...before, ...after }, foreign_cores: foreignCores });
  } catch (e) {
    if (e instanceof Unsupported) out.unsupported = e.message;
    else if (e instanceof Skipped) out.skipped = e.message;
    else out.error = ((e as Error)?.message ?? String(e)).split("\n")[0];
  }
  out.peak_rss_mb = peakRssMB();
  emit(out);
  process.exitCode = out.error ? 1 : 0;
}

// Inputs: a fixed seed (bench-spec: values do not affect timing as long as they are finite).
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function uniformArray(n: number, rand: () => number, lo = 0, hi = 1): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = lo + (hi - lo) * rand();
  return a;
}

export function normalArray(n: number, rand: () => number, scale = 1): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = 1 - rand(), v = rand();
    const r = Math.sqrt(-2 * Math.log(u)) * scale;
    a[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) a[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return a;
}

/** Relative error of a float32 sum against the float64 sum of the same values. */
export function sumRelError(got: number, values: ArrayLike<number>): number {
  let exact = 0;
  for (let i = 0; i < values.length; i++) exact += values[i];
  return Math.abs(got - exact) / Math.abs(exact);
}

/** Max abs error of C = A @ B (row-major n x n) at 64 sampled entries, against float64. */
export function matmulSampledError(n: number, A: ArrayLike<number>, B: ArrayLike<number>, C: ArrayLike<number>): number {
  let worst = 0;
  for (let t = 0; t < 64; t++) {
    const i = (t * 97) % n, j = (t * 31) % n;
    let acc = 0;
    for (let k = 0; k < n; k++) acc += A[i * n + k] * B[k * n + j];
    worst = Math.max(worst, Math.abs(C[i * n + j] - acc));
  }
  return worst;
}

/**
 * W6's conv (64 -> 64 channels, 56x56, 3x3, stride 1, padding 1) in float64 at sampled points:
 * forward output, input gradient dx (for upstream dy) and weight gradient dw. Accessors take
 * logical (c, h, w) / (co, ci, kh, kw) indices so both NCHW/OIHW and NHWC/HWIO layouts share it.
 */
export const conv = { C: 64, H: 56, W: 56, K: 3 };
export function convReference(x: (c: number, h: number, w: number) => number, wt: (co: number, ci: number, kh: number, kw: number) => number) {
  const { C, H, W, K } = conv;
  const inb = (h: number, w: number) => h >= 0 && h < H && w >= 0 && w < W;
  return {
    out(co: number, h: number, w: number) {
      let acc = 0;
      for (let ci = 0; ci < C; ci++)
        for (let kh = 0; kh < K; kh++)
          for (let kw = 0; kw < K; kw++) if (inb(h + kh - 1, w + kw - 1)) acc += x(ci, h + kh - 1, w + kw - 1) * wt(co, ci, kh, kw);
      return acc;
    },
    dx(dy: (c: number, h: number, w: number) => number, ci: number, h: number, w: number) {
      let acc = 0;
      for (let co = 0; co < C; co++)
        for (let kh = 0; kh < K; kh++)
          for (let kw = 0; kw < K; kw++) if (inb(h - kh + 1, w - kw + 1)) acc += dy(co, h - kh + 1, w - kw + 1) * wt(co, ci, kh, kw);
      return acc;
    },
    dw(dy: (c: number, h: number, w: number) => number, co: number, ci: number, kh: number, kw: number) {
      let acc = 0;
      for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) if (inb(h + kh - 1, w + kw - 1)) acc += x(ci, h + kh - 1, w + kw - 1) * dy(co, h, w);
      return acc;
    },
  };
}

/** 16 sampled (a, b, c, d) index tuples for the conv checks. */
export function convSamples(): Array<[number, number, number, number]> {
  const s: Array<[number, number, number, number]> = [];
  for (let t = 0; t < 16; t++) s.push([(t * 37) % 64, (t * 11) % 64, (t * 13) % 56, (t * 29) % 56]);
  return s;
}

/** Max abs error of got vs exact over samples, relative to the largest |exact| seen. */
export function maxRelToScale(pairs: Array<[number, number]>): number {
  let err = 0, scale = 0;
  for (const [got, exact] of pairs) {
    err = Math.max(err, Math.abs(got - exact));
    scale = Math.max(scale, Math.abs(exact));
  }
  return scale > 0 ? err / scale : err;
}
