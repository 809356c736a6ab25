// F.gelu float32 bit for bit against PyTorch 1.13 (fixtures/gelu.json, written by
// gen_gelu_fixtures.py): forward and gradient, both approximate modes, the whole input and
// x[:n] / x[::2] for n = 1..40 and 1000, and a transposed 2-D input. approximate='none' on a
// contiguous input with numel > 1 is oneDNN's gelu_erf (functional/gelu_f32.ts), the rest ATen's kernel.

import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Tensor, float32 } from "@tsgrad/core";
import F from "../src/functional/index.ts";
import { onednnExp } from "../src/functional/gelu_f32.ts";

type Layout = { n: number; contig: string; contig_grad: string; strided: string; strided_grad: string };
const golden = JSON.parse(readFileSync(fileURLToPath(new URL("./fixtures/gelu.json", import.meta.url)), "utf8")) as {
  x: string;
  dy: string;
  cases: { approximate: string; y: string; grad: string; layouts: Layout[]; transposed_y: string }[];
};

function decode(hex: string): Float32Array {
  const out = new Float32Array(hex.length / 8);
  const u = new Uint32Array(out.buffer);
  for (let i = 0; i < out.length; i++) u[i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return out;
}
function expectBits(label: string, got: ArrayLike<number>, want: Float32Array): void {
  expect(got.length, label).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const a = got[i], b = want[i];
    if (Object.is(a, b) || (a !== a && b !== b)) continue;
    expect.fail(`${label}[${i}]: got ${a}, torch ${b}`);
  }
}

const X = decode(golden.x);
const DY = decode(golden.dy);

/** gelu(view(leaf)) and the gradient at the view's elements for backward(dy[:n]). */
function run(view: (t: Tensor) => Tensor, approximate: string): [Float32Array, Float32Array] {
  const leaf = (Tensor.fromData(X.slice(), [X.length], float32) as any).requires_grad_();
  const xin = view(leaf);
  const y = (F as any).gelu(xin, { approximate }) as Tensor;
  const n = y.numel();
  (y as any).backward(Tensor.fromData(DY.slice(0, n), y._shape.slice(), float32));
  const g = view((leaf as any).grad as Tensor);
  return [y._contiguousValues() as Float32Array, g._contiguousValues() as Float32Array];
}

describe("F.gelu float32 (bit-exact with PyTorch 1.13 + oneDNN 2.6.3)", () => {
  for (const c of golden.cases) {
    it(`approximate=${c.approximate}: whole input, x[:n], x[::2] (n = 1..40, 1000), forward and grad`, () => {
      const [y, g] = run((t) => t, c.approximate);
      expectBits("y", y, decode(c.y));
      expectBits("grad", g, decode(c.grad));
      for (const l of c.layouts) {
        const [cy, cg] = run((t) => t.narrow(0, 0, l.n), c.approximate);
        expectBits(`contig n=${l.n}`, cy, decode(l.contig));
        expectBits(`contig grad n=${l.n}`, cg, decode(l.contig_grad));
        const [sy, sg] = run((t) => t.narrow(0, 0, 2 * l.n).view([l.n, 2]).select(1, 0), c.approximate);
        expectBits(`strided n=${l.n}`, sy, decode(l.strided));
        expectBits(`strided grad n=${l.n}`, sg, decode(l.strided_grad));
      }
    });
    it(`approximate=${c.approximate}: transposed 2-D input`, () => {
      const xt = Tensor.fromData(X.slice(0, 1000), [40, 25], float32).t();
      expectBits("transposed", ((F as any).gelu(xt, { approximate: c.approximate }) as Tensor)._contiguousValues(), decode(c.transposed_y));
    });
  }
  it("oneDNN's exp: zero below ln(FLT_MIN), NaN clamped to ln(FLT_MAX)", () => {
    expect(onednnExp(-88)).toBe(0);
    expect(onednnExp(0)).toBe(1);
    expect(onednnExp(NaN)).toBe(onednnExp(Math.fround(88.72283935546875)));
  });
});
