// The summation order of products, against real PyTorch 1.13 on Debian (reference BLAS): every
// output summed in k order with each product and addition rounded, addmm's bias added first or
// last as sgemm's loop for the operands' strides does (core ops/linalg.ts). Fixtures:
// gen_blas_order_fixtures.py. Products above the onnxruntime threshold take its own order and
// are not in this set.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import torch, { nn } from "../src/index.ts";
import { fastThresholds } from "@tsgrad/core";

interface Enc {
  shape: number[];
  dtype: "float32" | "float64";
  values: number[];
}
interface Case {
  name: string;
  expr: string;
  inputs: Record<string, Enc>;
  out: Enc;
}

const data = JSON.parse(readFileSync(new URL("./fixtures/blas_order.json", import.meta.url), "utf8")) as { cases: Case[] };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const T: any = torch;
const F = nn.functional;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const exprs: Record<string, (v: Record<string, any>) => any> = {
  "a.mm(b)": (v) => v.a.mm(v.b),
  "at.t().mm(b)": (v) => v.at.t().mm(v.b),
  "a.mm(bt.t())": (v) => v.a.mm(v.bt.t()),
  "at.t().mm(bt.t())": (v) => v.at.t().mm(v.bt.t()),
  "torch.addmm(bias, a, b)": (v) => T.addmm(v.bias, v.a, v.b),
  "torch.addmm(bias, a, bt.t())": (v) => T.addmm(v.bias, v.a, v.bt.t()),
  "torch.addmm(c2, at.t(), b)": (v) => T.addmm(v.c2, v.at.t(), v.b),
  "torch.addmm(c2, a, b, beta=0.5, alpha=1.7)": (v) => T.addmm(v.c2, v.a, v.b, { beta: 0.5, alpha: 1.7 }),
  "torch.addmm(c2, a, bt.t(), beta=0.5, alpha=1.7)": (v) => T.addmm(v.c2, v.a, v.bt.t(), { beta: 0.5, alpha: 1.7 }),
  "F.linear(a, bt, bias)": (v) => F.linear(v.a, v.bt, v.bias),
  "a.mv(v)": (v) => v.a.mv(v.v),
  "at.t().mv(v)": (v) => v.at.t().mv(v.v),
  "torch.addmv(y0, a, v)": (v) => T.addmv(v.y0, v.a, v.v),
  "torch.addmv(y0, at.t(), v)": (v) => T.addmv(v.y0, v.at.t(), v.v),
  "v.dot(w)": (v) => v.v.dot(v.w),
  "x.bmm(y)": (v) => v.x.bmm(v.y),
  "torch.baddbmm(inp, x, y)": (v) => T.baddbmm(v.inp, v.x, v.y),
  "F.linear(x, w2, bias)": (v) => F.linear(v.x, v.w2, v.bias),
  "x.matmul(w2.t())": (v) => v.x.matmul(v.w2.t()),
};

describe("products sum in reference BLAS's order (Debian's PyTorch 1.13)", () => {
  it("every fixture case has an evaluator", () => {
    for (const c of data.cases) expect(exprs[c.expr], c.expr).toBeDefined();
  });
  for (const dtype of ["float32", "float64"]) {
    it(`${dtype}: mm, addmm (bias first or last), linear, mv, addmv, dot, bmm, baddbmm, matmul bit for bit`, () => {
      const failures: string[] = [];
      let checked = 0;
      for (const c of data.cases) {
        if (c.out.dtype !== dtype) continue;
        const inputs: Record<string, unknown> = {};
        for (const [k, e] of Object.entries(c.inputs)) inputs[k] = T.tensor(e.values, { dtype: T[e.dtype] }).reshape(e.shape);
        const got = exprs[c.expr](inputs);
        const vals: number[] = got.reshape(-1).tolist();
        checked++;
        const bad = vals.filter((x, i) => !Object.is(x, c.out.values[i])).length;
        if (bad > 0) failures.push(`${c.name}: ${bad}/${vals.length} differ`);
      }
      expect(checked).toBeGreaterThan(50);
      expect(failures).toEqual([]);
    });
  }
  it("the fixtures stay below the onnxruntime threshold", () => {
    for (const c of data.cases) {
      const n = c.out.values.length;
      const k = Math.max(...Object.values(c.inputs).map((e) => e.shape[e.shape.length - 1]));
      expect(n * k, c.name).toBeLessThan(fastThresholds.matmulMacs);
    }
  });
});
