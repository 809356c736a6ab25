// paddle's math functions under their Python names and argument names (x, y, axis, keepdim),
// over the core op table. Full reductions give shape [1], as Paddle 2.0 to 2.4 do.

import { Tensor, ops, dtypes, tensorFromData } from "@tsgrad/core";
import { TypeError as PyTypeError } from "@tsgrad/py";
import { bind, required } from "./args.ts";
import { toDtype, inPaddle } from "./creation.ts";
import { checkBroadcast, checkMatmul, checkReshape, checkConcat, checkReduceAxes, checkPerm, paddleError } from "./errors.ts";

type T = Tensor;

const op = (name: string) => {
  const o = ops[name];
  if (!o) throw new PyTypeError(`paddle: the op '${name}' is not available in this build of tsgrad`);
  return o.call;
};

/** Make a wrapper for `paddle.<name>(params...)` calling `impl` with the bound values. */
function fn<R = T>(name: string, params: Array<[string, unknown]>, impl: (...a: any[]) => R) {
  const f = (...args: unknown[]) => inPaddle(() => impl(...bind(name, [...params, ["name", null]], args)));
  Object.defineProperty(f, "name", { value: name });
  return f;
}

const X: [string, unknown] = ["x", required];
const Y: [string, unknown] = ["y", required];
const axisList = (a: unknown) => (a === null || a === undefined ? null : Array.isArray(a) ? a.map(Number) : [Number(a)]);
const asOne = (t: T) => (t._shape.length === 0 ? t.reshape([1]) : t);

/** An elementwise op with Paddle's broadcast check (axis=-1) before the core kernel runs. */
export function elementwise(name: string, coreName: string) {
  return (x: unknown, y: unknown) => {
    if (x instanceof Tensor && y instanceof Tensor) checkBroadcast(name, x._shape, y._shape);
    return op(coreName)(x, y);
  };
}
export const add = fn("add", [X, Y], elementwise("add", "add"));
export const subtract = fn("subtract", [X, Y], elementwise("subtract", "sub"));
export const multiply = fn("multiply", [X, Y], elementwise("multiply", "mul"));
export const divide = fn("divide", [X, Y], elementwise("divide", "div"));
export const pow = fn("pow", [X, Y], (x, y) => op("pow")(x, y));
export const matmul = fn("matmul", [X, Y, ["transpose_x", false], ["transpose_y", false]], (x: T, y: T, tx, ty) => {
  checkMatmul(x._shape, y._shape, Boolean(tx), Boolean(ty));
  const a = tx ? x.transpose(-1, -2) : x;
  const b = ty ? y.transpose(-1, -2) : y;
  return op("matmul")(a, b);
});
export const mm = fn("mm", [["input", required], ["mat2", required]], (x: T, y: T) => {
  checkMatmul(x._shape, y._shape, false, false);
  return op("matmul")(x, y);
});

/** Unary math by name (paddle.exp, paddle.log, ...). */
export const unary: Record<string, (...args: unknown[]) => T> = {};
for (const u of ["exp", "log", "sqrt", "abs", "tanh", "sin", "cos", "floor", "ceil", "sign", "reciprocal", "square", "rsqrt", "log1p", "expm1", "round", "neg", "sigmoid", "log2", "log10", "trunc"]) {
  // bound late: some unary ops are still being added to the core table
  unary[u] = fn(u, [X], (x) => (u === "square" ? x.mul(x) : op(u)(x)));
}

/** Paddle's sum dtype: the given one, else int64 for bool and int32 input, else the input's. */
function sumDtype(x: T, dtype: unknown) {
  const d = toDtype(dtype);
  if (d !== null) return d;
  return x.dtype === dtypes.bool || x.dtype === dtypes.int32 ? dtypes.int64 : x.dtype;
}
/** Normalised axes (null: all of them), as reduce ops with `reduce_all` see them. */
const allAxes = (x: T) => x._shape.map((_, i) => i);

export const sum = fn("sum", [X, ["axis", null], ["dtype", null], ["keepdim", false]], (x: T, axis, dtype, keepdim) => {
  const d = sumDtype(x, dtype);
  const dims = axisList(axis);
  if (dims !== null) checkReduceAxes("reduce_sum", x.ndim, dims);
  if (dims === null && !keepdim) return asOne(op("sum")(x, { dtype: d }));
  return asOne(op("sum")(x, dims ?? allAxes(x), Boolean(keepdim), { dtype: d }));
});
export const mean = fn("mean", [X, ["axis", null], ["keepdim", false]], (x: T, axis, keepdim) => {
  const dims = axisList(axis);
  if (dims !== null) checkReduceAxes("reduce_mean", x.ndim, dims);
  if (dims === null && !keepdim) return asOne(op("mean")(x));
  return asOne(op("mean")(x, dims ?? allAxes(x), Boolean(keepdim)));
});
function extreme(which: "amax" | "amin") {
  return (x: T, axis: unknown, keepdim: boolean) => {
    const dims = axisList(axis);
    return asOne(op(which)(x, dims ?? allAxes(x), Boolean(keepdim)));
  };
}
export const max = fn("max", [X, ["axis", null], ["keepdim", false]], extreme("amax"));
export const min = fn("min", [X, ["axis", null], ["keepdim", false]], extreme("amin"));
function argExtreme(which: "argmax" | "argmin") {
  return (x: T, axis: unknown, keepdim: boolean, dtype: unknown) => {
    const r = axis === null ? op(which)(x.flatten()) : op(which)(x, Number(axis), Boolean(keepdim));
    const d = toDtype(dtype, dtypes.int64)!;
    return asOne(d === r.dtype ? r : r.to(d));
  };
}
export const argmax = fn("argmax", [X, ["axis", null], ["keepdim", false], ["dtype", "int64"]], argExtreme("argmax"));
export const argmin = fn("argmin", [X, ["axis", null], ["keepdim", false], ["dtype", "int64"]], argExtreme("argmin"));
/** Reduce over each listed axis in turn (ops that take one dim), highest first. */
function overAxes(x: T, axis: unknown, keepdim: boolean, one: (t: T, d: number, k: boolean) => T, all: (t: T) => T): T {
  const dims = axisList(axis);
  if (dims === null && !keepdim) return asOne(all(x));
  const norm = (dims ?? allAxes(x)).map((d) => (d < 0 ? d + x.ndim : d)).sort((a, b) => b - a);
  let r = x;
  for (const d of norm) r = one(r, d, keepdim);
  return asOne(r);
}
export const prod = fn("prod", [X, ["axis", null], ["keepdim", false], ["dtype", null]], (x: T, axis, keepdim, dtype) => {
  const d = toDtype(dtype);
  const src = d !== null && d !== x.dtype ? x.to(d) : x;
  return overAxes(src, axis, Boolean(keepdim), (t, a, k) => op("prod")(t, a, k), (t) => op("prod")(t));
});
const stdVar = (which: "std" | "var") => (x: T, axis: unknown, unbiased: boolean, keepdim: boolean) => {
  const dims = axisList(axis);
  return asOne(op(which)(x, dims ?? allAxes(x), Boolean(unbiased), Boolean(keepdim)));
};
export const std = fn("std", [X, ["axis", null], ["unbiased", true], ["keepdim", false]], stdVar("std"));
export const variance = fn("var", [X, ["axis", null], ["unbiased", true], ["keepdim", false]], stdVar("var"));
export const logsumexp = fn("logsumexp", [X, ["axis", null], ["keepdim", false]], (x: T, axis, keepdim) =>
  asOne(op("logsumexp")(x, axisList(axis) ?? allAxes(x), Boolean(keepdim))),
);
export const all = fn("all", [X, ["axis", null], ["keepdim", false]], (x: T, axis, keepdim) =>
  overAxes(x, axis, Boolean(keepdim), (t, a, k) => op("all")(t, a, k), (t) => op("all")(t)),
);
export const any = fn("any", [X, ["axis", null], ["keepdim", false]], (x: T, axis, keepdim) =>
  overAxes(x, axis, Boolean(keepdim), (t, a, k) => op("any")(t, a, k), (t) => op("any")(t)),
);
export const cumsum = fn("cumsum", [X, ["axis", null], ["dtype", null]], (x: T, axis, dtype) => {
  const d = toDtype(dtype);
  const src = d !== null && d !== x.dtype ? x.to(d) : x;
  return axis === null ? op("cumsum")(src.flatten(), 0) : op("cumsum")(src, Number(axis));
});

// comparisons: bool tensors
export const equal = fn("equal", [X, Y], (x, y) => op("eq")(x, y));
export const not_equal = fn("not_equal", [X, Y], (x, y) => op("ne")(x, y));
export const greater_than = fn("greater_than", [X, Y], (x, y) => op("gt")(x, y));
export const greater_equal = fn("greater_equal", [X, Y], (x, y) => op("ge")(x, y));
export const less_than = fn("less_than", [X, Y], (x, y) => op("lt")(x, y));
export const less_equal = fn("less_equal", [X, Y], (x, y) => op("le")(x, y));
export const equal_all = fn("equal_all", [X, Y], (x: T, y: T) => {
  const same = x._shape.join() === y._shape.join() && Boolean(op("eq")(x, y).all().item());
  return tensorFromData([same], null);
});
export const floor_divide = fn("floor_divide", [X, Y], (x, y) => op("floor_divide")(x, y));
export const remainder = fn("remainder", [X, Y], (x, y) => op("remainder")(x, y));
export const mod = remainder;
export const maximum = fn("maximum", [X, Y], (x, y) => op("maximum")(x, y));
export const minimum = fn("minimum", [X, Y], (x, y) => op("minimum")(x, y));
export const scale = fn("scale", [X, ["scale", 1.0], ["bias", 0.0], ["bias_after_scale", true], ["act", null]], (x: T, s, b, after) => {
  const sv = s instanceof Tensor ? s : Number(s);
  return after ? x.mul(sv).add(Number(b)) : x.add(Number(b)).mul(sv);
});
export const add_n = fn("add_n", [["inputs", required]], (inputs: T | T[]) => {
  const list = inputs instanceof Tensor ? [inputs] : inputs;
  let acc = list[0];
  for (let i = 1; i < list.length; i++) acc = acc.add(list[i]);
  return list.length === 1 ? acc.clone() : acc;
});

export const reshape = fn("reshape", [X, ["shape", required]], (x: T, shape: unknown) => {
  const dims = (shape instanceof Tensor ? Array.from(shape._contiguousValues()) : Array.isArray(shape) ? shape : [shape]).map((d) =>
    Number(d instanceof Tensor ? d.item() : d),
  );
  // paddle: 0 copies the input's dim at that position
  const target = dims.map((d, i) => (d === 0 ? x._shape[i] : d));
  checkReshape(x._shape, dims, target);
  return x.reshape(target);
});
export const transpose = fn("transpose", [X, ["perm", required]], (x: T, perm: number[]) => {
  const p = perm.map(Number);
  checkPerm(x.ndim, p);
  return x.permute(p);
});
export const flatten = fn("flatten", [X, ["start_axis", 0], ["stop_axis", -1]], (x: T, s, e) => x.flatten(Number(s), Number(e)));
export const squeeze = fn("squeeze", [X, ["axis", null]], (x: T, axis) => {
  const dims = axisList(axis);
  if (dims === null) return x.squeeze();
  let r = x;
  for (const d of [...dims].map((d) => (d < 0 ? d + x.ndim : d)).sort((a, b) => b - a)) r = r.squeeze(d);
  return r;
});
export const unsqueeze = fn("unsqueeze", [X, ["axis", required]], (x: T, axis) => {
  let r = x;
  for (const d of axisList(axis)!) r = r.unsqueeze(d);
  return r;
});
export const concat = fn("concat", [X, ["axis", 0]], (x: T[], axis) => {
  const a = Number(axis instanceof Tensor ? axis.item() : axis);
  if (x.length > 0) checkConcat(x.map((t) => t._shape), a < 0 ? a + x[0].ndim : a);
  return op("cat")(x, a);
});
export const stack = fn("stack", [X, ["axis", 0]], (x: T[], axis) => op("stack")(x, Number(axis)));
export const unstack = fn("unstack", [X, ["axis", 0], ["num", null]], (x: T, axis) => [...op("unbind")(x, Number(axis))]);
export const unbind = fn("unbind", [["input", required], ["axis", 0]], (x: T, axis) => [...op("unbind")(x, Number(axis))]);
/** paddle.split: an int splits into that many equal parts; a list gives the sizes (one may be -1). */
export const split = fn("split", [X, ["num_or_sections", required], ["axis", 0]], (x: T, sections, axisArg) => {
  const axis = Number(axisArg instanceof Tensor ? axisArg.item() : axisArg);
  const a = axis < 0 ? axis + x.ndim : axis;
  const n = x._shape[a];
  let sizes: number[];
  if (Array.isArray(sections)) {
    sizes = sections.map(Number);
    const known = sizes.filter((s) => s !== -1).reduce((p, q) => p + q, 0);
    sizes = sizes.map((s) => (s === -1 ? n - known : s));
  } else {
    const k = Number(sections);
    if (n % k !== 0) throw paddleError("splitUneven", { k, x: x._shape, axis: a });
    sizes = Array(k).fill(n / k);
  }
  return [...op("split")(x, sizes, a)];
});
export const chunk = fn("chunk", [X, ["chunks", required], ["axis", 0]], (x: T, chunks, axis) => split(x, chunks, axis));
export const cast = fn("cast", [X, ["dtype", required]], (x: T, dtype) => x.to(toDtype(dtype)));
export const clip = fn("clip", [X, ["min", null], ["max", null]], (x: T, lo, hi) => {
  // Paddle's clip keeps the input's dtype: the bounds are attributes, floats
  const num = (v: unknown) => (v === null ? null : v instanceof Tensor ? v : x.dtype.kind === "float" ? Number(v) : v);
  return op("clamp")(x, num(lo), num(hi));
});
export const where = fn("where", [["condition", required], ["x", null], ["y", null]], (c, x, y) =>
  x === null && y === null ? op("nonzero")(c) : op("where")(c, x, y),
);
/** paddle.gather(x, index, axis=0): rows of `x` along `axis` at a 1-D index. */
export const gather = fn("gather", [X, ["index", required], ["axis", null]], (x: T, index: T, axis) =>
  op("index_select")(x, axis === null ? 0 : Number(axis instanceof Tensor ? axis.item() : axis), index.ndim > 1 ? index.flatten() : index),
);
export const index_select = fn("index_select", [X, ["index", required], ["axis", 0]], (x: T, index: T, axis) => op("index_select")(x, Number(axis), index));
export const expand = fn("expand", [X, ["shape", required]], (x: T, shape: unknown) => x.expand((shape as unknown[]).map(Number)));
export const broadcast_to = fn("broadcast_to", [X, ["shape", required]], (x: T, shape: unknown) => x.expand((shape as unknown[]).map(Number)));
export const expand_as = fn("expand_as", [X, Y], (x: T, y: T) => x.expand(y._shape.slice()));
export const tile = fn("tile", [X, ["repeat_times", required]], (x: T, reps: unknown) => op("tile")(x, (reps as unknown[]).map(Number)));
export const topk = fn("topk", [X, ["k", required], ["axis", -1], ["largest", true], ["sorted", true]], (x: T, k, axis, largest, sorted) => [
  ...op("topk")(x, Number(k instanceof Tensor ? k.item() : k), Number(axis), Boolean(largest), Boolean(sorted)),
]);
export const sort = fn("sort", [X, ["axis", -1], ["descending", false]], (x: T, axis, desc) => op("sort")(x, Number(axis), Boolean(desc))[0]);
export const argsort = fn("argsort", [X, ["axis", -1], ["descending", false]], (x: T, axis, desc) => op("argsort")(x, Number(axis), Boolean(desc)));
export const t = fn("t", [["input", required]], (x: T) => (x.ndim < 2 ? x : x.transpose(0, 1)));
export { variance as var };
