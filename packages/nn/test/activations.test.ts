// Float32 activations bit for bit against PyTorch 1.13 (fixtures/activations.json, written by
// gen_activation_fixtures.py): the whole input, and x[:n] / x[::2] for n = 1..20 and 100.

import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Tensor, float32 } from "@tsgrad/core";
import F from "../src/functional/index.ts";

const golden = JSON.parse(readFileSync(fileURLToPath(new URL("./fixtures/activations.json", import.meta.url)), "utf8")) as {
  cases: { fn: string; kwargs: Record<string, unknown>; shape?: number[]; x: string; y: string; layouts: { n: number; contig: string; strided: string }[] }[];
};

function decode(hex: string): Float32Array {
  const out = new Float32Array(hex.length / 8);
  const u = new Uint32Array(out.buffer);
  for (let i = 0; i < out.length; i++) u[i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return out;
}
/** Ops allowed to differ by a few ulps (none: GELU matches since functional/gelu_f32.ts ports
 *  oneDNN's gelu_erf, which this build's ATen uses for contiguous float32; see gelu.test.ts). */
const KNOWN_ULPS: Record<string, number> = {};
let tol = 0;
function expectBits(label: string, got: ArrayLike<number>, want: Float32Array): void {
  const a32 = new Float32Array(1), b32 = new Float32Array(1);
  const ai = new Int32Array(a32.buffer), bi = new Int32Array(b32.buffer);
  for (let i = 0; i < want.length; i++) {
    const a = got[i], b = want[i];
    if (Object.is(a, b) || (a !== a && b !== b)) continue;
    a32[0] = a;
    b32[0] = b;
    if (tol > 0 && a === b) continue;
    if (tol > 0 && Number.isFinite(a) && Number.isFinite(b) && Math.abs(ai[0] - bi[0]) <= tol) continue;
    expect.fail(`${label}[${i}]: got ${a}, torch ${b}`);
  }
}

describe("activations (float32; bit-exact except KNOWN_ULPS)", () => {
  for (const c of golden.cases) {
    it(`${c.fn}(${JSON.stringify(c.kwargs)})`, () => {
      tol = KNOWN_ULPS[c.fn] ?? 0;
      const fn = (t: Tensor) => (F as any)[c.fn](t, c.kwargs) as Tensor;
      const x = decode(c.x);
      const xt = Tensor.fromData(x, c.shape ?? [x.length], float32);
      expectBits("values", fn(xt)._contiguousValues(), decode(c.y));
      for (const l of c.layouts) {
        const base = Tensor.fromData(x.slice(0, 2 * l.n), [2 * l.n], float32);
        expectBits(`contig n=${l.n}`, fn(base.narrow(0, 0, l.n))._contiguousValues(), decode(l.contig));
        expectBits(`strided n=${l.n}`, fn(base.view([l.n, 2]).select(1, 0))._contiguousValues(), decode(l.strided));
      }
    });
  }
});
