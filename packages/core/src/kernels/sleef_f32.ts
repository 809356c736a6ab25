// Float32 exp / log / tanh exactly as PyTorch 1.13's CPU kernels compute them on an AVX2 machine.
//
// Why: ATen's Vectorized<float> (aten/src/ATen/cpu/vec/vec256/vec256_float.h) maps exp(), log()
// and tanh() to SLEEF's Sleef_expf8_u10, Sleef_logf8_u10 and Sleef_tanhf8_u10, and the unary
// kernels run every element (also tails and strided inputs, via vml's vec::map with partial
// loads) through them. Those routines are accurate to ~1 ulp, not correctly rounded, so a double
// Math.exp rounded to float differs in the last bit for a few percent of inputs — visible in the
// printed repr of a float32 loss. The machine's libtorch links the system libsleef 3.5.1, whose
// AVX2 build defines ENABLE_FMA_SP: SLEEF's `mla` and the double-float (df.h) helpers are fused
// multiply-adds there, plain vector mul/add are not (SLEEF is built with -ffp-contract=off).
//
// Below, every step is one float32 operation: `f` is a rounded add/mul/div and `fma32` a single
// rounding fused multiply-add, in the order of the SLEEF 3.5.1 source (src/libm/sleefsimdsp.c:
// xexpf, xlogf_u1, xtanhf with expk2f; src/libm/df.h for the double-float helpers).

import { fma32 } from "../random/float32_math.ts";
import { fma } from "../random/libm.ts";

const f = Math.fround;

// SLEEF's float constants (src/common/misc.h), as float32
const R_LN2f = f(1.442695040888963407359924681001892137426645954152985934135449406931);
const L2Uf = f(0.693145751953125);
const L2Lf = f(1.428606765330187045e-6);
const NL2Uf = -L2Uf;
const NL2Lf = -L2Lf;

const E5 = f(0.000198527617612853646278381);
const E4 = f(0.00139304355252534151077271);
const E3 = f(0.00833336077630519866943359);
const E2 = f(0.0416664853692054748535156);
const E1 = f(0.166666671633720397949219);

/** cvtps2dq: round to nearest, ties to even (|v| < 2^31 here; callers clamp out-of-range inputs). */
function rint(v: number): number {
  return v + 6755399441055744 - 6755399441055744; // adding 1.5 * 2^52 rounds to an integer, ties to even
}

/** vldexp2: u * 2^(q>>1) * 2^(q - (q>>1)), each product rounded to float32 (so subnormal results round once, at the second). */
function ldexp2(u: number, q: number): number {
  const a = q >> 1;
  return f(f(u * POW2[a + 160]) * POW2[q - a + 160]);
}
/** 2^(k - 160) for k in [0, 320]: exact powers of two for ldexp2 and expfGlibc's scale. */
const POW2 = Float64Array.from({ length: 321 }, (_, k) => 2 ** (k - 160));

/** Sleef_expf8_u10 (xexpf) for one lane. */
export function expf(d: number): number {
  if (d !== d) return NaN;
  if (d < -104) return 0; // SLEEF masks the result to +0 below -104
  if (d > 100) return Infinity;
  const q = rint(f(d * R_LN2f));
  let s = fma32(q, NL2Uf, d);
  s = fma32(q, NL2Lf, s);
  let u = E5;
  u = fma32(u, s, E4);
  u = fma32(u, s, E3);
  u = fma32(u, s, E2);
  u = fma32(u, s, E1);
  u = fma32(u, s, 0.5);
  u = f(1 + fma32(f(s * s), u, s));
  return ldexp2(u, q);
}

const FLT_MIN = 1.1754943508222875e-38;
const TWO64 = 18446744073709551616;
const R075 = f(1 / 0.75);
const LN2H = f(0.69314718246459960938);
const LN2L = f(-1.904654323148236017e-9);
const LG3 = f(0.3027294874);
const LG2 = f(0.3996108174);
const LG1 = f(0.666669488);

const fb = new Float32Array(1);
const ub = new Int32Array(fb.buffer);

/** Sleef_logf8_u10 (xlogf_u1, the AVX2 branch without getexp/getmant) for one lane. */
export function logf(d0: number): number {
  if (d0 !== d0 || d0 < 0) return NaN;
  if (d0 === 0) return -Infinity;
  if (d0 === Infinity) return Infinity;
  const o = d0 < FLT_MIN;
  const d = o ? f(d0 * TWO64) : d0;
  // e = exponent of d*(1/0.75) (vilogb2k), m = d / 2^e by adding -e to the exponent bits (vldexp3)
  fb[0] = f(d * R075);
  let e = ((ub[0] >>> 23) & 0xff) - 0x7f;
  fb[0] = d;
  ub[0] = (ub[0] + ((-e) << 23)) | 0;
  const m = fb[0];
  if (o) e -= 64;
  // s = dfmul((LN2H, LN2L), e)
  let sx = f(LN2H * e);
  let sy = fma32(LN2L, e, fma32(LN2H, e, -sx));
  // x = dfdiv(dfadd2(-1, m), dfadd2(1, m))
  let nx = f(-1 + m);
  let v = f(nx - -1);
  const ny = f(f(-1 - f(nx - v)) + f(m - v));
  const dx = f(1 + m);
  v = f(dx - 1);
  const dy = f(f(1 - f(dx - v)) + f(m - v));
  const t0 = f(1 / dx);
  const qx = f(nx * t0);
  const uu = fma32(t0, nx, -qx);
  const vv = fma32(-dy, t0, fma32(-dx, t0, 1));
  const qy = fma32(qx, vv, fma32(ny, t0, uu));
  nx = qx;
  const x2 = f(qx * qx);
  let t = LG3;
  t = fma32(t, x2, LG2);
  t = fma32(t, x2, LG1);
  // s = dfadd(s, dfscale(x, 2)): |s| >= |2x| form, no renormalisation
  const ax = qx * 2;
  const ay = qy * 2;
  let s2 = f(sx + ax);
  sy = f(f(f(f(sx - s2) + ax) + sy) + ay);
  sx = s2;
  // s = dfadd(s, x2*x.x*t)
  const w = f(f(x2 * nx) * t);
  s2 = f(sx + w);
  sy = f(f(f(sx - s2) + w) + sy);
  return f(s2 + sy);
}

// ---- tanh: xtanhf over expk2f in double-float --------------------------------------------------

const K4 = f(0.1980960224e-3);
const K3 = f(0.1394256484e-2);
const K2 = f(0.8333456703e-2);
const K1 = f(0.4166637361e-1);
const K0 = f(0.166666659414234244790680580464);
const TANH_BIG = f(8.664339742);

/** Sleef_tanhf8_u10 (xtanhf) for one lane. */
export function tanhf(x: number): number {
  if (x !== x) return NaN;
  const y = Math.abs(x);
  if (y > TANH_BIG) return x < 0 ? -1 : 1;
  // expk2f((y, 0)) -> (ex, ey)
  const q = rint(f(y * R_LN2f)); // (d.x + d.y) with d.y = 0
  // s = dfadd2((y, 0), q * -L2U)
  let a = f(q * NL2Uf);
  let s = f(y + a);
  let v = f(s - y);
  let tt = f(f(y - f(s - v)) + f(a - v));
  let sx = s;
  let sy = f(tt + 0);
  // s = dfadd2(s, q * -L2L)
  a = f(q * NL2Lf);
  s = f(sx + a);
  v = f(s - sx);
  tt = f(f(sx - f(s - v)) + f(a - v));
  sy = f(tt + sy);
  sx = s;
  let u = K4;
  u = fma32(u, sx, K3);
  u = fma32(u, sx, K2);
  u = fma32(u, sx, K1);
  // t = dfadd2(dfmul(s, u), K0)
  let mx = f(sx * u);
  let my = fma32(sy, u, fma32(sx, u, -mx));
  s = f(mx + K0);
  v = f(s - mx);
  tt = f(f(mx - f(s - v)) + f(K0 - v));
  let tx = s;
  let ty = f(tt + my);
  // t = dfadd2(dfmul(s, t), 0.5)
  mx = f(sx * tx);
  my = fma32(sx, ty, fma32(sy, tx, fma32(sx, tx, -mx)));
  s = f(mx + 0.5);
  v = f(s - mx);
  tt = f(f(mx - f(s - v)) + f(0.5 - v));
  tx = s;
  ty = f(tt + my);
  // t = dfadd2(s, dfmul(dfsqu(s), t))
  const qx = f(sx * sx);
  const qy = fma32(f(sx + sx), sy, fma32(sx, sx, -qx));
  mx = f(qx * tx);
  my = fma32(qx, ty, fma32(qy, tx, fma32(qx, tx, -mx)));
  s = f(sx + mx);
  v = f(s - sx);
  tt = f(f(sx - f(s - v)) + f(mx - v));
  tx = s;
  ty = f(tt + f(sy + my));
  // t = dfadd(1, t)
  s = f(1 + tx);
  ty = f(f(f(1 - s) + tx) + ty);
  tx = s;
  const ex = ldexp2(tx, q);
  const ey = ldexp2(ty, q);
  // e = dfrec(d)
  const rx = f(1 / ex);
  const ry = f(rx * fma32(-ey, rx, fma32(-ex, rx, 1)));
  // n = dfadd(d, -e), dd = dfadd(d, e)  (vadd_vf_4vf order: ((x.x - s) + y.x) + x.y + y.y)
  let nx = f(ex - rx);
  const ny = f(f(f(f(ex - nx) - rx) + ey) - ry);
  const ddx = f(ex + rx);
  const ddy = f(f(f(f(ex - ddx) + rx) + ey) + ry);
  // dfdiv(n, dd)
  const t0 = f(1 / ddx);
  const sq = f(nx * t0);
  const uu = fma32(t0, nx, -sq);
  const vv = fma32(-ddy, t0, fma32(-ddx, t0, 1));
  const sr = fma32(sq, vv, fma32(ny, t0, uu));
  nx = f(sq + sr);
  return x < 0 || Object.is(x, -0) ? -nx : nx;
}

// ---- glibc expf: the scalar std::exp(float) of ATen's non-vectorized loops -----------------------
//
// cpu_kernel_vec ops (sigmoid) run the vectorized lambda on full blocks of 16 contiguous floats and
// the scalar lambda on the rest of each inner row and on strided inputs; ATen's scalar softmax
// fallbacks use std::exp too. That is glibc 2.36's expf (sysdeps/ieee754/flt-32/e_expf.c, from ARM
// optimized-routines): double arithmetic, 2^(k/32) from a 32-entry table and a cubic; its 0.502
// ulp error makes fround(Math.exp(x)) differ for ~0.05% of inputs. The x86_64 FMA build contracts
// the polynomial's mul+add pairs; whether the reduction step is fused too never changed a result
// in 400,000 inputs checked against the real expf.


const EXP2F_TAB = [
  "3ff0000000000000", "3fefd9b0d3158574", "3fefb5586cf9890f", "3fef9301d0125b51", "3fef72b83c7d517b", "3fef54873168b9aa",
  "3fef387a6e756238", "3fef1e9df51fdee1", "3fef06fe0a31b715", "3feef1a7373aa9cb", "3feedea64c123422", "3feece086061892d",
  "3feebfdad5362a27", "3feeb42b569d4f82", "3feeab07dd485429", "3feea47eb03a5585", "3feea09e667f3bcd", "3fee9f75e8ec5f74",
  "3feea11473eb0187", "3feea589994cce13", "3feeace5422aa0db", "3feeb737b0cdc5e5", "3feec49182a3f090", "3feed503b23e255d",
  "3feee89f995ad3ad", "3feeff76f2fb5e47", "3fef199bdd85529c", "3fef3720dcef9069", "3fef5818dcfba487", "3fef7c97337b9b5f",
  "3fefa4afa2a490da", "3fefd0765b6e4540",
];
// glibc stores asuint64(2^(j/32)) - (j << 47) so that adding k << 47 also scales by 2^(k>>5);
// here the table holds 2^(j/32) itself and the scaling is a separate exact multiply.
export const EXP2F_T = (() => {
  const dv = new DataView(new ArrayBuffer(8));
  return EXP2F_TAB.map((h, j) => {
    dv.setBigUint64(0, BigInt("0x" + h) + (BigInt(j) << 47n));
    return dv.getFloat64(0);
  });
})();
const INVLN2N = (0x171547652b82fe / 2 ** 52) * 32;
const SHIFT = 1.5 * 2 ** 52;
const GC0 = (0x1c6af84b912394 / 2 ** 52) * 2 ** -5 / 32768;
const GC1 = (0x1ebfce50fac4f3 / 2 ** 52) * 2 ** -3 / 1024;
const GC2 = (0x162e42ff0c52d6 / 2 ** 52) * 2 ** -1 / 32;

/** glibc's expf (x a float32 value); returns the float32 result. */
export function expfGlibc(x: number): number {
  if (x !== x) return NaN;
  if (x > 88.72283172607422) return Infinity; // 0x1.62e42ep6f
  if (x < -103.97207641601562) return 0; // 0x1.9fe368p6f
  const z = INVLN2N * x;
  const kd = z + SHIFT - SHIFT; // round to nearest integer, ties to even
  const r = z - kd;
  const j = kd & 31;
  const s = EXP2F_T[j] * POW2[(kd - j) / 32 + 160];
  const zz = fma(GC0, r, GC1);
  const y = fma(zz, r * r, fma(GC2, r, 1));
  return f(y * s);
}

// ---- sigmoid -------------------------------------------------------------------------------------

/** ATen's vectorized sigmoid lane: (1 + exp(0 - a)).reciprocal() with SLEEF's exp. */
export function sigmoidVec(a: number): number {
  return f(1 / f(1 + expf(f(0 - a))));
}

/** ATen's scalar sigmoid: 1 / (1 + std::exp(-a)) in float. */
export function sigmoidScalar(a: number): number {
  return f(1 / f(1 + expfGlibc(-a)));
}

/**
 * sigmoid over `n` contiguous floats of an inner row as cpu_kernel_vec's vectorized_loop does it:
 * blocks of 2 * 8 lanes through the vector lambda, the remaining n % 16 through the scalar one.
 */
export function sigmoidRow(src: ArrayLike<number>, so: number, out: Float32Array, oo: number, n: number): void {
  const nv = n - (n % 16);
  for (let i = 0; i < nv; i++) out[oo + i] = sigmoidVec(src[so + i]);
  for (let i = nv; i < n; i++) out[oo + i] = sigmoidScalar(src[so + i]);
}

// ---- softmax / log_softmax over the last dim (SoftMaxKernel.cpp _vec_(log_)softmax_lastdim) ------

/**
 * vec::reduce_all's float sum of v[o..o+n): fewer than 8 values are summed left to right (lane 0
 * absorbs lane 1, 2, ...); otherwise 8 lane accumulators take the first vector, then each full
 * vector, then a partial tail in its first lanes, and AVX2's shuffle reduction folds them as
 * ((l0+l4) + (l2+l6)) + ((l1+l5) + (l3+l7)).
 */
export function reduceSum8(v: ArrayLike<number>, o: number, n: number): number {
  if (n < 8) {
    let a = v[o];
    for (let i = 1; i < n; i++) a = f(a + v[o + i]);
    return a;
  }
  let a0 = v[o], a1 = v[o + 1], a2 = v[o + 2], a3 = v[o + 3], a4 = v[o + 4], a5 = v[o + 5], a6 = v[o + 6], a7 = v[o + 7];
  let d = 8;
  const full = n - (n % 8);
  for (; d < full; d += 8) {
    const p = o + d;
    a0 = f(a0 + v[p]); a1 = f(a1 + v[p + 1]); a2 = f(a2 + v[p + 2]); a3 = f(a3 + v[p + 3]);
    a4 = f(a4 + v[p + 4]); a5 = f(a5 + v[p + 5]); a6 = f(a6 + v[p + 6]); a7 = f(a7 + v[p + 7]);
  }
  const r = n - d;
  if (r > 0) {
    const p = o + d;
    a0 = f(a0 + v[p]);
    if (r > 1) a1 = f(a1 + v[p + 1]);
    if (r > 2) a2 = f(a2 + v[p + 2]);
    if (r > 3) a3 = f(a3 + v[p + 3]);
    if (r > 4) a4 = f(a4 + v[p + 4]);
    if (r > 5) a5 = f(a5 + v[p + 5]);
    if (r > 6) a6 = f(a6 + v[p + 6]);
  }
  return f(f(f(a0 + a4) + f(a2 + a6)) + f(f(a1 + a5) + f(a3 + a7)));
}

/** vec::maximum reduction: NaN-propagating max (order does not matter for the value). */
function rowMax(v: ArrayLike<number>, o: number, n: number): number {
  let m = v[o];
  for (let i = 1; i < n; i++) {
    const x = v[o + i];
    if (x > m || x !== x) m = x;
    if (m !== m) return m;
  }
  return m;
}

/** Softmax of each row of `rows` x `n` contiguous floats: exp(x - max) * (1 / sum). */
export function softmaxLastdim(src: ArrayLike<number>, out: Float32Array, rows: number, n: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    const m = rowMax(src, o, n);
    for (let i = 0; i < n; i++) out[o + i] = expf(f(src[o + i] - m));
    const inv = f(1 / reduceSum8(out, o, n));
    for (let i = 0; i < n; i++) out[o + i] = f(out[o + i] * inv);
  }
}

/** log_softmax of each row: (x - max) - log(sum exp(x - max)), SLEEF exp and log. */
export function logSoftmaxLastdim(src: ArrayLike<number>, out: Float32Array, rows: number, n: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    const m = rowMax(src, o, n);
    for (let i = 0; i < n; i++) out[o + i] = expf(f(src[o + i] - m));
    const ls = logf(reduceSum8(out, o, n));
    for (let i = 0; i < n; i++) out[o + i] = f(f(src[o + i] - m) - ls);
  }
}

/**
 * sigmoid of a float32 tensor in TensorIterator's iteration order: the output gets the input's
 * dim order, dims are sorted by the input's strides (innermost = smallest) and trailing dims
 * merged while the input stays contiguous across them; each unit-stride inner row goes through
 * sigmoidRow (vector blocks of 16, scalar rest), any other layout through the scalar lambda only
 * (basic_loop). The result is returned row-major in the logical shape.
 */
export function sigmoidStrided(s: ArrayLike<number>, offset: number, shape: readonly number[], strides: readonly number[]): Float32Array {
  const nd = shape.length;
  let n = 1;
  for (const v of shape) n *= v;
  const out = new Float32Array(n);
  if (n === 0) return out;
  const ostr: number[] = new Array(nd);
  for (let i = nd - 1, p = 1; i >= 0; i--) {
    ostr[i] = p;
    p *= shape[i];
  }
  // iteration dims, innermost first, size-1 dims dropped (ties keep the later dim inner)
  const dims = [...Array(nd).keys()].filter((i) => shape[i] !== 1).sort((a, b) => strides[a] - strides[b] || b - a);
  const sz = dims.map((i) => shape[i]);
  const is = dims.map((i) => strides[i]);
  const os = dims.map((i) => ostr[i]);
  let k = 0;
  let L = 1;
  if (sz.length > 0 && is[0] === 1) {
    L = sz[0];
    k = 1;
    while (k < sz.length && is[k] === L) L *= sz[k++];
  }
  const rowVec = k > 0; // unit-stride inner row: vectorized_loop; otherwise basic_loop
  const row = new Float32Array(L);
  const inSz = sz.slice(0, k), inOs = os.slice(0, k);
  const inIdx = new Array(k).fill(0);
  const outer = sz.slice(k), ois = is.slice(k), oos = os.slice(k);
  const m = outer.length;
  const idx = new Array(m).fill(0);
  let ip = offset, op = 0;
  for (;;) {
    if (rowVec) {
      sigmoidRow(s, ip, row, 0, L);
      // scatter the row (input memory order) to the row-major output
      inIdx.fill(0);
      let q = op;
      for (let i = 0; i < L; i++) {
        out[q] = row[i];
        for (let d = 0; d < k; d++) {
          inIdx[d]++;
          q += inOs[d];
          if (inIdx[d] < inSz[d]) break;
          q -= inOs[d] * inSz[d];
          inIdx[d] = 0;
        }
      }
    } else {
      out[op] = sigmoidScalar(s[ip]);
    }
    let d = 0;
    for (; d < m; d++) {
      idx[d]++;
      ip += ois[d];
      op += oos[d];
      if (idx[d] < outer[d]) break;
      ip -= ois[d] * outer[d];
      op -= oos[d] * outer[d];
      idx[d] = 0;
    }
    if (d === m) break;
  }
  return out;
}

// ---- softmax / log_softmax over another dim (input made contiguous, dim of size `dim`, `inner`
// elements per step of it, `outer` blocks) ------------------------------------------------------

/**
 * softmax_kernel's _vec_softmax: 8 neighbouring inner positions at a time (while 8 fit in the inner
 * size) with vector max, a running per-lane sum of exp(x - max) from 0, and a division; the
 * remaining positions one by one with std::exp (glibc expf), a float running sum and a division.
 */
export function softmaxInner(src: ArrayLike<number>, out: Float32Array, outer: number, dim: number, inner: number): void {
  for (let o = 0; o < outer; o++) {
    const base = o * dim * inner;
    for (let j = 0; j < inner; ) {
      const vec = j + 8 <= inner;
      const w = vec ? 8 : 1;
      for (let l = 0; l < w; l++) {
        const p = base + j + l;
        let m = src[p];
        for (let d = 1; d < dim; d++) {
          const x = src[p + d * inner];
          if (vec) m = x !== x || m !== m ? NaN : x > m ? x : m; // vec::maximum propagates NaN
          else if (m < x) m = x; // std::max(a, b) = (a < b) ? b : a
        }
        let sum = 0;
        for (let d = 0; d < dim; d++) {
          const e = vec ? expf(f(src[p + d * inner] - m)) : expfGlibc(f(src[p + d * inner] - m));
          out[p + d * inner] = e;
          sum = f(sum + e);
        }
        for (let d = 0; d < dim; d++) out[p + d * inner] = f(out[p + d * inner] / sum);
      }
      j += w;
    }
  }
}

/**
 * log_softmax_kernel's _vec_logsoftmax: the inner positions in chunks of
 * max(128 KiB / dim / 4, 8) (a multiple of 8); within a chunk the first size - size % 8 positions
 * are vector lanes (SLEEF exp), the rest scalar (glibc expf); the sums of exp(x - max) run in
 * float from 0 along the dim, SLEEF's log of every sum, out = (x - max) - log(sum).
 */
export function logSoftmaxInner(src: ArrayLike<number>, out: Float32Array, outer: number, dim: number, inner: number): void {
  let chunk = Math.max(Math.floor(131072 / dim / 4), 8);
  chunk -= chunk % 8;
  const mx = new Float32Array(chunk);
  const sm = new Float32Array(chunk);
  for (let o = 0; o < outer; o++) {
    const base = o * dim * inner;
    for (let b = 0; b < inner; b += chunk) {
      const size = Math.min(chunk, inner - b);
      const nv = size - (size % 8);
      mx.fill(-Infinity);
      sm.fill(0);
      for (let d = 0; d < dim; d++) {
        const p = base + d * inner + b;
        for (let j = 0; j < size; j++) {
          const x = src[p + j];
          if (x > mx[j]) mx[j] = x; // blendv(max, x, x > max) / (x > max ? x : max)
        }
      }
      for (let d = 0; d < dim; d++) {
        const p = base + d * inner + b;
        for (let j = 0; j < nv; j++) sm[j] = f(sm[j] + expf(f(src[p + j] - mx[j])));
        for (let j = nv; j < size; j++) sm[j] = f(sm[j] + expfGlibc(f(src[p + j] - mx[j])));
      }
      for (let j = 0; j < size; j++) sm[j] = logf(sm[j]);
      for (let d = 0; d < dim; d++) {
        const p = base + d * inner + b;
        for (let j = 0; j < size; j++) out[p + j] = f(f(src[p + j] - mx[j]) - sm[j]);
      }
    }
  }
}
