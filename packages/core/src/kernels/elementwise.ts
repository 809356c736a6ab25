// Elementwise loops. Values are computed in double and stored into the output's typed array,
// which rounds to float32 exactly as a float32 kernel does for + - * / and sqrt.

import { RuntimeError } from "@tsgrad/py";
import { Tensor } from "../tensor.ts";
import type { DType } from "../dtype.ts";
import { deviceState, deviceOfOperands, backendFor, type Expr } from "./backends.ts";
import { simdBinary, simdScalar, simdState, type SimdOp } from "./wasm/simd.ts";
import { broadcastShapes, broadcastStrides, contiguousStrides, isContiguous, numelOf, positions, sameShape } from "./strided.ts";

export type Scalar = number | bigint | boolean;

// Each op's element function gets loops of its own. One shared loop calling many different
// `f`s is a megamorphic call V8 cannot inline (~20 ns per element); a loop that only ever sees
// one function literal inlines it and runs at memory speed. Loops are keyed by the function's
// source, so closures made per call from the same literal (capturing alpha, say) share one.
const loopSources: Record<string, string> = {
  u: "return function (f, out, s, n) { for (let i = 0; i < n; i++) out[i] = f(s[i]); }",
  up: "return function (f, out, s, pos, n) { for (let i = 0; i < n; i++) out[i] = f(s[pos[i]]); }",
  bb: "return function (f, out, a, b, n) { for (let i = 0; i < n; i++) out[i] = f(a[i], b[i]); }",
  bp: "return function (f, out, a, pa, b, pb, n) { for (let i = 0; i < n; i++) out[i] = f(a[pa[i]], b[pb[i]]); }",
  br: "return function (f, out, a, y, n) { for (let i = 0; i < n; i++) out[i] = f(a[i], y); }",
  brp: "return function (f, out, a, pos, y, n) { for (let i = 0; i < n; i++) out[i] = f(a[pos[i]], y); }",
  bl: "return function (f, out, x, b, n) { for (let i = 0; i < n; i++) out[i] = f(x, b[i]); }",
  blp: "return function (f, out, x, b, pos, n) { for (let i = 0; i < n; i++) out[i] = f(x, b[pos[i]]); }",
  // one operand dense, the other one block of L values repeated over the leading dims (a bias row)
  rd: "return function (f, out, a, aOff, L, b, n) { for (let i = 0; i < n; i += L) for (let j = 0; j < L; j++) out[i + j] = f(a[aOff + j], b[i + j]); }",
  dr: "return function (f, out, a, b, bOff, L, n) { for (let i = 0; i < n; i += L) for (let j = 0; j < L; j++) out[i + j] = f(a[i + j], b[bOff + j]); }",
};
type Loop = (...args: any[]) => void;
const loops = new Map<string, Loop>();
const generic: Record<string, Loop> = {};
for (const kind of Object.keys(loopSources)) generic[kind] = new Function(loopSources[kind])() as Loop;
/** Loops for `n` elements: small work shares the generic loops (a lookup would cost more). */
function loop(kind: string, f: Function, n: number): Loop {
  if (n < 256) return generic[kind];
  const key = kind + f.toString();
  let l = loops.get(key);
  if (l === undefined) {
    l = new Function(loopSources[kind])() as Loop;
    loops.set(key, l);
  }
  return l;
}

// The WGSL expressions of the four arithmetic ops name their WebAssembly SIMD kernels too
// (wasm/simd.ts): large dense float32/float64 operands go there, with the same results.
const simdOps: Record<string, SimdOp> = { "a + b": "add", "a - b": "sub", "a * b": "mul", "a / b": "div" };
function simdOpOf(expr: Expr | undefined, n: number): SimdOp | undefined {
  return n >= simdState.minElements && typeof expr === "string" ? simdOps[expr] : undefined;
}
type FloatArray = Float32Array | Float64Array;
/** True when x, y and out are all Float32Arrays or all Float64Arrays (y may be absent). */
function sameFloatArrays(out: ArrayLike<number>, x: ArrayLike<number>, y?: ArrayLike<number>): boolean {
  if (out instanceof Float32Array) return x instanceof Float32Array && (y === undefined || y instanceof Float32Array);
  if (out instanceof Float64Array) return x instanceof Float64Array && (y === undefined || y instanceof Float64Array);
  return false;
}

function isDense(t: Tensor): boolean {
  return t._offset === 0 && t._storage.length === numelOf(t._shape) && isContiguous(t._shape, t._strides);
}

// Each primitive takes, beside the JS element function, the same computation as a WGSL
// expression (`expr`) for device operands; without one a device call reports the op as having
// no kernel there.

/** out[i] = f(a[i]) in `dtype`. */
export function unaryKernel(a: Tensor, dtype: DType, f: (x: number) => number, expr?: Expr): Tensor {
  if (deviceState.active) {
    const dev = deviceOfOperands(a);
    if (dev !== null) return backendFor(dev).unary(a, dtype, expr, deviceState.op);
  }
  const n = numelOf(a._shape);
  const out = new dtype.ctor(n);
  const s = a._storage;
  if (isDense(a)) {
    loop("u", f, n)(f, out, s, n);
  } else {
    const pos = positions(a._shape, a._strides, a._offset);
    loop("up", f, n)(f, out, s, pos, n);
  }
  return Tensor.fromData(out, a._shape.slice(), dtype, a._dialect);
}

function scalarNum(v: Scalar): number {
  return typeof v === "number" ? v : Number(v);
}

/** out = f(a, b) with broadcasting; either side may be a scalar. */
export function binaryKernel(a: Tensor | Scalar, b: Tensor | Scalar, dtype: DType, f: (x: number, y: number) => number, expr?: Expr): Tensor {
  if (deviceState.active) {
    const dev = deviceOfOperands(a, b);
    if (dev !== null)
      return backendFor(dev).binary(a instanceof Tensor ? a : scalarNum(a), b instanceof Tensor ? b : scalarNum(b), dtype, expr, deviceState.op);
  }
  if (!(a instanceof Tensor)) return scalarLeft(scalarNum(a), b as Tensor, dtype, f, expr);
  if (!(b instanceof Tensor)) return scalarRight(a, scalarNum(b), dtype, f, expr);
  const sa = a._storage;
  const sb = b._storage;
  if (sameShape(a._shape, b._shape) && isDense(a) && isDense(b)) {
    const n = sa.length;
    const out = new dtype.ctor(n);
    const op = simdOpOf(expr, n);
    if (op === undefined || !sameFloatArrays(out, sa, sb) || !simdBinary(op, sa as FloatArray, sb as FloatArray, out as FloatArray, n)) loop("bb", f, n)(f, out, sa, sb, n);
    return Tensor.fromData(out, a._shape.slice(), dtype, a._dialect);
  }
  // A tensor whose every element is the same storage slot (0-dim, one element, or expanded
  // from one) acts as a scalar: no index arithmetic needed.
  if (isSingleSlot(b) && sameShape(broadcastShapes(a._shape, b._shape), a._shape)) return scalarRight(a, sb[b._offset], dtype, f, expr);
  if (isSingleSlot(a) && sameShape(broadcastShapes(a._shape, b._shape), b._shape)) return scalarLeft(sa[a._offset], b, dtype, f, expr);
  const shape = broadcastShapes(a._shape, b._shape);
  const n = numelOf(shape);
  // `x + bias`, addmm's expanded input: a dense operand and a repeated contiguous block need
  // no position arrays (those cost two Int32Arrays of n per call)
  if (n > 0) {
    if (sameShape(shape, b._shape) && isDense(b)) {
      const L = repeatedBlock(a, shape);
      if (L > 0) {
        const out = new dtype.ctor(n);
        loop("rd", f, n)(f, out, sa, a._offset, L, sb, n);
        return Tensor.fromData(out, shape, dtype, a._dialect);
      }
    }
    if (sameShape(shape, a._shape) && isDense(a)) {
      const L = repeatedBlock(b, shape);
      if (L > 0) {
        const out = new dtype.ctor(n);
        loop("dr", f, n)(f, out, sa, sb, b._offset, L, n);
        return Tensor.fromData(out, shape, dtype, a._dialect);
      }
    }
  }
  const out = new dtype.ctor(n);
  if (a._shape.length === 0 || b._shape.length === 0 || numelOf(a._shape) === 1 || numelOf(b._shape) === 1) {
    // one side is a single value: no index arithmetic needed
    if (numelOf(a._shape) === 1 && n > 0) {
      const x = sa[a._offset];
      const pb = positions(shape, broadcastStrides(b._shape, b._strides, shape), b._offset);
      for (let i = 0; i < n; i++) out[i] = f(x, sb[pb[i]]);
    } else if (n > 0) {
      const y = sb[b._offset];
      const pa = positions(shape, broadcastStrides(a._shape, a._strides, shape), a._offset);
      for (let i = 0; i < n; i++) out[i] = f(sa[pa[i]], y);
    }
    return Tensor.fromData(out, shape, dtype, a._dialect);
  }
  const pa = positions(shape, broadcastStrides(a._shape, a._strides, shape), a._offset);
  const pb = positions(shape, broadcastStrides(b._shape, b._strides, shape), b._offset);
  loop("bp", f, n)(f, out, sa, pa, sb, pb, n);
  return Tensor.fromData(out, shape, dtype, a._dialect);
}

/**
 * For t broadcast to `shape`: the length L of the contiguous block it reads, repeated over the
 * leading dims (their broadcast strides all 0), or 0 when it is not of that form.
 */
function repeatedBlock(t: Tensor, shape: number[]): number {
  const st = broadcastStrides(t._shape, t._strides, shape);
  let d = shape.length - 1;
  let L = 1;
  for (; d >= 0; d--) {
    if (shape[d] === 1) continue;
    if (st[d] !== L) break;
    L *= shape[d];
  }
  for (; d >= 0; d--) if (st[d] !== 0 && shape[d] !== 1) return 0;
  return L;
}

function isSingleSlot(t: Tensor): boolean {
  const st = t._strides;
  for (let i = 0; i < st.length; i++) if (st[i] !== 0 && t._shape[i] !== 1) return false;
  return true;
}

/**
 * The SIMD kernel computes in the element type, the JS loop in double with the scalar as given:
 * the same results when the scalar is a value of the element type.
 */
function simdScalarOp(expr: Expr | undefined, n: number, out: ArrayLike<number>, s: ArrayLike<number>, y: number): SimdOp | undefined {
  const op = simdOpOf(expr, n);
  if (op === undefined || !sameFloatArrays(out, s)) return undefined;
  return out instanceof Float64Array || Math.fround(y) === y ? op : undefined;
}

function scalarRight(a: Tensor, y: number, dtype: DType, f: (x: number, y: number) => number, expr?: Expr): Tensor {
  const n = numelOf(a._shape);
  const out = new dtype.ctor(n);
  const s = a._storage;
  const op = n >= simdState.minElements && isDense(a) ? simdScalarOp(expr, n, out, s, y) : undefined;
  if (op !== undefined && simdScalar(op, s as FloatArray, y, true, out as FloatArray, n)) return Tensor.fromData(out, a._shape.slice(), dtype, a._dialect);
  if (isDense(a)) loop("br", f, n)(f, out, s, y, n);
  else {
    const pos = positions(a._shape, a._strides, a._offset);
    loop("brp", f, n)(f, out, s, pos, y, n);
  }
  return Tensor.fromData(out, a._shape.slice(), dtype, a._dialect);
}

function scalarLeft(x: number, b: Tensor, dtype: DType, f: (x: number, y: number) => number, expr?: Expr): Tensor {
  const n = numelOf(b._shape);
  const out = new dtype.ctor(n);
  const s = b._storage;
  const op = n >= simdState.minElements && isDense(b) ? simdScalarOp(expr, n, out, s, x) : undefined;
  if (op !== undefined && simdScalar(op, s as FloatArray, x, false, out as FloatArray, n)) return Tensor.fromData(out, b._shape.slice(), dtype, b._dialect);
  if (isDense(b)) loop("bl", f, n)(f, out, x, s, n);
  else {
    const pos = positions(b._shape, b._strides, b._offset);
    loop("blp", f, n)(f, out, x, s, pos, n);
  }
  return Tensor.fromData(out, b._shape.slice(), dtype, b._dialect);
}

/** out = f(a, b, c) with broadcasting of three operands (where, clamp with tensor bounds, lerp). */
export function ternaryKernel(a: Tensor, b: Tensor, c: Tensor, dtype: DType, f: (x: number, y: number, z: number) => number, expr?: Expr): Tensor {
  if (deviceState.active) {
    const dev = deviceOfOperands(a, b, c);
    if (dev !== null) return backendFor(dev).ternary(a, b, c, dtype, expr, deviceState.op);
  }
  const shape = broadcastShapes(broadcastShapes(a._shape, b._shape), c._shape);
  const n = numelOf(shape);
  const out = new dtype.ctor(n);
  const pa = positions(shape, broadcastStrides(a._shape, a._strides, shape), a._offset);
  const pb = positions(shape, broadcastStrides(b._shape, b._strides, shape), b._offset);
  const pc = positions(shape, broadcastStrides(c._shape, c._strides, shape), c._offset);
  const sa = a._storage, sb = b._storage, sc = c._storage;
  for (let i = 0; i < n; i++) out[i] = f(sa[pa[i]], sb[pb[i]], sc[pc[i]]);
  return Tensor.fromData(out, shape, dtype, a._dialect);
}

/** Write `src` (broadcast to dst's shape) into dst's storage, converting to dst's dtype. */
export function copyInto(dst: Tensor, src: Tensor | Scalar): void {
  if (deviceState.active) {
    const dev = deviceOfOperands(dst, src);
    if (dev !== null) return backendFor(dev).copy(dst, src instanceof Tensor ? src : scalarNum(src));
  }
  const n = numelOf(dst._shape);
  const d = dst._storage;
  const toInt = dst.dtype.kind !== "float";
  const isBool = dst.dtype.kind === "bool";
  const conv = (v: number) => (isBool ? (v !== 0 ? 1 : 0) : toInt ? Math.trunc(v) : v);
  const pd = isDense(dst) ? null : positions(dst._shape, dst._strides, dst._offset);
  if (!(src instanceof Tensor)) {
    const v = conv(scalarNum(src));
    if (pd === null) d.fill(v);
    else for (let i = 0; i < n; i++) d[pd[i]] = v;
    return;
  }
  broadcastShapes(dst._shape, src._shape);
  if (src._shape.length > dst._shape.length || src._shape.some((s, i) => s !== 1 && s !== dst._shape[dst._shape.length - src._shape.length + i])) {
    throw new RuntimeError(
      `output with shape [${dst._shape.join(", ")}] doesn't match the broadcast shape [${broadcastShapes(dst._shape, src._shape).join(", ")}]`,
    );
  }
  const ps = positions(dst._shape, broadcastStrides(src._shape, src._strides, dst._shape), src._offset);
  // Read everything first: src may overlap dst (x.copy_(x.flip(0))).
  const s = src._storage;
  const vals = new Float64Array(n);
  for (let i = 0; i < n; i++) vals[i] = conv(s[ps[i]]);
  if (pd === null) for (let i = 0; i < n; i++) d[i] = vals[i];
  else for (let i = 0; i < n; i++) d[pd[i]] = vals[i];
}


export { contiguousStrides, isDense };
