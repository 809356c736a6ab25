// digamma, trigamma, polygamma and lgamma for the ops of the same names.
//
// ATen's CPU kernels (aten/src/ATen/native/Math.h) compute digamma with Cephes' algorithm
// (calc_digamma: push x above 10 by the recurrence, then the asymptotic series) and trigamma with
// a shorter series; in the float versions every step is a float operation, std::log/std::sin are
// glibc's logf/sinf, and the AVX2 kernel build fuses the series' multiply-adds (polevl's
// result * x + c) into fma. polygamma(n >= 2) is (-1)^(n+1) n! zeta(n+1, x) from Cephes' zeta,
// in double for float32 too (acc_type). lgamma for float64 uses fdlibm-quality Lanczos here (ATen
// uses Sleef_lgammad4_u10; not bit-exact).

import { fma32 } from "../random/float32_math.ts";
import { fma } from "../random/libm.ts";
import { logf } from "./glibc_f32.ts";
import { sinf as sleefSinf } from "./sleef_f32_more.ts";

const f = Math.fround;

const DIGAMMA_A = [8.33333333333333333333e-2, -2.10927960927960927961e-2, 7.57575757575757575758e-3, -4.16666666666666666667e-3, 3.96825396825396825397e-3, -8.33333333333333333333e-3, 8.33333333333333333333e-2];
const DIGAMMA_Af = DIGAMMA_A.map(f);
const PSI_10 = 2.25175258906672110764;

/** calc_digamma(double). */
export function digamma(x: number): number {
  if (x === 0) return Object.is(x, -0) ? Infinity : -Infinity;
  const isInt = x === Math.trunc(x);
  if (x < 0) {
    if (isInt) return NaN;
    const r = x - Math.trunc(x);
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * r);
  }
  let result = 0;
  while (x < 10) {
    result -= 1 / x;
    x += 1;
  }
  if (x === 10) return result + PSI_10;
  let y = 0;
  if (x < 1e17) {
    const z = 1 / (x * x);
    let p = 0;
    for (const c of DIGAMMA_A) p = fma(p, z, c);
    y = z * p;
  }
  return result + Math.log(x) - 0.5 / x - y;
}

/** calc_digamma(float). */
export function digammaf(x: number): number {
  if (x === 0) return Object.is(x, -0) ? Infinity : -Infinity;
  const isInt = x === Math.trunc(x);
  if (x < 0) {
    if (isInt) return NaN;
    const r = x - Math.trunc(x);
    const piOverTan = f(Math.PI / Math.tan(Math.PI * r));
    return f(digammaf(f(1 - x)) - piOverTan);
  }
  let result = 0;
  while (x < 10) {
    result = f(result - f(1 / x));
    x = f(x + 1);
  }
  if (x === 10) return f(result + f(PSI_10));
  let y = 0;
  if (x < f(1e17)) {
    const z = f(1 / f(x * x));
    let p = 0;
    for (const c of DIGAMMA_Af) p = fma32(p, z, c);
    y = f(z * p);
  }
  return f(f(f(result + logf(x)) - f(0.5 / x)) - y);
}

/** trigamma(double) of ATen's Math.h. */
export function trigamma(x: number): number {
  let sign = 1;
  let result = 0;
  if (x < 0.5) {
    sign = -1;
    const s = Math.sin(Math.PI * x);
    result -= (Math.PI * Math.PI) / (s * s);
    x = 1 - x;
  }
  for (let i = 0; i < 6; i++) {
    result += 1 / (x * x);
    x += 1;
  }
  const ixx = 1 / (x * x);
  result += (1 + 1 / (2 * x) + ixx * (1 / 6 - ixx * (1 / 30 - ixx * (1 / 42)))) / x;
  return sign * result;
}

/** trigamma(float). */
export function trigammaf(x: number): number {
  const PIf = f(Math.PI);
  let sign = 1;
  let result = 0;
  if (x < 0.5) {
    sign = -1;
    const s = sleefSinf(f(PIf * x));
    result = f(result - f(f(PIf * PIf) / f(s * s)));
    x = f(1 - x);
  }
  for (let i = 0; i < 6; i++) {
    result = f(result + f(1 / f(x * x)));
    x = f(x + 1);
  }
  const ixx = f(1 / f(x * x));
  const inner = f(f(1 / 6) - f(ixx * f(f(1 / 30) - f(ixx * f(1 / 42)))));
  result = f(result + f(f(f(1 + f(1 / f(2 * x))) + f(ixx * inner)) / x));
  return f(sign * result);
}

const ZETA_A = [12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9, 7.47242496e10, -2.950130727918164224e12, 1.1646782814350067249e14, -4.5979787224074726105e15, 1.8152105401943546773e17, -7.1661652561756670113e18];

/** Cephes' Hurwitz zeta(x, q) as ATen's Math.h has it (double). */
export function zeta(x: number, q: number): number {
  const MACHEP = 1.11022302462515654042e-16;
  if (x === 1) return Infinity;
  if (x < 1) return NaN;
  if (q <= 0) {
    if (q === Math.floor(q)) return Infinity;
    if (x !== Math.floor(x)) return NaN;
  }
  let s = Math.pow(q, -x);
  let a = q;
  let i = 0;
  let b = 0;
  while (i < 9 || a <= 9) {
    i += 1;
    a += 1;
    b = Math.pow(a, -x);
    s += b;
    if (-MACHEP * s < b && b < MACHEP * s) return s;
  }
  const w = a;
  s += (b * w) / (x - 1);
  s -= 0.5 * b;
  a = 1;
  let k = 0;
  for (let j = 0; j < 12; j++) {
    a *= x + k;
    b /= w;
    let t = (a * b) / ZETA_A[j];
    s = s + t;
    t = Math.abs(t / s);
    if (t < MACHEP) return s;
    k += 1;
    a *= x + k;
    b /= w;
    k += 1;
  }
  return s;
}

/** calc_polygamma(x, n) for n >= 2. */
export function polygamma(n: number, x: number): number {
  const sign = n % 2 ? 1 : -1;
  return sign * Math.exp(lgamma(n + 1)) * zeta(n + 1, x);
}

// Lanczos approximation (g = 7, 9 terms) with the reflection formula below 0.5
const LG = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

/** log|Gamma(x)| in double (not bit-exact with SLEEF's lgamma). */
export function lgamma(x: number): number {
  if (x !== x) return NaN;
  if (x === Infinity || x === -Infinity) return Infinity;
  if (x <= 0 && x === Math.floor(x)) return Infinity;
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  if (x === 1 || x === 2) return 0;
  if (x > 1e7) return x * (Math.log(x) - 1) - 0.5 * Math.log(x) + 0.9189385332046728 + 1 / (12 * x);
  x -= 1;
  let a = LG[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += LG[i] / (x + i);
  return 0.9189385332046728 + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
