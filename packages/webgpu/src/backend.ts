/// <reference types="@webgpu/types" />
// The webgpu Backend for @tsgrad/core's registry. Most ops run their own (CPU-side) forward,
// whose kernel primitives (elementwise, reductions, products) land here with the WGSL
// expression the op table gives them; a few ops whose CPU forward walks values itself (clone,
// gather, scatter_add, reshape's copy) get a kernel by name in `opKernels`.

import { Tensor, Device, GENERIC, HostReadError, hostStorage, isHost, deviceOf, type Backend, type DType, type Expr, type Op, type Ctx } from "@tsgrad/core";
import { RuntimeError, TypeError as PyTypeError } from "@tsgrad/py";
import type { GpuContext } from "./context.ts";
import { GpuStorage, elemType } from "./storage.ts";
import { runElementwise, normExpr, type Operand } from "./elementwise.ts";
import { runReduce, type ReduceKind } from "./reduce.ts";
import { runMatmul } from "./matmul.ts";
import { runGather, runScatterAdd } from "./gather.ts";

type T = Tensor;

export const state: { ctx: GpuContext | null; device: Device } = { ctx: null, device: new Device("webgpu", 0) };

export function gpu(): GpuContext {
  if (state.ctx === null) throw new RuntimeError("webgpu: no GPU device yet: call `await webgpu.init()` first");
  state.ctx.checkLost();
  return state.ctx;
}

function checkDtype(d: DType): void {
  if (d.name === "float64")
    throw new PyTypeError("Cannot convert a webgpu Tensor to float64 dtype as WebGPU doesn't support float64. Please use float32 instead.");
}

function contiguousStrides(shape: number[]): number[] {
  const st = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    st[i] = s;
    s *= shape[i];
  }
  return st;
}

export function emptyGpu(shape: number[], dtype: DType, dialect?: T["_dialect"]): T {
  checkDtype(dtype);
  const ctx = gpu();
  const n = shape.reduce((a, b) => a * b, 1);
  const storage = new GpuStorage(ctx, ctx.buffer(n * 4), n, dtype, state.device);
  return new Tensor(storage as any, shape, contiguousStrides(shape), 0, dtype, dialect);
}

/** Upload a CPU tensor (its values become the storage's host copy too: they are known). */
function upload(t: T): T {
  checkDtype(t.dtype);
  const ctx = gpu();
  const vals = t._contiguousValues();
  let data: Float32Array | Int32Array;
  if (elemType(t.dtype) === "f32") data = vals instanceof Float32Array ? vals : new Float32Array(vals);
  else {
    data = new Int32Array(vals.length);
    for (let i = 0; i < vals.length; i++) {
      const v = vals[i];
      if (v > 2147483647 || v < -2147483648)
        throw new RuntimeError(`webgpu stores ${t.dtype.name} values as 32-bit integers: ${v} does not fit`);
      data[i] = v;
    }
  }
  const storage = new GpuStorage(ctx, ctx.bufferFrom(data), vals.length, t.dtype, state.device);
  storage._host = vals === t._storage ? (vals.slice() as any) : vals;
  return new Tensor(storage as any, t._shape.slice(), contiguousStrides(t._shape), 0, t.dtype, t._dialect);
}

/** A GPU operand: device tensors as they are, 0-dim CPU tensors uploaded. */
export function onGpu(t: T): T {
  return isHost(t) ? upload(t) : t;
}

function broadcast(a: number[], b: number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[i - (n - a.length)] ?? 1;
    const y = b[i - (n - b.length)] ?? 1;
    if (x !== y && x !== 1 && y !== 1)
      throw new RuntimeError(`The size of tensor a (${x}) must match the size of tensor b (${y}) at non-singleton dimension ${i}`);
    out.push(x === 1 ? y : x);
  }
  return out;
}

function operand(v: T | number): Operand {
  return v instanceof Tensor ? { kind: "tensor", t: onGpu(v) } : { kind: "scalar", v };
}

function elementwise(ops: Array<T | number>, dtype: DType, expr: Expr, name: string): T {
  checkDtype(dtype);
  const e = normExpr(expr, name, String(state.device));
  let shape: number[] = [];
  let dialect: T["_dialect"] | undefined;
  for (const o of ops)
    if (o instanceof Tensor) {
      shape = broadcast(shape, o._shape);
      dialect ??= o._dialect;
    }
  const out = emptyGpu(shape, dtype, dialect);
  runElementwise(gpu(), out, dtype, ops.map(operand), e);
  return out;
}

export function clone(x: T): T {
  const out = emptyGpu(x._shape.slice(), x.dtype, x._dialect);
  runElementwise(gpu(), out, x.dtype, [{ kind: "tensor", t: x }], { e: "a" });
  return out;
}

/** Kernels for ops whose CPU forward reads values directly. Each saves what the CPU forward saves. */
export type OpKernel = (ctx: Ctx, bound: unknown[], op: Op) => unknown;
/** Op-level kernels by op name; kernels_*.ts add theirs (nn losses, conv, pooling, RNG, indexing). */
export const opKernels: Record<string, OpKernel> = {
  clone: (_c, [x]) => clone(x as T),
  reshape(ctx, bound, op) {
    try {
      return op.forward(ctx, ...bound); // a view when strides allow
    } catch (e) {
      if (!(e instanceof HostReadError)) throw e;
      const x = bound[0] as T;
      const c = clone(x);
      const probe = new Tensor(c._storage, c._shape, c._strides, 0, c.dtype, c._dialect);
      return op.forward(ctx, probe, bound[1]);
    }
  },
  gather(_c, [x, dim, index]) {
    const X = x as T, I = onGpu(index as T);
    const d = X._shape.length === 0 ? 0 : X._wrapDim(Number(dim));
    if (I.dtype.name !== "int64") throw new RuntimeError("gather(): Expected dtype int64 for index");
    if (I._shape.length !== X._shape.length) throw new RuntimeError("Index tensor must have the same number of dimensions as input tensor");
    const out = emptyGpu(I._shape.slice(), X.dtype, X._dialect);
    runGather(gpu(), X, d, I, out);
    return out;
  },
  scatter_add(_c, [x, dim, index, src]) {
    const X = x as T, I = onGpu(index as T), S = onGpu(src as T);
    const d = X._shape.length === 0 ? 0 : X._wrapDim(Number(dim));
    if (I.dtype.name !== "int64") throw new RuntimeError("scatter_add(): Expected dtype int64 for index");
    if (S.dtype !== X.dtype) throw new RuntimeError("scatter_add(): Expected self.dtype to be equal to src.dtype");
    const out = emptyGpu(X._shape.slice(), X.dtype, X._dialect);
    runScatterAdd(gpu(), X, d, I, S, out);
    return out;
  },
};

export const webgpuBackend: Backend = {
  device(index: number | null): Device {
    if (index !== null && index !== 0) throw new RuntimeError(`webgpu: device index ${index} is out of range (one adapter is used: webgpu:0)`);
    return state.device;
  },
  forward(op: Op, ctx: Ctx, bound: unknown[]): unknown {
    const k = opKernels[op.name];
    return k === undefined ? GENERIC : k(ctx, bound, op);
  },
  transfer(t: T, device: Device): T {
    if (device.type === "cpu") {
      const vals = hostStorage(t);
      const host = new Tensor(vals, t._shape.slice(), t._strides.slice(), t._offset, t.dtype, t._dialect);
      return Tensor.fromData(host._contiguousValues().slice() as any, t._shape.slice(), t.dtype, t._dialect);
    }
    return isHost(t) ? upload(t) : t;
  },
  empty: (shape, dtype, _device, dialect) => emptyGpu(shape, dtype, dialect),
  unary: (a, dtype, expr, name) => elementwise([a], dtype, expr, name),
  binary: (a, b, dtype, expr, name) => elementwise([a, b], dtype, expr, name),
  ternary: (a, b, c, dtype, expr, name) => elementwise([a, b, c], dtype, expr, name),
  copy(dst: T, src: T | number): void {
    if (isHost(dst)) {
      // a CPU destination needs the source's values now: only after a read
      const s = src as T;
      const host = new Tensor(hostStorage(s), s._shape, s._strides, s._offset, s.dtype, s._dialect);
      dst.copy_(host);
      return;
    }
    let s: Operand;
    if (src instanceof Tensor) {
      broadcast(dst._shape, src._shape);
      if (src._shape.length > dst._shape.length || src._shape.some((v, i) => v !== 1 && v !== dst._shape[dst._shape.length - src._shape.length + i]))
        throw new RuntimeError(`output with shape [${dst._shape.join(", ")}] doesn't match the broadcast shape [${broadcast(dst._shape, src._shape).join(", ")}]`);
      let t = onGpu(src);
      // one buffer may not be bound for reading and writing in one pass: copy overlapping sources first
      if (t._storage === dst._storage || (t._storage as any).buffer === (dst._storage as any).buffer) t = clone(t);
      s = { kind: "tensor", t };
    } else s = { kind: "scalar", v: src };
    runElementwise(gpu(), dst, dst.dtype, [s], { e: "a" });
  },
  reduce(x: T, dims: number[], outShape: number[], dtype: DType, kind: string, scale: number): T {
    checkDtype(dtype);
    const out = emptyGpu(outShape, dtype, x._dialect);
    runReduce(gpu(), x, dims, out, kind as ReduceKind, scale);
    return out;
  },
  matmul(a: T, b: T, outShape: number[], batch: number, M: number, K: number, N: number): T {
    if (a.dtype.kind !== "float") throw new RuntimeError(`webgpu: matmul of ${a.dtype.name} tensors is not implemented (float32 only)`);
    const out = emptyGpu(outShape, a.dtype, a._dialect);
    if (K === 0) runElementwise(gpu(), out, a.dtype, [{ kind: "scalar", v: 0 }], { e: "a" });
    else runMatmul(gpu(), onGpu(a), onGpu(b), out, batch, M, K, N);
    return out;
  },
};

export { deviceOf };
