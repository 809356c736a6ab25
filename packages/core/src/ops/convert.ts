// dtype conversion (`to`, `float()`, `long()`...) and the copy/fill ops that in-place
// variants are built on.

import { defineOp, ops } from "../op.ts";
import { Tensor, Device } from "../tensor.ts";
import { unaryKernel, copyInto } from "../kernels/elementwise.ts";
import { dtypes, type DType, float32, float64, int64, int32, int16, int8, uint8, bool } from "../dtype.ts";
import { RuntimeError } from "@tsgrad/py";

type T = Tensor;

function castFn(d: DType): (x: number) => number {
  if (d.kind === "bool") return (x) => (x !== 0 ? 1 : 0);
  if (d.kind === "int") return (x) => (Number.isFinite(x) ? Math.trunc(x) : 0);
  return (x) => x;
}

defineOp("_to_dtype", {
  sig: "_to_dtype(Tensor input, dtype dtype)",
  method: false,
  names: { torch: "ToCopyBackward0", oneflow: "cast_backward" },
  forward: (_ctx, x: T, d: DType) => unaryKernel(x, d, castFn(d)),
  backward: (ctx, g) => [(ctx.args[0] as T).dtype.kind === "float" ? g.to((ctx.args[0] as T).dtype) : null],
});

/** to(dtype) / to(other) / to(device) / to(device, dtype) with keywords dtype, copy. */
Object.defineProperty(Tensor.prototype, "to", {
  value(this: T, ...args: any[]) {
    let dtype: DType | null = null;
    let copy = false;
    for (const a of args) {
      if (a instanceof Tensor) dtype = a.dtype;
      else if (a && typeof a === "object" && "itemsize" in a) dtype = a as DType;
      else if (typeof a === "string" || a instanceof Device) {
        const dev = String(a);
        if (dev !== "cpu" && !dev.startsWith("cpu:")) throw new RuntimeError(`Expected one of cpu device type at start of device string: ${dev}`);
      } else if (a && typeof a === "object") {
        if (a.dtype) dtype = a.dtype;
        if (a.copy) copy = true;
      }
    }
    if (dtype === null || dtype === this.dtype) return copy ? this.clone() : this;
    return ops._to_dtype.call(this, dtype);
  },
  writable: true,
  configurable: true,
});

const casts: Array<[string, DType]> = [
  ["float", float32], ["double", float64], ["long", int64], ["int", int32], ["short", int16], ["char", int8], ["byte", uint8], ["bool", bool],
];
for (const [name, d] of casts) {
  Object.defineProperty(Tensor.prototype, name, {
    value(this: T) {
      return this.to(d);
    },
    writable: true,
    configurable: true,
  });
}
Object.defineProperty(Tensor.prototype, "type", {
  value(this: T, d?: DType | string) {
    if (d === undefined) return `torch.${this.dtype.legacyName}`;
    if (typeof d === "string") {
      const found = Object.values(dtypes).find((x) => `torch.${x.legacyName}` === d);
      if (!found) throw new RuntimeError(`invalid type: '${d}'`);
      d = found;
    }
    return this.to(d);
  },
  writable: true,
  configurable: true,
});

// fill / copy as out-of-place ops, so their in-place forms get grad_fns like PyTorch's.
defineOp("_fill", {
  sig: "_fill(Tensor input, Tensor value)",
  method: false,
  names: { torch: (a) => (a[1] instanceof Tensor ? "FillBackward1" : "FillBackward0"), oneflow: "fill_backward" },
  forward(_ctx, x: T, v: T | number) {
    if (v instanceof Tensor && v._shape.length !== 0)
      throw new RuntimeError(`fill_ only supports 0-dimension value tensor but got tensor with ${v._shape.length} dimensions.`);
    const val = v instanceof Tensor ? Number(v.item()) : Number(v);
    const out = Tensor.empty(x._shape.slice(), x.dtype, x._dialect);
    copyInto(out, val);
    return out;
  },
  backward: (ctx, g) => [g.mul(0), ctx.args[1] instanceof Tensor ? g.sum() : null],
});

defineOp("_copy_from", {
  sig: "_copy_from(Tensor input, Tensor src)",
  method: false,
  names: { torch: "CopyBackwards", oneflow: "copy_backward" },
  forward(_ctx, x: T, src: T | number) {
    const out = Tensor.empty(x._shape.slice(), x.dtype, x._dialect);
    copyInto(out, src as any);
    return out;
  },
  backward(ctx, g) {
    const src = ctx.args[1];
    return [g.mul(0), src instanceof Tensor ? g.to(src.dtype).sum_to_size(src._shape) : null];
  },
});
