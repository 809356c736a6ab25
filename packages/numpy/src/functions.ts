// The np.* functions that are not creation: ufuncs (exp, sqrt, maximum...), reductions and
// shape functions. Each is the ndarray method or a core op with numpy's dtype rule in front.

import { Tensor, torchDialect, ops } from "@tsgrad/core";
import { ValueError } from "@tsgrad/py";
import { NDArray, storeOut, result, ufunc2, unaryFloatLoop, operand, coreOperand, dtypesOf, kwargs, normAxes, matmul, dot, clip } from "./ndarray.ts";
import { asarray } from "./creation.ts";
import { resultType } from "./promote.ts";
import { toCoreDtype } from "./dtype.ts";

const arr = (a: unknown): NDArray => asarray(a);

/** A float-valued unary ufunc: integer input computes in numpy's float loop dtype. */
function floatUnary(core: (t: Tensor) => Tensor) {
  return (a: unknown): any => {
    const t = arr(a)._t;
    const d = unaryFloatLoop(t.dtype);
    return result(core(t.dtype === d ? t : t.to(d)));
  };
}
export const exp = floatUnary((t) => t.exp());
export const log = floatUnary((t) => t.log());
export const sqrt = floatUnary((t) => t.sqrt());
export const tanh = floatUnary((t) => t.tanh());
export const sin = floatUnary((t) => t.sin());
export const cos = floatUnary((t) => t.cos());
export const abs = (a: unknown): any => result(arr(a)._t.abs());
export const absolute = abs;
// numpy squares booleans in int8 (bool has no multiply loop of its own for square)
export const square = (a: unknown): any => {
  const t = arr(a)._t;
  return result((t.dtype.kind === "bool" ? t.to(toCoreDtype("int8")) : t).square());
};
export const negative = (a: unknown): any => arr(a).neg();

/**
 * A binary ufunc taking numpy's `out=` keyword (`np.add(n, 1, out=n)`): `op` is the plain call;
 * with `out` its result is cast into out (same_kind) and out is returned.
 */
function binaryUfunc(name: string, op: (a: unknown, b: unknown) => any) {
  return (a: unknown, b: unknown, kw?: { out?: unknown }): any => {
    const r = op(a, b);
    const out = kw && typeof kw === "object" && !(kw instanceof NDArray) ? kw.out : undefined;
    if (out === undefined || out === null) return r;
    const target = Array.isArray(out) ? out[0] : out;
    return storeOut(target as NDArray, name, r instanceof NDArray ? r._t : asarray(r)._t);
  };
}
export const add = binaryUfunc("add", (a, b) => result(ufunc2(a, b, (x, y) => x.add(y))));
export const subtract = binaryUfunc("subtract", (a, b) => arr(a).sub(b));
export const multiply = binaryUfunc("multiply", (a, b) => result(ufunc2(a, b, (x, y) => x.mul(y))));
export const divide = binaryUfunc("divide", (a, b) => arr(a).div(b));
export const power = binaryUfunc("power", (a, b) => arr(a).pow(b));
export const maximum = binaryUfunc("maximum", (a, b) => result(ufunc2(a, b, (x, y) => x.maximum(y))));
export const minimum = binaryUfunc("minimum", (a, b) => result(ufunc2(a, b, (x, y) => x.minimum(y))));

/** np.where(condition, x, y): x and y promote together, as numpy does. */
export function where(cond: unknown, x: unknown, y: unknown): any {
  const c = arr(cond)._t;
  const cb = c.dtype.name === "bool" ? c : c.ne(0);
  const os = [operand(x), operand(y)];
  const { arrays, weak } = dtypesOf(os);
  const d = resultType(arrays, weak);
  return result(ops.where.call(cb, coreOperand(os[0]!, d), coreOperand(os[1]!, d)));
}

// reductions: the ndarray methods (numpy's summation order lives there)
type R = (a: unknown, ...rest: unknown[]) => any;
export const sum: R = (a, ...rest) => arr(a).sum(...rest);
export const mean: R = (a, ...rest) => arr(a).mean(...rest);
export const max: R = (a, ...rest) => arr(a).max(...rest);
export const min: R = (a, ...rest) => arr(a).min(...rest);
export const amax = max;
export const amin = min;
export const argmax: R = (a, ...rest) => arr(a).argmax(...rest);
export const argmin: R = (a, ...rest) => arr(a).argmin(...rest);

export { matmul, dot, clip };

/** np.outer(a, b): both flattened. */
export function outer(a: unknown, b: unknown): any {
  return result(ufunc2(arr(a).ravel(), arr(b).ravel(), (x, y) => x.outer(y)));
}

export const reshape = (a: unknown, ...shape: unknown[]): NDArray => arr(a).reshape(...shape);
export const transpose = (a: unknown, axes?: unknown): NDArray => (axes === undefined || axes === null ? arr(a).transpose() : arr(a).transpose(axes));
export const squeeze = (a: unknown, axis: unknown = null): any => arr(a).squeeze(axis);
export const ravel = (a: unknown): NDArray => arr(a).ravel();
export const copy = (a: unknown): NDArray => arr(a).copy();
export const shape = (a: unknown): any => arr(a).shape;
export const ndim = (a: unknown): number => arr(a).ndim;
export const size = (a: unknown): number => arr(a).size;

export function expand_dims(a: unknown, axis: unknown): NDArray {
  const x = arr(a);
  const axes = Array.isArray(axis) ? axis.map(Number) : [Number(axis)];
  const nd = x.ndim + axes.length;
  const norm = normAxes(axes, nd).sort((p, q) => p - q);
  const sh: number[] = [];
  let k = 0;
  for (let i = 0; i < nd; i++) sh.push(norm.includes(i) ? 1 : x._t._shape[k++]!);
  return x.reshape(sh);
}

/** np.concatenate(arrays, axis=0): a new array, each input copied into its slice. */
export function concatenate(arrays: readonly unknown[], ...rest: unknown[]): NDArray {
  const [pos, kw] = kwargs(rest);
  const xs = arrays.map(arr);
  if (xs.length === 0) throw new ValueError("need at least one array to concatenate");
  const nd = xs[0]!.ndim;
  if (nd === 0) throw new ValueError("zero-dimensional arrays cannot be concatenated");
  const axis = normAxes(kw.axis ?? pos[0] ?? 0, nd)[0]!;
  xs.forEach((x, i) => {
    if (x.ndim !== nd)
      throw new ValueError(`all the input array dimensions except for the concatenation axis must match exactly, but along dimension 0, the array at index 0 has ${nd} dimension(s) and the array at index ${i} has ${x.ndim} dimension(s)`);
    x._t._shape.forEach((s, d) => {
      if (d !== axis && s !== xs[0]!._t._shape[d])
        throw new ValueError(`all the input array dimensions except for the concatenation axis must match exactly, but along dimension ${d}, the array at index 0 has size ${xs[0]!._t._shape[d]} and the array at index ${i} has size ${s}`);
    });
  });
  const d = resultType(xs.map((x) => x._t.dtype));
  const shape = xs[0]!._t._shape.slice();
  shape[axis] = xs.reduce((a, x) => a + x._t._shape[axis]!, 0);
  const out = Tensor.empty(shape, d, torchDialect);
  let at = 0;
  for (const x of xs) {
    const n = x._t._shape[axis]!;
    out.narrow(axis, at, n).copy_(x._t.dtype === d ? x._t : x._t.to(d));
    at += n;
  }
  return new NDArray(out);
}

/** np.stack(arrays, axis=0): each input gets a new axis, then they are concatenated on it. */
export function stack(arrays: readonly unknown[], ...rest: unknown[]): NDArray {
  const [pos, kw] = kwargs(rest);
  const xs = arrays.map(arr);
  if (xs.length === 0) throw new ValueError("need at least one array to stack");
  if (xs.some((x) => x._t._shape.join() !== xs[0]!._t._shape.join())) throw new ValueError("all input arrays must have the same shape");
  const axis = normAxes(kw.axis ?? pos[0] ?? 0, xs[0]!.ndim + 1)[0]!;
  return concatenate(xs.map((x) => expand_dims(x, axis)), { axis });
}
