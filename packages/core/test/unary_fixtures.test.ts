// Unary float ops bit for bit against PyTorch 1.13 (fixtures/unary.json from gen_unary_fixtures.py):
// every input of the fixture as one contiguous tensor, then x[:n] and x[::2] for n = 1..20 and 100,
// which separates SLEEF's vector lanes from the scalar libm tails (cpu_kernel_vec ops) and tests
// SLEEF's per-vector choice of trig argument reduction. Ops listed in NOT_EXACT are compared
// within a few ulps instead, and the test records how many elements differ.

import { afterAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dialectFunctions, float32, float64, torchDialect, Tensor } from "../src/index.ts";

const torch: any = dialectFunctions(torchDialect);
const path = fileURLToPath(new URL("./fixtures/unary.json", import.meta.url));
const golden = JSON.parse(readFileSync(path, "utf8")) as {
  ops: Record<string, Record<string, { x: string; y: string; layouts: { n: number; contig: string; strided: string }[] }>>;
};

/** float64 ops not ported yet (ATen uses Sleef_*d4_u10 there; JS Math is fdlibm): max ulps allowed. */
const NOT_EXACT: Record<string, number> = {
  "float32/lgamma": 1 << 20,
  "float64/*": 1 << 22,
};
const EXACT64 = new Set(["sqrt", "rsqrt", "digamma", "erfinv", "exp", "log", "log2", "log10", "log1p", "expm1", "tanh", "sigmoid", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "erf", "erfc", "asinh", "acosh", "atanh", "exp2", "lgamma"]);

function decode(hex: string, wide: boolean): Float64Array {
  const w = wide ? 16 : 8;
  const n = hex.length / w;
  const out = new Float64Array(n);
  const dv = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < n; i++) {
    const h = hex.slice(i * w, i * w + w);
    if (wide) {
      dv.setBigUint64(0, BigInt("0x" + h));
      out[i] = dv.getFloat64(0);
    } else {
      dv.setUint32(0, parseInt(h, 16));
      out[i] = dv.getFloat32(0);
    }
  }
  return out;
}

function ulps(a: number, b: number, wide: boolean): number {
  if (Object.is(a, b) || (a !== a && b !== b)) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b) || a !== a || b !== b) return Infinity;
  const dv = new DataView(new ArrayBuffer(8));
  const key = (v: number) => {
    if (wide) {
      dv.setFloat64(0, v);
      const u = dv.getBigInt64(0);
      return Number(u < 0n ? -(u & 0x7fffffffffffffffn) : u);
    }
    dv.setFloat32(0, v);
    const u = dv.getInt32(0);
    return u < 0 ? -(u & 0x7fffffff) : u;
  };
  return Math.abs(key(a) - key(b));
}

function check(label: string, got: ArrayLike<number>, want: Float64Array, wide: boolean, tol: number): number {
  let bad = 0;
  for (let i = 0; i < want.length; i++) {
    const d = ulps(got[i], want[i], wide);
    if (d > 0) bad++;
    if (d > tol) expect.fail(`${label}[${i}]: got ${got[i]}, torch ${want[i]} (${d} ulps)`);
  }
  return bad;
}

const differing: string[] = [];
afterAll(() => {
  if (differing.length) console.log("elements differing from torch (within tolerance):\n  " + differing.join("\n  "));
});

for (const [name, byDtype] of Object.entries(golden.ops)) {
  describe(name, () => {
    for (const [dt, c] of Object.entries(byDtype)) {
      const wide = dt === "float64";
      const dtype = wide ? float64 : float32;
      const key = `${dt}/${name}`;
      const tol = NOT_EXACT[key] ?? (wide && !EXACT64.has(name) ? NOT_EXACT["float64/*"] : 0);
      it(`${dt}${tol ? " (not exact yet)" : " bit-exact"}`, () => {
        const x = decode(c.x, wide);
        const xt = Tensor.fromData((wide ? Float64Array : Float32Array).from(x), [x.length], dtype);
        const bad = check(`${key} values`, torch[name](xt)._contiguousValues(), decode(c.y, wide), wide, tol);
        if (bad) differing.push(`${key}: ${bad} / ${x.length}`);
        for (const l of c.layouts) {
          const base = Tensor.fromData((wide ? Float64Array : Float32Array).from(x.subarray(0, 2 * l.n)), [2 * l.n], dtype);
          check(`${key} contig n=${l.n}`, torch[name](base.narrow(0, 0, l.n))._contiguousValues(), decode(l.contig, wide), wide, tol);
          check(`${key} strided n=${l.n}`, torch[name](base.view([l.n, 2]).select(1, 0))._contiguousValues(), decode(l.strided, wide), wide, tol);
        }
      });
    }
  });
}
