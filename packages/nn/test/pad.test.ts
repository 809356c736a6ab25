// F.pad's reflect/replicate/circular modes and the padding modules against real PyTorch 1.13
// (fixtures/pad.json from gen_pad_fixtures.py): values and gradients bit-exact, grad_fn names,
// error classes and messages, module reprs.
import { describe, expect, it } from "vitest";
import { int64, Tensor } from "@tsgrad/core";
import { repr } from "@tsgrad/py";
import nn from "../src/index.ts";
import * as F from "../src/functional/index.ts";
import { dec, fixture, type Enc } from "./helpers.ts";

const fx = fixture("pad.json");

function exact(t: Tensor, e: Enc, what: string): void {
  expect(t._shape, `${what} shape`).toEqual(e.shape);
  expect(t.dtype.name, `${what} dtype`).toBe(e.dtype);
  const v = Array.from(t._contiguousValues() as ArrayLike<number>, Number);
  expect(v, what).toEqual(e.data);
}

describe("F.pad non-constant modes", () => {
  for (const c of fx.cases) {
    it(`${c.mode} ${JSON.stringify(c.shape)} pad ${JSON.stringify(c.pad)}`, () => {
      const x = dec(c.x).requires_grad_();
      const y = F.pad(x, c.pad, c.mode);
      exact(y, c.y, "output");
      expect(y.grad_fn?.name() ?? null).toBe(c.grad_fn);
      y.mul(dec(c.w)).sum().backward();
      exact(x.grad!, c.grad, "grad");
    });
  }
  it("double backward of reflection pad is the pad again", () => {
    const x = dec(fx.cases[0].x).requires_grad_();
    const y = F.pad(x, [2, 1], "reflect");
    const g = dec(fx.cases[0].w).requires_grad_();
    y.backward(g, { create_graph: true });
    expect(x.grad!.grad_fn?.name()).toBe("ReflectionPad1DBackwardBackward0");
  });
});

describe("F.pad errors", () => {
  for (const e of fx.errors) {
    it(`${e.mode} ${JSON.stringify(e.shape)} ${JSON.stringify(e.pad)}`, () => {
      const n = e.shape.reduce((a: number, b: number) => a * b, 1);
      const x = e.int ? Tensor.fromData(new BigInt64Array(n) as any, e.shape.slice(), int64) : dec({ dtype: "float32", shape: e.shape, data: new Array(n).fill(0) });
      const mode = e.mode.replace("-int", "");
      let err: any = null;
      try {
        e.value === null ? F.pad(x, e.pad, mode) : F.pad(x, e.pad, mode, e.value);
      } catch (ex) {
        err = ex;
      }
      expect(err, "should throw").not.toBeNull();
      expect(err.constructor.name).toBe(e.cls);
      expect(err.message).toBe(e.msg);
    });
  }
});

describe("padding modules", () => {
  for (const m of fx.modules) {
    it(m.expr, () => {
      const mod = new Function("nn", `return new ${m.expr.replace(/\((-?\d+(?:, -?\d+)+)\)/, "[$1]")}`)(nn);
      expect(repr(mod)).toBe(m.repr);
      exact(mod.forward(dec(m.x)), m.y, "output");
    });
  }
});
