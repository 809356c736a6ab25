// The timing protocol of bench-spec (simplified where a workload is one long execution):
// warm up, take samples, report the median with min and max.

export interface Stats {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], samples };
}

export function sample(fn: () => number, reps: number, warmup = 2): Stats {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) out.push(fn());
  return stats(out);
}

/** CPU time used by other processes during `fn` (bench-spec's load.foreign_cores), roughly. */
import { readFileSync } from "node:fs";
function cpuTotals(): number {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    return line[0] + line[1] + line[2]; // user + nice + system jiffies
  } catch {
    return 0;
  }
}
export function withLoad<T>(fn: () => T): { result: T; foreignCores: number } {
  const c0 = cpuTotals();
  const u0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const wall = (performance.now() - t0) / 1000;
  const u = process.cpuUsage(u0);
  const own = (u.user + u.system) / 1e6;
  const all = (cpuTotals() - c0) / 100;
  return { result, foreignCores: wall > 0 ? Math.max(0, (all - own) / wall) : 0 };
}
