// Float sums/means and linspace, bit for bit against PyTorch 1.13 (fixtures/sum_linspace.json,
// made by gen_sum_linspace_fixtures.py with /usr/bin/python3): the kernels follow ATen's CPU
// summation order (kernels/cascade_sum.ts) and linspace's fused multiply-adds.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dialectFunctions, float32, float64, int64, torchDialect, type Tensor } from "../src/index.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const torch: any = dialectFunctions(torchDialect);
const fx = JSON.parse(readFileSync(new URL("./fixtures/sum_linspace.json", import.meta.url), "utf8"));
const dtypes: Record<string, unknown> = { float32, float64, int64 };

describe("sum and mean in PyTorch's order", () => {
  it("match every fixture bit for bit", () => {
    let n = 0;
    for (const c of fx.sums) {
      let x: Tensor = torch.tensor(c.x, { dtype: dtypes[c.dtype] });
      if (c.trans) x = x.dim() === 2 ? x.t() : x.transpose(0, 2);
      const s = c.dims === null ? x.sum() : x.sum({ dim: c.dims });
      const m = c.dims === null ? x.mean() : x.mean({ dim: c.dims, keepdim: true });
      expect(s.flatten().tolist(), `sum ${c.dtype} ${x.shape} dims=${c.dims} trans=${c.trans}`).toEqual(c.sum);
      expect(m.flatten().tolist(), `mean ${c.dtype} ${x.shape} dims=${c.dims} trans=${c.trans}`).toEqual(c.mean);
      n++;
    }
    expect(n).toBeGreaterThan(80);
  });

  it("prints a softmax row sum as PyTorch does", () => {
    // d2l's softmax from scratch: torch.manual_seed(0); X = torch.normal(0, 1, (2, 5))
    const X = torch.tensor([[1.5409960746765137, -0.293428897857666, -2.1787893772125244, 0.5684312582015991, -1.0845223665237427],
      [-1.3985954523086548, 0.40334683656692505, 0.8380263447761536, -0.7192575931549072, -0.40334352850914]]);
    const E = X.exp();
    const P = E.sum(1, { keepdim: true });
    expect(P.flatten().tolist()).toEqual([7.631678104400635, 5.210765838623047]);
    expect(E.div(P).sum(1).tolist()).toEqual([1.0, 0.9999999403953552]);
  });
});

describe("linspace", () => {
  it("matches every fixture bit for bit", () => {
    for (const c of fx.linspace) {
      const t = torch.linspace(c.start, c.end, c.steps, { dtype: dtypes[c.dtype] });
      expect(t.tolist(), `linspace(${c.start}, ${c.end}, ${c.steps}, ${c.dtype})`).toEqual(c.out);
    }
  });
});
