// The update arithmetic of PyTorch 1.13's CPU kernels, elementwise on a tensor's values, so that
// float32 results match PyTorch's bit for bit. Measured against 1.13 on this CPU (AVX2 build),
// both the vectorised and the scalar tail loops:
//   add(a, b, alpha)            fma(alpha, b, a)              (ufunc add: vec::fmadd)
//   addcmul(a, t1, t2, value)   fma(value * t1, t2, a)        (the last multiply-add fused)
//   addcdiv(a, t1, t2, value)   a + (value * t1) / t2         (each step rounded)
//   mul/div by a Python scalar  the scalar is first cast to the tensor's dtype
// The optimizers run these under no_grad in PyTorch, so they touch no autograd state here
// either: they read values, compute, write back and bump the version counter.

import { Tensor, float32 } from "@tsgrad/core";
import { wasm, axpy32, addcmul32 } from "./wasm/fma_wasm.ts";

type Arr = Float32Array | Float64Array;

const f32buf = new Float32Array(1);
const u32buf = new Uint32Array(f32buf.buffer);

/** The float32 next to r (itself a float32) in the direction of `toward`. */
function nextFloat32(r: number, toward: number): number {
  if (r === 0) return toward > 0 ? 1.401298464324817e-45 : -1.401298464324817e-45;
  f32buf[0] = r;
  // moving away from zero increments the magnitude bits, toward zero decrements them
  if (toward > r === r > 0) u32buf[0]++;
  else u32buf[0]--;
  return f32buf[0];
}

/**
 * Correctly rounded float32 fma. For float32 a, b the product a*b is exact in a double, so the
 * double sum s = a*b + c is the exact value rounded once, and rounding s to float32 gives the
 * exact value's float32 rounding unless s sits exactly on a float32 midpoint (then the first
 * rounding may have moved the exact value onto the tie). Only that case takes the slow path.
 * s is a midpoint between r = fround(s) and its neighbour o exactly when o = 2s - r is a float32
 * (2s - r lies between r and o, and no float32 lies strictly between them); a false positive of
 * that test only costs the slow path, which decides exactly.
 */
export function fma32(a: number, b: number, c: number): number {
  const s = a * b + c;
  const r = Math.fround(s);
  if (r === s) return r;
  const o = 2 * s - r;
  if (Math.fround(o) !== o) return r;
  return fma32Tie(a, b, c);
}

/** fma32 when a*b + c may have been rounded onto a float32 tie: TwoSum's error term decides. */
export function fma32Tie(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const bb = s - p;
  const err = p - (s - bb) + (c - bb);
  const r = Math.fround(s);
  if (err === 0 || r === s) return r;
  // r infinite: a tie only at the midpoint of FLT_MAX and 2^128; an exact value below it
  // (toward zero) rounds to FLT_MAX
  if (r === Infinity || r === -Infinity) return Math.abs(s) === 3.4028235677973366e38 && err * s < 0 ? Math.sign(s) * 3.4028234663852886e38 : r;
  const other = nextFloat32(r, s);
  if ((r + other) / 2 !== s) return r;
  // s sits exactly on a tie: the exact value lies on err's side of it
  return err > 0 ? Math.max(r, other) : Math.min(r, other);
}

/** float64 fma: TwoProduct (Veltkamp split) plus TwoSum; correct except in rare double ties. */
export function fma64(a: number, b: number, c: number): number {
  const p = a * b;
  const split = (x: number): [number, number] => {
    const t = 134217729 * x;
    const hi = t - (t - x);
    return [hi, x - hi];
  };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  const pe = al * bl - (p - ah * bh - al * bh - ah * bl);
  const s = p + c;
  const bb = s - p;
  const se = p - (s - bb) + (c - bb);
  return s + (se + pe);
}

/** The rounding of a tensor's dtype: float32 or float64 (others are not optimised). */
export interface Arith {
  r: (x: number) => number;
  fma: (a: number, b: number, c: number) => number;
}
const F32: Arith = { r: Math.fround, fma: fma32 };
const F64: Arith = { r: (x) => x, fma: fma64 };
export function arith(t: Tensor): Arith {
  return t.dtype === float32 ? F32 : F64;
}

/** A fresh copy of a tensor's values in row-major order. */
export function values(t: Tensor): Arr {
  return (t._contiguousValues() as Arr).slice();
}

/** A tensor's values in row-major order, only to be read: its storage itself when dense. */
export function readValues(t: Tensor): Arr {
  return t._contiguousValues() as Arr;
}

/** t = t + alpha * v, in t's storage when t is dense, else through a copy; bumps the version. */
export function addScaledInto(A: Arith, t: Tensor, v: Arr, alpha: number): void {
  if (t._offset === 0 && t._storage.length === t.numel() && t.is_contiguous()) {
    addScaled(A, t._storage as Arr, v, alpha);
    t._vc.v++;
  } else store(t, addScaled(A, values(t), v, alpha));
}

/** Write row-major values into t (its storage directly when contiguous), bump its version. */
export function store(t: Tensor, v: Arr): void {
  const n = t.numel();
  if (t._offset === 0 && t._storage.length === n && t.is_contiguous()) {
    if (t._storage !== v) (t._storage as Arr).set(v);
  } else {
    // a strided destination: write element by element through its own positions
    const st = t._storage as Arr;
    const shape = t._shape, strides = t._strides;
    const idx = new Array<number>(shape.length).fill(0);
    for (let i = 0; i < n; i++) {
      let off = t._offset;
      for (let d = 0; d < shape.length; d++) off += idx[d] * strides[d];
      st[off] = v[i];
      for (let d = shape.length - 1; d >= 0; d--) {
        if (++idx[d] < shape[d]) break;
        idx[d] = 0;
      }
    }
  }
  t._vc.v++;
}

/** A new tensor with t's shape, dtype and dialect holding v (zeros_like when v is omitted). */
export function like(t: Tensor, v?: Arr): Tensor {
  const data = v ?? new t.dtype.ctor(t.numel());
  return Tensor.fromData(data as any, t._shape.slice(), t.dtype, t._dialect);
}

// ---- elementwise steps on value arrays (a is updated in place) -------------------------------

/** Arrays shorter than this stay in the JavaScript loops (a wasm call and its copies cost more). */
export const WASM_MIN = 16;

/** a = a + alpha * b (add / add_ with alpha). */
export function addScaled(A: Arith, a: Arr, b: Arr, alpha: number): Arr {
  const al = A.r(alpha);
  // float32 calls fma32 directly, so the loop inlines it (one call through A.fma per element
  // costs more than the arithmetic)
  if (A === F32) {
    // the WebAssembly kernel computes the same bits (wasm/fma_wasm.ts), ~5x faster
    if (wasm !== null && a.length >= WASM_MIN && a instanceof Float32Array && b instanceof Float32Array) axpy32(a, 0, b, 0, a.length, 1, al);
    else for (let i = 0; i < a.length; i++) a[i] = fma32(al, b[i], a[i]);
  }
  else for (let i = 0; i < a.length; i++) a[i] = A.fma(al, b[i], a[i]);
  return a;
}
/** a = a * s (mul_ by a Python scalar). */
export function scale(A: Arith, a: Arr, s: number): Arr {
  const sc = A.r(s);
  for (let i = 0; i < a.length; i++) a[i] = a[i] * sc;
  return a;
}
/** a = a / s (div by a Python scalar). */
export function divScalar(A: Arith, a: Arr, s: number): Arr {
  const sc = A.r(s);
  for (let i = 0; i < a.length; i++) a[i] = a[i] / sc;
  return a;
}
/** a = a + s (add_ of a Python scalar). */
export function addScalar(A: Arith, a: Arr, s: number): Arr {
  const sc = A.r(s);
  for (let i = 0; i < a.length; i++) a[i] = a[i] + sc;
  return a;
}
/** a = a + value * t1 * t2 (addcmul_). */
export function addcmul(A: Arith, a: Arr, t1: Arr, t2: Arr, value: number): Arr {
  const v = A.r(value);
  if (A === F32 && wasm !== null && a.length >= WASM_MIN && a instanceof Float32Array && t1 instanceof Float32Array && t2 instanceof Float32Array)
    addcmul32(a, t1, t2, a.length, 1, v);
  else for (let i = 0; i < a.length; i++) a[i] = A.fma(A.r(v * t1[i]), t2[i], a[i]);
  return a;
}
/** a = a + value * t1 / t2 (addcdiv_). */
export function addcdiv(A: Arith, a: Arr, t1: Arr, t2: Arr, value: number): Arr {
  const v = A.r(value);
  for (let i = 0; i < a.length; i++) a[i] = a[i] + A.r(A.r(v * t1[i]) / t2[i]);
  return a;
}
export function sqrt(a: Arr): Arr {
  for (let i = 0; i < a.length; i++) a[i] = Math.sqrt(a[i]);
  return a;
}
export function neg(a: Arr): Arr {
  for (let i = 0; i < a.length; i++) a[i] = -a[i];
  return a;
}
/** a = maximum(a, b), NaN propagating as torch.maximum. */
export function maximum(a: Arr, b: Arr): Arr {
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    a[i] = x !== x || y !== y ? NaN : x > y ? x : y;
  }
  return a;
}
