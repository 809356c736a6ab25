// bench-spec's timing protocol: warm up, calibrate `inner` so a sample lasts >= 10 ms, take
// samples until `reps` exist or the budget is spent, report the median (primary), min, max.

import { readFileSync } from "node:fs";

export interface Stats {
  median: number; // seconds per execution
  min: number;
  max: number;
  samples: number[];
  inner: number;
}

export interface Protocol {
  warmup: number;
  reps: number;
  minReps: number;
  budgetS: number;
}

export const defaultProtocol: Protocol = { warmup: 3, reps: 15, minReps: 3, budgetS: 10 };

export function stats(samples: number[], inner = 1): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], samples, inner };
}

const now = () => performance.now() / 1000;

export function measure(execution: () => void, p: Protocol = defaultProtocol): Stats {
  const start = now();
  for (let i = 0; i < p.warmup; i++) {
    const t0 = now();
    execution();
    if (now() - t0 > 1) break;
  }
  const t0 = now();
  execution();
  const once = now() - t0;
  const inner = Math.min(500, Math.max(1, Math.floor(0.01 / once)));
  const samples: number[] = inner === 1 ? [once] : [];
  const sampleStart = now();
  while (samples.length < p.reps) {
    const elapsed = now() - sampleStart;
    const last = samples.length ? samples[samples.length - 1] * inner : once;
    if (samples.length >= p.minReps && elapsed > p.budgetS) break;
    if (samples.length >= 1 && now() + last - start > 80) break;
    const s0 = now();
    for (let i = 0; i < inner; i++) execution();
    samples.push((now() - s0) / inner);
  }
  return stats(samples, inner);
}

function cpuJiffies(): number {
  try {
    const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    return f[0] + f[1] + f[2] + f[5] + f[6]; // user nice system irq softirq
  } catch {
    return 0;
  }
}

/** Runs fn and reports the CPU time other processes used meanwhile, in cores (bench-spec's load.foreign_cores). */
export function withLoad<T>(fn: () => T): { result: T; foreignCores: number } {
  const j0 = cpuJiffies();
  const u0 = process.cpuUsage();
  const t0 = now();
  const result = fn();
  const wall = now() - t0;
  const u = process.cpuUsage(u0);
  const own = (u.user + u.system) / 1e6;
  const all = (cpuJiffies() - j0) / 100;
  return { result, foreignCores: wall > 0 ? Math.max(0, (all - own) / wall) : 0 };
}
