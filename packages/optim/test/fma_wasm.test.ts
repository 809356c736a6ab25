// The float32 fma of the optimizers (JavaScript fma32 and the WebAssembly kernels' fma_exact)
// against an exact BigInt reference, on random and adversarial operands: products that put the
// double sum on a float32 midpoint (double rounding's case), exact sums that are midpoints,
// subnormal results, overflow at the FLT_MAX/2^128 midpoint, signed zeros. Then each wasm
// kernel (axpy, addcmul, sgd in every flag combination, adam/adamw) against the JavaScript loops
// it replaces, on lengths around the SIMD width and the chunk size.
import { describe, expect, it } from "vitest";
import { fma32 } from "../src/kernels.ts";
import { wasm, axpy32, addcmul32, sgd32, adam32, WEIGHT_DECAY, MOMENTUM, NESTEROV, FIRST, MAXIMIZE, DECOUPLED } from "../src/wasm/fma_wasm.ts";
import { CH } from "../src/wasm/fma_kernels.ts";

const f = Math.fround;
const fb = new Float32Array(1), ub = new Uint32Array(fb.buffer);

/** A finite float32 as sign * m * 2^e with integer m. */
function decompose(x: number): [bigint, number, boolean] {
  fb[0] = x;
  const bits = ub[0], neg = bits >>> 31 === 1, ex = (bits >>> 23) & 255, fr = bits & 0x7fffff;
  const m = BigInt(ex === 0 ? fr : fr | 0x800000);
  return [neg ? -m : m, (ex === 0 ? 1 : ex) - 150, neg];
}

/** Exactly rounded float32 of a*b + c (round to nearest, ties to even), by BigInt arithmetic. */
export function fmaRef(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c)) return f(a * b + c);
  const [ma, ea, na] = decompose(a), [mb, eb, nb] = decompose(b), [mc, ec, nc] = decompose(c);
  const ep = ea + eb, E = Math.min(ep, ec);
  const M = ((ma * mb) << BigInt(ep - E)) + (mc << BigInt(ec - E));
  if (M === 0n) {
    // an exact zero: -0 only when both terms are negative zeros (or -0 + -0 as a cancellation cannot be)
    const pNegZero = ma * mb === 0n && na !== nb, cNegZero = mc === 0n && nc;
    if (ma * mb === 0n && mc === 0n) return pNegZero && cNegZero ? -0 : 0;
    return 0;
  }
  const neg = M < 0n, A = neg ? -M : M;
  const L = A.toString(2).length;
  const t = L - 1 + E; // exponent of the leading bit
  const q = Math.max(t - 23, -149); // float32 quantum exponent
  const shift = q - E;
  let mant: bigint;
  if (shift <= 0) mant = A << BigInt(-shift);
  else {
    mant = A >> BigInt(shift);
    const rem = A & ((1n << BigInt(shift)) - 1n), half = 1n << BigInt(shift - 1);
    if (rem > half || (rem === half && (mant & 1n) === 1n)) mant++;
  }
  let v = Number(mant) * 2 ** q;
  if (v >= 2 ** 128) v = Infinity;
  return neg ? -v : v;
}

function rng(seed: number) {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Operand triples: random, constructed double-rounding ties, exact-sum midpoints, specials. */
function cases(): [number, number, number][] {
  const r = rng(7), out: [number, number, number][] = [];
  for (let i = 0; i < 30_000; i++) {
    const sa = 2 ** Math.floor(r() * 60 - 30), sc = 2 ** Math.floor(r() * 60 - 30);
    out.push([f((r() - 0.5) * sa), f((r() - 0.5) * 4), f((r() - 0.5) * sc)]);
  }
  for (let i = 0; i < 20_000; i++) {
    // a*b = 2^(2j-24) (1 - k^2 2^-46): the double sum sits on c's midpoint, the exact one just off it
    const k = 1 + Math.floor(r() * 3000), j = Math.floor(r() * 20 - 10), sign = r() < 0.5 ? -1 : 1;
    const a = f(2 ** (j - 12) * (1 + k * 2 ** -23)), b = f(sign * 2 ** (j - 12) * (1 + (r() < 0.5 ? -k : k) * 2 ** -23));
    out.push([a, b, f((r() < 0.8 ? sign : -sign) * 2 ** (2 * j) * (1 + Math.floor(r() * 2 ** 23) * 2 ** -23))]);
  }
  for (let i = 0; i < 10_000; i++) {
    // exact sums of floats one or two binades apart: often float32 midpoints, rounded to even
    const x = f(1 + Math.floor(r() * 2 ** 23) * 2 ** -23), y = f((r() < 0.5 ? 1 : -1) * (1 + Math.floor(r() * 2 ** 23) * 2 ** -23) * 2 ** -Math.floor(r() * 3));
    out.push([f(2 ** Math.floor(r() * 4)), y, x]);
  }
  for (let i = 0; i < 5_000; i++) {
    // results in float32's subnormal range, with products below it
    out.push([f((r() - 0.5) * 2 ** -70), f((r() - 0.5) * 2 ** -60), f((r() - 0.5) * 2 ** -128)]);
    out.push([f((r() - 0.5) * 2 ** -75), f((r() - 0.5) * 2 ** -75), 0]);
  }
  const MAX = f(3.4028234663852886e38);
  for (let k = 1; k < 200; k++) {
    // near the FLT_MAX / 2^128 midpoint from both sides
    out.push([f(2 ** 52 * (1 + k * 2 ** -23)), f(2 ** 51 * (1 - k * 2 ** -23)), MAX]);
    out.push([f(2 ** 52 * (1 + k * 2 ** -23)), f(-(2 ** 51) * (1 - k * 2 ** -23)), -MAX]);
    out.push([f(2 ** 52 * (1 + k * 2 ** -23)), f(2 ** 51 * (1 + k * 2 ** -23)), MAX]);
  }
  for (const z of [0, -0]) for (const w of [0, -0]) out.push([z, 1, w], [1, z, w], [f(3), f(-2), f(6)], [f(-3), f(2), f(6)]);
  return out;
}

describe("float32 fma against the exact BigInt rounding", () => {
  const all = cases();
  it("reference sanity: double rounding is wrong on many of the cases", () => {
    let wrong = 0;
    for (const [a, b, c] of all) if (!Object.is(f(a * b + c), fmaRef(a, b, c))) wrong++;
    expect(wrong).toBeGreaterThan(500);
  });
  it("fma32 (JavaScript)", () => {
    let bad = 0;
    for (const [a, b, c] of all) if (!Object.is(fma32(a, b, c), fmaRef(a, b, c))) bad++;
    expect(bad).toBe(0);
  });
  it.runIf(wasm !== null)("fma_exact (WebAssembly scalar)", () => {
    let bad = 0;
    for (const [a, b, c] of all) if (!Object.is(wasm!.fma_exact(a, b, c), fmaRef(a, b, c))) bad++;
    expect(bad).toBe(0);
  });
  it.runIf(wasm !== null)("axpy's SIMD lanes (every case through the vector kernel)", () => {
    const n = all.length;
    // axpy computes fma(alpha, b, a) with one alpha: group the cases by a
    const byA = new Map<number, number[]>();
    all.forEach(([a], i) => (byA.get(a) ?? byA.set(a, []).get(a)!).push(i));
    let bad = 0, checked = 0;
    for (const [a, idx] of byA) {
      if (Object.is(a, -0)) continue;
      const x = new Float32Array(idx.map((i) => all[i][2])), y = new Float32Array(idx.map((i) => all[i][1]));
      axpy32(x, 0, y, 0, idx.length, 1, a);
      idx.forEach((i, k) => {
        checked++;
        if (!Object.is(x[k], fmaRef(a, all[i][1], all[i][2]))) bad++;
      });
    }
    expect(checked).toBeGreaterThan(n / 2);
    expect(bad).toBe(0);
  });
  it.runIf(wasm !== null)("addcmul's SIMD lanes", () => {
    const a = new Float32Array(all.map((t) => t[2])), t1 = new Float32Array(all.map((t) => t[0])), t2 = new Float32Array(all.map((t) => t[1]));
    addcmul32(a, t1, t2, all.length, 1, 1);
    let bad = 0;
    all.forEach(([x, y, z], i) => {
      if (!Object.is(a[i], fmaRef(x, y, z))) bad++;
    });
    expect(bad).toBe(0);
  });
});

// ---- kernels against the JavaScript loops of the optimizers ----------------------------------

function arr(r: () => number, n: number, scale: number, zeros = 0.1): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = r() < zeros ? 0 : f((r() - 0.5) * scale);
  return a;
}
const same = (x: Float32Array, y: Float32Array) => x.every((v, i) => Object.is(v, y[i]));

describe.runIf(wasm !== null)("WebAssembly update kernels equal the JavaScript loops", () => {
  const lengths = [16, 17, 19, 64, CH - 1, CH, CH + 5, 3 * CH + 3];
  it("axpy with a scale (mul_ then add_)", () => {
    const r = rng(11);
    for (const n of lengths) {
      const a = arr(r, n, 2), b = arr(r, n, 2), s = f(0.9), al = f(-0.1);
      const want = a.map((x, i) => fma32(al, b[i], f(x * s)));
      axpy32(a, 0, b, 0, n, s, al);
      expect(same(a, want)).toBe(true);
    }
  });
  it("sgd, every flag combination, two steps", () => {
    const r = rng(12);
    for (const n of lengths) {
      for (let fl = 0; fl < 32; fl++) {
        if (fl & FIRST) continue;
        const wd = f(0.01), mom = f(0.9), omd = f(1 - 0.1 * (fl & 1)), lr = f(-0.05);
        const p = arr(r, n, 2), buf0 = new Float32Array(n);
        const pj = p.slice(), bj = buf0.slice();
        for (let step = 0; step < 2; step++) {
          const g = arr(r, n, 1, 0.3);
          const flags = fl | (step === 0 && fl & MOMENTUM ? FIRST : 0);
          sgd32(p, 0, g, 0, buf0, 0, n, flags, wd, mom, omd, lr);
          for (let i = 0; i < n; i++) {
            let d = flags & MAXIMIZE ? -g[i] : g[i];
            if (flags & WEIGHT_DECAY) d = fma32(wd, pj[i], d);
            if (flags & MOMENTUM) {
              bj[i] = flags & FIRST ? d : fma32(omd, d, f(bj[i] * mom));
              d = flags & NESTEROV ? fma32(mom, bj[i], d) : bj[i];
            }
            pj[i] = fma32(lr, d, pj[i]);
          }
          expect(same(p, pj)).toBe(true);
          if (fl & MOMENTUM) expect(same(buf0, bj)).toBe(true);
        }
      }
    }
  });
  it("adam and adamw, with offsets", () => {
    const r = rng(13);
    for (const n of lengths) {
      for (const flags of [0, WEIGHT_DECAY, DECOUPLED, MAXIMIZE, WEIGHT_DECAY | MAXIMIZE]) {
        const off = 3;
        const p = arr(r, n + off, 1), m = arr(r, n + off, 1e-2), v = arr(r, n + off, 1e-4).map(Math.abs), g = arr(r, n, 1e-2, 0.3);
        const pj = p.slice(), mj = m.slice(), vj = v.slice();
        const wd = f(flags & DECOUPLED ? 1 - 1e-3 * 0.01 : 0.01), b1 = f(0.9), omb1 = f(0.1), b2 = f(0.999), omb2 = f(1 - 0.999);
        const bc2 = f(Math.sqrt(1 - 0.999 ** 2)), eps = f(1e-8), ns = f(-1e-3 / (1 - 0.81));
        adam32(p, off, g, 0, m, off, v, off, n, flags, wd, b1, omb1, b2, omb2, bc2, eps, ns);
        for (let i = 0; i < n; i++) {
          let gi = flags & MAXIMIZE ? -g[i] : g[i], pi = pj[off + i];
          if (flags & WEIGHT_DECAY) gi = fma32(wd, pi, gi);
          if (flags & DECOUPLED) pi = f(pi * wd);
          const mi = fma32(omb1, gi, f(mj[off + i] * b1)), vi = fma32(f(omb2 * gi), gi, f(vj[off + i] * b2));
          mj[off + i] = mi;
          vj[off + i] = vi;
          const denom = f(f(f(Math.sqrt(vi)) / bc2) + eps);
          pj[off + i] = pi + f(f(ns * mi) / denom);
        }
        expect(same(p, pj)).toBe(true);
        expect(same(m, mj)).toBe(true);
        expect(same(v, vj)).toBe(true);
      }
    }
  });
});
