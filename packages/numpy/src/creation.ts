// Array creation. Per the porting contract a JS number in data is a Python float, a bigint a
// Python int, a boolean a bool; numpy's inference then gives float64, int64 or bool (the
// dtype= keyword wins). Values are stored through the core's typed arrays, which round to
// float32 or truncate to integers exactly as numpy's casts do for in-range values.

import { Tensor, torchDialect, type DType, float64, int64, bool } from "@tsgrad/core";
import { ValueError, TypeError_ as PyTypeError, PyFloat } from "@tsgrad/py";
import { NDArray, hooks, kwargs } from "./ndarray.ts";
import { toCoreDtype } from "./dtype.ts";
import { promoteTypes } from "./promote.ts";

type Kw = Record<string, unknown>;

function make(values: ArrayLike<number>, shape: number[], d: DType): NDArray {
  const storage = new d.ctor(values.length);
  for (let i = 0; i < values.length; i++) storage[i] = castValue(values[i]!, d);
  return new NDArray(Tensor.fromData(storage, shape, d, torchDialect));
}

function castValue(v: number, d: DType): number {
  if (d.kind === "bool") return v !== 0 ? 1 : 0;
  if (d.kind === "int") return Math.trunc(v);
  return v;
}

function kindOf(v: unknown): DType {
  if (typeof v === "boolean") return bool;
  if (typeof v === "bigint") return int64;
  if (typeof v === "number" || v instanceof PyFloat) return float64;
  if (v instanceof Number) return (v as any).constructor.__name__ === "float32" ? toCoreDtype("float32") : float64;
  throw new PyTypeError(`unsupported array element of type ${typeof v}`);
}

function shapeOf(data: unknown): number[] {
  const shape: number[] = [];
  let x = data;
  for (;;) {
    if (x instanceof NDArray) return [...shape, ...x._t._shape];
    if (!Array.isArray(x)) return shape;
    shape.push(x.length);
    if (x.length === 0) return shape;
    x = x[0];
  }
}

function inhomogeneous(depth: number, shape: number[]): ValueError {
  const detected = shape.slice(0, depth);
  return new ValueError(
    `setting an array element with a sequence. The requested array has an inhomogeneous shape after ${depth} dimensions. The detected shape was (${detected.join(", ")}${detected.length === 1 ? "," : ""}) + inhomogeneous part.`,
  );
}

function flatten(data: unknown, shape: number[], depth: number, out: number[], kinds: Set<DType>): void {
  if (data instanceof NDArray) {
    const s = data._t._shape;
    if (s.length !== shape.length - depth || s.some((n, i) => n !== shape[depth + i])) throw inhomogeneous(depth, shape);
    kinds.add(data._t.dtype);
    for (const v of data._t._contiguousValues()) out.push(v);
    return;
  }
  if (depth === shape.length) {
    if (Array.isArray(data)) throw inhomogeneous(depth, shape);
    kinds.add(kindOf(data));
    out.push(typeof data === "boolean" ? (data ? 1 : 0) : Number(data));
    return;
  }
  if (!Array.isArray(data) || data.length !== shape[depth]) throw inhomogeneous(depth, shape);
  for (const x of data) flatten(x, shape, depth + 1, out, kinds);
}

/** np.array(object, dtype=None, copy=True). */
export function array(data: unknown, ...rest: unknown[]): NDArray {
  const [pos, kw] = kwargs(rest);
  const want = kw.dtype ?? pos[0] ?? null;
  const d = want === null ? null : toCoreDtype(want);
  if (data instanceof NDArray) return data.astype(d ?? data._t.dtype);
  const shape = shapeOf(data);
  const flat: number[] = [];
  const kinds = new Set<DType>();
  flatten(data, shape, 0, flat, kinds);
  let inferred: DType | null = null;
  for (const k of kinds) inferred = inferred === null ? k : promoteTypes(inferred, k);
  return make(flat, shape, d ?? inferred ?? float64);
}

/** np.asarray: the same array when it already has the dtype, else np.array. */
export function asarray(data: unknown, ...rest: unknown[]): NDArray {
  const [pos, kw] = kwargs(rest);
  const want = kw.dtype ?? pos[0] ?? null;
  if (data instanceof NDArray && (want === null || toCoreDtype(want) === data._t.dtype)) return data;
  return array(data, { dtype: want });
}
hooks.asarray = (x, dtype) => asarray(x, { dtype: dtype ?? null });

function shapeArg(s: unknown): number[] {
  if (Array.isArray(s)) return s.map(Number);
  return [Number(s)];
}

function filled(shape: unknown, value: number, d: DType): NDArray {
  const sh = shapeArg(shape);
  const n = sh.reduce((a, b) => a * b, 1);
  if (sh.some((x) => x < 0)) throw new ValueError("negative dimensions are not allowed");
  return make(new Float64Array(n).fill(value), sh, d);
}

function dtypeKw(rest: unknown[], dflt: DType): DType {
  const [pos, kw] = kwargs(rest);
  const want = kw.dtype ?? pos[0] ?? null;
  return want === null ? dflt : toCoreDtype(want);
}

export const zeros = (shape: unknown, ...rest: unknown[]) => filled(shape, 0, dtypeKw(rest, float64));
export const ones = (shape: unknown, ...rest: unknown[]) => filled(shape, 1, dtypeKw(rest, float64));
/** np.empty: numpy leaves memory uninitialised; zeros is one valid content. */
export const empty = (shape: unknown, ...rest: unknown[]) => filled(shape, 0, dtypeKw(rest, float64));
export function full(shape: unknown, fill_value: unknown, ...rest: unknown[]): NDArray {
  const fv = fill_value instanceof NDArray ? fill_value.item() : fill_value;
  const d = dtypeKw(rest, kindOf(fv));
  return filled(shape, typeof fv === "boolean" ? (fv ? 1 : 0) : Number(fv), d);
}
export const zeros_like = (a: NDArray, ...rest: unknown[]) => filled(a._t._shape, 0, dtypeKw(rest, a._t.dtype));
export const ones_like = (a: NDArray, ...rest: unknown[]) => filled(a._t._shape, 1, dtypeKw(rest, a._t.dtype));
export const full_like = (a: NDArray, v: unknown, ...rest: unknown[]) => filled(a._t._shape, Number(v), dtypeKw(rest, a._t.dtype));

/** np.arange([start,] stop[, step], dtype=None): values start + i*step, as numpy fills them. */
export function arange(...args: unknown[]): NDArray {
  const [pos, kw] = kwargs(args);
  let start: unknown = kw.start ?? pos[0] ?? 0n;
  let stop: unknown = kw.stop ?? pos[1] ?? null;
  const step: unknown = kw.step ?? pos[2] ?? 1n;
  if (stop === null) [start, stop] = [0n, start];
  const kinds = [start, stop, step].map(kindOf);
  const d = kw.dtype != null ? toCoreDtype(kw.dtype) : kinds.reduce(promoteTypes);
  const s = Number(start), e = Number(stop), st = Number(step);
  if (st === 0) throw new ValueError("Maximum allowed size exceeded");
  const n = Math.max(0, Math.ceil((e - s) / st));
  // numpy computes the second value and fills with the difference (delta = (s+st) - s)
  const delta = s + st - s;
  const vals = new Float64Array(n);
  for (let i = 0; i < n; i++) vals[i] = s + i * delta;
  return make(vals, [n], d);
}

/** np.linspace(start, stop, num=50, endpoint=True, dtype=None). */
export function linspace(start: unknown, stop: unknown, ...rest: unknown[]): NDArray {
  const [pos, kw] = kwargs(rest);
  const num = Number(kw.num ?? pos[0] ?? 50);
  const endpoint = Boolean(kw.endpoint ?? pos[1] ?? true);
  if (num < 0) throw new ValueError(`Number of samples, ${num}, must be non-negative.`);
  const s = Number(start), e = Number(stop);
  const div = endpoint ? num - 1 : num;
  const delta = e - s;
  const step = delta / div;
  const vals = new Float64Array(num);
  for (let i = 0; i < num; i++) vals[i] = div > 0 ? (step === 0 ? (i / div) * delta + s : i * step + s) : i * delta + s;
  if (endpoint && num > 1) vals[num - 1] = e;
  const d = kw.dtype != null ? toCoreDtype(kw.dtype) : float64;
  // an integer dtype floors (numpy's astype after computing in float)
  return make(d.kind === "int" ? vals.map(Math.floor) : vals, [num], d);
}

/** np.eye(N, M=None, k=0, dtype=float). */
export function eye(N: unknown, ...rest: unknown[]): NDArray {
  const [pos, kw] = kwargs(rest);
  const n = Number(N);
  const m = Number(kw.M ?? pos[0] ?? n);
  const k = Number(kw.k ?? pos[1] ?? 0);
  const d = kw.dtype != null ? toCoreDtype(kw.dtype) : float64;
  const vals = new Float64Array(n * m);
  for (let i = 0; i < n; i++) if (i + k >= 0 && i + k < m) vals[i * m + i + k] = 1;
  return make(vals, [n, m], d);
}

export { make as _fromValues };
export type { Kw };
