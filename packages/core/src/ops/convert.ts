// dtype conversion (`to`, `float()`, `long()`...) and the copy/fill ops that in-place
// variants are built on.

import { defineOp, ops } from "../op.ts";
import { Tensor, Device } from "../tensor.ts";
import { unaryKernel, copyInto } from "../kernels/elementwise.ts";
import { dtypes, type DType, float32, float64, int64, int32, int16, int8, uint8, bool } from "../dtype.ts";
import { RuntimeError } from "@tsgrad/py";
import { parseDevice, deviceOf, backendFor, emptyLike, hostStorage, isHost } from "../kernels/backends.ts";

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
  forward: (_ctx, x: T, d: DType) => unaryKernel(x, d, castFn(d), "a"),
  backward: (ctx, g) => [(ctx.args[0] as T).dtype.kind === "float" ? g.to((ctx.args[0] as T).dtype) : null],
});

// Moving between devices is an op (PyTorch's ToCopyBackward0): gradients flow back across.
// A device -> CPU copy is synchronous only after a read has fetched the values (see
// kernels/backends.ts); `cpu_async()` does that read first.
defineOp("_to_device", {
  sig: "_to_device(Tensor input, any device)",
  method: false,
  names: { torch: "ToCopyBackward0", oneflow: "copy_backward" },
  forward(_ctx, x: T, dev: Device) {
    if (dev.type === "cpu") {
      // x's layout over the fetched values, then a dense copy of them
      const vals = (x._storage as any).hostValues?.() ?? null;
      if (vals === null)
        throw new RuntimeError(
          `copying a ${deviceOf(x)} tensor to the CPU needs its values, which arrive asynchronously: use \`await t.cpu_async()\`. ` +
            `Inside backward() this happens when a CPU tensor that requires grad is used on the device: move it there first ` +
            `(\`w = w.to("${deviceOf(x).type}").detach().requires_grad_()\`) so that its gradient stays there too`,
        );
      const host = new Tensor(vals, x._shape.slice(), x._strides.slice(), x._offset, x.dtype, x._dialect);
      return Tensor.fromData(host._contiguousValues().slice() as any, x._shape.slice(), x.dtype, x._dialect);
    }
    return backendFor(dev).transfer(x, dev);
  },
  backward: (ctx, g) => [g.to(deviceOf(ctx.args[0] as T))],
});

/** to(dtype) / to(other) / to(device) / to(device, dtype) with keywords dtype, device, copy. */
Object.defineProperty(Tensor.prototype, "to", {
  value(this: T, ...args: any[]) {
    let dtype: DType | null = null;
    let device: Device | null = null;
    let copy = false;
    for (const a of args) {
      if (a instanceof Tensor) {
        dtype = a.dtype;
        device = deviceOf(a);
      } else if (a && typeof a === "object" && "itemsize" in a) dtype = a as DType;
      else if (typeof a === "string" || a instanceof Device) device = parseDevice(a);
      else if (a && typeof a === "object") {
        if (a.dtype) dtype = a.dtype;
        if (a.device) device = parseDevice(a.device);
        if (a.copy) copy = true;
      }
    }
    let out: T = this;
    const moving = device !== null && device !== deviceOf(this);
    // cast where the dtype is supported: before leaving the CPU, after arriving on it
    if (dtype !== null && dtype !== out.dtype && (!moving || isHost(out))) out = ops._to_dtype.call(out, dtype);
    if (moving) out = ops._to_device.call(out, device);
    if (dtype !== null && dtype !== out.dtype) out = ops._to_dtype.call(out, dtype);
    return out === this && copy ? this.clone() : out;
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
    const out = emptyLike(x);
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
    const out = emptyLike(x);
    copyInto(out, src as any);
    return out;
  },
  backward(ctx, g) {
    const src = ctx.args[1];
    return [g.mul(0), src instanceof Tensor ? g.to(src.dtype).sum_to_size(src._shape) : null];
  },
});

Object.defineProperty(Tensor.prototype, "cpu", {
  value(this: T) {
    return this.to("cpu");
  },
  writable: true,
  configurable: true,
});
