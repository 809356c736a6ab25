// The ndarray: a core Tensor (never requiring grad, so no op records a graph) seen with numpy's
// semantics. Every elementwise op, matmul and view is the core's kernel; what lives here is
// numpy's part: the result dtype (promote.ts), casting operands to it before the core op runs
// (so the core never applies PyTorch's rules), 0-d results unwrapped to numpy scalars,
// in-place casting rules, printing through the core's numpy formatter, and numpy's reduction
// order (reduce.ts).

import { Tensor, torchDialect, printing, type DType, type Dialect, float64, int64, bool } from "@tsgrad/core";
import { TypeError_ as PyTypeError, ValueError, tuple, fmt } from "@tsgrad/py";
import { resultType, canCastSameKind, type Weak } from "./promote.ts";
import { npDtype, toCoreDtype, type NpDType } from "./dtype.ts";
import { toScalar } from "./scalar.ts";
import { sumReduce, extremeReduce, type Reduced } from "./reduce.ts";
import { basicIndex, isAdvanced, coreGetitem, coreSetitem } from "./indexing.ts";

/** Something numpy would turn into an array: an ndarray, a (nested) list, a scalar. */
export type ArrayLike = NDArray | Weak | readonly unknown[];
type Kw = Record<string, unknown>;

/** Operand of a ufunc: an array, or a weak Python scalar. */
type Operand = { arr: NDArray } | { weak: Weak };

// Set by creation.ts (np.asarray), which imports this module.
export const hooks: { asarray: (x: unknown, dtype?: unknown) => NDArray } = {
  asarray: () => {
    throw new Error("creation.ts not loaded");
  },
};

function isWeak(x: unknown): x is Weak {
  return typeof x === "number" || typeof x === "bigint" || typeof x === "boolean" || (typeof x === "object" && x instanceof Number);
}
function operand(x: unknown): Operand {
  if (x instanceof NDArray) return { arr: x };
  if (isWeak(x)) return { weak: typeof x === "object" ? Number(x) : x };
  return { arr: hooks.asarray(x) };
}

/** A core tensor holding `x` in dtype `d` (a weak scalar becomes a 0-d tensor of `d`). */
function coreOperand(o: Operand, d: DType): Tensor {
  if ("arr" in o) return o.arr._t.dtype === d ? o.arr._t : o.arr._t.to(d);
  const v = o.weak;
  const storage = new d.ctor(1);
  storage[0] = typeof v === "boolean" ? (v ? 1 : 0) : d.kind === "int" ? Number(v) : Number(v);
  return Tensor.fromData(storage, [], d, torchDialect);
}

function dtypesOf(os: Operand[]): { arrays: DType[]; weak: Weak[] } {
  const arrays: DType[] = [];
  const weak: Weak[] = [];
  for (const o of os) ("arr" in o ? arrays.push(o.arr._t.dtype) : weak.push(o.weak));
  return { arrays, weak };
}

/** A ufunc's output: numpy unwraps 0-d results into scalars. */
export function result(t: Tensor): any {
  return t._shape.length === 0 ? toScalar(Number(t._storage[t._offset]), t.dtype) : new NDArray(t);
}

/**
 * Run a binary ufunc: numpy's result dtype, operands cast to the loop dtype, the core op.
 * `loop` maps the promoted dtype to the dtype the loop computes in (true_divide: float64 for
 * integers); `core` is the core op on two tensors of that dtype.
 */
export function ufunc2(a: unknown, b: unknown, core: (x: Tensor, y: Tensor) => Tensor, loop?: (d: DType) => DType): Tensor {
  const os = [operand(a), operand(b)];
  checkBroadcast(os);
  const { arrays, weak } = dtypesOf(os);
  let d = resultType(arrays, weak);
  if (loop) d = loop(d);
  return core(coreOperand(os[0]!, d), coreOperand(os[1]!, d));
}

/** numpy's broadcast error (the core would word it as PyTorch does). */
function checkBroadcast(os: Operand[]): void {
  const shapes = os.filter((o): o is { arr: NDArray } => "arr" in o).map((o) => o.arr._t._shape);
  if (shapes.length < 2) return;
  const [p, q] = shapes as [number[], number[]];
  const n = Math.max(p.length, q.length);
  for (let i = 1; i <= n; i++) {
    const x = p[p.length - i] ?? 1, y = q[q.length - i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) {
      const t = (s: number[]) => `(${s.join(",")}${s.length === 1 ? "," : ""})`;
      throw new ValueError(`operands could not be broadcast together with shapes ${t(p)} ${t(q)} `);
    }
  }
}

/** numpy refuses `-` on two booleans (PyTorch words it differently). */
function checkBoolSub(a: unknown, b: unknown): void {
  const isBool = (x: unknown) => (x instanceof NDArray ? x._t.dtype === bool : typeof x === "boolean");
  if (isBool(a) && isBool(b))
    throw new PyTypeError("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.");
}

const floatLoop = (d: DType): DType => (d.kind === "float" ? d : float64);

/** numpy's loop dtype for float-valued unary ufuncs (exp, sqrt...) on integer input. */
export function unaryFloatLoop(d: DType): DType {
  if (d.kind === "float") return d;
  // numpy picks the smallest float holding the input: float16 for bool/int8/uint8 (tsgrad has
  // no float16, so float32 stands in), float32 for int16, float64 above
  return d.itemsize <= 2 ? toCoreDtype("float32") : float64;
}

function powCore(x: Tensor, y: Tensor, exponent: unknown): Tensor {
  if (x.dtype.kind === "int" && y.dtype.kind === "int" && y._contiguousValues().some((v) => v < 0))
    throw new ValueError("Integers to negative integer powers are not allowed.");
  // numpy's fast paths for a scalar exponent (x**2 is x*x, not pow(x, 2))
  if (isWeak(exponent)) {
    const e = Number(exponent);
    if (e === 2) return x.square();
    if (x.dtype.kind === "float") {
      if (e === 0.5) return x.sqrt();
      if (e === -1) return x.reciprocal();
      if (e === 1) return x.clone();
    }
  }
  return x.pow(y);
}

const ufuncNames: Record<string, string> = {
  add: "add", sub: "subtract", mul: "multiply", div: "divide", floor_divide: "floor_divide",
  remainder: "remainder", pow: "power",
};

function normAxes(axis: unknown, nd: number): number[] {
  if (axis === null || axis === undefined) return [...Array(nd).keys()];
  const list = Array.isArray(axis) ? axis : [axis];
  return list.map((a) => {
    const i = Number(a);
    if (i < -nd || i >= nd) throw new ValueError(`axis ${i} is out of bounds for array of dimension ${nd}`);
    return i < 0 ? i + nd : i;
  });
}

/** Split a trailing keyword object off positional args. */
function kwargs(args: unknown[]): [unknown[], Kw] {
  const last = args[args.length - 1];
  if (last && typeof last === "object" && Object.getPrototypeOf(last) === Object.prototype) return [args.slice(0, -1), last as Kw];
  return [args, {}];
}

/**
 * A ufunc's `out=` array: the result `r` (the loop's output, numpy's result dtype) is cast into
 * `out` under casting='same_kind' and written through out's memory; `out` is returned.
 */
export function storeOut<A extends NDArray>(out: A, ufunc: string, r: Tensor): A {
  if (!(out instanceof NDArray)) throw new PyTypeError("return arrays must be of ArrayType");
  const to = out._t.dtype;
  if (!canCastSameKind(r.dtype, to))
    throw new PyTypeError(`Cannot cast ufunc '${ufunc}' output from dtype('${r.dtype.name}') to dtype('${to.name}') with casting rule 'same_kind'`);
  const rs = r._shape, ss = out._t._shape;
  if (rs.length !== ss.length || rs.some((d, i) => d !== ss[i]))
    throw new ValueError(`non-broadcastable output operand with shape (${ss.join(",")}${ss.length === 1 ? "," : ""}) doesn't match the broadcast shape (${rs.join(",")}${rs.length === 1 ? "," : ""})`);
  out._t.copy_(r.dtype === to ? r : r.to(to));
  return out;
}

export class NDArray {
  static __name__ = "ndarray";
  /** The core tensor holding the values (shared with views). */
  _t: Tensor;

  constructor(t: Tensor) {
    this._t = t;
  }

  // ---- metadata ------------------------------------------------------------------------------

  get shape(): any {
    return tuple(this._t._shape);
  }
  get ndim(): number {
    return this._t._shape.length;
  }
  get size(): number {
    return this._t.numel();
  }
  get dtype(): NpDType {
    return npDtype(this._t.dtype);
  }
  get itemsize(): number {
    return this._t.dtype.itemsize;
  }
  get nbytes(): number {
    return this.size * this.itemsize;
  }
  get T(): NDArray {
    return this.transpose();
  }
  get strides(): any {
    return tuple(this._t._strides.map((s) => s * this.itemsize));
  }

  // ---- arithmetic (Python's operators, per the porting contract) ---------------------------

  add(o: unknown): any {
    return result(ufunc2(this, o, (x, y) => x.add(y)));
  }
  sub(o: unknown): any {
    checkBoolSub(this, o);
    return result(ufunc2(this, o, (x, y) => x.sub(y)));
  }
  mul(o: unknown): any {
    return result(ufunc2(this, o, (x, y) => x.mul(y)));
  }
  div(o: unknown): any {
    return result(ufunc2(this, o, (x, y) => x.div(y), floatLoop));
  }
  true_divide(o: unknown): any {
    return this.div(o);
  }
  floor_divide(o: unknown): any {
    return result(ufunc2(this, o, (x, y) => x.floor_divide(y)));
  }
  remainder(o: unknown): any {
    return result(ufunc2(this, o, (x, y) => x.remainder(y)));
  }
  pow(o: unknown): any {
    return result(ufunc2(this, o, (x, y) => powCore(x, y, o)));
  }
  matmul(o: unknown): any {
    return matmul(this, o);
  }
  neg(): any {
    if (this._t.dtype === bool) throw new PyTypeError("The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.");
    return result(this._t.neg());
  }
  __add__(o: unknown) { return this.add(o); }
  __sub__(o: unknown) { return this.sub(o); }
  __mul__(o: unknown) { return this.mul(o); }
  __truediv__(o: unknown) { return this.div(o); }
  __floordiv__(o: unknown) { return this.floor_divide(o); }
  __mod__(o: unknown) { return this.remainder(o); }
  __pow__(o: unknown) { return this.pow(o); }
  __matmul__(o: unknown) { return this.matmul(o); }
  __neg__() { return this.neg(); }
  __pos__() { return result(this._t.clone()); }
  __abs__() { return result(this._t.abs()); }
  // number on the left: `2 * a` is a.__rmul__(2); operand order matters for sub/div/pow
  __radd__(o: unknown) { return result(ufunc2(o, this, (x, y) => x.add(y))); }
  __rsub__(o: unknown) { checkBoolSub(o, this); return result(ufunc2(o, this, (x, y) => x.sub(y))); }
  __rmul__(o: unknown) { return result(ufunc2(o, this, (x, y) => x.mul(y))); }
  __rtruediv__(o: unknown) { return result(ufunc2(o, this, (x, y) => x.div(y), floatLoop)); }
  __rfloordiv__(o: unknown) { return result(ufunc2(o, this, (x, y) => x.floor_divide(y))); }
  __rpow__(o: unknown) { return result(ufunc2(o, this, (x, y) => powCore(x, y, this))); }
  __rmatmul__(o: unknown) { return matmul(o, this); }

  // ---- in place: the ufunc with out=self, casting='same_kind' ---------------------------------

  private inplace(name: string, o: unknown, core: (x: Tensor, y: Tensor) => Tensor, loop?: (d: DType) => DType): this {
    return storeOut(this, ufuncNames[name]!, ufunc2(this, o, core, loop));
  }
  __iadd__(o: unknown) { return this.inplace("add", o, (x, y) => x.add(y)); }
  __isub__(o: unknown) { checkBoolSub(this, o); return this.inplace("sub", o, (x, y) => x.sub(y)); }
  __imul__(o: unknown) { return this.inplace("mul", o, (x, y) => x.mul(y)); }
  __itruediv__(o: unknown) { return this.inplace("div", o, (x, y) => x.div(y), floatLoop); }
  __ifloordiv__(o: unknown) { return this.inplace("floor_divide", o, (x, y) => x.floor_divide(y)); }
  __imod__(o: unknown) { return this.inplace("remainder", o, (x, y) => x.remainder(y)); }
  __ipow__(o: unknown) { return this.inplace("pow", o, (x, y) => powCore(x, y, o)); }

  // ---- comparisons: bool arrays ----------------------------------------------------------------

  eq(o: unknown): any { return result(ufunc2(this, o, (x, y) => x.eq(y))); }
  ne(o: unknown): any { return result(ufunc2(this, o, (x, y) => x.ne(y))); }
  lt(o: unknown): any { return result(ufunc2(this, o, (x, y) => x.lt(y))); }
  le(o: unknown): any { return result(ufunc2(this, o, (x, y) => x.le(y))); }
  gt(o: unknown): any { return result(ufunc2(this, o, (x, y) => x.gt(y))); }
  ge(o: unknown): any { return result(ufunc2(this, o, (x, y) => x.ge(y))); }
  __eq__(o: unknown) { return this.eq(o); }
  __ne__(o: unknown) { return this.ne(o); }
  __lt__(o: unknown) { return this.lt(o); }
  __le__(o: unknown) { return this.le(o); }
  __gt__(o: unknown) { return this.gt(o); }
  __ge__(o: unknown) { return this.ge(o); }

  // ---- reductions ----------------------------------------------------------------------------

  private reduced(r: Reduced, d: DType): any {
    const storage = new d.ctor(r.values.length);
    storage.set(r.values);
    return result(Tensor.fromData(storage, r.shape, d, torchDialect));
  }
  sum(...args: unknown[]): any {
    const [pos, kw] = kwargs(args);
    const axis = kw.axis ?? pos[0] ?? null;
    const keepdims = Boolean(kw.keepdims ?? false);
    const src = this._t;
    // integer and bool sums accumulate in int64 (the platform long), floats in their own dtype
    const d = kw.dtype != null ? toCoreDtype(kw.dtype) : src.dtype.kind === "float" ? src.dtype : int64;
    const t = src.dtype === d ? src : src.to(d);
    return this.reduced(sumReduce(t, normAxes(axis, this.ndim), keepdims, d), d);
  }
  mean(...args: unknown[]): any {
    const [pos, kw] = kwargs(args);
    const axis = kw.axis ?? pos[0] ?? null;
    const keepdims = Boolean(kw.keepdims ?? false);
    const d = kw.dtype != null ? toCoreDtype(kw.dtype) : this._t.dtype.kind === "float" ? this._t.dtype : float64;
    const axes = normAxes(axis, this.ndim);
    const count = axes.reduce((a, i) => a * this._t._shape[i]!, 1);
    const t = this._t.dtype === d ? this._t : this._t.to(d);
    const r = sumReduce(t, axes, keepdims, d);
    // numpy divides the sum by the count in the result dtype (true_divide)
    const div = d.name === "float32" ? (v: number) => Math.fround(v / count) : (v: number) => v / count;
    return this.reduced({ values: r.values.map(div), shape: r.shape }, d);
  }
  private extreme(name: string, greater: boolean, arg: boolean, args: unknown[]): any {
    const [pos, kw] = kwargs(args);
    const axis = kw.axis ?? pos[0] ?? null;
    const keepdims = Boolean(kw.keepdims ?? false);
    if (this.size === 0) {
      if (arg) throw new ValueError(`attempt to get ${name} of an empty sequence`);
      throw new ValueError(`zero-size array to reduction operation ${name} which has no identity`);
    }
    // argmax/argmin over all axes index the flattened array
    const t = arg && (axis === null || axis === undefined) ? this._t.reshape(-1) : this._t;
    const r = extremeReduce(t, normAxes(axis, t._shape.length), keepdims, greater, arg);
    return this.reduced(r, arg ? int64 : this._t.dtype);
  }
  max(...args: unknown[]): any { return this.extreme("maximum", true, false, args); }
  min(...args: unknown[]): any { return this.extreme("minimum", false, false, args); }
  argmax(...args: unknown[]): any { return this.extreme("argmax", true, true, args); }
  argmin(...args: unknown[]): any { return this.extreme("argmin", false, true, args); }

  // ---- shape and dtype -----------------------------------------------------------------------

  reshape(...shape: unknown[]): NDArray {
    const dims = (shape.length === 1 && Array.isArray(shape[0]) ? shape[0] : shape).map(Number);
    return new NDArray(this._t.reshape(dims));
  }
  transpose(...axes: unknown[]): NDArray {
    const list = (axes.length === 1 && Array.isArray(axes[0]) ? axes[0] : axes).map(Number);
    const perm = list.length === 0 ? [...Array(this.ndim).keys()].reverse() : list;
    return new NDArray(this._t.permute(perm));
  }
  flatten(): NDArray {
    return new NDArray(this._t.clone().reshape(-1));
  }
  ravel(): NDArray {
    return new NDArray(this._t.reshape(-1));
  }
  squeeze(axis: unknown = null): any {
    if (axis === null) return new NDArray(this._t.reshape(this._t._shape.filter((s) => s !== 1)));
    const axes = normAxes(axis, this.ndim);
    for (const a of axes)
      if (this._t._shape[a] !== 1) throw new ValueError("cannot select an axis to squeeze out which has size not equal to one");
    return new NDArray(this._t.reshape(this._t._shape.filter((_, i) => !axes.includes(i))));
  }
  astype(d: unknown): NDArray {
    const cd = toCoreDtype(d);
    const t = cd === this._t.dtype ? this._t.clone() : this._t.to(cd);
    // int64 lives in a Float64Array, where the core's truncation leaves -0 for -0.3
    if (cd === int64) for (let i = 0; i < t._storage.length; i++) t._storage[i] = t._storage[i]! + 0;
    return new NDArray(t);
  }
  copy(): NDArray {
    return new NDArray(this._t.clone());
  }
  clip(lo: unknown, hi: unknown): any {
    return clip(this, lo, hi);
  }
  dot(o: unknown): any {
    return dot(this, o);
  }

  // ---- elements ------------------------------------------------------------------------------

  item(...idx: number[]): number | boolean {
    if (idx.length === 0 && this.size !== 1) throw new ValueError("can only convert an array of size 1 to a Python scalar");
    const flat = this._t._contiguousValues();
    const v = idx.length === 0 ? flat[0]! : flat[idx.length === 1 ? idx[0]! : this._t._shape.reduce((a, s, i) => a * s + idx[i]!, 0)]!;
    // item() gives a Python scalar: a float (the double value, even from float32), int or bool
    const k = this._t.dtype.kind;
    return k === "bool" ? v !== 0 : k === "int" ? v : toScalar(v, float64) as number;
  }
  tolist(): any {
    return this._t.tolist();
  }
  at(...items: unknown[]): any {
    if (isAdvanced(items)) return result(coreGetitem(this._t, items.map(toCoreKey)));
    return result(basicIndex(this._t, items));
  }
  __getitem__(key: unknown): any {
    return Array.isArray(key) ? this.at(...key) : this.at(key);
  }
  __setitem__(key: unknown, value: unknown): void {
    const items = Array.isArray(key) ? key : [key];
    const v = value instanceof NDArray ? value._t : hooks.asarray(value)._t;
    const src = v.dtype === this._t.dtype ? v : v.to(this._t.dtype); // numpy casts on assignment
    if (isAdvanced(items)) {
      coreSetitem(this._t, items.map(toCoreKey), src);
      return;
    }
    basicIndex(this._t, items).copy_(src);
  }
  __len__(): number {
    if (this.ndim === 0) throw new PyTypeError("len() of unsized object");
    return this._t._shape[0]!;
  }
  *[Symbol.iterator](): Iterator<any> {
    if (this.ndim === 0) throw new PyTypeError("iteration over a 0-d array");
    for (let i = 0; i < this._t._shape[0]!; i++) yield this.at(i);
  }
  __bool__(): boolean {
    if (this.size !== 1)
      throw new ValueError("The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()");
    return this._t._contiguousValues()[0] !== 0;
  }
  __float__(): number {
    if (this.size !== 1) throw new PyTypeError("only length-1 arrays can be converted to Python scalars");
    return Number(this._t._contiguousValues()[0]);
  }
  __int__(): number {
    return Math.trunc(this.__float__());
  }

  // ---- printing: numpy's str and repr through the core's formatter --------------------------

  __str__(): string {
    return printing.formatNumpyArray(this._t._contiguousValues(), this._t._shape, this._t.dtype.kind, { dtypeName: this._t.dtype.name, mode: "str" });
  }
  __repr__(): string {
    return printing.formatNumpyArray(this._t._contiguousValues(), this._t._shape, this._t.dtype.kind, { dtypeName: this._t.dtype.name, mode: "repr" });
  }
  /** f-strings: `{w}` is str(w); a spec only applies to 0-d arrays, as ndarray.__format__. */
  __format__(spec: string): string {
    if (spec === "") return this.__str__();
    if (this.ndim !== 0) throw new PyTypeError("unsupported format string passed to numpy.ndarray.__format__");
    return fmt(this.item(), spec);
  }
  toString(): string {
    return this.__str__();
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.__repr__();
  }
}

/** An index item for the core: ndarrays become their tensors. */
function toCoreKey(k: unknown): unknown {
  return k instanceof NDArray ? k._t : k;
}

// ---- functions the methods share with the np namespace ------------------------------------------

const MATMUL_SIG = "(n?,k),(k,m?)->(n?,m?)";
export function matmul(a: unknown, b: unknown): any {
  const A = operand(a), B = operand(b);
  const which = "weak" in A || A.arr.ndim === 0 ? 0 : "weak" in B || B.arr.ndim === 0 ? 1 : -1;
  if (which >= 0) throw new ValueError(`matmul: Input operand ${which} does not have enough dimensions (has 0, gufunc core with signature ${MATMUL_SIG} requires 1)`);
  const sa = (A as { arr: NDArray }).arr._t._shape, sb = (B as { arr: NDArray }).arr._t._shape;
  const k = sa[sa.length - 1]!, kb = sb.length === 1 ? sb[0]! : sb[sb.length - 2]!;
  if (k !== kb)
    throw new ValueError(`matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature ${MATMUL_SIG} (size ${kb} is different from ${k})`);
  const { arrays } = dtypesOf([A, B]);
  const d = resultType(arrays);
  return result(blockedSums(coreOperand(A, d)).matmul(blockedSums(coreOperand(B, d))));
}

/**
 * numpy's matmul runs its BLAS (OpenBLAS in the wheels: blocked sums with fused multiply-adds),
 * whose float32 results the core's double-accumulating product matches where the sequential
 * reference-BLAS order of the torch dialect does not (core dialect.ts `productSums`).
 */
const numpyProducts: Dialect = { ...torchDialect, productSums: "double" };
function blockedSums(t: Tensor): Tensor {
  return new Tensor(t._storage, t._shape, t._strides, t._offset, t.dtype, numpyProducts);
}

export function dot(a: unknown, b: unknown): any {
  const A = operand(a), B = operand(b);
  if ("weak" in A || "weak" in B || A.arr.ndim === 0 || B.arr.ndim === 0) return result(ufunc2(a, b, (x, y) => x.mul(y)));
  return matmul(A.arr, B.arr);
}

export function clip(a: unknown, lo: unknown, hi: unknown): any {
  const A = operand(a);
  const parts: Operand[] = [A];
  if (lo !== null && lo !== undefined) parts.push(operand(lo));
  if (hi !== null && hi !== undefined) parts.push(operand(hi));
  const { arrays, weak } = dtypesOf(parts);
  const d = resultType(arrays, weak);
  const x = coreOperand(A, d);
  const cast = (v: unknown) => (v === null || v === undefined ? null : coreOperand(operand(v), d));
  // numpy's clip is minimum(maximum(a, lo), hi)
  let out = x;
  const L = cast(lo), H = cast(hi);
  if (L) out = out.maximum(L);
  if (H) out = out.minimum(H);
  return result(out === x ? x.clone() : out);
}

export { operand, coreOperand, dtypesOf, isWeak, normAxes, kwargs, type Operand };
