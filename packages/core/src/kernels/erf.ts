// The arithmetic behind nn.init.trunc_normal_ as PyTorch 1.13 on x86-64 does it:
// - `erf` (Python's math.erf, glibc's double erf: the fdlibm algorithm) for the uniform bounds;
// - `erfinvFloat`: ATen's calc_erfinv<float> (a rational first guess and two Newton steps), as
//   built in the AVX2 kernel, where the compiler fused each polynomial's a*z+b into one fma;
//   its erff is glibc's (fdlibm's float erf) over glibc's expf/logf.
// - `erfinvDouble`: calc_erfinv<double>, same steps in doubles.

import { expfGlibc } from "./sleef_f32.ts";
import { logf as glibcLogf } from "./glibc_f32.ts";

const f = Math.fround;

/** round_to_float32(a*b + c) with one rounding (a, b, c floats: a*b is exact in a double). */
export function fmaf(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = f(s);
  if (r === s) return r;
  const o = 2 * s - r; // the other neighbour if s is a float midpoint
  if (f(o) !== o) return r;
  const bb = s - p;
  const err = p - (s - bb) + (c - bb);
  if (err === 0) return r;
  return o > r === err > 0 ? o : r;
}

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

// fdlibm erf coefficients (double)
const D = {
  erx: 8.45062911510467529297e-1, efx: 1.28379167095512586316e-1,
  pp: [1.28379167095512558561e-1, -3.25042107247001499370e-1, -2.84817495755985104766e-2, -5.77027029648944159157e-3, -2.37630166566501626084e-5],
  qq: [3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4, -3.96022827877536812320e-6],
  pa: [-2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1, 3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.16637559486879084300e-3],
  qa: [1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.19844998467991074170e-2],
  ra: [-9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1, -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1, -9.81432934416914548592],
  sa: [1.96512716674392571292e1, 1.37657754143519042600e2, 4.34565877475229228821e2, 6.45387271733267880336e2, 4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2],
  rb: [-9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1, -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2],
  sb: [3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3, 2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1],
};

/** Horner in the source's nesting: c[0] + s*(c[1] + s*(...)), each step rounded by `r`. */
function horner(c: number[], s: number, r: (v: number) => number = (v) => v): number {
  let acc = c[c.length - 1];
  for (let i = c.length - 2; i >= 0; i--) acc = r(c[i] + r(s * acc));
  return acc;
}
/** 1 + s*(c[0] + s*(c[1] + ...)). */
function horner1(c: number[], s: number, r: (v: number) => number = (v) => v): number {
  return r(1 + r(s * horner(c, s, r)));
}

const F64 = new Float64Array(1);
const U32x2 = new Uint32Array(F64.buffer);

/** glibc's double erf (fdlibm s_erf.c). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  if (!Number.isFinite(x)) return x > 0 ? 1 : -1;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    if (ax < 2 ** -28) return x + D.efx * x;
    const z = x * x;
    const r = horner(D.pp, z);
    const s = horner1(D.qq, z);
    return x + x * (r / s);
  }
  if (ax < 1.25) {
    const s = ax - 1;
    const P = horner(D.pa, s);
    const Q = horner1(D.qa, s);
    return x >= 0 ? D.erx + P / Q : -D.erx - P / Q;
  }
  if (ax >= 6) return x >= 0 ? 1 - 1e-300 : 1e-300 - 1;
  const s = 1 / (ax * ax);
  let R: number, S: number;
  if (ax < 1 / 0.35) {
    R = horner(D.ra, s);
    S = horner1(D.sa, s);
  } else {
    R = horner(D.rb, s);
    S = horner1(D.sb, s);
  }
  F64[0] = ax;
  U32x2[0] = 0; // low word cleared
  const z = F64[0];
  const r = Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + R / S);
  return x >= 0 ? 1 - r / ax : r / ax - 1;
}

// fdlibm s_erff.c coefficients (float)
const S = {
  erx: f(8.4506291151e-1), efx: f(1.2837916613e-1),
  pp: [1.2837916613e-1, -3.2504209876e-1, -2.8481749818e-2, -5.7702702470e-3, -2.3763017452e-5].map(f),
  qq: [3.9791721106e-1, 6.5022252500e-2, 5.0813062117e-3, 1.3249473704e-4, -3.9602282413e-6].map(f),
  pa: [-2.3621185683e-3, 4.1485610604e-1, -3.7220788002e-1, 3.1834661961e-1, -1.1089469492e-1, 3.5478305072e-2, -2.1663755178e-3].map(f),
  qa: [1.0642088205e-1, 5.4039794207e-1, 7.1828655899e-2, 1.2617121637e-1, 1.3637083583e-2, 1.1984500103e-2].map(f),
  ra: [-9.8649440333e-3, -6.9385856390e-1, -1.0558626175e1, -6.2375331879e1, -1.6239666748e2, -1.8460508728e2, -8.1287437439e1, -9.8143291473].map(f),
  sa: [1.9651271820e1, 1.3765776062e2, 4.3456588745e2, 6.4538726807e2, 4.2900814819e2, 1.0863500214e2, 6.5702495575, -6.0424413532e-2].map(f),
  rb: [-9.8649431020e-3, -7.9928326607e-1, -1.7757955551e1, -1.6063638306e2, -6.3756646729e2, -1.0250950928e3, -4.8351919556e2].map(f),
  sb: [3.0338060379e1, 3.2579251099e2, 1.5367296143e3, 3.1998581543e3, 2.5530502930e3, 4.7452853394e2, -2.2440952301e1].map(f),
};
const expf = expfGlibc; // glibc 2.36 expf (sleef_f32.ts)
const logf = glibcLogf;

/** glibc's erff (fdlibm s_erff.c), every step in float32. */
export function erff(x: number): number {
  if (Number.isNaN(x)) return x;
  if (!Number.isFinite(x)) return x > 0 ? 1 : -1;
  F32[0] = x;
  const ix = U32[0] & 0x7fffffff;
  if (ix < 0x3f580000) {
    if (ix < 0x31800000) return f(x + f(S.efx * x));
    const z = f(x * x);
    const r = horner(S.pp, z, f);
    const s = horner1(S.qq, z, f);
    return f(x + f(x * f(r / s)));
  }
  if (ix < 0x3fa00000) {
    const s = f(Math.abs(x) - 1);
    const P = horner(S.pa, s, f);
    const Q = horner1(S.qa, s, f);
    return x >= 0 ? f(S.erx + f(P / Q)) : f(-S.erx - f(P / Q));
  }
  if (ix >= 0x40c00000) return x >= 0 ? f(1 - 1e-30) : f(1e-30 - 1);
  const ax = Math.abs(x);
  const s = f(1 / f(ax * ax));
  let R: number, Sv: number;
  if (ix < 0x4036db6e) {
    R = horner(S.ra, s, f);
    Sv = horner1(S.sa, s, f);
  } else {
    R = horner(S.rb, s, f);
    Sv = horner1(S.sb, s, f);
  }
  U32[0] = ix & 0xfffff000;
  const z = F32[0];
  const r = f(expf(f(f(-z * z) - 0.5625)) * expf(f(f(f(z - ax) * f(z + ax)) + f(R / Sv))));
  return x >= 0 ? f(1 - f(r / ax)) : f(f(r / ax) - 1);
}

const A = [0.886226899, -1.645349621, 0.914624893, -0.140543331];
const B = [-2.118377725, 1.442710462, -0.329097515, 0.012229801];
const C = [-1.970840454, -1.624906493, 3.429567803, 1.641345311];
const Dd = [3.5438892, 1.6370678];
const Af = A.map(f), Bf = B.map(f), Cf = C.map(f), Df = Dd.map(f);
const TWO_OVER_SQRTPI_F = f(2 / f(Math.sqrt(Math.PI)));

/** calc_erfinv<float>. */
export function erfinvFloat(y: number): number {
  const ya = Math.abs(y);
  if (ya > 1) return NaN;
  if (ya === 1) return y > 0 ? Infinity : -Infinity;
  let x: number;
  if (ya <= f(0.7)) {
    const z = f(y * y);
    const num = fmaf(fmaf(fmaf(Af[3], z, Af[2]), z, Af[1]), z, Af[0]);
    const dem = fmaf(fmaf(fmaf(fmaf(Bf[3], z, Bf[2]), z, Bf[1]), z, Bf[0]), z, 1);
    x = f(f(y * num) / dem);
  } else {
    const z = f(Math.sqrt(-logf(f(f(1 - ya) / 2))));
    const num = fmaf(fmaf(fmaf(Cf[3], z, Cf[2]), z, Cf[1]), z, Cf[0]);
    const dem = fmaf(fmaf(Df[1], z, Df[0]), z, 1);
    x = f((y < 0 || Object.is(y, -0) ? -Math.abs(num) : Math.abs(num)) / dem);
  }
  for (let k = 0; k < 2; k++) x = f(x - f(f(erff(x) - y) / f(TWO_OVER_SQRTPI_F * expf(f(-x * x)))));
  return x;
}

const TWO_OVER_SQRTPI = 2 / Math.sqrt(Math.PI);
const fma64 = (a: number, b: number, c: number) => a * b + c; // (not fused: float64 results are checked with a tolerance)

/** calc_erfinv<double>. */
export function erfinvDouble(y: number): number {
  const ya = Math.abs(y);
  if (ya > 1) return NaN;
  if (ya === 1) return y > 0 ? Infinity : -Infinity;
  let x: number;
  if (ya <= 0.7) {
    const z = y * y;
    const num = fma64(fma64(fma64(A[3], z, A[2]), z, A[1]), z, A[0]);
    const dem = fma64(fma64(fma64(fma64(B[3], z, B[2]), z, B[1]), z, B[0]), z, 1);
    x = (y * num) / dem;
  } else {
    const z = Math.sqrt(-Math.log((1 - ya) / 2));
    const num = fma64(fma64(fma64(C[3], z, C[2]), z, C[1]), z, C[0]);
    const dem = fma64(fma64(Dd[1], z, Dd[0]), z, 1);
    x = (y < 0 ? -Math.abs(num) : Math.abs(num)) / dem;
  }
  for (let k = 0; k < 2; k++) x = x - (erf(x) - y) / (TWO_OVER_SQRTPI * Math.exp(-x * x));
  return x;
}
