// Float64 silu/elu/selu/celu/softplus/mish/logsigmoid bit for bit against PyTorch 1.13 (fixtures/activations_f64.json from
// gen_activation_f64_fixtures.py): the whole input, and x[:n] / x[:2n][::2] for n = 1..20 and 100,
// which separate SLEEF's exp on 8-element blocks from glibc's exp on tails and strided rows.

import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Tensor, float64 } from "@tsgrad/core";
import F from "../src/functional/index.ts";

const golden = JSON.parse(readFileSync(fileURLToPath(new URL("./fixtures/activations_f64.json", import.meta.url)), "utf8")) as {
  cases: { fn: string; kwargs: Record<string, unknown>; x: string; y: string; layouts: { n: number; contig: string; strided: string }[] }[];
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
function expectBits(label: string, got: ArrayLike<number>, want: Float64Array): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const a = got[i], b = want[i];
    if (!(Object.is(a, b) || (a !== a && b !== b))) expect.fail(`${label}[${i}]: got ${a}, torch ${b}`);
  }
}

describe("activations (float64, bit-exact)", () => {
  for (const c of golden.cases) {
    it(`${c.fn}(${JSON.stringify(c.kwargs)})`, () => {
      const fn = (t: Tensor) => (F as any)[c.fn](t, c.kwargs) as Tensor;
      const x = decode(c.x);
      expectBits("values", fn(Tensor.fromData(x, [x.length], float64))._contiguousValues(), decode(c.y));
      for (const l of c.layouts) {
        const base = Tensor.fromData(x.slice(0, 2 * l.n), [2 * l.n], float64);
        expectBits(`contig n=${l.n}`, fn(base.narrow(0, 0, l.n))._contiguousValues(), decode(l.contig));
        expectBits(`strided n=${l.n}`, fn(base.view([l.n, 2]).select(1, 0))._contiguousValues(), decode(l.strided));
      }
    });
  }
});
