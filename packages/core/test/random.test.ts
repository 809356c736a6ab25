// RNG streams against real PyTorch 1.13 and numpy (compat-tests/golden/random.json, written by
// gen_random.py). Everything is compared bit for bit, with two documented exceptions:
// - int64 values above 2^53 (random_() on int64) are compared after rounding to a double,
//   because tsgrad stores int64 in Float64Array storage (see dtype.ts);
// - float64 values that pass through libm's double log/sin/cos (float64 randn/normal_ and the
//   Box-Muller cache, float64 exponential_, numpy's gaussians) may differ by a few ulps: V8's
//   Math.log/sin/cos are fdlibm, glibc's are different (not correctly rounded either). Those
//   are allowed to be off by at most 4 ulps, and the share of exact ones is tracked.

import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { replayNumpy, replayTorch, type Case, type Encoded } from "./random_replay.ts";

const path = fileURLToPath(new URL("../../../compat-tests/golden/random.json", import.meta.url));
const golden = JSON.parse(readFileSync(path, "utf8")) as { cases: Case[] };

const LIBM_STEPS = new Set(["randn", "randn_like", "normal_", "normal_T", "normal_ff", "normal_tf", "normal_ft", "normal_tt", "exponential_", "get_state"]);
const NP_LIBM = new Set(["randn", "standard_normal", "normal"]);

let libmValues = 0;
let libmExact = 0;

function ulpDiff(a: string, b: string): bigint {
  const x = BigInt.asIntN(64, BigInt("0x" + a)), y = BigInt.asIntN(64, BigInt("0x" + b));
  const d = x - y;
  return d < 0n ? -d : d;
}

function compare(exp: Encoded | null, got: Encoded | null, libm: boolean, where: string): void {
  if (exp === null || got === null || exp.error || got.error || exp.hex !== undefined) {
    if (exp?.hex !== undefined && got?.hex !== undefined && libm && exp.hex !== got.hex) {
      // the state differs at most in the cached double normal (bytes 5024..5031)
      expect(got.hex.slice(0, 5024 * 2), where).toBe(exp.hex.slice(0, 5024 * 2));
      expect(got.hex.slice(5032 * 2), where).toBe(exp.hex.slice(5032 * 2));
      const le = (h: string) => h.slice(5024 * 2, 5032 * 2).match(/../g)!.reverse().join("");
      expect(ulpDiff(le(exp.hex), le(got.hex)) <= 4n, where).toBe(true);
      return;
    }
    expect(got, where).toEqual(exp);
    return;
  }
  expect(got.dtype, where).toBe(exp.dtype);
  expect(got.shape, where).toEqual(exp.shape);
  if (exp.ints) {
    const norm = (v: string) => (exp.dtype === "int64" ? String(Number(v)) : v);
    expect(got.ints!.map(norm), where).toEqual(exp.ints.map(norm));
    return;
  }
  const eb = exp.bits!, gb = got.bits!;
  expect(gb.length, where).toBe(eb.length);
  if (exp.dtype === "float64" && libm) {
    for (let i = 0; i < eb.length; i++) {
      libmValues++;
      if (eb[i] === gb[i]) libmExact++;
      else expect(ulpDiff(eb[i] as string, gb[i] as string) <= 4n, `${where} element ${i}: ${eb[i]} vs ${gb[i]}`).toBe(true);
    }
    return;
  }
  expect(gb, where).toEqual(eb);
}

describe("torch RNG streams (PyTorch 1.13 CPU)", () => {
  for (const c of golden.cases.filter((c) => c.kind === "torch")) {
    it(c.name, () => {
      const got = replayTorch(c);
      c.outputs.forEach((exp, i) => {
        const step = c.steps[i];
        const libm = LIBM_STEPS.has(step[0]) && (step[0] === "get_state" || step.includes("float64"));
        compare(exp, got[i], libm, `${c.name} step ${i} ${JSON.stringify(step).slice(0, 80)}`);
      });
    });
  }
});

describe("numpy legacy RandomState streams", () => {
  for (const c of golden.cases.filter((c) => c.kind === "numpy")) {
    it(c.name, () => {
      const got = replayNumpy(c);
      c.outputs.forEach((exp, i) => compare(exp, got[i], NP_LIBM.has(c.steps[i][0]), `${c.name} step ${i} ${JSON.stringify(c.steps[i])}`));
    });
  }
});

describe("libm-dependent float64 values", () => {
  it("are mostly bit-exact (the rest within 4 ulps)", () => {
    expect(libmValues).toBeGreaterThan(1000);
    expect(libmExact / libmValues).toBeGreaterThan(0.9);
  });
});
