// glibc 2.36's float functions that ATen's scalar loops call (std::sinh(float) is sinhf, ...), as
// the x86-64 build computes them: the fdlibm-derived ones (sysdeps/ieee754/flt-32: expm1f, sinhf,
// coshf, tanhf, log1pf, asinhf, acoshf, atanhf) in float arithmetic, one rounding per operation and
// no contraction (generic x86-64 code); the newer ones (logf, exp2f, and expf in sleef_f32.ts) in
// double arithmetic from small tables, with the polynomial's multiply-adds fused as the FMA
// multiarch variants that an AVX2 machine dispatches to. Each was checked against the machine's
// libm on random and special inputs.

import { fma } from "../random/libm.ts";
import { expfGlibc, EXP2F_T } from "./sleef_f32.ts";

const f = Math.fround;
const fb = new Float32Array(1);
const ib = new Int32Array(fb.buffer);
function bits(x: number): number {
  fb[0] = x;
  return ib[0];
}
function fromBits(b: number): number {
  ib[0] = b | 0;
  return fb[0];
}
const copysign = (x: number, y: number) => (y < 0 || Object.is(y, -0) ? -Math.abs(x) : Math.abs(x));

// ---- expm1f -------------------------------------------------------------------------------------
const LN2_HI = f(6.9313812256e-1);
const LN2_LO = f(9.0580006145e-6);
const INVLN2 = f(1.4426950216);
const Q1 = f(-3.3333335072e-2), Q2 = f(1.5873016091e-3), Q3 = f(-7.9365076090e-5), Q4 = f(4.0082177293e-6), Q5 = f(-2.0109921195e-7);

export function expm1f(x: number): number {
  const hx0 = bits(x);
  const neg = hx0 < 0;
  const hx = hx0 & 0x7fffffff;
  if (hx >= 0x4195b844) {
    if (hx >= 0x42b17218) {
      if (hx > 0x7f800000) return NaN;
      if (hx === 0x7f800000) return neg ? -1 : x;
      if (x > f(8.8721679688e1)) return Infinity;
    }
    if (neg) return -1;
  }
  let k: number, c = 0;
  if (hx > 0x3eb17218) {
    let hi: number, lo: number;
    if (hx < 0x3f851592) {
      if (!neg) {
        hi = f(x - LN2_HI); lo = LN2_LO; k = 1;
      } else {
        hi = f(x + LN2_HI); lo = -LN2_LO; k = -1;
      }
    } else {
      k = Math.trunc(f(f(INVLN2 * x) + (neg ? -0.5 : 0.5)));
      const t = k;
      hi = f(x - f(t * LN2_HI));
      lo = f(t * LN2_LO);
    }
    x = f(hi - lo);
    c = f(f(hi - x) - lo);
  } else if (hx < 0x33000000) {
    return x;
  } else k = 0;
  const hfx = f(0.5 * x);
  const hxs = f(x * hfx);
  const r1 = f(1 + f(hxs * f(Q1 + f(hxs * f(Q2 + f(hxs * f(Q3 + f(hxs * f(Q4 + f(hxs * Q5))))))))));
  let t = f(3 - f(r1 * hfx));
  let e = f(hxs * f(f(r1 - t) / f(6 - f(x * t))));
  if (k === 0) return f(x - f(f(x * e) - hxs));
  e = f(f(x * f(e - c)) - c);
  e = f(e - hxs);
  if (k === -1) return f(f(0.5 * f(x - e)) - 0.5);
  if (k === 1) {
    if (x < -0.25) return f(-2 * f(e - f(x + 0.5)));
    return f(1 + f(2 * f(x - e)));
  }
  let y: number;
  if (k <= -2 || k > 56) {
    y = f(1 - f(e - x));
    y = fromBits(bits(y) + (k << 23));
    return f(y - 1);
  }
  if (k < 23) {
    t = fromBits(0x3f800000 - (0x1000000 >> k));
    y = f(t - f(e - x));
    y = fromBits(bits(y) + (k << 23));
  } else {
    t = fromBits((0x7f - k) << 23);
    y = f(x - f(e + t));
    y = f(y + 1);
    y = fromBits(bits(y) + (k << 23));
  }
  return y;
}

// ---- sinhf, coshf, tanhf ------------------------------------------------------------------------

export function sinhf(x: number): number {
  const jx = bits(x);
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7f800000) return x + x;
  const h = jx < 0 ? -0.5 : 0.5;
  const ax = Math.abs(x);
  if (ix < 0x41b00000) {
    if (ix < 0x31800000) return x;
    const t = expm1f(ax);
    if (ix < 0x3f800000) return f(h * f(f(2 * t) - f(f(t * t) / f(t + 1))));
    return f(h * f(t + f(t / f(t + 1))));
  }
  if (ix < 0x42b17180) return f(h * expfGlibc(ax));
  if (ix <= 0x42b2d4fc) {
    const w = expfGlibc(f(0.5 * ax));
    return f(f(h * w) * w);
  }
  return f(x * 1e37);
}

export function coshf(x: number): number {
  const ix = bits(x) & 0x7fffffff;
  const ax = Math.abs(x);
  if (ix < 0x41b00000) {
    if (ix < 0x3eb17218) {
      const t = expm1f(ax);
      const w = f(1 + t);
      if (ix < 0x24000000) return w;
      return f(1 + f(f(t * t) / f(w + w)));
    }
    const t = expfGlibc(ax);
    return f(f(0.5 * t) + f(0.5 / t));
  }
  if (ix < 0x42b17180) return f(0.5 * expfGlibc(ax));
  if (ix <= 0x42b2d4fc) {
    const w = expfGlibc(f(0.5 * ax));
    return f(f(0.5 * w) * w);
  }
  if (ix >= 0x7f800000) return f(x * x);
  return Infinity;
}

export function tanhf(x: number): number {
  const jx = bits(x);
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7f800000) return x !== x ? NaN : jx >= 0 ? 1 : -1;
  let z: number;
  if (ix < 0x41b00000) {
    if (ix === 0) return x;
    if (ix < 0x24000000) return f(x * f(1 + x));
    if (ix >= 0x3f800000) {
      const t = expm1f(f(2 * Math.abs(x)));
      z = f(1 - f(2 / f(t + 2)));
    } else {
      const t = expm1f(f(-2 * Math.abs(x)));
      z = f(-t / f(t + 2));
    }
  } else z = 1;
  return jx >= 0 ? z : -z;
}

// ---- log1pf, logf ---------------------------------------------------------------------------------

const Lp = [6.6666668653e-1, 4.0000000596e-1, 2.8571429849e-1, 2.2222198546e-1, 1.8183572590e-1, 1.5313838422e-1, 1.4798198640e-1].map(f);
const TWOTHIRDS = f(0.66666666666666666);

export function log1pf(x: number): number {
  const hx = bits(x);
  const ax = hx & 0x7fffffff;
  let k = 1, fv = 0, c = 0, hu = 0;
  if (hx < 0x3ed413d7) {
    if (ax >= 0x3f800000) {
      if (x === -1) return -Infinity;
      return NaN;
    }
    if (ax < 0x31000000) {
      if (ax < 0x24800000) return x;
      return f(x - f(f(x * x) * 0.5));
    }
    if (hx > 0 || hx <= (0xbe95f61f | 0)) {
      k = 0;
      fv = x;
      hu = 1;
    }
  }
  if (hx >= 0x7f800000) return x + x;
  if (k !== 0) {
    let u: number;
    if (hx < 0x5a000000) {
      u = f(1 + x);
      hu = bits(u);
      k = (hu >> 23) - 127;
      c = k > 0 ? f(1 - f(u - x)) : f(x - f(u - 1));
      c = f(c / u);
    } else {
      u = x;
      hu = bits(u);
      k = (hu >> 23) - 127;
      c = 0;
    }
    hu &= 0x007fffff;
    if (hu < 0x3504f7) {
      u = fromBits(hu | 0x3f800000);
    } else {
      k += 1;
      u = fromBits(hu | 0x3f000000);
      hu = (0x00800000 - hu) >> 2;
    }
    fv = f(u - 1);
  }
  const hfsq = f(f(0.5 * fv) * fv);
  if (hu === 0) {
    if (fv === 0) {
      if (k === 0) return 0;
      c = f(c + f(k * LN2_LO));
      return f(f(k * LN2_HI) + c);
    }
    const R = f(hfsq * f(1 - f(TWOTHIRDS * fv)));
    if (k === 0) return f(fv - R);
    return f(f(k * LN2_HI) - f(f(R - f(f(k * LN2_LO) + c)) - fv));
  }
  const s = f(fv / f(2 + fv));
  const z = f(s * s);
  let R = Lp[6];
  for (let i = 5; i >= 0; i--) R = f(Lp[i] + f(z * R));
  R = f(z * R);
  if (k === 0) return f(fv - f(hfsq - f(s * f(hfsq + R))));
  return f(f(k * LN2_HI) - f(f(hfsq - f(f(s * f(hfsq + R)) + f(f(k * LN2_LO) + c))) - fv));
}

const LOGF_T = [
  [1.398907162146528, -0.33569133332882284], [1.3403141896637998, -0.2929040563774074],
  [1.286432210124115, -0.2518726580937369], [1.2367150214269895, -0.21245868807117255],
  [1.1906977166711752, -0.17453945183745634], [1.1479821020556429, -0.1380057072319758],
  [1.1082251448272158, -0.10275976698545139], [1.0711297413057381, -0.06871392447020525],
  [1.036437278977283, -0.0357891387398228], [1, 0],
  [0.9492859795739057, 0.05204517742929496], [0.8951049428609004, 0.11081431298787942],
  [0.8476821620351103, 0.1652495223695143], [0.8050314851692001, 0.21687389031699977],
  [0.7664671008843108, 0.2659635028121397], [0.731428603316328, 0.3127556664073557],
];
const LOGF_LN2 = 0.6931471805599453;
const LOGF_A = [-0.25089342214237154, 0.333456765744066, -0.4999997485802103];

/** glibc's logf (e_logf.c, 16-entry table, FMA variant). */
export function logf(x: number): number {
  let ix = bits(x) >>> 0;
  if (ix === 0x3f800000) return 0;
  if (ix - 0x00800000 >= 0x7f800000 - 0x00800000) {
    if (((ix * 2) >>> 0) === 0) return -Infinity;
    if (ix === 0x7f800000) return x;
    if (ix & 0x80000000 || ((ix * 2) >>> 0) >= 0xff000000) return NaN;
    ix = ((bits(f(x * 8388608)) >>> 0) - (23 << 23)) >>> 0;
  }
  const tmp = (ix - 0x3f330000) >>> 0;
  const i = (tmp >>> 19) % 16;
  const k = (tmp | 0) >> 23;
  const iz = (ix - (tmp & (0x1ff << 23))) >>> 0;
  const [invc, logc] = LOGF_T[i];
  const z = fromBits(iz);
  const r = fma(z, invc, -1);
  const y0 = fma(k, LOGF_LN2, logc);
  const r2 = r * r;
  let y = fma(LOGF_A[1], r, LOGF_A[2]);
  y = fma(LOGF_A[0], r2, y);
  y = fma(y, r2, y0 + r);
  return f(y);
}

// the cubic of glibc's exp2f (e_exp2f.c); 2^(j/32) comes from expf's table (sleef_f32.ts)
const EXP2_C = [0.05550361559341535, 0.2402284522445722, 0.6931471806916203];
const SHIFT32 = 6755399441055744 / 32;

/** glibc's exp2f (e_exp2f.c, FMA variant). */
export function exp2f(x: number): number {
  if (x !== x) return NaN;
  if (Math.abs(x) >= 128) {
    if (x === -Infinity) return 0;
    if (x === Infinity) return x;
    if (x > 0) return Infinity;
    if (x <= -150) return 0;
  }
  const kd0 = x + SHIFT32;
  const k = Math.round((kd0 - SHIFT32) * 32); // the integer held in kd's low bits
  const kd = kd0 - SHIFT32;
  const r = x - kd;
  const j = ((k % 32) + 32) % 32;
  const s = EXP2F_T[j] * 2 ** ((k - j) / 32);
  const z = fma(EXP2_C[0], r, EXP2_C[1]);
  const r2 = r * r;
  let y = fma(EXP2_C[2], r, 1);
  y = fma(z, r2, y);
  return f(y * s);
}

const LN2F = f(6.9314718246e-1);

export function asinhf(x: number): number {
  const ix = bits(x) & 0x7fffffff;
  if (ix < 0x38000000) return x;
  let w: number;
  if (ix > 0x47000000) {
    if (ix >= 0x7f800000) return x + x;
    w = f(logf(Math.abs(x)) + LN2F);
  } else {
    const xa = Math.abs(x);
    if (ix > 0x40000000) {
      w = logf(f(f(2 * xa) + f(1 / f(f(Math.sqrt(f(f(xa * xa) + 1))) + xa))));
    } else {
      const t = f(xa * xa);
      w = log1pf(f(xa + f(t / f(1 + f(Math.sqrt(f(1 + t)))))));
    }
  }
  return copysign(w, x);
}

export function acoshf(x: number): number {
  const hx = bits(x);
  if (hx < 0x3f800000) return NaN;
  if (hx >= 0x4d800000) {
    if (hx >= 0x7f800000) return x + x;
    return f(logf(x) + LN2F);
  }
  if (hx === 0x3f800000) return 0;
  if (hx > 0x40000000) {
    const t = f(x * x);
    return logf(f(f(2 * x) - f(1 / f(x + f(Math.sqrt(f(t - 1)))))));
  }
  const t = f(x - 1);
  return log1pf(f(t + f(Math.sqrt(f(f(2 * t) + f(t * t))))));
}

export function atanhf(x: number): number {
  const xa = Math.abs(x);
  let t: number;
  if (xa < 0.5) {
    if (xa < 2 ** -28) return x;
    t = f(xa + xa);
    t = f(0.5 * log1pf(f(t + f(f(t * xa) / f(1 - xa)))));
  } else if (xa < 1) {
    t = f(0.5 * log1pf(f(f(xa + xa) / f(1 - xa))));
  } else {
    if (xa > 1) return NaN;
    return x / 0; // +-inf, NaN for NaN
  }
  return copysign(t, x);
}
