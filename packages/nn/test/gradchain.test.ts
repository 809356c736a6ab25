// Autograd graphs against PyTorch 1.13 (fixtures/gradchain.json from gen_gradchain_fixtures.py):
// the whole tree of grad_fn names under each output, overload numbers included (DivBackward1
// where ATen divides by a C++ Scalar, MulBackward1 for label smoothing's Scalar products,
// TransposeBackward1 for an RNN's transpose_, UnsafeSplitBackward0 in the cells).
import { describe, it, expect } from "vitest";
import { Tensor } from "@tsgrad/core";
import nn from "../src/index.ts";
import F from "../src/functional/index.ts";
import { dec, fixture } from "./helpers.ts";

const RNN_DEPTH = 12;

// Edge-count differences owned by core ops (names and order match; only a null edge differs):
const coreEdgeDifferences: Record<string, string> = {
  ce_smooth: "core's masked_select gives its bool mask an edge; PyTorch's MaskedSelectBackward0 has none",
  dropout_train: "core's dropout node has no edge for the noise tensor; PyTorch's MulBackward0 has a null one",
};

function stripNulls(t: any): any {
  if (t === null || typeof t === "string") return t;
  return [t[0], t[1].filter((c: any) => c !== null).map(stripNulls)];
}

function tree(fn: any, depth: number, max: number): any {
  if (fn === null || fn === undefined) return null;
  const name: string = fn.name();
  if (name === "torch::autograd::AccumulateGrad" || name === "AccumulateGrad") return "AccumulateGrad";
  if (depth >= max) return name;
  return [name, fn.next_functions.map(([f]: [any, number]) => tree(f, depth + 1, max))];
}

function truncate(t: any, depth: number, max: number): any {
  if (t === null || typeof t === "string") return t;
  if (depth >= max) return t[0];
  return [t[0], t[1].map((c: any) => truncate(c, depth + 1, max))];
}

function flat(out: any): Tensor[] {
  if (out instanceof Tensor) return [out];
  return [...out].flatMap(flat);
}

describe("autograd graphs match PyTorch 1.13", () => {
  for (const c of fixture("gradchain.json").cases) {
    it(c.name, () => {
      const ins: Tensor[] = c.inputs.map(dec);
      for (const i of c.grad) ins[i].requires_grad_(true);
      let out: any;
      if (c.module) {
        const m = (nn as any)[c.module](...c.margs, c.mkwargs);
        out = m(...ins);
      } else {
        const kw = Object.keys(c.kwargs).length ? [c.kwargs] : [];
        out = (F as any)[c.fn](...ins, ...kw);
      }
      const max = c.module ? RNN_DEPTH : 12;
      const got = flat(out).filter((o) => o.is_floating_point()).map((o) => tree(o.grad_fn, 0, max));
      const exp = c.module ? c.trees.map((t: any) => truncate(t, 0, max)) : c.trees;
      if (c.name in coreEdgeDifferences) expect(got.map(stripNulls)).toEqual(exp.map(stripNulls));
      else expect(got).toEqual(exp);
    });
  }
});
