// paddle's math functions under their Python names and argument names (x, y, axis, keepdim),
// over the core op table. Full reductions give shape [1], as Paddle 2.0 to 2.4 do.

import { Tensor, ops } from "@tsgrad/core";
import { TypeError as PyTypeError } from "@tsgrad/py";
import { bind, required } from "./args.ts";
import { toDtype, inPaddle } from "./creation.ts";

type T = Tensor;

const op = (name: string) => {
  const o = ops[name];
  if (!o) throw new PyTypeError(`paddle: the op '${name}' is not available in this build of tsgrad`);
  return o.call;
};

/** Make a wrapper for `paddle.<name>(params...)` calling `impl` with the bound values. */
function fn(name: string, params: Array<[string, unknown]>, impl: (...a: any[]) => T) {
  const f = (...args: unknown[]) => inPaddle(() => impl(...bind(name, [...params, ["name", null]], args)));
  Object.defineProperty(f, "name", { value: name });
  return f;
}

const X: [string, unknown] = ["x", required];
const Y: [string, unknown] = ["y", required];
const axisList = (a: unknown) => (a === null || a === undefined ? null : Array.isArray(a) ? a.map(Number) : [Number(a)]);
const asOne = (t: T) => (t._shape.length === 0 ? t.reshape([1]) : t);

export const add = fn("add", [X, Y], (x, y) => op("add")(x, y));
export const subtract = fn("subtract", [X, Y], (x, y) => op("sub")(x, y));
export const multiply = fn("multiply", [X, Y], (x, y) => op("mul")(x, y));
export const divide = fn("divide", [X, Y], (x, y) => op("div")(x, y));
export const pow = fn("pow", [X, Y], (x, y) => op("pow")(x, y));
export const matmul = fn("matmul", [X, Y, ["transpose_x", false], ["transpose_y", false]], (x: T, y: T, tx, ty) => {
  const a = tx ? x.transpose(-1, -2) : x;
  const b = ty ? y.transpose(-1, -2) : y;
  return op("matmul")(a, b);
});
export const mm = fn("mm", [["input", required], ["mat2", required]], (x, y) => op("matmul")(x, y));

/** Unary math by name (paddle.exp, paddle.log, ...). */
export const unary: Record<string, (...args: unknown[]) => T> = {};
for (const u of ["exp", "log", "sqrt", "abs", "tanh", "sin", "cos", "floor", "ceil", "sign", "reciprocal", "square", "rsqrt", "log1p", "expm1"]) {
  // bound late: some unary ops are still being added to the core table
  unary[u] = fn(u, [X], (x) => (u === "square" ? x.mul(x) : op(u)(x)));
}

export const sum = fn("sum", [X, ["axis", null], ["dtype", null], ["keepdim", false]], (x: T, axis, dtype, keepdim) => {
  const d = toDtype(dtype);
  const dims = axisList(axis);
  const r = dims === null ? op("sum")(x, { dtype: d }) : op("sum")(x, dims, keepdim, { dtype: d });
  return asOne(r);
});
export const mean = fn("mean", [X, ["axis", null], ["keepdim", false]], (x: T, axis, keepdim) => {
  const dims = axisList(axis);
  return asOne(dims === null ? op("mean")(x) : op("mean")(x, dims, keepdim));
});
function extreme(which: "amax" | "amin") {
  return (x: T, axis: unknown, keepdim: boolean) => {
    const dims = axisList(axis);
    return asOne(op(which)(x, dims ?? [], keepdim));
  };
}
export const max = fn("max", [X, ["axis", null], ["keepdim", false]], extreme("amax"));
export const min = fn("min", [X, ["axis", null], ["keepdim", false]], extreme("amin"));
export const argmax = fn("argmax", [X, ["axis", null], ["keepdim", false], ["dtype", "int64"]], (x: T, axis, keepdim) =>
  asOne(axis === null ? op("argmax")(x.flatten()) : op("argmax")(x, Number(axis), keepdim)),
);

export const add_n = fn("add_n", [["inputs", required]], (inputs: T | T[]) => {
  const list = inputs instanceof Tensor ? [inputs] : inputs;
  let acc = list[0];
  for (let i = 1; i < list.length; i++) acc = acc.add(list[i]);
  return list.length === 1 ? acc.clone() : acc;
});

export const reshape = fn("reshape", [X, ["shape", required]], (x: T, shape: unknown) => {
  const dims = (Array.isArray(shape) ? shape : [shape]).map(Number);
  // paddle: 0 copies the input's dim at that position
  return x.reshape(dims.map((d, i) => (d === 0 ? x._shape[i] : d)));
});
export const transpose = fn("transpose", [X, ["perm", required]], (x: T, perm: number[]) => x.permute(perm.map(Number)));
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
export const concat = fn("concat", [X, ["axis", 0]], (x: T[], axis) => op("cat")(x, Number(axis)));
export const stack = fn("stack", [X, ["axis", 0]], (x: T[], axis) => op("stack")(x, Number(axis)));
export const cast = fn("cast", [X, ["dtype", required]], (x: T, dtype) => x.to(toDtype(dtype)));
export const clip = fn("clip", [X, ["min", null], ["max", null]], (x: T, lo, hi) => op("clamp")(x, lo, hi));
export const where = fn("where", [["condition", required], ["x", null], ["y", null]], (c, x, y) => op("where")(c, x, y));
