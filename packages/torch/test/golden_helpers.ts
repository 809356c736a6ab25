// Shared decoding and comparison for the golden fixtures written by
// compat-tests/golden/gen_ops.py and gen_errors.py (see those files for the JSON schema).
// Values are rebuilt exactly as a line-by-line port would write them (porting.md): a Python
// float is a JS number, a Python int a bigint (or a plain number where it is only a size, dim,
// index or count), kwargs one trailing plain object, indexing through x.at(...items).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import torch from "@tsgrad/torch";

// The harness drives the library dynamically by PyTorch names read from JSON, so it cannot use
// the library's static types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;
export const T: Any = torch;

export type Scalar = number | string | boolean;
export interface EncTensor {
  t: Scalar[] | null;
  shape: number[];
  dtype: string;
  requires_grad?: boolean;
}
export type Enc =
  | null
  | boolean
  | string
  | EncTensor
  | { int: number }
  | { float: number | string }
  | { list: Enc[] }
  | { dtype: string }
  | { var: string };

export interface OpCase {
  id: string;
  op: string;
  call: string;
  args: Enc[];
  kwargs: Record<string, Enc>;
  ints: "number" | "bigint";
  index?: Enc[];
  expr?: string;
  clone_self?: boolean;
  returns_self?: boolean;
  out: Enc;
  grad?: { g: EncTensor; inputs: { path: string; grad: EncTensor | null }[] };
  gradcheck?: boolean;
}

export interface Step {
  call: string;
  args: Enc[];
  kwargs: Record<string, Enc>;
  ints: "number" | "bigint";
  let?: string;
  index?: Enc[];
}
export interface TensorState extends EncTensor {
  is_leaf: boolean;
  grad: EncTensor | null;
}
export interface ErrorCase {
  id: string;
  steps: Step[];
  error: { type: string; message: string };
  after: Record<string, TensorState>;
}

export function loadGolden<C>(name: "ops" | "errors"): C[] {
  const url = new URL(`../../../compat-tests/golden/${name}.json`, import.meta.url);
  return (JSON.parse(readFileSync(fileURLToPath(url), "utf8")) as { cases: C[] }).cases;
}

const isObj = (e: Enc): e is Exclude<Enc, null | boolean | string> =>
  e !== null && typeof e === "object";
export const isEncTensor = (e: Enc): e is EncTensor => isObj(e) && "t" in e;
const FLOAT_DTYPES = new Set(["float16", "bfloat16", "float32", "float64"]);
const INT_DTYPES = new Set(["int8", "uint8", "int16", "int32", "int64"]);
export const isFloatDtype = (d: string): boolean => FLOAT_DTYPES.has(d);

/** JSON has no nan/inf literals; the generators write them as strings. */
export function num(v: Scalar): number {
  if (v === "nan") return NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  return Number(v);
}

/** One element of tensor data, as Python's tensor() receives it for that dtype. */
function element(v: Scalar, dtype: string): number | bigint | boolean {
  if (dtype === "bool") return Boolean(v);
  if (INT_DTYPES.has(dtype)) return BigInt(v as number);
  return num(v);
}

function nest(flat: unknown[], shape: number[]): unknown {
  if (shape.length === 0) return flat[0];
  const [n, ...rest] = shape;
  const step = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, (_, i) => nest(flat.slice(i * step, (i + 1) * step), rest));
}

/** Replays which input element is nudged during the numerical gradient check. */
export interface Perturb {
  path: string;
  index: number;
  delta: number;
}
export interface DecodeCtx {
  ints: "number" | "bigint";
  /** requires-grad leaf tensors by path ("args.0", "args.1.2", "kwargs.min"), as gen_ops.py walks them */
  leaves: Map<string, Any>;
  env?: Record<string, Any>;
  perturb?: Perturb;
}

export function makeTensor(e: EncTensor, ctx?: DecodeCtx, path = ""): Any {
  const dtype = T[e.dtype];
  const requires_grad = Boolean(e.requires_grad);
  let t: Any;
  if (e.t === null) t = T.empty(e.shape, { dtype });
  else if (e.shape.includes(0)) t = T.zeros(e.shape, { dtype, requires_grad });
  else {
    const flat = e.t.map((v) => element(v, e.dtype));
    const p = ctx?.perturb;
    if (p && p.path === path) flat[p.index] = (flat[p.index] as number) + p.delta;
    t = T.tensor(nest(flat, e.shape), { dtype, requires_grad });
  }
  if (requires_grad && ctx) ctx.leaves.set(path, t);
  return t;
}

export function decode(e: Enc, ctx: DecodeCtx, path: string): Any {
  if (!isObj(e)) return e;
  if ("t" in e) return makeTensor(e, ctx, path);
  if ("int" in e) return ctx.ints === "number" ? e.int : BigInt(e.int);
  if ("float" in e) return num(e.float);
  if ("list" in e) return e.list.map((x, i) => decode(x, ctx, `${path}.${i}`));
  if ("dtype" in e) return T[e.dtype];
  if ("var" in e) return ctx.env![e.var];
  throw new Error(`cannot decode ${JSON.stringify(e)}`);
}

/** One element of Python's index tuple: ints are plain numbers, slices and "..." strings. */
export function decodeIndexItem(e: Enc, ctx: DecodeCtx, path: string): Any {
  return decode(e, { ...ctx, ints: "number" }, path);
}

export function decodeArgs(
  c: { args: Enc[]; kwargs: Record<string, Enc>; index?: Enc[] },
  ctx: DecodeCtx,
): { args: Any[]; kwargs: Record<string, Any>; index: Any[] } {
  const args = c.args.map((a, i) => decode(a, ctx, `args.${i}`));
  const kwargs: Record<string, Any> = {};
  for (const [k, v] of Object.entries(c.kwargs)) kwargs[k] = decode(v, ctx, `kwargs.${k}`);
  const index = (c.index ?? []).map((e, i) => decodeIndexItem(e, ctx, `index.${i}`));
  return { args, kwargs, index };
}

/** Performs a case's or step's call the way ported code spells it. */
export function invoke(
  call: string,
  args: Any[],
  kwargs: Record<string, Any>,
  index: Any[],
  cloneSelf = false,
): Any {
  // Python kwargs become ONE trailing plain object, and only when there are any.
  const tail = Object.keys(kwargs).length > 0 ? [kwargs] : [];
  if (call.startsWith("torch.")) return T[call.slice(6)](...args, ...tail);
  if (call.startsWith("method.")) return args[0][call.slice(7)](...args.slice(1), ...tail);
  if (call.startsWith("attr.")) return args[0][call.slice(5)];
  if (call === "at") return args[0].at(...index);
  if (call === "setitem") {
    const x = cloneSelf ? args[0].clone() : args[0];
    x.__setitem__(index, args[1]); // an array key is the whole index tuple
    return x;
  }
  if (call === "setattr") {
    args[0][args[1] as string] = args[2];
    return undefined;
  }
  throw new Error(`unknown call kind ${call}`);
}

export const dtypeName = (t: Any): string => String(t.dtype);

export function flatList(v: unknown): unknown[] {
  return Array.isArray(v) ? v.flatMap(flatList) : [v];
}

export function isTensor(v: unknown): boolean {
  return v !== null && typeof v === "object" && "dtype" in (v as object) && "shape" in (v as object);
}

/** The output whose gradient is taken: the tensor itself, or a tuple's first floating tensor. */
export function firstFloat(out: Any): Any {
  if (isTensor(out)) return isFloatDtype(dtypeName(out).replace("torch.", "")) ? out : null;
  if (out !== null && typeof out === "object" && Symbol.iterator in out) {
    for (const o of out as Iterable<Any>) {
      if (isTensor(o) && isFloatDtype(dtypeName(o).replace("torch.", ""))) return o;
    }
  }
  return null;
}

export interface Tol {
  rtol: number;
  atol: number;
}
// float32: 1e-6 relative + 1e-7 absolute; float64: 1e-12. Gradients are looser (longer chains).
export const VALUE_TOL: Record<string, Tol> = {
  float32: { rtol: 1e-6, atol: 1e-7 },
  float64: { rtol: 1e-12, atol: 1e-12 },
  float16: { rtol: 1e-3, atol: 1e-5 },
};
export const GRAD_TOL: Record<string, Tol> = {
  float32: { rtol: 1e-5, atol: 1e-6 },
  float64: { rtol: 1e-10, atol: 1e-12 },
  float16: { rtol: 1e-2, atol: 1e-3 },
};

function scalarMismatch(actual: unknown, expected: Scalar, dtype: string, tol: Tol): boolean {
  if (dtype === "bool") return actual !== expected;
  if (INT_DTYPES.has(dtype)) return typeof actual === "boolean" || Number(actual) !== expected;
  if (typeof actual !== "number") return true;
  const e = num(expected);
  if (Number.isNaN(e)) return !Number.isNaN(actual);
  if (!Number.isFinite(e)) return actual !== e;
  return !(Math.abs(actual - e) <= tol.atol + tol.rtol * Math.abs(e));
}

/** Compares a tensor with its encoding; returns human-readable problems (empty when equal). */
export function compareTensor(actual: Any, e: EncTensor, where: string, tols: Record<string, Tol>): string[] {
  if (!isTensor(actual)) return [`${where}: expected a tensor, got ${String(actual)}`];
  const problems: string[] = [];
  const shape = Array.from(actual.shape as Iterable<number>, Number);
  if (JSON.stringify(shape) !== JSON.stringify(e.shape))
    problems.push(`${where}: shape ${JSON.stringify(shape)} != ${JSON.stringify(e.shape)}`);
  if (dtypeName(actual) !== `torch.${e.dtype}`)
    problems.push(`${where}: dtype ${dtypeName(actual)} != torch.${e.dtype}`);
  if (e.t === null || problems.length > 0) return problems;
  const got = flatList(actual.tolist());
  if (got.length !== e.t.length) return [`${where}: ${got.length} values, expected ${e.t.length}`];
  const tol = tols[e.dtype] ?? { rtol: 0, atol: 0 };
  const bad = e.t.findIndex((v, i) => scalarMismatch(got[i], v, e.dtype, tol));
  if (bad >= 0)
    problems.push(`${where}: element ${bad} is ${String(got[bad])}, expected ${String(e.t[bad])}` +
      ` (all: ${JSON.stringify(got.map(String))} vs ${JSON.stringify(e.t)})`);
  return problems;
}

/** Compares any output (tensor, tuple of outputs, Python scalar) with its encoding. */
export function compareOut(actual: Any, e: Enc, where = "out"): string[] {
  if (isEncTensor(e)) return compareTensor(actual, e, where, VALUE_TOL);
  if (isObj(e) && "list" in e) {
    if (actual === null || typeof actual !== "object" || !(Symbol.iterator in actual))
      return [`${where}: expected a tuple of ${e.list.length}, got ${String(actual)}`];
    const items = Array.from(actual as Iterable<Any>);
    if (items.length !== e.list.length) return [`${where}: ${items.length} items, expected ${e.list.length}`];
    return e.list.flatMap((x, i) => compareOut(items[i], x, `${where}[${i}]`));
  }
  if (isObj(e) && "int" in e)
    return Number(actual) === e.int ? [] : [`${where}: ${String(actual)} != int ${e.int}`];
  if (isObj(e) && "float" in e)
    return scalarMismatch(actual, e.float, "float64", VALUE_TOL.float64!) ? [`${where}: ${String(actual)} != ${e.float}`] : [];
  return actual === e ? [] : [`${where}: ${String(actual)} != ${JSON.stringify(e)}`];
}

/** sum(out * g) computed in JS doubles, so the check does not lean on the ops under test. */
export function weightedSum(out: Any, g: EncTensor): number {
  const vals = flatList(out.tolist()) as number[];
  // Non-finite outputs (a masked_fill with -inf) are constants: they carry no derivative, and
  // summing them would make both sides of the difference NaN.
  return vals.reduce((acc, v, i) => (Number.isFinite(v) ? acc + v * num(g.t![i]!) : acc), 0);
}
