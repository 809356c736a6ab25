// The 8-lane float32 Box-Muller kernel (normalFill16F32, used by randn/normal_ on >= 16 float32
// elements) against the one-lane reference logf_avx / sincosf_avx it was restructured from
// (those are the code random.json pins to PyTorch bit for bit). Inputs are uniform24 values
// k * 2^-24 as the generator produces them, each tried as u1 and as u2.

import { describe, expect, it } from "vitest";
import { fma32, logf_avx, normalFill16F32, sincosf_avx } from "../src/random/float32_math.ts";

const f = Math.fround;
const TWO_PI_F = f(2 * Math.PI);
const sc = new Float64Array(2);

function reference(s: Float32Array, base: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = f(1 - s[base + j]);
    const u2 = s[base + j + 8];
    const radius = f(Math.sqrt(f(-2 * logf_avx(u1))));
    const theta = f(TWO_PI_F * u2);
    sincosf_avx(theta, sc);
    s[base + j] = fma32(f(radius * sc[1]), std, mean);
    s[base + j + 8] = fma32(f(radius * sc[0]), std, mean);
  }
}

describe("normalFill16F32", () => {
  // every 61st uniform24 value (every value with TSGRAD_RANDN_FULL=1) plus both ends, in a
  // scrambled order, then shifted by 8 so each value also lands in the other half of its block
  const step = process.env.TSGRAD_RANDN_FULL ? 1 : 61;
  const ks: number[] = [0, 1, 2, 3, (1 << 24) - 1, (1 << 24) - 2, 1 << 23];
  for (let k = 0; k < 1 << 24; k += step) ks.push(k);
  while (ks.length % 16 !== 0) ks.push(ks.length);
  for (let i = ks.length - 1; i > 0; i--) {
    const j = (i * 2654435761) % (i + 1);
    const t = ks[i];
    ks[i] = ks[j];
    ks[j] = t;
  }
  const base = Float32Array.from(ks, (k) => k * 2 ** -24);
  for (const shift of [0, 8]) {
    for (const [mean, std] of [[0, 1], [f(0.3), f(2.5)], [f(-1e3), f(1e-3)]]) {
      it(`matches the one-lane reference (shift ${shift}, mean ${mean}, std ${std})`, () => {
        const a = new Float32Array(base.length);
        a.set(base.subarray(shift));
        a.set(base.subarray(0, shift), base.length - shift);
        const b = a.slice();
        for (let i = 0; i < a.length; i += 16) {
          reference(a, i, mean, std);
          normalFill16F32(b, i, mean, std, TWO_PI_F);
        }
        let bad = 0, first = -1;
        for (let i = 0; i < a.length; i++) {
          if (!Object.is(a[i], b[i])) {
            bad++;
            if (first < 0) first = i;
          }
        }
        expect({ bad, first }).toEqual({ bad: 0, first: -1 });
      });
    }
  }
});
