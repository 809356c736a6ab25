// Factories. Dtype inference follows porting.md: JS number = Python float, bigint = Python
// int, boolean = Python bool; the default float dtype applies to floats.

import { defineOp } from "../op.ts";
import { Tensor } from "../tensor.ts";
import { RuntimeError, TypeError as PyTypeError, ValueError } from "@tsgrad/py";
import { type DType, bool, int64, float32, get_default_dtype, promote_types } from "../dtype.ts";
import { numelOf } from "../kernels/strided.ts";
import { dialectState } from "../dialect.ts";
import { fma32 } from "../random/float32_math.ts";
import { fma } from "../random/libm.ts";

type T = Tensor;

function sizeOf(size: unknown): number[] {
  const list = Array.isArray(size) ? size : [size];
  const out = list.map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n)) throw new PyTypeError(`empty(): argument 'size' must be tuple of ints, but found element of type float at pos 0`);
    if (n < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${n}: [${list.join(", ")}]`);
    return n;
  });
  return out;
}

function finish(t: T, requiresGrad: boolean): T {
  // factories check before Tensor.requires_grad_ would, with their own wording
  if (requiresGrad && t.dtype.kind !== "float") throw new RuntimeError("Only Tensors of floating point and complex dtype can require gradients");
  if (requiresGrad) t.requires_grad_(true);
  return t;
}

function filled(shape: number[], dtype: DType, value: number): T {
  const t = Tensor.empty(shape, dtype, dialectState.current);
  if (value !== 0) t._storage.fill(value);
  return t;
}

const factoryKw = "*, dtype? dtype=None, any layout=None, any device=None, bool requires_grad=False, bool pin_memory=False";

defineOp("zeros", {
  sig: `zeros(int... size, ${factoryKw})`,
  overloads: { fn: ["zeros(IntArrayRef size, *, DimnameList? names, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False)", "zeros(SymIntArrayRef size, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False)"] },
  method: false,
  forward: (_c, size, dtype, _l, _d, rg) => finish(filled(sizeOf(size), dtype ?? get_default_dtype(), 0), rg),
});
defineOp("ones", {
  sig: `ones(int... size, ${factoryKw})`,
  overloads: { fn: ["ones(IntArrayRef size, *, DimnameList? names, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False)", "ones(SymIntArrayRef size, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False)"] },
  method: false,
  forward: (_c, size, dtype, _l, _d, rg) => finish(filled(sizeOf(size), dtype ?? get_default_dtype(), 1), rg),
});
defineOp("empty", {
  sig: `empty(int... size, ${factoryKw}, any memory_format=None)`,
  overloads: { fn: ["empty(IntArrayRef size, *, DimnameList? names, MemoryFormat? memory_format=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False)", "empty(SymIntArrayRef size, *, MemoryFormat? memory_format=None, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False)"] },
  method: false,
  forward: (_c, size, dtype, _l, _d, rg) => finish(filled(sizeOf(size), dtype ?? get_default_dtype(), 0), rg),
});
defineOp("full", {
  sig: `full(int[] size, Scalar fill_value, ${factoryKw})`,
  overloads: { fn: ["full(IntArrayRef size, Scalar fill_value, *, DimnameList? names, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False)", "full(SymIntArrayRef size, Scalar fill_value, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False)"] },
  method: false,
  forward(_c, size, value, dtype, _l, _d, rg) {
    const d = dtype ?? scalarKind(value);
    return finish(filled(sizeOf(size), d, castTo(Number(value), d)), rg);
  },
});

/** A range bound as PyTorch prints it: as the accumulate type's C++ value. */
function fmtScalar(v: number, d: DType): string {
  if (d.kind !== "float") return String(v);
  return Number.isNaN(v) ? "nan" : v === Infinity ? "inf" : v === -Infinity ? "-inf" : String(v);
}

function scalarKind(v: unknown): DType {
  if (typeof v === "boolean") return bool;
  if (typeof v === "bigint") return int64;
  return get_default_dtype();
}
function castTo(v: number, d: DType): number {
  return d.kind === "bool" ? (v ? 1 : 0) : d.kind === "int" ? Math.trunc(v) : v;
}

const likeKw = "*, dtype? dtype=None, any layout=None, any device=None, bool requires_grad=False, any memory_format=None";
for (const [name, value] of [["zeros_like", 0], ["ones_like", 1], ["empty_like", 0]] as const) {
  defineOp(name, {
    sig: `${name}(Tensor input, ${likeKw})`,
    method: false,
    forward: (_c, x: T, dtype, _l, _d, rg) => finish(withDialect(x, () => filled(x._shape.slice(), dtype ?? x.dtype, value)), rg),
  });
}
defineOp("full_like", {
  sig: `full_like(Tensor input, Scalar fill_value, ${likeKw})`,
  overloads: { fn: ["full_like(Tensor input, Scalar fill_value, *, MemoryFormat? memory_format=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False)"] },
  method: false,
  forward: (_c, x: T, v, dtype, _l, _d, rg) => finish(withDialect(x, () => filled(x._shape.slice(), dtype ?? x.dtype, castTo(Number(v), dtype ?? x.dtype))), rg),
});

// x.new_zeros(2, 3) / new_ones / new_empty / new_full(size, v) / new_tensor(data): a new
// tensor with x's dtype (unless dtype= says otherwise) and dialect
for (const [name, value] of [["new_zeros", 0], ["new_ones", 1], ["new_empty", 0]] as const) {
  defineOp(name, {
    sig: `${name}(Tensor input, int... size, ${factoryKw})`,
    fn: false,
    forward: (_c, x: T, size, dtype, _l, _d, rg) => finish(withDialect(x, () => filled(sizeOf(size), dtype ?? x.dtype, value)), rg),
  });
}
defineOp("new_full", {
  sig: `new_full(Tensor input, int[] size, Scalar fill_value, ${factoryKw})`,
  fn: false,
  forward: (_c, x: T, size, v, dtype, _l, _d, rg) =>
    finish(withDialect(x, () => filled(sizeOf(size), dtype ?? x.dtype, castTo(Number(v), dtype ?? x.dtype))), rg),
});
defineOp("new_tensor", {
  sig: `new_tensor(Tensor input, any data, ${factoryKw})`,
  fn: false,
  forward: (_c, x: T, data, dtype, _l, _d, rg) => finish(withDialect(x, () => tensorFromData(data, dtype ?? x.dtype)), rg),
});

function withDialect<R>(x: T, fn: () => R): R {
  const prev = dialectState.current;
  dialectState.current = x._dialect;
  try {
    return fn();
  } finally {
    dialectState.current = prev;
  }
}

defineOp("arange", {
  // step defaults to None (meaning the int 1) so that a given `1` stays a Python float
  sig: `arange(Scalar start, Scalar? end=None, Scalar? step=None, ${factoryKw})`,
  overloads: { fn: ["arange(Scalar end, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False)", "arange(Scalar start, Scalar end, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False)", "arange(Scalar start, Scalar end, Scalar step=1, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False)"] },
  method: false,
  forward(_c, start, end, step, dtype, _l, _d, rg) {
    if (end === null) {
      end = start;
      start = typeof end === "bigint" ? 0n : 0;
    }
    if (step === null) step = 1n;
    const isInt = [start, end, step].every((v) => typeof v === "bigint");
    const d: DType = dtype ?? (isInt ? int64 : get_default_dtype());
    // PyTorch converts start/end/step to the output's accumulate type first (an integer dtype
    // truncates them), and sizes an int64 range in integer arithmetic.
    const acc = d.kind === "float" ? (v: number) => v : Math.trunc;
    const s = acc(Number(start)), e = acc(Number(end)), st = acc(Number(step));
    if (st === 0 || Number.isNaN(st)) throw new RuntimeError("step must be nonzero");
    if (!Number.isFinite(s) || !Number.isFinite(e)) throw new RuntimeError(`unsupported range: ${fmtScalar(s, d)} -> ${fmtScalar(e, d)}`);
    if ((st > 0 && e < s) || (st < 0 && e > s)) throw new RuntimeError("upper bound and larger bound inconsistent with step sign");
    const n =
      d === int64
        ? Math.trunc((e - s + st - Math.sign(st)) / st)
        : Math.ceil((Number(end) - Number(start)) / Number(step === null ? 1 : step));
    const t = Tensor.empty([n], d, dialectState.current);
    for (let i = 0; i < n; i++) t._storage[i] = s + i * st;
    return finish(t, rg);
  },
});

defineOp("linspace", {
  sig: `linspace(Scalar start, Scalar end, int steps, ${factoryKw})`,
  overloads: { fn: ["linspace(Scalar start, Scalar end, int64_t steps, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False)"] },
  method: false,
  forward(_c, start, end, steps, dtype, _l, _d, rg) {
    const n = Number(steps);
    if (n < 0) throw new RuntimeError("number of steps must be non-negative");
    const d: DType = dtype ?? get_default_dtype();
    const t = Tensor.empty([n], d, dialectState.current);
    linspaceFill(t._storage, n, Number(start), Number(end), d);
    return finish(t, rg);
  },
});

/**
 * ATen's CPU linspace kernel (AVX2 build): step = (end - start) / (steps - 1) in the dtype (in
 * double for integer dtypes); the first half counts up from start, the rest down from end. Blocks
 * of two 32-byte vectors are filled by `Vectorized::arange(base, step)` (base + k * step from the
 * block's first index, whichever half that index is in); the tail runs the scalar formula. The
 * compiler contracted the scalar formula's `start + step * idx` (and `end - step * k`) into a
 * fused multiply-add, one rounding, which decides last bits (linspace(-10, 10, 7)[3] is
 * 2.3842e-07, not 0); arange's `base + k * step` rounds the product first.
 */
function linspaceFill(out: { [i: number]: number }, n: number, startIn: number, endIn: number, d: DType): void {
  if (n === 0) return;
  const isInt = d.kind !== "float";
  const r = d === float32 ? Math.fround : (v: number) => v;
  // float32 rounds once after a fused a * b + c; double and the integers' double step_t use fma
  const fmadd = d === float32 ? fma32 : fma;
  // the scalar_t of start/end, then step in step_t (the dtype, or double for integers)
  const toScalar = isInt ? (v: number) => Math.trunc(v) + 0 : r; // + 0: no -0 in an integer tensor
  const start = toScalar(startIn), end = toScalar(endIn);
  if (n === 1) {
    out[0] = start;
    return;
  }
  const step = r(r(end - start) / (n - 1));
  const halfway = Math.floor(n / 2);
  const scalarAt = (idx: number) => (idx < halfway ? fmadd(step, idx, start) : fmadd(-step, n - idx - 1, end));
  const lanes = Math.max(1, 32 / d.itemsize);
  let i = 0;
  for (; i <= n - 2 * lanes; i += 2 * lanes) {
    // two vectors per step of the loop, each from its own first index
    for (const v of [i, i + lanes]) {
      const base = toScalar(scalarAt(v));
      for (let k = 0; k < lanes; k++) out[v + k] = toScalar(r(base + r(k * step)));
    }
  }
  for (; i < n; i++) out[i] = toScalar(scalarAt(i));
}

defineOp("eye", {
  sig: `eye(int n, int? m=None, ${factoryKw})`,
  overloads: { fn: ["eye(int64_t n, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False)", "eye(int64_t n, int64_t m, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False)"] },
  method: false,
  forward(_c, n, m, dtype, _l, _d, rg) {
    const rows = Number(n), cols = m === null ? rows : Number(m);
    if (rows < 0) throw new RuntimeError(`n must be greater or equal to 0, got ${rows}`);
    const t = filled([rows, cols], dtype ?? get_default_dtype(), 0);
    for (let i = 0; i < Math.min(rows, cols); i++) t._storage[i * cols + i] = 1;
    return finish(t, rg);
  },
});

// ---- tensor(data) -------------------------------------------------------------------------------

function inferShape(data: unknown, shape: number[] = []): number[] {
  if (data instanceof Tensor) return [...shape, ...data._shape];
  if (Array.isArray(data) || ArrayBuffer.isView(data)) {
    const arr = data as ArrayLike<unknown>;
    shape.push(arr.length);
    if (arr.length > 0) return inferShape(arr[0], shape);
  }
  return shape;
}

function pyKind(v: unknown): string {
  if (typeof v === "number") return "float";
  if (typeof v === "bigint") return "int";
  if (typeof v === "boolean") return "bool";
  return v === null ? "NoneType" : Array.isArray(v) ? "list" : typeof v === "string" ? "str" : (v as object)?.constructor?.name ?? typeof v;
}

/** Flatten nested data, checking that every sequence at a depth has the same length. */
function flatten(data: unknown, shape: number[], depth: number, out: unknown[], dtypes: Set<DType>): void {
  if (depth === shape.length) {
    if (data instanceof Tensor) {
      if (data.numel() !== 1 && data._shape.length !== 0) throw new ValueError("only one element tensors can be converted to Python scalars");
      dtypes.add(data.dtype);
      out.push(Number(data._storage[data._offset]));
      return;
    }
    if (typeof data === "number") dtypes.add(get_default_dtype());
    else if (typeof data === "bigint") dtypes.add(int64);
    else if (typeof data === "boolean") dtypes.add(bool);
    else if (data instanceof Number) {
      // a float-marked number (`float("nan")`, `float(x)`) is a Python float
      dtypes.add(get_default_dtype());
      out.push(data.valueOf());
      return;
    } else if (data !== null && typeof data === "object" && "__float__" in (data as object)) {
      dtypes.add(get_default_dtype());
      out.push((data as any).__float__());
      return;
    } else throw new RuntimeError(`Could not infer dtype of ${pyKind(data)}`);
    out.push(typeof data === "boolean" ? (data ? 1 : 0) : Number(data));
    return;
  }
  if (data instanceof Tensor) {
    // a tensor inside a list contributes its values
    dtypes.add(data.dtype);
    for (const v of data._contiguousValues()) out.push(v);
    return;
  }
  if (!(Array.isArray(data) || ArrayBuffer.isView(data)))
    throw new ValueError(`expected sequence of length ${shape[depth]} at dim ${depth} (got ${typeof data === "number" || typeof data === "bigint" ? "not a sequence" : pyKind(data)})`);
  const arr = data as ArrayLike<unknown>;
  if (arr.length !== shape[depth])
    throw new ValueError(`expected sequence of length ${shape[depth]} at dim ${depth} (got ${arr.length})`);
  if (ArrayBuffer.isView(data) && depth === shape.length - 1) {
    dtypes.add(data instanceof Float64Array ? (get_default_dtype() === float32 ? float32 : get_default_dtype()) : get_default_dtype());
    for (let i = 0; i < arr.length; i++) out.push(arr[i]);
    return;
  }
  for (let i = 0; i < arr.length; i++) flatten(arr[i], shape, depth + 1, out, dtypes);
}

export function tensorFromData(data: unknown, dtype: DType | null): T {
  if (data instanceof Tensor) {
    const t = Tensor.fromData(data._contiguousValues().slice() as any, data._shape.slice(), data.dtype, dialectState.current);
    return dtype && dtype !== t.dtype ? t.to(dtype) : t;
  }
  const shape = inferShape(data);
  const flat: unknown[] = [];
  const kinds = new Set<DType>();
  flatten(data, shape, 0, flat, kinds);
  let inferred: DType | null = null;
  for (const k of kinds) inferred = inferred === null ? k : promote_types(inferred, k);
  const d = dtype ?? inferred ?? get_default_dtype();
  const storage = new d.ctor(numelOf(shape));
  for (let i = 0; i < flat.length; i++) storage[i] = castTo(flat[i] as number, d);
  return Tensor.fromData(storage, shape, d, dialectState.current);
}

defineOp("tensor", {
  sig: "tensor(any data, *, dtype? dtype=None, any device=None, bool requires_grad=False, bool pin_memory=False)",
  method: false,
  forward: (_c, data, dtype, _d, rg) => finish(tensorFromData(data, dtype), rg),
});
