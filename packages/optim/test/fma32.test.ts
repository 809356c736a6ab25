// fma32's fast path (round the double sum unless it sits on a float32 tie) against the full
// TwoSum decision it short-cuts, on random float32 operands and on operands built to land on
// ties, where double rounding is wrong.
import { describe, expect, it } from "vitest";
import { fma32, fma32Tie } from "../src/kernels.ts";

function rng(seed: number) {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
const f = Math.fround;

describe("fma32", () => {
  it("equals the exact decision on random float32 operands", () => {
    const r = rng(1);
    for (let i = 0; i < 200_000; i++) {
      const scale = 2 ** Math.floor(r() * 40 - 20);
      const a = f((r() - 0.5) * 4), b = f((r() - 0.5) * scale), c = f((r() - 0.5) * 4 * scale);
      expect(fma32(a, b, c)).toBe(fma32Tie(a, b, c));
    }
  });
  it("equals the exact decision on ties and near-ties", () => {
    // a*b = 2^-24 (1 + k 2^-23)(1 - k 2^-23) = half an ulp of c in [1, 2), less k^2 2^-70: the
    // double sum rounds onto the midpoint, the exact sum is just below it (double rounding's case)
    const r = rng(2);
    let wrongByDoubleRounding = 0;
    for (let i = 0; i < 100_000; i++) {
      const k = 1 + Math.floor(r() * 1000);
      const sign = r() < 0.5 ? -1 : 1;
      const a = f(2 ** -12 * (1 + k * 2 ** -23)), b = f(sign * 2 ** -12 * (1 - k * 2 ** -23));
      const c = f(sign * (1 + Math.floor(r() * 2 ** 23) * 2 ** -23));
      const want = fma32Tie(a, b, c);
      expect(fma32(a, b, c)).toBe(want);
      if (f(a * b + c) !== want) wrongByDoubleRounding++;
    }
    expect(wrongByDoubleRounding).toBeGreaterThan(1000);
    // exact 1 + 2^-23 + 2^-24 - 2^-70 rounds down; the double sum is the tie, which rounds to even
    expect(fma32(f(2 ** -12 * (1 + 2 ** -23)), f(2 ** -12 * (1 - 2 ** -23)), f(1 + 2 ** -23))).toBe(1 + 2 ** -23);
  });
  it("keeps specials", () => {
    expect(fma32(NaN, 1, 1)).toBeNaN();
    expect(fma32(Infinity, 1, 1)).toBe(Infinity);
    expect(fma32(f(3e38), f(3), 0)).toBe(fma32Tie(f(3e38), f(3), 0));
    expect(Object.is(fma32(-0, 1, -0), fma32Tie(-0, 1, -0))).toBe(true);
    expect(fma32(f(1e-45), f(0.5), 0)).toBe(fma32Tie(f(1e-45), f(0.5), 0));
    expect(fma32(f(3e-45), f(0.5), 0)).toBe(fma32Tie(f(3e-45), f(0.5), 0));
  });
});
