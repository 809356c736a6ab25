// RNG streams against real PyTorch 1.13 and numpy (compat-tests/golden/random.json, written by
// gen_random.py). Everything is compared bit for bit, float64 values that pass through libm's
// double log/sin/cos included (float64 randn/normal_ and the Box-Muller cache, exponential_,
// numpy's gaussians: see src/random/libm.ts), with one documented exception: int64 values above
// 2^53 (random_() on int64) are compared after rounding to a double, because tsgrad stores int64
// in Float64Array storage (see dtype.ts).

import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { replayNumpy, replayTorch, type Case, type Encoded } from "./random_replay.ts";

const path = fileURLToPath(new URL("../../../compat-tests/golden/random.json", import.meta.url));
const golden = JSON.parse(readFileSync(path, "utf8")) as { cases: Case[] };

const LIBM_STEPS = new Set(["randn", "randn_like", "normal_", "normal_T", "normal_ff", "normal_tf", "normal_ft", "normal_tt", "exponential_"]);
const NP_LIBM = new Set(["randn", "standard_normal", "normal"]);

// how many float64 values that went through libm were compared (all of them must be exact)
let libmValues = 0;

function compare(exp: Encoded | null, got: Encoded | null, libm: boolean, where: string): void {
  if (exp === null || got === null || exp.error || got.error || exp.hex !== undefined) {
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
  if (exp.dtype === "float64" && libm) libmValues += exp.bits!.length;
  expect(got.bits, where).toEqual(exp.bits);
}

describe("torch RNG streams (PyTorch 1.13 CPU)", () => {
  for (const c of golden.cases.filter((c) => c.kind === "torch")) {
    it(c.name, () => {
      const got = replayTorch(c);
      c.outputs.forEach((exp, i) => {
        const step = c.steps[i];
        const libm = LIBM_STEPS.has(step[0]) && step.includes("float64");
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
  it("were covered by the streams above (and all matched bit for bit)", () => {
    expect(libmValues).toBeGreaterThan(1000);
  });
});
