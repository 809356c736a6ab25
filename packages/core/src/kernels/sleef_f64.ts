// Float64 transcendental functions exactly as PyTorch 1.13's CPU kernels compute them on an AVX2
// machine: Vectorized<double> (aten/src/ATen/cpu/vec/vec256/vec256_double.h) calls the system
// libsleef 3.5.1's Sleef_<fn>d4_u10 (erfc: u15), whose AVX2 build enables ENABLE_FMA_DP and
// FULL_FP_ROUNDING: every `mla` of sleefsimddp.c is a fused multiply-add and the double-double
// helpers of dd.h take their FMA forms (exact products through fmsub).
//
// Every step below is one double operation in the order of SLEEF 3.5.1's src/libm/sleefsimddp.c
// and dd.h; `fma` is a single-rounding fused multiply-add. The double-double helpers leave their
// result in the module registers HX/HY instead of allocating pairs.
//
// Trigonometric functions choose their argument reduction once per vector of 4 lanes (the
// non-DETERMINISTIC build): all lanes below 15 in magnitude -> Cody-Waite with two constants;
// else all below 1e14 -> four constants; else every lane goes through rempi (Payne-Hanek with
// Sleef_rempitabdp). A NaN lane fails both comparisons, so it forces rempi. `tier(v)` gives the
// reduction one lane would need; a vector uses the largest of its lanes (unary_f64.ts).

import { fma as fmaFast } from "../random/libm.ts";
import { REMPITAB_DP } from "./sleef_f64_rempitab.ts";

// ---- exact fma over the whole double range ------------------------------------------------------

const BUF = new Float64Array(1);
const W = new Int32Array(BUF.buffer); // little-endian: W[0] low word, W[1] high word
const BV = new DataView(new ArrayBuffer(8));

function decompose(x: number): [bigint, number] {
  BV.setFloat64(0, x);
  const hi = BV.getUint32(0), lo = BV.getUint32(4);
  const ex = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (ex === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = ex - 1075;
  }
  return [x < 0 || Object.is(x, -0) ? -m : m, e];
}

/** a*b + c exactly rounded, through BigInt: the rare operands the fast Dekker path cannot take
 *  (finite operands only; exported for tests). */
export function fmaSlow(a: number, b: number, c: number): number {
  const [ma, ea] = decompose(a), [mb, eb] = decompose(b), [mc, ec] = decompose(c);
  const ep = ea + eb;
  const E = Math.min(ep, ec);
  const N = ((ma * mb) << BigInt(ep - E)) + (mc << BigInt(ec - E));
  if (N === 0n) return a * b === 0 && c === 0 ? a * b + c : 0;
  const neg = N < 0n;
  let A = neg ? -N : N;
  const L = A.toString(2).length;
  const lsb = Math.max(E + L - 53, -1074);
  const shift = lsb - E;
  let e = E;
  if (shift > 0) {
    const sh = BigInt(shift);
    const q = A >> sh;
    const rem = A - (q << sh);
    const half = 1n << (sh - 1n);
    A = rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
    e = lsb;
  }
  // A < 2^54 and e >= -1074: two exact scalings (2^e alone may underflow for e < -1022)
  let r = Number(A);
  if (e < -1000) r = r * 2 ** (e + 200) * 2 ** -200;
  else r = r * 2 ** e;
  return neg ? -r : r;
}

/** IEEE fma(a, b, c). */
export function fma(a: number, b: number, c: number): number {
  const p = Math.abs(a * b);
  if (p > 1e-290 && p < 1e300 && Math.abs(a) < 1e298 && Math.abs(b) < 1e298 && Math.abs(c) < 1e300) return fmaFast(a, b, c);
  if (a === 0 || b === 0 || a - a !== 0 || b - b !== 0) return a * b + c;
  if (c - c !== 0) return c; // finite exact product plus an infinity or NaN
  // c = 0: the rounded product itself (with its sign, also when it underflows to zero)
  if (c === 0) return a * b;
  // a product below 2^-60 |c| is less than half an ulp of c: the sum rounds to c
  if (p < Math.abs(c) * 8.673617379884035e-19) return c;
  // a huge factor times a small one (1/x corrections): rebalance by 2^600, the product is unchanged
  if (p > 1e-290 && p < 1e300 && Math.abs(c) < 1e300) {
    if (Math.abs(a) >= 1e298) return fmaFast(a * 2 ** -600, b * 2 ** 600, c);
    if (Math.abs(b) >= 1e298) return fmaFast(a * 2 ** 600, b * 2 ** -600, c);
  }
  return fmaSlow(a, b, c);
}

// ---- bit helpers --------------------------------------------------------------------------------

const TWO52 = 4503599627370496;
/** Round to nearest even (vroundpd), keeping the sign of zero. */
function rint(x: number): number {
  if (!(Math.abs(x) < TWO52)) return x;
  const c = x < 0 ? -TWO52 : TWO52;
  const r = x + c - c;
  return r === 0 ? x * 0 : r;
}
/** vcvtpd2dq: nearest even to int32, out of range or NaN -> INT_MIN. */
function rintInt(x: number): number {
  const r = rint(x);
  return r >= -2147483648 && r <= 2147483647 ? r | 0 : -2147483648;
}
/** vcvttpd2dq: truncation to int32, out of range or NaN -> INT_MIN. */
function truncInt(x: number): number {
  const r = Math.trunc(x);
  return r >= -2147483648 && r <= 2147483647 ? r | 0 : -2147483648;
}
/** vpow2i: a double whose high word is (q + 0x3ff) << 20 (32-bit wraparound as the vector code). */
function pow2i(q: number): number {
  W[1] = (q + 0x3ff) << 20;
  W[0] = 0;
  return BUF[0];
}
function ldexp2(d: number, e: number): number {
  const h = e >> 1;
  return d * pow2i(h) * pow2i(e - h);
}
/** vldexp3: adds q << 20 to the high word. */
function ldexp3(d: number, q: number): number {
  BUF[0] = d;
  W[1] = (W[1] + (q << 20)) | 0;
  return BUF[0];
}
function ilogb2k(d: number): number {
  BUF[0] = d;
  return ((W[1] >>> 20) & 0x7ff) - 0x3ff;
}
function signbit(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}
/** vmulsign: x with its sign flipped when y's sign bit is set. */
function mulsign(x: number, y: number): number {
  return signbit(y) ? -x : x;
}

// ---- double-double (dd.h, FMA forms); results in HX, HY ------------------------------------------

let HX = 0;
let HY = 0;

function addDD(x: number, y: number): void {
  // ddadd_vd2_vd_vd
  const s = x + y;
  HX = s;
  HY = x - s + y;
}
function add2DD(x: number, y: number): void {
  // ddadd2_vd2_vd_vd
  const s = x + y;
  const v = s - x;
  HX = s;
  HY = x - (s - v) + (y - v);
}
function add_dd_d(xx: number, xy: number, y: number): void {
  const s = xx + y;
  HX = s;
  HY = xx - s + y + xy;
}
function add2_dd_d(xx: number, xy: number, y: number): void {
  const s = xx + y;
  const v = s - xx;
  const w = xx - (s - v) + (y - v);
  HX = s;
  HY = w + xy;
}
function add_d_dd(x: number, yx: number, yy: number): void {
  const s = x + yx;
  HX = s;
  HY = x - s + yx + yy;
}
function add2_d_dd(x: number, yx: number, yy: number): void {
  const s = x + yx;
  const v = s - x;
  HX = s;
  HY = x - (s - v) + (yx - v) + yy;
}
function add_dd_dd(xx: number, xy: number, yx: number, yy: number): void {
  const s = xx + yx;
  HX = s;
  HY = xx - s + yx + xy + yy;
}
function add2_dd_dd(xx: number, xy: number, yx: number, yy: number): void {
  const s = xx + yx;
  const v = s - xx;
  const t = xx - (s - v) + (yx - v);
  HX = s;
  HY = t + (xy + yy);
}
function sub_dd_d(xx: number, xy: number, y: number): void {
  const s = xx - y;
  HX = s;
  HY = xx - s - y + xy;
}
function sub_dd_dd(xx: number, xy: number, yx: number, yy: number): void {
  const s = xx - yx;
  let t = xx - s;
  t = t - yx;
  t = t + xy;
  HX = s;
  HY = t - yy;
}
function normalize(x: number, y: number): void {
  const s = x + y;
  HX = s;
  HY = x - s + y;
}
function div_dd_dd(nx: number, ny: number, dx: number, dy: number): void {
  const t = 1 / dx;
  const s = nx * t;
  const u = fma(t, nx, -s);
  const v = fma(-dy, t, fma(-dx, t, 1));
  HX = s;
  HY = fma(s, v, fma(ny, t, u));
}
function mul_d_d(x: number, y: number): void {
  const s = x * y;
  HX = s;
  HY = fma(x, y, -s);
}
function squ_dd(xx: number, xy: number): void {
  const s = xx * xx;
  HX = s;
  HY = fma(xx + xx, xy, fma(xx, xx, -s));
}
function mul_dd_dd(xx: number, xy: number, yx: number, yy: number): void {
  const s = xx * yx;
  HX = s;
  HY = fma(xx, yy, fma(xy, yx, fma(xx, yx, -s)));
}
function mulD_dd_dd(xx: number, xy: number, yx: number, yy: number): number {
  return fma(xx, yx, fma(xy, yx, xx * yy));
}
function mul_dd_d(xx: number, xy: number, y: number): void {
  const s = xx * y;
  HX = s;
  HY = fma(xy, y, fma(xx, y, -s));
}
function rec_d(d: number): void {
  const s = 1 / d;
  HX = s;
  HY = s * fma(-d, s, 1);
}
function rec_dd(dx: number, dy: number): void {
  const s = 1 / dx;
  HX = s;
  HY = s * fma(-dy, s, fma(-dx, s, 1));
}
function sqrt_d(d: number): void {
  const t = Math.sqrt(d);
  mul_d_d(t, t);
  add2_d_dd(d, HX, HY);
  const ax = HX, ay = HY;
  rec_d(t);
  mul_dd_dd(ax, ay, HX, HY);
  HX *= 0.5;
  HY *= 0.5;
}

// ---- constants -----------------------------------------------------------------------------------

const R_LN2 = 1.442695040888963407359924681001892137426645954152985934135449406931;
const L2U = 0.69314718055966295651160180568695068359375;
const L2L = 0.28235290563031577122588448175013436025525412068e-12;
const DBL_MIN = 2.2250738585072014e-308;
const TWO64 = 18446744073709551616;
const M_1_PI = 0.318309886183790671537767526745028724;
const PI_A = 3.1415926218032836914;
const PI_B = 3.1786509424591713469e-8;
const PI_C = 1.2246467864107188502e-16;
const PI_D = 1.2736634327021899816e-24;
const PI_A2 = 3.141592653589793116;
const PI_B2 = 1.2246467991473532072e-16;
const M_2_PI_H = 0.63661977236758138243;
const M_2_PI_L = -3.9357353350364971764e-17;
const TRIGRANGEMAX = 1e14;
const TRIGRANGEMAX2 = 15;

// ---- exp / log family -----------------------------------------------------------------------------

/** Sleef_expd4_u10 (xexp, FMA polynomial). */
export function exp(d: number): number {
  const qd = rint(d * R_LN2);
  const q = rintInt(qd);
  let s = fma(qd, -L2U, d);
  s = fma(qd, -L2L, s);
  const s2 = s * s, s4 = s2 * s2, s8 = s4 * s4;
  let u = fma(
    s8,
    fma(s, 0.2081276378237164457e-8, 0.2511210703042288022e-7),
    fma(
      s4,
      fma(s2, fma(s, 0.2755762628169491192e-6, 0.2755723402025388239e-5), fma(s, 0.2480158687479686264e-4, 0.198412698985586585e-3)),
      fma(s2, fma(s, 0.1388888888914497797e-2, 0.833333333331493821e-2), fma(s, 0.4166666666666602598e-1, 0.1666666666666669072)),
    ),
  );
  u = fma(u, s, 0.5);
  u = fma(u, s, 1);
  u = fma(u, s, 1);
  u = ldexp2(u, q);
  if (d > 709.78271114955742909217217426) u = Infinity;
  if (d < -1000) u = 0;
  return u;
}

/** m = d / 2^e with m in [0.75, 1.5) (SLEEF's log reduction); returns m, exponent in LE. */
let LE = 0;
function logReduce(d: number): number {
  const o = d < DBL_MIN;
  if (o) d = d * TWO64;
  let e = ilogb2k(d * (1.0 / 0.75));
  const m = ldexp3(d, -e);
  if (o) e -= 64;
  LE = e;
  return m;
}

function logFixup(d: number, r: number): number {
  if (d === Infinity) r = Infinity;
  if (d < 0 || d !== d) r = NaN;
  if (d === 0) r = -Infinity;
  return r;
}

/** Sleef_logd4_u10 (xlog_u1). */
export function log(d: number): number {
  const m = logReduce(d);
  const e = LE;
  add2DD(1, m);
  const dx = HX, dy = HY;
  add2DD(-1, m);
  div_dd_dd(HX, HY, dx, dy);
  const xx = HX, xy = HY;
  const x2 = xx * xx, x4 = x2 * x2, x8 = x4 * x4;
  const t = fma(
    x8,
    fma(x4, 0.1532076988502701353, fma(x2, 0.1525629051003428716, 0.1818605932937785996)),
    fma(x4, fma(x2, 0.2222214519839380009, 0.2857142932794299317), fma(x2, 0.399999999963525199, 0.6666666666667333541)),
  );
  mul_dd_d(0.693147180559945286226764, 2.319046813846299558417771e-17, e);
  add_dd_dd(HX, HY, xx * 2, xy * 2);
  add_dd_d(HX, HY, x2 * xx * t);
  return logFixup(d, HX + HY);
}

/** Sleef_log10d4_u10 (xlog10). */
export function log10(d: number): number {
  const m = logReduce(d);
  const e = LE;
  add2DD(1, m);
  const dx = HX, dy = HY;
  add2DD(-1, m);
  div_dd_dd(HX, HY, dx, dy);
  const xx = HX, xy = HY;
  const x2 = xx * xx, x4 = x2 * x2, x8 = x4 * x4;
  const t = fma(
    x8,
    fma(x4, 0.665372581957675846e-1, fma(x2, 0.6625722782820833712e-1, 0.7898105214313944078e-1)),
    fma(x4, fma(x2, 0.9650955035715275132e-1, 0.1240841409721444993), fma(x2, 0.1737177927454605086, 0.2895296546021972617)),
  );
  mul_dd_d(0.30102999566398119802, -2.803728127785170339e-18, e);
  const sx = HX, sy = HY;
  mul_dd_dd(xx, xy, 0.86858896380650363334, 1.1430059694096389311e-17);
  add_dd_dd(sx, sy, HX, HY);
  add_dd_d(HX, HY, x2 * xx * t);
  return logFixup(d, HX + HY);
}

/** Sleef_log2d4_u10 (xlog2). */
export function log2(d: number): number {
  const m = logReduce(d);
  const e = LE;
  add2DD(1, m);
  const dx = HX, dy = HY;
  add2DD(-1, m);
  div_dd_dd(HX, HY, dx, dy);
  const xx = HX, xy = HY;
  const x2 = xx * xx, x4 = x2 * x2, x8 = x4 * x4;
  const t = fma(
    x8,
    fma(x4, 0.221194175045608149, fma(x2, 0.2200768693152277689, 0.2623708057488514656)),
    fma(x4, fma(x2, 0.3205977477944495502, 0.4121985945485324709), fma(x2, 0.5770780162997058982, 0.96179669392608091449)),
  );
  mul_dd_dd(xx, xy, 2.885390081777926774, 6.0561604995516736434e-18);
  add2_d_dd(e, HX, HY);
  add2_dd_d(HX, HY, x2 * xx * t);
  return logFixup(d, HX + HY);
}

/** Sleef_log1pd4_u10 (xlog1p). */
export function log1p(d: number): number {
  let dp1 = d + 1;
  const o = dp1 < DBL_MIN;
  if (o) dp1 = dp1 * TWO64;
  let e = ilogb2k(dp1 * (1.0 / 0.75));
  const t0 = ldexp3(1, -e);
  const m = fma(d, t0, t0 - 1);
  if (o) e -= 64;
  mul_dd_d(0.693147180559945286226764, 2.319046813846299558417771e-17, e);
  const sx = HX, sy = HY;
  addDD(2, m);
  div_dd_dd(m, 0, HX, HY);
  const xx = HX, xy = HY;
  const x2 = xx * xx, x4 = x2 * x2, x8 = x4 * x4;
  const t = fma(
    x8,
    fma(x4, 0.1532076988502701353, fma(x2, 0.1525629051003428716, 0.1818605932937785996)),
    fma(x4, fma(x2, 0.2222214519839380009, 0.2857142932794299317), fma(x2, 0.399999999963525199, 0.6666666666667333541)),
  );
  add_dd_dd(sx, sy, xx * 2, xy * 2);
  add_dd_d(HX, HY, x2 * xx * t);
  let r = HX + HY;
  if (d > 1e307) r = Infinity;
  if (d < -1 || d !== d) r = NaN;
  if (d === -1) r = -Infinity;
  if (Object.is(d, -0)) r = -0;
  return r;
}

/** expk2: e^(dx + dy) as a double-double in HX, HY. */
function expk2(dx: number, dy: number): void {
  const u0 = (dx + dy) * R_LN2;
  const dq = rint(u0);
  const q = rintInt(dq);
  add2_dd_d(dx, dy, dq * -L2U);
  add2_dd_d(HX, HY, dq * -L2L);
  const sx = HX, sy = HY;
  squ_dd(sx, sy);
  const s2x = HX, s2y = HY;
  squ_dd(s2x, s2y);
  const s4x = HX, s4y = HY;
  const s8 = s4x * s4x;
  const x = sx, x2 = s2x, x4 = s4x;
  const u = fma(
    s8,
    fma(x, 0.1602472219709932072e-9, 0.2092255183563157007e-8),
    fma(
      x4,
      fma(x2, fma(x, 0.2505230023782644465e-7, 0.2755724800902135303e-6), fma(x, 0.2755731892386044373e-5, 0.2480158735605815065e-4)),
      fma(x2, fma(x, 0.1984126984148071858e-3, 0.1388888888886763255e-2), fma(x, 0.8333333333333347095e-2, 0.4166666666666669905e-1)),
    ),
  );
  mul_dd_d(sx, sy, 0.1666666666666666574);
  add_d_dd(0.5, HX, HY);
  mul_dd_dd(HX, HY, sx, sy);
  add_d_dd(1, HX, HY);
  mul_dd_dd(HX, HY, sx, sy);
  add_d_dd(1, HX, HY);
  const tx = HX, ty = HY;
  mul_dd_d(s4x, s4y, u);
  add_dd_dd(tx, ty, HX, HY);
  let rx = ldexp2(HX, q), ry = ldexp2(HY, q);
  if (dx < -1000) rx = ry = 0;
  HX = rx;
  HY = ry;
}

/** Sleef_expm1d4_u10 (xexpm1). */
export function expm1(a: number): number {
  expk2(a, 0);
  add2_dd_d(HX, HY, -1);
  let x = HX + HY;
  if (a > 709.782712893383996732223) x = Infinity;
  if (a < -36.736800569677101399113302437) x = -1;
  if (Object.is(a, -0)) x = -0;
  return x;
}

/** Sleef_sinhd4_u10 (xsinh). */
export function sinh(x: number): number {
  const ax = Math.abs(x);
  expk2(ax, 0);
  const dx = HX, dy = HY;
  rec_dd(dx, dy);
  sub_dd_dd(dx, dy, HX, HY);
  let y = (HX + HY) * 0.5;
  if (ax > 710 || y !== y) y = Infinity;
  y = mulsign(y, x);
  return x !== x ? NaN : y;
}

/** Sleef_coshd4_u10 (xcosh). */
export function cosh(x: number): number {
  const ax = Math.abs(x);
  expk2(ax, 0);
  const dx = HX, dy = HY;
  rec_dd(dx, dy);
  add_dd_dd(dx, dy, HX, HY);
  let y = (HX + HY) * 0.5;
  if (ax > 710 || y !== y) y = Infinity;
  return x !== x ? NaN : y;
}

/** Sleef_tanhd4_u10 (xtanh). */
export function tanh(x: number): number {
  const ax = Math.abs(x);
  expk2(ax, 0);
  const dx = HX, dy = HY;
  rec_dd(dx, dy);
  const ex = HX, ey = HY;
  add2_dd_dd(dx, dy, ex, ey);
  const bx = HX, by = HY;
  add2_dd_dd(dx, dy, -ex, -ey);
  div_dd_dd(HX, HY, bx, by);
  let y = HX + HY;
  if (ax > 18.714973875 || y !== y) y = 1;
  y = mulsign(y, x);
  return x !== x ? NaN : y;
}

// ---- trigonometric -------------------------------------------------------------------------------

/** The reduction a lane needs: 0 (|d| < 15), 1 (|d| < 1e14), 2 (rempi; also NaN). */
export function trigTier(d: number): number {
  const a = Math.abs(d);
  return a < TRIGRANGEMAX2 ? 0 : a < TRIGRANGEMAX ? 1 : 2;
}

let RQ = 0;
/** rempisub (FULL_FP_ROUNDING): x - rint(4x)/4, and the quadrant count in RQ. */
function rempisub(x: number): number {
  const y = rint(x * 4);
  RQ = truncInt(y - rint(x) * 4);
  return x - y * 0.25;
}

/** rempi: the reduced argument in HX, HY (in units of the circle, times 2pi), quadrant in RQ. */
function rempi(a: number): void {
  let ex = ilogb2k(a);
  ex = ex - 55;
  const qs = ex > 700 - 55 ? -64 : 0;
  a = ldexp3(a, qs);
  if (ex < 0) ex = 0;
  ex = ex << 2;
  const T = REMPITAB_DP;
  mul_d_d(a, T[ex]);
  let x = rempisub(HX);
  let q = RQ;
  normalize(x, HY);
  let xx = HX, xy = HY;
  mul_d_d(a, T[ex + 1]);
  add2_dd_dd(xx, xy, HX, HY);
  const yy = HY;
  x = rempisub(HX);
  q = (q + RQ) | 0;
  normalize(x, yy);
  xx = HX;
  xy = HY;
  mul_dd_d(T[ex + 2], T[ex + 3], a);
  add2_dd_dd(xx, xy, HX, HY);
  normalize(HX, HY);
  mul_dd_dd(HX, HY, 3.141592653589793116 * 2, 1.2246467991473532072e-16 * 2);
  if (Math.abs(a) < 0.7) {
    HX = a;
    HY = 0;
  }
  RQ = q;
}

/** Reduction for sin/cos's polynomial: s in HX, HY; quadrant in RQ. Tier 2 = rempi. */
function sinReduce(d: number, tier: number): void {
  if (tier === 0) {
    const dql = rint(d * M_1_PI);
    RQ = rintInt(dql);
    const u = fma(dql, -PI_A2, d);
    addDD(u, dql * -PI_B2);
  } else if (tier === 1) {
    let dqh = Math.trunc(d * (M_1_PI / 16777216));
    dqh = dqh * 16777216;
    const dql = rint(fma(d, M_1_PI, -dqh));
    const ql = rintInt(dql);
    const u = fma(dqh, -PI_A, d);
    addDD(u, dql * -PI_A);
    add2_dd_d(HX, HY, dqh * -PI_B);
    add2_dd_d(HX, HY, dql * -PI_B);
    add2_dd_d(HX, HY, dqh * -PI_C);
    add2_dd_d(HX, HY, dql * -PI_C);
    add_dd_d(HX, HY, (dqh + dql) * -PI_D);
    RQ = ql;
  } else {
    rempi(d);
    const q = RQ;
    let ql = q & 3;
    ql = ql + ql + (HX > 0 ? 2 : 1);
    ql >>= 2;
    if ((q & 1) === 1) add2_dd_dd(HX, HY, mulsign(-3.141592653589793116 * 0.5, HX), mulsign(-1.2246467991473532072e-16 * 0.5, HX));
    normalize(HX, HY);
    if (d - d !== 0) HX = NaN;
    RQ = ql;
  }
}

function sinPoly(): number {
  const tx = HX, ty = HY;
  squ_dd(tx, ty);
  const sx = HX, sy = HY;
  const s2 = sx * sx, s4 = s2 * s2;
  let u = fma(
    s4,
    fma(sx, 2.72052416138529567917983e-15, -7.6429259411395447190023e-13),
    fma(s2, fma(sx, 1.60589370117277896211623e-10, -2.5052106814843123359368e-8), fma(sx, 2.75573192104428224777379e-6, -0.000198412698412046454654947)),
  );
  u = fma(u, sx, 0.00833333333333318056201922);
  addDD(-0.166666666666666657414808, u * sx);
  mul_dd_dd(HX, HY, sx, sy);
  add_d_dd(1, HX, HY);
  return mulD_dd_dd(tx, ty, HX, HY);
}

/** Sleef_sind4_u10 (xsin_u1) for one lane; `tier` is its vector's reduction (trigTier). */
export function sin(d: number, tier = trigTier(d)): number {
  sinReduce(d, tier);
  const ql = RQ;
  let u = sinPoly();
  if ((ql & 1) === 1) u = -u;
  return d === 0 ? d : u;
}

/** Sleef_cosd4_u10 (xcos_u1). */
export function cos(d: number, tier = trigTier(d)): number {
  let ql: number;
  if (tier === 0) {
    let dql = rint(fma(d, M_1_PI, -0.5));
    dql = fma(2, dql, 1);
    ql = rintInt(dql);
    add2DD(d, dql * (-PI_A2 * 0.5));
    add_dd_d(HX, HY, dql * (-PI_B2 * 0.5));
  } else if (tier === 1) {
    let dqh = Math.trunc(fma(d, M_1_PI / 8388608, -M_1_PI / 16777216));
    ql = rintInt(d * M_1_PI + fma(dqh, -8388608, -0.5));
    dqh = dqh * 16777216;
    ql = (ql + ql + 1) | 0;
    const dql = ql;
    const u = fma(dqh, -PI_A * 0.5, d);
    add2DD(u, dql * (-PI_A * 0.5));
    add2_dd_d(HX, HY, dqh * (-PI_B * 0.5));
    add2_dd_d(HX, HY, dql * (-PI_B * 0.5));
    add2_dd_d(HX, HY, dqh * (-PI_C * 0.5));
    add2_dd_d(HX, HY, dql * (-PI_C * 0.5));
    add_dd_d(HX, HY, (dqh + dql) * (-PI_D * 0.5));
  } else {
    rempi(d);
    const q = RQ;
    ql = q & 3;
    ql = ql + ql + (HX > 0 ? 8 : 7);
    ql >>= 1;
    if ((q & 1) === 0) {
      const y = HX > 0 ? 0 : -1;
      add2_dd_dd(HX, HY, mulsign(-3.141592653589793116 * 0.5, y), mulsign(-1.2246467991473532072e-16 * 0.5, y));
    }
    normalize(HX, HY);
    if (d - d !== 0) HX = NaN;
  }
  let u = sinPoly();
  if ((ql & 2) === 0) u = -u;
  return u;
}

/** Sleef_tand4_u10 (xtan_u1). */
export function tan(d: number, tier = trigTier(d)): number {
  let ql: number;
  if (tier === 0) {
    const dql = rint(d * (2 * M_1_PI));
    ql = rintInt(dql);
    const u = fma(dql, -PI_A2 * 0.5, d);
    addDD(u, dql * (-PI_B2 * 0.5));
  } else if (tier === 1) {
    let dqh = Math.trunc(d * ((2 * M_1_PI) / 16777216));
    dqh = dqh * 16777216;
    mul_dd_d(M_2_PI_H, M_2_PI_L, d);
    add2_dd_d(HX, HY, (d < 0 ? -0.5 : 0.5) - dqh);
    const dql = Math.trunc(HX + HY);
    ql = rintInt(dql);
    const u = fma(dqh, -PI_A * 0.5, d);
    addDD(u, dql * (-PI_A * 0.5));
    add2_dd_d(HX, HY, dqh * (-PI_B * 0.5));
    add2_dd_d(HX, HY, dql * (-PI_B * 0.5));
    add2_dd_d(HX, HY, dqh * (-PI_C * 0.5));
    add2_dd_d(HX, HY, dql * (-PI_C * 0.5));
    add_dd_d(HX, HY, (dqh + dql) * (-PI_D * 0.5));
  } else {
    rempi(d);
    ql = RQ;
    if (d - d !== 0) HX = HY = NaN;
  }
  const tx = HX * 0.5, ty = HY * 0.5;
  squ_dd(tx, ty);
  const sx = HX, sy = HY;
  const s2 = sx * sx, s4 = s2 * s2;
  let u = fma(
    s4,
    fma(s2, fma(sx, 0.3245098826639276316e-3, 0.5619219738114323735e-3), fma(sx, 0.1460781502402784494e-2, 0.3591611540792499519e-2)),
    fma(s2, fma(sx, 0.8863268409563113126e-2, 0.2186948728185535498e-1), fma(sx, 0.539682539951727297e-1, 0.1333333333330500581)),
  );
  u = fma(u, sx, 0.3333333333333343695);
  mul_dd_dd(sx, sy, tx, ty);
  mul_dd_d(HX, HY, u);
  add_dd_dd(tx, ty, HX, HY);
  const xx = HX, xy = HY;
  squ_dd(xx, xy);
  add_d_dd(-1, HX, HY);
  const yx = HX, yy = HY;
  const x2x = xx * -2, x2y = xy * -2;
  if ((ql & 1) === 1) div_dd_dd(-yx, -yy, x2x, x2y);
  else div_dd_dd(x2x, x2y, yx, yy);
  u = HX + HY;
  return d === 0 ? d : u;
}

// ---- inverse trigonometric -------------------------------------------------------------------------

/** Sleef_atand4_u10 (xatan_u1: atan2k_u1(|d|, 1)). */
export function atan(d: number): number {
  const yx = Math.abs(d);
  // x = (1, 0): q starts at 0; p = 1 < |d|
  let q = 0;
  const p = 1 < yx;
  if (p) q = 1;
  if (p) div_dd_dd(-1, -0, yx, 0);
  else div_dd_dd(yx, 0, 1, 0);
  const sx = HX, sy = HY;
  squ_dd(sx, sy);
  normalize(HX, HY);
  const tx = HX, ty = HY;
  const t2 = tx * tx, t4 = t2 * t2, t8 = t4 * t4;
  const x = tx;
  let u = fma(
    t8,
    fma(
      t4,
      fma(t2, fma(x, 1.06298484191448746607415e-5, -0.000125620649967286867384336), fma(x, 0.00070557664296393412389774, -0.00251865614498713360352999)),
      fma(t2, fma(x, 0.00646262899036991172313504, -0.0128281333663399031014274), fma(x, 0.0208024799924145797902497, -0.0289002344784740315686289)),
    ),
    fma(
      t4,
      fma(t2, fma(x, 0.0359785005035104590853656, -0.041848579703592507506027), fma(x, 0.0470843011653283988193763, -0.0524914210588448421068719)),
      fma(t2, fma(x, 0.0587946590969581003860434, -0.0666620884778795497194182), fma(x, 0.0769225330296203768654095, -0.0909090442773387574781907)),
    ),
  );
  u = fma(u, x, 0.111111108376896236538123);
  u = fma(u, x, -0.142857142756268568062339);
  u = fma(u, x, 0.199999999997977351284817);
  u = fma(u, x, -0.333333333333317605173818);
  mul_dd_dd(sx, sy, tx, ty);
  mul_dd_d(HX, HY, u);
  add_dd_dd(sx, sy, HX, HY);
  const rx = HX, ry = HY;
  mul_dd_d(1.570796326794896557998982, 6.12323399573676603586882e-17, q);
  add_dd_dd(HX, HY, rx, ry);
  let r = HX + HY;
  if (yx === Infinity) r = 1.570796326794896557998982;
  return mulsign(r, d);
}

function asinPoly(x2: number): number {
  const x4 = x2 * x2, x8 = x4 * x4, x16 = x8 * x8;
  return fma(
    x16,
    fma(x4, fma(x2, 0.3161587650653934628e-1, -0.1581918243329996643e-1), fma(x2, 0.1929045477267910674e-1, 0.660607747627717061e-2)),
    fma(
      x8,
      fma(x4, fma(x2, 0.1215360525577377331e-1, 0.1388715184501609218e-1), fma(x2, 0.1735956991223614604e-1, 0.2237176181932048341e-1)),
      fma(x4, fma(x2, 0.3038195928038132237e-1, 0.4464285681377102438e-1), fma(x2, 0.7500000000378581611e-1, 0.1666666666666497543)),
    ),
  );
}

/** Sleef_asind4_u10 (xasin_u1). */
export function asin(d: number): number {
  const ad = Math.abs(d);
  const o = ad < 0.5;
  const x2 = o ? d * d : (1 - ad) * 0.5;
  let xx: number, xy: number;
  if (o) {
    xx = ad;
    xy = 0;
  } else {
    sqrt_d(x2);
    xx = HX;
    xy = HY;
  }
  if (ad === 1) xx = xy = 0;
  let u = asinPoly(x2);
  u = u * (x2 * xx);
  let r: number;
  if (o) r = u + xx;
  else {
    sub_dd_dd(3.141592653589793116 / 4, 1.2246467991473532072e-16 / 4, xx, xy);
    sub_dd_d(HX, HY, u);
    r = (HX + HY) * 2;
  }
  return mulsign(r, d);
}

/** Sleef_acosd4_u10 (xacos_u1). */
export function acos(d: number): number {
  const ad = Math.abs(d);
  const o = ad < 0.5;
  const x2 = o ? d * d : (1 - ad) * 0.5;
  let xx: number, xy: number;
  if (o) {
    xx = ad;
    xy = 0;
  } else {
    sqrt_d(x2);
    xx = HX;
    xy = HY;
  }
  if (ad === 1) xx = xy = 0;
  let u = asinPoly(x2);
  u = u * (x2 * xx);
  addDD(mulsign(xx, d), mulsign(u, d));
  sub_dd_dd(3.141592653589793116 / 2, 1.2246467991473532072e-16 / 2, HX, HY);
  let yx = HX, yy = HY;
  add_dd_d(xx, xy, u);
  if (!o) {
    yx = HX * 2;
    yy = HY * 2;
  }
  if (!o && d < 0) {
    sub_dd_dd(3.141592653589793116, 1.2246467991473532072e-16, yx, yy);
    yx = HX;
    yy = HY;
  }
  return yx + yy;
}

// ---- erf, erfc (xerf_u1, xerfc_u15): coefficients chosen per lane by |a| ----------------------------------

// prettier-ignore
const ERF_C = [
  [+0.6801072401395392157e-20, +0.2830954522087717660e-13, -0.5846750404269610493e-17],
  [-0.2161766247570056391e-18, -0.1509491946179481940e-11, +0.6076691048812607898e-15],
  [+0.4695919173301598752e-17, +0.3827857177807173152e-10, -0.3007518609604893831e-13],
  [-0.9049140419888010819e-16, -0.6139733921558987241e-09, +0.9427906260824646063e-12],
  [+0.1634018903557411517e-14, +0.6985387934608038824e-08, -0.2100110908269393629e-10],
  [-0.2783485786333455216e-13, -0.5988224513034371474e-07, +0.3534639523461223473e-09],
  [+0.4463221276786412722e-12, +0.4005716952355346640e-06, -0.4664967728285395926e-08],
  [-0.6711366622850138987e-11, -0.2132190104575784400e-05, +0.4943823283769000532e-07],
  [+0.9422759050232658346e-10, +0.9092461304042630325e-05, -0.4271203394761148254e-06],
  [-0.1229055530100228477e-08, -0.3079188080966205457e-04, +0.3034067677404915895e-05],
  [+0.1480719281585085023e-07, +0.7971413443082370762e-04, -0.1776295289066871135e-04],
  [-0.1636584469123402714e-06, -0.1387853215225442864e-03, +0.8524547630559505050e-04],
  [+0.1646211436588923363e-05, +0.6469678026257590965e-04, -0.3290582944961784398e-03],
  [-0.1492565035840624866e-04, +0.4996645280372945860e-03, +0.9696966068789101157e-03],
  [+0.1205533298178966496e-03, -0.1622802482842520535e-02, -0.1812527628046986137e-02],
  [-0.8548327023450851166e-03, +0.1615320557049377171e-03, -0.4725409828123619017e-03],
  [+0.5223977625442188799e-02, +0.1915262325574875607e-01, +0.2090315427924229266e-01],
  [-0.2686617064513125569e-01, -0.1027818298486033455e+00, -0.1052041921842776645e+00],
  [+0.1128379167095512753e+00, -0.6366172819842503827e+00, -0.6345351808766568347e+00],
  [-0.3761263890318375380e+00, -0.1128379590648910469e+01, -0.1129442929103524396e+01],
];
// prettier-ignore
const ERF_D = [
  [1.1283791670955125586, 3.4110644736196137587e-08, 0.00024963035690526438285],
  [1.5335459613165822674e-17, -2.4875650708323294246e-24, -5.4362665034856259795e-21],
];
// prettier-ignore
const ERFC_C = [
  [+0.6801072401395386139e-20, +0.3438010341362585303e-12, -0.5757819536420710449e+2, +0.2334249729638701319e+5],
  [-0.2161766247570055669e-18, -0.1237021188160598264e-10, +0.4669289654498104483e+3, -0.4695661044933107769e+5],
  [+0.4695919173301595670e-17, +0.2117985839877627852e-09, -0.1796329879461355858e+4, +0.3173403108748643353e+5],
  [-0.9049140419888007122e-16, -0.2290560929177369506e-08, +0.4355892193699575728e+4, +0.3242982786959573787e+4],
  [+0.1634018903557410728e-14, +0.1748931621698149538e-07, -0.7456258884965764992e+4, -0.2014717999760347811e+5],
  [-0.2783485786333451745e-13, -0.9956602606623249195e-07, +0.9553977358167021521e+4, +0.1554006970967118286e+5],
  [+0.4463221276786415752e-12, +0.4330010240640327080e-06, -0.9470019905444229153e+4, -0.6150874190563554293e+4],
  [-0.6711366622850136563e-11, -0.1435050600991763331e-05, +0.7387344321849855078e+4, +0.1240047765634815732e+4],
  [+0.9422759050232662223e-10, +0.3460139479650695662e-05, -0.4557713054166382790e+4, -0.8210325475752699731e+2],
  [-0.1229055530100229098e-08, -0.4988908180632898173e-05, +0.2207866967354055305e+4, +0.3242443880839930870e+2],
  [+0.1480719281585086512e-07, -0.1308775976326352012e-05, -0.8217975658621754746e+3, -0.2923418863833160586e+2],
  [-0.1636584469123399803e-06, +0.2825086540850310103e-04, +0.2268659483507917400e+3, +0.3457461732814383071e+0],
  [+0.1646211436588923575e-05, -0.6393913713069986071e-04, -0.4633361260318560682e+2, +0.5489730155952392998e+1],
  [-0.1492565035840623511e-04, -0.2566436514695078926e-04, +0.9557380123733945965e+1, +0.1559934132251294134e-2],
  [+0.1205533298178967851e-03, +0.5895792375659440364e-03, -0.2958429331939661289e+1, -0.1541741566831520638e+1],
  [-0.8548327023450850081e-03, -0.1695715579163588598e-02, +0.1670329508092765480e+0, +0.2823152230558364186e-5],
  [+0.5223977625442187932e-02, +0.2089116434918055149e-03, +0.6096615680115419211e+0, +0.6249999184195342838e+0],
  [-0.2686617064513125222e-01, +0.1912855949584917753e-01, +0.1059212443193543585e-2, +0.1741749416408701288e-8],
];
// prettier-ignore
const ERFC_D = [
  [0.11283791670955126141, -0.10277263343147646779, -0.50005180473999022439, -0.5000000000258444377],
  [-4.0175691625932118483e-18, -6.2338714083404900225e-18, 2.6362140569041995803e-17, -4.0074044712386992281e-17],
  [-0.37612638903183753802, -0.63661976742916359662, 1.601106273924963368e-06, 2.3761973137523364792e-13],
  [1.3391897206042552387e-17, 7.6321019159085724662e-18, 1.1974001857764476775e-23, -1.1670076950531026582e-29],
  [1.1283791670955125586, -1.1283791674717296161, -0.57236496645145429341, -0.57236494292470108114],
  [1.5335459613165822674e-17, 8.0896847755965377194e-17, 3.0704553245872027258e-17, -2.3984352208056898003e-17],
];

/** Sleef_erfd4_u10 (xerf_u1). */
export function erf(s: number): number {
  const a = Math.abs(s);
  const k = a < 1 ? 0 : a < 3.7 ? 1 : 2;
  const u = k === 0 ? a * a : a;
  let t = ERF_C[0][k];
  for (let i = 1; i < ERF_C.length; i++) t = fma(t, u, ERF_C[i][k]);
  mul_d_d(t, u);
  add2_dd_dd(HX, HY, ERF_D[0][k], ERF_D[1][k]);
  let dx: number, dy: number;
  if (k === 0) {
    mul_dd_d(HX, HY, a);
    dx = HX;
    dy = HY;
  } else {
    expk2(HX, HY);
    add_d_dd(1, -HX, -HY);
    dx = HX;
    dy = HY;
  }
  const r = mulsign(a < 6 ? dx + dy : 1, s);
  return a !== a ? NaN : r;
}

/** Sleef_erfcd4_u15 (xerfc_u15). */
export function erfc(s: number): number {
  const a = Math.abs(s);
  const o0 = a < 1, o1 = a < 2.2;
  const k = o0 ? 0 : o1 ? 1 : a < 4.2 ? 2 : 3;
  let ux: number, uy: number;
  if (o0) {
    mul_d_d(a, a);
    ux = HX;
    uy = HY;
  } else if (o1) {
    ux = a;
    uy = 0;
  } else {
    div_dd_dd(1, 0, a, 0);
    ux = HX;
    uy = HY;
  }
  let t = ERFC_C[0][k];
  for (let i = 1; i < ERFC_C.length; i++) t = fma(t, ux, ERFC_C[i][k]);
  mul_dd_d(ux, uy, t);
  add2_dd_dd(HX, HY, ERFC_D[0][k], ERFC_D[1][k]);
  mul_dd_dd(HX, HY, ux, uy);
  add2_dd_dd(HX, HY, ERFC_D[2][k], ERFC_D[3][k]);
  mul_dd_dd(HX, HY, ux, uy);
  add2_dd_dd(HX, HY, ERFC_D[4][k], ERFC_D[5][k]);
  const dx = HX, dy = HY;
  if (o1) mul_dd_d(dx, dy, a);
  else {
    mul_dd_d(-a, 0, a);
    add2_dd_dd(HX, HY, dx, dy);
  }
  if (o0) sub_dd_dd(1, 0, HX, HY);
  else expk2(HX, HY);
  if (!o1) mul_dd_dd(HX, HY, ux, uy);
  let r = a < 27.3 ? HX + HY : 0;
  if (signbit(s)) r = 2 - r;
  return s !== s ? NaN : r;
}

// ---- lgamma (xlgamma_u1 over gammak, logk2, sinpik) --------------------------------------------------------

// prettier-ignore
const GAMMA_C = [
  [-156.801412704022726379848862, +0.2947916772827614196e+2, +0.7074816000864609279e-7],
  [+1.120804464289911606838558160000, +0.1281459691827820109e+3, +0.4009244333008730443e-6],
  [+13.39798545514258921833306020000, +0.2617544025784515043e+3, +0.1040114641628246946e-5],
  [-0.116546276599463200848033357000, +0.3287022855685790432e+3, +0.1508349150733329167e-5],
  [-1.391801093265337481495562410000, +0.2818145867730348186e+3, +0.1288143074933901020e-5],
  [+0.015056113040026424412918973400, +0.1728670414673559605e+3, +0.4744167749884993937e-6],
  [+0.179540117061234856098844714000, +0.7748735764030416817e+2, -0.6554816306542489902e-7],
  [-0.002481743600264997730942489280, +0.2512856643080930752e+2, -0.3189252471452599844e-6],
  [-0.029527880945699120504851034100, +0.5766792106140076868e+1, +0.1358883821470355377e-6],
  [+0.000540164767892604515196325186, +0.7270275473996180571e+0, -0.4343931277157336040e-6],
  [+0.006403362833808069794787256200, +0.8396709124579147809e-1, +0.9724785897406779555e-6],
  [-0.000162516262783915816896611252, -0.8211558669746804595e-1, -0.2036886057225966011e-5],
  [-0.001914438498565477526465972390, +0.6828831828341884458e-1, +0.4373363141819725815e-5],
  [+7.20489541602001055898311517e-05, -0.7712481339961671511e-1, -0.9439951268304008677e-5],
  [+0.000839498720672087279971000786, +0.8337492023017314957e-1, +0.2050727030376389804e-4],
  [-5.17179090826059219329394422e-05, -0.9094964931456242518e-1, -0.4492620183431184018e-4],
  [-0.000592166437353693882857342347, +0.1000996313575929358e+0, +0.9945751236071875931e-4],
  [+6.97281375836585777403743539e-05, -0.1113342861544207724e+0, -0.2231547599034983196e-3],
  [+0.000784039221720066627493314301, +0.1255096673213020875e+0, +0.5096695247101967622e-3],
  [-0.000229472093621399176949318732, -0.1440498967843054368e+0, -0.1192753911667886971e-2],
  [-0.002681327160493827160473958490, +0.1695571770041949811e+0, +0.2890510330742210310e-2],
  [+0.003472222222222222222175164840, -0.2073855510284092762e+0, -0.7385551028674461858e-2],
  [+0.083333333333333333335592087900, +0.2705808084277815939e+0, +0.2058080842778455335e-1],
];

function ilogbk(d: number): number {
  const o = d < 4.9090934652977266e-91;
  if (o) d = 2.037035976334486e90 * d;
  BUF[0] = d;
  const q = (W[1] >>> 20) & 0xfff;
  return q - (o ? 300 + 0x3ff : 0x3ff);
}

/** logk2: log of a double-double, in HX, HY. */
function logk2(dx: number, dy: number): void {
  const e = ilogbk(dx * (1.0 / 0.75));
  const mx = ldexp2(dx, -e), my = ldexp2(dy, -e);
  add2_dd_d(mx, my, 1);
  const bx = HX, by = HY;
  add2_dd_d(mx, my, -1);
  div_dd_dd(HX, HY, bx, by);
  const xx = HX, xy = HY;
  squ_dd(xx, xy);
  const x2x = HX, x2y = HY;
  const x4 = x2x * x2x, x8 = x4 * x4;
  let t = fma(
    x8,
    fma(x4, 0.1386043639046716791, fma(x2x, 0.131699838841615374240845, 0.153914168346271945653214)),
    fma(x4, fma(x2x, 0.181816523941564611721589, 0.22222224632662035403996), fma(x2x, 0.285714285511134091777308, 0.400000000000914013309483)),
  );
  t = fma(t, x2x, 0.666666666666664853302393);
  mul_dd_d(0.693147180559945286226764, 2.319046813846299558417771e-17, e);
  add_dd_dd(HX, HY, xx * 2, xy * 2);
  const sx = HX, sy = HY;
  mul_dd_dd(x2x, x2y, xx, xy);
  mul_dd_d(HX, HY, t);
  add_dd_dd(sx, sy, HX, HY);
}

/** sinpik: sin(pi d) as a double-double in HX, HY. */
function sinpik(d: number): void {
  const u0 = d * 4;
  let q = truncInt(u0);
  q = (q + ((q >>> 31) ^ 1)) & ~1;
  const o = (q & 2) === 2;
  let s = u0 - q;
  const t = s;
  s = s * s;
  mul_d_d(t, t);
  const s2x = HX, s2y = HY;
  let u = o ? 9.94480387626843774090208e-16 : -2.02461120785182399295868e-14;
  u = fma(u, s, o ? -3.89796226062932799164047e-13 : 6.94821830580179461327784e-12);
  u = fma(u, s, o ? 1.15011582539996035266901e-10 : -1.75724749952853179952664e-9);
  u = fma(u, s, o ? -2.4611369501044697495359e-8 : 3.13361688966868392878422e-7);
  u = fma(u, s, o ? 3.59086044859052754005062e-6 : -3.6576204182161551920361e-5);
  u = fma(u, s, o ? -0.000325991886927389905997954 : 0.00249039457019271850274356);
  if (o) add2_d_dd(u * s, 0.0158543442438155018914259, -1.04693272280631521908845e-18);
  else add2_d_dd(u * s, -0.0807455121882807852484731, 3.61852475067037104849987e-18);
  mul_dd_dd(s2x, s2y, HX, HY);
  if (o) add2_dd_dd(HX, HY, -0.308425137534042437259529, -1.95698492133633550338345e-17);
  else add2_dd_dd(HX, HY, 0.785398163397448278999491, 3.06287113727155002607105e-17);
  if (o) mul_dd_dd(HX, HY, s2x, s2y);
  else mul_dd_dd(HX, HY, t, 0);
  if (o) add2_dd_d(HX, HY, 1);
  if ((q & 4) === 4) {
    HX = -HX;
    HY = -HY;
  }
}

let GAX = 0, GAY = 0; // gammak's first result (clc); the second is left in HX, HY
function gammak(a: number): void {
  const otiny = Math.abs(a) < 1e-306, oref = a < 0.5;
  let xx: number, xy: number;
  if (otiny) xx = xy = 0;
  else if (oref) {
    add2DD(1, -a);
    xx = HX;
    xy = HY;
  } else {
    xx = a;
    xy = 0;
  }
  const o0 = 0.5 <= xx && xx <= 1.1;
  const o2 = 2.3 <= xx;
  add2_dd_d(xx, xy, 1);
  mul_dd_dd(HX, HY, xx, xy);
  normalize(HX, HY);
  for (const k of [2, 3, 4]) {
    const yx = HX, yy = HY;
    add2_dd_d(xx, xy, k);
    mul_dd_dd(HX, HY, yx, yy);
    normalize(HX, HY);
  }
  const o = o2 && xx <= 7;
  let cllnx = 1, cllny = 0;
  if (o) {
    cllnx = HX;
    cllny = HY;
    add2_dd_d(xx, xy, 5);
    xx = HX;
    xy = HY;
  }
  let t: number;
  if (o2) t = 1 / xx;
  else {
    add2_dd_d(xx, xy, o0 ? -1 : -2);
    normalize(HX, HY);
    t = HX;
  }
  const k = o2 ? 0 : o0 ? 1 : 2;
  let u = GAMMA_C[0][k];
  for (let i = 1; i < GAMMA_C.length; i++) u = fma(u, t, GAMMA_C[i][k]);
  // y = (x - 0.5) * logk2(x) - x + 0.5 log(2 pi)
  logk2(xx, xy);
  const lx = HX, ly = HY;
  add2_dd_d(xx, xy, -0.5);
  mul_dd_dd(HX, HY, lx, ly);
  add2_dd_dd(HX, HY, -xx, -xy);
  add2_dd_dd(HX, HY, 0.91893853320467278056, -3.8782941580672414498e-17);
  const yx = HX, yy = HY;
  mul_d_d(u, t);
  add2_dd_d(HX, HY, o0 ? -0.4006856343865314862 : -0.06735230105319810201);
  mul_dd_d(HX, HY, t);
  add2_dd_d(HX, HY, o0 ? 0.822467033424113203 : 0.322467033424113203);
  mul_dd_d(HX, HY, t);
  add2_dd_d(HX, HY, o0 ? -0.5772156649015328655 : 0.4227843350984671345);
  mul_dd_d(HX, HY, t);
  let clcx = o2 ? yx : HX, clcy = o2 ? yy : HY;
  let clldx = 1, clldy = 0;
  if (o2) {
    mul_d_d(u, t);
    add2_dd_d(HX, HY, 1);
    clldx = HX;
    clldy = HY;
  }
  if (otiny) {
    clcx = 83.1776616671934334590333;
    clcy = 3.67103459631568507221878e-15;
  } else if (oref) {
    add2_dd_dd(1.1447298858494001639, 1.026595116270782638e-17, -clcx, -clcy);
    clcx = HX;
    clcy = HY;
  }
  const ylnx = cllnx, ylny = cllny;
  let nx: number, ny: number;
  if (otiny) {
    nx = 1;
    ny = 0;
  } else if (oref) {
    nx = cllnx;
    ny = cllny;
  } else {
    nx = clldx;
    ny = clldy;
  }
  let dxx: number, dyy: number;
  if (otiny) {
    dxx = a * (1152921504606846976 * 1152921504606846976);
    dyy = 0;
  } else if (oref) {
    const tt = a - 268435456 * truncInt(a * (1.0 / 268435456));
    sinpik(tt);
    mul_dd_dd(clldx, clldy, HX, HY);
    dxx = HX;
    dyy = HY;
  } else {
    dxx = ylnx;
    dyy = ylny;
  }
  GAX = clcx;
  GAY = clcy;
  div_dd_dd(nx, ny, dxx, dyy);
}

/** Sleef_lgammad4_u10 (xlgamma_u1). */
export function lgamma(a: number): number {
  gammak(a);
  let bx = HX, by = HY;
  if (signbit(bx)) {
    bx = -bx;
    by = -by;
  }
  logk2(bx, by);
  add2_dd_dd(GAX, GAY, HX, HY);
  let r = HX + HY;
  const isinf = a === Infinity || a === -Infinity;
  if (isinf || (a <= 0 && Math.trunc(a) === a) || (a - a === 0 && r !== r)) r = Infinity;
  return r;
}
