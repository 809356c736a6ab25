// The repeated-block path of binaryKernel (a dense operand with a bias-like one: a contiguous
// block repeated over leading dims) against element-by-element reference values, on random
// shapes, both operand orders, sliced (offset) blocks and non-matching layouts that must take
// the general path.
import { describe, expect, it } from "vitest";
import { dialectFunctions, torchDialect, type Tensor } from "../src/index.ts";
import { broadcastShapes } from "../src/kernels/strided.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const torch: any = dialectFunctions(torchDialect);

function rng(seed: number) {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Reference: every output element from the operands' own values through broadcast indexing. */
function reference(a: Tensor, b: Tensor, f: (x: number, y: number) => number): number[] {
  const shape = broadcastShapes(a._shape, b._shape);
  const ea = a.expand(shape), eb = b.expand(shape);
  const va = ea.contiguous()._contiguousValues(), vb = eb.contiguous()._contiguousValues();
  return Array.from(va, (v: number, i: number) => Math.fround(f(v, vb[i])));
}

describe("binary ops with a repeated block operand", () => {
  it("match the reference for random shapes, both orders", () => {
    const r = rng(5);
    for (let t = 0; t < 200; t++) {
      const nd = 1 + Math.floor(r() * 3);
      const shape = Array.from({ length: nd + 1 }, () => 1 + Math.floor(r() * 5));
      const k = 1 + Math.floor(r() * nd); // the block is the trailing dims from k
      const dense = torch.randn(...shape);
      let block: Tensor = torch.randn(...shape.slice(k));
      if (r() < 0.3) block = block.unsqueeze(0); // [1, ...] form
      if (r() < 0.3) {
        // a block read from an offset: the last row of a bigger tensor
        const big = torch.randn(3, ...shape.slice(k));
        block = big.select(0, 2);
      }
      for (const [name, f] of [["add", (x: number, y: number) => x + y], ["sub", (x: number, y: number) => x - y], ["mul", (x: number, y: number) => x * y]] as const) {
        expect(dense[name](block)._contiguousValues()).toEqual(Float32Array.from(reference(dense, block, f)));
        expect(block[name](dense)._contiguousValues()).toEqual(Float32Array.from(reference(block, dense, f)));
      }
    }
  });
  it("leaves other layouts to the general path", () => {
    const col = torch.randn(4, 1), dense = torch.randn(4, 6);
    expect(dense.add(col)._contiguousValues()).toEqual(Float32Array.from(reference(dense, col, (x, y) => x + y)));
    const t = torch.randn(6, 4).t(); // not dense
    const bias = torch.randn(6);
    expect(t.add(bias)._contiguousValues()).toEqual(Float32Array.from(reference(t, bias, (x, y) => x + y)));
    const strided = torch.randn(12).at("::2"); // a block with stride 2
    expect(dense.add(strided)._contiguousValues()).toEqual(Float32Array.from(reference(dense, strided, (x, y) => x + y)));
  });
});
