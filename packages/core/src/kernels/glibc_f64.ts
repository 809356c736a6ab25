// glibc 2.36's double `exp`, `expm1`, `sinh`, `cosh`, `log1p` and `tanh` as PyTorch 1.13's scalar
// loops call them (the tails and strided rows of the float64 cpu_kernel_vec ops sigmoid, sinh,
// cosh, silu, elu, softplus, mish) on Debian bookworm x86_64 with FMA and AVX2. exp: the
// ifunc resolves to __ieee754_exp_fma, sysdeps/ieee754/dbl-64/e_exp.c (Szabolcs Nagy's
// table-driven exp, N = 128) compiled with -mfma. The operation sequence below follows the
// disassembly of that function in the installed libm.so.6 (which products GCC fused):
//   kd = fma(x, InvLn2N, Shift); r = fma(kd, NegLn2loN, fma(kd, NegLn2hiN, x));
//   tmp = fma(r2*r2, fma(r, C5, C4), fma(r2, fma(r, C3, C2), tail + r)); exp = fma(scale, tmp, scale).
// The table __exp_data is read out of the library (glibc_f64_tables.ts, gen_glibc_f64_tables.py).

import { fma } from "./sleef_f64.ts";
import { EXP_DATA_HEX } from "./glibc_f64_tables.ts";
import { log as glibcLog } from "../random/libm.ts";

const NW = EXP_DATA_HEX.length / 16;
/** __exp_data as 32-bit words: [2i] high, [2i+1] low. */
const WORDS = new Int32Array(2 * NW);
const VALS = new Float64Array(NW);
{
  const b = new Float64Array(1), w = new Int32Array(b.buffer);
  for (let i = 0; i < NW; i++) {
    w[1] = parseInt(EXP_DATA_HEX.slice(16 * i, 16 * i + 8), 16) | 0;
    w[0] = parseInt(EXP_DATA_HEX.slice(16 * i + 8, 16 * i + 16), 16) | 0;
    WORDS[2 * i] = w[1];
    WORDS[2 * i + 1] = w[0];
    VALS[i] = b[0];
  }
}
const InvLn2N = VALS[0], NegLn2hiN = VALS[1], NegLn2loN = VALS[2];
const C2 = VALS[3], C3 = VALS[4], C4 = VALS[5], C5 = VALS[6], Shift = VALS[7];
const TAB = 14; // index of tab[0] in VALS / WORDS pairs

const BUF = new Float64Array(1);
const W = new Int32Array(BUF.buffer); // W[0] low, W[1] high

/** glibc 2.36 `exp` (x86_64 FMA variant), bit for bit. */
export function exp(x: number): number {
  BUF[0] = x;
  let abstop = (W[1] >>> 20) & 0x7ff;
  if (((abstop - 0x3c9) >>> 0) > 0x3e) {
    if (abstop - 0x3c9 < 0) return 1 + x; // |x| < 2^-54
    if (abstop >= 0x409) {
      if (x === -Infinity) return 0;
      if (abstop === 0x7ff) return 1 + x;
      return x < 0 ? 0 : Infinity;
    }
    abstop = 0; // large |x|: special case below
  }
  let kd = fma(x, InvLn2N, Shift);
  BUF[0] = kd;
  const ki = W[0]; // low 32 bits of asuint64(kd)
  kd -= Shift;
  const r = fma(kd, NegLn2loN, fma(kd, NegLn2hiN, x));
  const idx = TAB + 2 * (ki & 127);
  const tail = VALS[idx];
  const sHi = (WORDS[2 * (idx + 1)] + (ki << 13)) | 0, sLo = WORDS[2 * (idx + 1) + 1];
  const p1 = fma(r, C3, C2);
  const t0 = r + tail;
  const r2 = r * r;
  const p2 = fma(r, C5, C4);
  const tmp = fma(r2 * r2, p2, fma(p1, r2, t0));
  if (abstop !== 0) {
    W[1] = sHi;
    W[0] = sLo;
    const scale = BUF[0];
    return fma(scale, tmp, scale);
  }
  if ((ki & 0x80000000) === 0) {
    W[1] = (sHi - (1009 << 20)) | 0;
    W[0] = sLo;
    const scale = BUF[0];
    return fma(scale, tmp, scale) * 2 ** 1009;
  }
  W[1] = (sHi + (1022 << 20)) | 0;
  W[0] = sLo;
  const scale = BUF[0];
  const st = tmp * scale;
  let y = scale + st;
  if (y < 1) {
    const hi = 1 + y;
    const lo = scale - y + st;
    y = 1 - hi + y + lo + hi - 1;
    if (y === 0) y = 0;
  }
  return y * 2 ** -1022;
}

// ---- expm1, sinh, cosh ------------------------------------------------------------------------------
// glibc 2.36's expm1 on this machine is the ifunc's __expm1_fma: fdlibm's s_expm1.c compiled with
// -mfma; the fused operations below are the ones in its disassembly. sinh and cosh (e_sinh.c,
// e_cosh.c, fdlibm) are built without FMA and call the ifunc'd __expm1 and __ieee754_exp.

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INVLN2 = 1.44269504088896338700;
const Q1 = -3.33333333333331316428e-2, Q2 = 1.58730158725481460165e-3, Q3 = -7.93650757867487942473e-5;
const Q4 = 4.00821782732936239552e-6, Q5 = -2.01099218183624371326e-7;

/** Adds k to the exponent field of y (SET_HIGH_WORD(y, high + (k << 20))). */
function addExp(y: number, k: number): number {
  BUF[0] = y;
  W[1] = (W[1] + (k << 20)) | 0;
  return BUF[0];
}

/** glibc 2.36 `expm1` (x86_64 FMA variant), bit for bit. */
export function expm1(x: number): number {
  BUF[0] = x;
  const hxw = W[1];
  const neg = hxw < 0;
  const hx = hxw & 0x7fffffff;
  let k: number, hi: number, lo: number;
  if (hx >= 0x4043687a) {
    if (hx >= 0x40862e42) {
      if (hx >= 0x7ff00000) return x !== x ? x + x : neg ? -1 : x;
      if (x > 7.09782712893383973096e2) return Infinity;
    }
    if (neg) return 1e-300 - 1;
  }
  let c = 0;
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      if (!neg) {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      } else {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      }
    } else {
      k = Math.trunc(INVLN2 * x + (neg ? -0.5 : 0.5));
      const t = k;
      hi = fma(-t, LN2_HI, x);
      lo = t * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (hx < 0x3c900000) {
    return x;
  } else k = 0;
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const R1 = fma(hxs, Q1, 1), h2 = hxs * hxs;
  const R2 = fma(hxs, Q3, Q2), h4 = h2 * h2;
  const R3 = fma(hxs, Q5, Q4);
  const r1 = fma(h4, R3, fma(h2, R2, R1));
  const t = fma(-r1, hfx, 3);
  let e = ((r1 - t) / fma(-x, t, 6)) * hxs;
  if (k === 0) return x - fma(e, x, -hxs);
  e = fma(e - c, x, -c);
  e -= hxs;
  if (k === -1) return fma(0.5, x - e, -0.5);
  if (k === 1) {
    if (x < -0.25) return (e - (x + 0.5)) * -2;
    return fma(x - e, 2, 1);
  }
  if (k <= -2 || k > 56) {
    const y = 1 - (e - x);
    return addExp(y, k) - 1;
  }
  if (k < 20) {
    W[1] = 0x3ff00000 - (0x200000 >> k);
    W[0] = 0;
    const tt = BUF[0];
    return addExp(tt - (e - x), k);
  }
  W[1] = (0x3ff - k) << 20;
  W[0] = 0;
  const tt = BUF[0];
  return addExp(x - (e + tt) + 1, k);
}

/** glibc 2.36 `sinh` (e_sinh.c), bit for bit. */
export function sinh(x: number): number {
  BUF[0] = x;
  const jx = W[1], lx = W[0] >>> 0;
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) return x + x;
  const h = jx < 0 ? -0.5 : 0.5;
  const ax = Math.abs(x);
  if (ix < 0x40360000) {
    if (ix < 0x3e300000) return x;
    const t = expm1(ax);
    if (ix < 0x3ff00000) return h * (t + t - (t * t) / (t + 1));
    return h * (t / (1 + t) + t);
  }
  if (ix < 0x40862e42) return h * exp(ax);
  if (ix < 0x408633ce || (ix === 0x408633ce && lx <= 0x8fb9f87d)) {
    const w = exp(0.5 * ax);
    const t = h * w;
    return t * w;
  }
  return x * 1e307;
}

/** glibc 2.36 `cosh` (e_cosh.c), bit for bit. */
export function cosh(x: number): number {
  BUF[0] = x;
  const ix = W[1] & 0x7fffffff, lx = W[0] >>> 0;
  const ax = Math.abs(x);
  if (ix < 0x40360000) {
    if (ix < 0x3fd62e43) {
      if (ix < 0x3c800000) return 1;
      const t = expm1(ax);
      const w = 1 + t;
      return 1 + (t * t) / (w + w);
    }
    const t = exp(ax);
    return 0.5 * t + 0.5 / t;
  }
  if (ix < 0x40862e42) return 0.5 * exp(ax);
  if (ix < 0x408633ce || (ix === 0x408633ce && lx <= 0x8fb9f87d)) {
    const w = exp(0.5 * ax);
    const t = 0.5 * w;
    return t * w;
  }
  if (ix >= 0x7ff00000) return x * x;
  return Infinity;
}

// ---- log1p, tanh ----------------------------------------------------------------------------------
// log1p: the ifunc's __log1p_fma (fdlibm s_log1p.c built with -mfma; fused steps from its
// disassembly). tanh: s_tanh.c (fdlibm, no FMA variant) over __expm1.

const LP1 = 6.666666666666735130e-1, LP2 = 3.999999999940941908e-1, LP3 = 2.857142874366239149e-1;
const LP4 = 2.222219843214978396e-1, LP5 = 1.818357216161805012e-1, LP6 = 1.531383769920937332e-1;
const LP7 = 1.479819860511658591e-1;

/** glibc 2.36 `log1p` (x86_64 FMA variant), bit for bit. */
export function log1p(x: number): number {
  BUF[0] = x;
  const hx = W[1];
  let k = 0, hu = 1, f = x, c = 0;
  if (hx <= 0x3fda8279) {
    const ax = hx & 0x7fffffff;
    if (ax > 0x3fefffff) return x === -1 ? -Infinity : NaN;
    if (ax <= 0x3e1fffff) {
      if (ax <= 0x3c8fffff) return x;
      return fma(-(x * x), 0.5, x);
    }
    if (((hx + 0x402d413c) >>> 0) <= 0x402d413c) k = 1;
  } else {
    if (hx > 0x7fefffff) return x + x;
    k = 1;
  }
  if (k !== 0) {
    let u: number;
    if (hx <= 0x433fffff) {
      u = 1 + x;
      BUF[0] = u;
      hu = W[1];
      k = (hu >> 20) - 1023;
      c = k > 0 ? (1 - (u - x)) / u : (x - (u - 1)) / u;
    } else {
      u = x;
      hu = hx;
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0xfffff;
    BUF[0] = u;
    if (hu <= 0x6a09d) W[1] = hu | 0x3ff00000;
    else {
      k += 1;
      W[1] = hu | 0x3fe00000;
      hu = (0x100000 - hu) >> 2;
    }
    f = BUF[0] - 1;
  }
  const hfsq = f * 0.5 * f;
  if (hu === 0) {
    if (f === 0) return k === 0 ? 0 : fma(k, LN2_HI, fma(k, LN2_LO, c));
    const R = fma(-f, 0.66666666666666666, 1) * hfsq;
    if (k === 0) return f - R;
    return fma(k, LN2_HI, -(R - fma(k, LN2_LO, c) - f));
  }
  const s = f / (2 + f);
  const z = s * s;
  const R2 = fma(z, LP3, LP2), R3 = fma(z, LP5, LP4), R4 = fma(z, LP7, LP6);
  const z2 = z * z, z4 = z2 * z2, z6 = z4 * z2;
  const R = fma(z6, R4, fma(z4, R3, fma(z, LP1, z2 * R2)));
  const sr = (R + hfsq) * s;
  if (k === 0) return f - (hfsq - sr);
  return fma(k, LN2_HI, -(hfsq - (fma(k, LN2_LO, c) + sr) - f));
}

/** glibc 2.36 `tanh` (s_tanh.c), bit for bit. */
export function tanh(x: number): number {
  BUF[0] = x;
  const jx = W[1], lx = W[0];
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) return jx >= 0 ? 1 / x + 1 : 1 / x - 1;
  let z: number;
  if (ix < 0x40360000) {
    if ((ix | lx) === 0) return x;
    if (ix < 0x3c800000) return x * (1 + x);
    if (ix >= 0x3ff00000) {
      const t = expm1(2 * Math.abs(x));
      z = 1 - 2 / (t + 2);
    } else {
      const t = expm1(-2 * Math.abs(x));
      z = -t / (t + 2);
    }
  } else z = 1 - 1e-300;
  return jx >= 0 ? z : -z;
}

// ---- asinh, acosh, atanh ------------------------------------------------------------------------
// s_asinh.c, e_acosh.c, e_atanh.c (no FMA variants) over __ieee754_log (the FMA log of
// random/libm.ts), __log1p (above) and sqrt: ATen's float64 asinh/acosh/atanh are scalar loops.

const LN2 = 6.93147180559945286227e-1;

/** glibc 2.36 `asinh`, bit for bit. */
export function asinh(x: number): number {
  BUF[0] = x;
  const ix = W[1] & 0x7fffffff;
  if (ix < 0x3e300000) return x;
  let w: number;
  if (ix > 0x41b00000) {
    if (ix >= 0x7ff00000) return x + x;
    w = glibcLog(Math.abs(x)) + LN2;
  } else {
    const xa = Math.abs(x);
    if (ix > 0x40000000) w = glibcLog(2 * xa + 1 / (Math.sqrt(xa * xa + 1) + xa));
    else {
      const t = xa * xa;
      w = log1p(xa + t / (1 + Math.sqrt(1 + t)));
    }
  }
  return x < 0 || Object.is(x, -0) ? -Math.abs(w) : Math.abs(w);
}

/** glibc 2.36 `acosh`, bit for bit. */
export function acosh(x: number): number {
  if (x > 2) {
    if (x >= 268435456) return x === Infinity ? x : glibcLog(x) + LN2;
    const t = x * x;
    return glibcLog(2 * x - 1 / (x + Math.sqrt(t - 1)));
  }
  if (x > 1) {
    const t = x - 1;
    return log1p(t + Math.sqrt(2 * t + t * t));
  }
  if (x === 1) return 0;
  return NaN;
}

/** glibc 2.36 `atanh`, bit for bit. */
export function atanh(x: number): number {
  const xa = Math.abs(x);
  let t: number;
  if (xa < 0.5) {
    if (xa < 3.725290298461914e-9) return x;
    t = xa + xa;
    t = 0.5 * log1p(t + (t * xa) / (1 - xa));
  } else if (xa < 1) t = 0.5 * log1p((xa + xa) / (1 - xa));
  else if (xa > 1) return NaN;
  else return x / 0;
  return x < 0 || Object.is(x, -0) ? -t : t;
}

// ---- exp2 ---------------------------------------------------------------------------------------
// e_exp2.c (no FMA variant; every product and sum rounded, in the C source's order), sharing
// __exp_data's table; ATen's float64 exp2 is a scalar loop.

const Exp2Shift = VALS[8];
const E2C1 = VALS[9], E2C2 = VALS[10], E2C3 = VALS[11], E2C4 = VALS[12], E2C5 = VALS[13];

/** glibc 2.36 `exp2`, bit for bit. */
export function exp2(x: number): number {
  BUF[0] = x;
  let abstop = (W[1] >>> 20) & 0x7ff;
  if (((abstop - 0x3c9) >>> 0) > 0x3e) {
    if (abstop - 0x3c9 < 0) return 1 + x;
    if (abstop >= 0x409) {
      if (x === -Infinity) return 0;
      if (abstop === 0x7ff) return 1 + x;
      if (x > 0) return Infinity;
      if (x <= -1075) return 0;
    }
    if (Math.abs(x) > 928) abstop = 0;
  }
  let kd = x + Exp2Shift;
  BUF[0] = kd;
  const ki = W[0];
  kd -= Exp2Shift;
  const r = x - kd;
  const idx = TAB + 2 * (ki & 127);
  const tail = VALS[idx];
  const sHi = (WORDS[2 * (idx + 1)] + (ki << 13)) | 0, sLo = WORDS[2 * (idx + 1) + 1];
  const r2 = r * r;
  const tmp = tail + r * E2C1 + r2 * (E2C2 + r * E2C3) + r2 * r2 * (E2C4 + r * E2C5);
  if (abstop !== 0) {
    W[1] = sHi;
    W[0] = sLo;
    const scale = BUF[0];
    return scale + scale * tmp;
  }
  if ((ki & 0x80000000) === 0) {
    W[1] = (sHi - (1 << 20)) | 0;
    W[0] = sLo;
    const scale = BUF[0];
    return 2 * (scale + scale * tmp);
  }
  W[1] = (sHi + (1022 << 20)) | 0;
  W[0] = sLo;
  const scale = BUF[0];
  const st = scale * tmp;
  let y = scale + st;
  if (y < 1) {
    const hi = 1 + y;
    const lo = scale - y + st;
    y = 1 - hi + y + lo + hi - 1;
    if (y === 0) y = 0;
  }
  return y * 2 ** -1022;
}
