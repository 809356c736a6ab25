// Float64 transcendental ops (and erf/erfc) bit for bit against PyTorch 1.13 AVX2 (fixtures/unary_f64.json from
// gen_unary_f64_fixtures.py): every input as one contiguous tensor (random ranges, all exponents
// with subnormals, specials, overflow/underflow and trig-reduction edges), then p[:n] and
// p[:2n][::2] for n = 1..20 and 100 and two 2-D layouts (transposed; rows of 7 with tails). Those
// separate SLEEF's lanes from glibc's scalar tails (sinh, cosh, sigmoid: cpu_kernel_vec) and test
// SLEEF's per-vector choice of trig argument reduction (groups of 4 lanes from each row's start).

import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dialectFunctions, float64, torchDialect, Tensor } from "../src/index.ts";

const torch: any = dialectFunctions(torchDialect);
const path = fileURLToPath(new URL("./fixtures/unary_f64.json", import.meta.url));
const golden = JSON.parse(readFileSync(path, "utf8")) as {
  ops: Record<string, { x: string; y: string; p: string; layouts: { n: number; contig: string; strided: string }[]; grids: Record<string, string> }>;
};


function decode(hex: string): Float64Array {
  const n = hex.length / 16;
  const out = new Float64Array(n);
  const dv = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < n; i++) {
    dv.setUint32(0, parseInt(hex.slice(16 * i, 16 * i + 8), 16));
    dv.setUint32(4, parseInt(hex.slice(16 * i + 8, 16 * i + 16), 16));
    out[i] = dv.getFloat64(0);
  }
  return out;
}

function count(got: ArrayLike<number>, want: Float64Array, label: string, bad: string[]): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const g = got[i], w = want[i];
    if (!(Object.is(g, w) || (g !== g && w !== w))) bad.push(`${label}[${i}]: got ${g}, torch ${w}`);
  }
}

const t64 = (v: Float64Array) => Tensor.fromData(Float64Array.from(v), [v.length], float64);

for (const [name, c] of Object.entries(golden.ops)) {
  describe(`float64 ${name}`, () => {
    it("bit-exact with torch 1.13", () => {
      const bad: string[] = [];
      const x = decode(c.x);
      count(torch[name](t64(x))._contiguousValues(), decode(c.y), "values", bad);
      const p = decode(c.p);
      for (const l of c.layouts) {
        const base = t64(p.subarray(0, 2 * l.n));
        count(torch[name](base.narrow(0, 0, l.n))._contiguousValues(), decode(l.contig), `contig n=${l.n}`, bad);
        count(torch[name](base.view([l.n, 2]).select(1, 0))._contiguousValues(), decode(l.strided), `strided n=${l.n}`, bad);
      }
      const pt = t64(p);
      count(torch[name](pt.narrow(0, 0, 100).view([10, 10]).t())._contiguousValues(), decode(c.grids.t10), "t10", bad);
      count(torch[name](pt.narrow(0, 0, 108).view([12, 9]).narrow(1, 1, 7))._contiguousValues(), decode(c.grids.s12x9), "s12x9", bad);
      if (bad.length > 0) expect.fail(`${bad.length} differ:\n  ${bad.slice(0, 8).join("\n  ")}`);
    });
  });
}

describe("float64 fma (sleef_f64.ts)", () => {
  it("matches the exact BigInt evaluation over the whole exponent range", async () => {
    const { fma, fmaSlow } = await import("../src/kernels/sleef_f64.ts");
    let seed = 12345;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const val = (lo: number, hi: number) => (rnd() < 0.5 ? -1 : 1) * (1 + rnd()) * 2 ** Math.floor(lo + rnd() * (hi - lo));
    const ranges: [number, number][] = [[-1074, -900], [-600, 600], [900, 1023], [-40, 40]];
    let bad = 0;
    for (let i = 0; i < 200000; i++) {
      const [al, ah] = ranges[i & 3], [bl, bh] = ranges[(i >> 2) & 3], [cl, ch] = ranges[(i >> 4) & 3];
      const a = val(al, ah), b = val(bl, bh);
      const c = i % 7 === 0 ? -(a * b) * (1 + 2 ** -52 * Math.floor(rnd() * 4)) : i % 11 === 0 ? 0 : val(cl, ch);
      if (!Number.isFinite(c)) continue; // fmaSlow takes finite operands
      const r = fma(a, b, c), e = fmaSlow(a, b, c);
      if (!(Object.is(r, e) || (r !== r && e !== e))) if (bad++ < 5) console.log(a, b, c, r, e);
    }
    expect(bad).toBe(0);
  });
});
