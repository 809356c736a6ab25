// Float32 arithmetic as x86 vector units do it, for PyTorch's AVX2 randn kernel
// (normal_fill_16_AVX2 with avx_mathfun.h's log256_ps and sincos256_ps, cephes polynomials).
// Every step rounds to float32; `fma32` is a single-rounding fused multiply-add, because the
// compiler that built libtorch contracted several mul+add pairs of avx_mathfun into vfmadd.

const f = Math.fround;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * round_to_float32(a*b + c) with one rounding. a*b of two floats is exact in a double, so only
 * the double sum can round; that matters only when it lands exactly on a float midpoint (then
 * double rounding could pick the wrong side), which is detected and settled by the exact
 * error of the sum (TwoSum).
 */
export function fma32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = f(s);
  if (r === s) return r;
  const o = 2 * s - r; // the other float neighbour when s is a midpoint
  if (f(o) !== o) return r;
  const bb = s - p;
  const err = (p - (s - bb)) + (c - bb);
  if (err === 0) return r; // an exact tie: fround already rounded half to even
  return (o > r) === (err > 0) ? o : r;
}

// cephes constants as the float32 values avx_mathfun.h stores
const SQRTHF = f(0.707106781186547524);
const LOG_P = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1, 2.0000714765e-1,
  -2.4999993993e-1, 3.3333331174e-1,
].map(f);
const LOG_Q1 = f(-2.1219444e-4);
const LOG_Q2 = f(0.693359375);
const MIN_NORM = 1.1754943508222875e-38;

/** log256_ps for one lane (x > 0; PyTorch only calls it on (0, 1]). */
export function logf_avx(xIn: number): number {
  if (!(xIn > 0)) return NaN;
  let x = xIn < MIN_NORM ? MIN_NORM : xIn;
  f32[0] = x;
  const bits = u32[0];
  let e = f((bits >>> 23) - 0x7f);
  u32[0] = (bits & ~0x7f800000) | 0x3f000000; // mantissa with 0.5's exponent: x in [0.5, 1)
  x = f32[0];
  e = f(e + 1);
  const small = x < SQRTHF;
  const tmp0 = small ? x : 0;
  x = f(x - 1);
  if (small) e = f(e - 1);
  x = f(x + tmp0);
  const z = f(x * x);
  let y = LOG_P[0];
  for (let k = 1; k < 9; k++) y = fma32(y, x, LOG_P[k]);
  y = f(y * x);
  y = fma32(y, z, f(e * LOG_Q1));
  y = f(y - f(z * 0.5));
  x = f(x + y);
  x = f(x + f(e * LOG_Q2));
  return x;
}

const FOPI = f(1.27323954473516);
const DP1 = f(-0.78515625);
const DP2 = f(-2.4187564849853515625e-4);
const DP3 = f(-3.77489497744594108e-8);
const SIN_P0 = f(-1.9515295891e-4);
const SIN_P1 = f(8.3321608736e-3);
const SIN_P2 = f(-1.6666654611e-1);
const COS_P0 = f(2.443315711809948e-5);
const COS_P1 = f(-1.388731625493765e-3);
const COS_P2 = f(4.166664568298827e-2);

/** sincos256_ps for one lane; writes [sin, cos] into out. Valid for the |x| < 2^31 PyTorch uses. */
export function sincosf_avx(xIn: number, out: Float64Array | number[]): void {
  let x = Math.abs(xIn);
  let signSin = xIn < 0 || Object.is(xIn, -0);
  let j = Math.trunc(f(x * FOPI)) | 0;
  j = (j + 1) & ~1;
  const y = j; // exact: small integers are floats
  if (j & 4) signSin = !signSin;
  const polySin = (j & 2) === 0; // the "sine" polynomial applies to the sine in this octant pair
  const signCos = ((j - 2) & 4) === 0;
  x = fma32(y, DP1, x);
  x = fma32(y, DP2, x);
  x = fma32(y, DP3, x);
  const z = f(x * x);
  let c = COS_P0;
  c = fma32(c, z, COS_P1);
  c = fma32(c, z, COS_P2);
  c = f(c * z);
  c = fma32(c, z, -f(z * 0.5));
  c = f(c + 1);
  let s = SIN_P0;
  s = fma32(s, z, SIN_P1);
  s = fma32(s, z, SIN_P2);
  s = f(s * z);
  s = fma32(s, x, x);
  let sinV = polySin ? s : c;
  let cosV = polySin ? c : s;
  if (signSin) sinV = -sinV;
  if (signCos) cosV = -cosV;
  out[0] = sinV;
  out[1] = cosV;
}

// ---- normal_fill_16_AVX2, eight lanes at a time ----------------------------------------------
//
// The same arithmetic as logf_avx / sincosf_avx above (those stay as the readable one-lane
// reference, and the test checks this kernel against them), restructured for speed: each step
// runs over the 8 lanes before the next step starts, as the AVX2 code does, so the 8 independent
// dependency chains overlap in the CPU instead of running one lane's ~40 dependent roundings
// after another; no per-lane calls or output arrays. Only the steps whose double sum is exact
// skip fma32's midpoint check (noted where it happens).

const LX = new Float64Array(8); // log: mantissa part x, then log(u1)
const LE = new Float64Array(8); // log: exponent e
const LY = new Float64Array(8); // log: polynomial
const SX = new Float64Array(8); // sincos: reduced argument
const SJ = new Int32Array(8); // sincos: octant j
const LP1 = LOG_P[1], LP2 = LOG_P[2], LP3 = LOG_P[3], LP4 = LOG_P[4], LP5 = LOG_P[5], LP6 = LOG_P[6], LP7 = LOG_P[7],
  LP8 = LOG_P[8], LP0 = LOG_P[0];
const HALF_F = 0.5;

/**
 * PyTorch's normal_fill_16_AVX2 on s[base .. base+16): lanes j (u1 = 1 - s[j]) and j + 8
 * (u2 = s[j + 8]) become radius*cos(theta)*std + mean and radius*sin(theta)*std + mean, with
 * radius = sqrt(-2 log u1) and theta = 2*pi*u2 in float32 (log256_ps, sincos256_ps).
 */
export function normalFill16F32(s: Float32Array | Float64Array, base: number, mean: number, std: number, twoPi: number): void {
  // log256_ps: split u1 into mantissa in [0.5, 1) and exponent, fold to [sqrt(1/2) - 1, sqrt(2) - 1)
  for (let j = 0; j < 8; j++) {
    let x = f(1 - s[base + j]);
    if (!(x > 0)) x = NaN;
    else if (x < MIN_NORM) x = MIN_NORM;
    f32[0] = x;
    const bits = u32[0];
    u32[0] = (bits & ~0x7f800000) | 0x3f000000;
    const m = f32[0];
    let e = (bits >>> 23) - 0x7f + 1; // small integers: exact in float
    let xm: number;
    if (m < SQRTHF) {
      e -= 1;
      xm = f(f(m - 1) + m);
    } else xm = f(m - 1);
    LX[j] = xm;
    LE[j] = e;
    LY[j] = LP0;
  }
  for (let j = 0; j < 8; j++) LY[j] = fma32(LY[j], LX[j], LP1);
  for (let j = 0; j < 8; j++) LY[j] = fma32(LY[j], LX[j], LP2);
  for (let j = 0; j < 8; j++) LY[j] = fma32(LY[j], LX[j], LP3);
  for (let j = 0; j < 8; j++) LY[j] = fma32(LY[j], LX[j], LP4);
  for (let j = 0; j < 8; j++) LY[j] = fma32(LY[j], LX[j], LP5);
  for (let j = 0; j < 8; j++) LY[j] = fma32(LY[j], LX[j], LP6);
  for (let j = 0; j < 8; j++) LY[j] = fma32(LY[j], LX[j], LP7);
  for (let j = 0; j < 8; j++) LY[j] = fma32(LY[j], LX[j], LP8);
  for (let j = 0; j < 8; j++) {
    const x = LX[j], e = LE[j];
    const z = f(x * x);
    let y = f(LY[j] * x);
    y = fma32(y, z, f(e * LOG_Q1));
    y = f(y - f(z * HALF_F));
    let l = f(x + y);
    l = f(l + f(e * LOG_Q2));
    LX[j] = f(Math.sqrt(f(-2 * l))); // radius
  }
  // sincos256_ps of theta = 2*pi*u2 (theta >= 0)
  for (let j = 0; j < 8; j++) {
    const x = f(twoPi * s[base + j + 8]);
    let q = Math.trunc(f(x * FOPI)) | 0;
    q = (q + 1) & ~1;
    SJ[j] = q;
    // Cody-Waite steps: q <= 8 and DP1 has 8 bits, DP2 and DP3 24: every product q*DPk is
    // exact and its sum with the float x spans < 53 bits, so the double sum is exact and one
    // fround is the fused result
    let r = f(q * DP1 + x);
    r = f(q * DP2 + r);
    SX[j] = f(q * DP3 + r);
  }
  for (let j = 0; j < 8; j++) {
    const x = SX[j], q = SJ[j];
    const z = f(x * x);
    let c = fma32(COS_P0, z, COS_P1);
    c = fma32(c, z, COS_P2);
    c = f(c * z);
    c = fma32(c, z, -f(z * HALF_F));
    c = f(c + 1);
    let sn = fma32(SIN_P0, z, SIN_P1);
    sn = fma32(sn, z, SIN_P2);
    sn = f(sn * z);
    sn = fma32(sn, x, x);
    const polySin = (q & 2) === 0;
    let sinV = polySin ? sn : c;
    let cosV = polySin ? c : sn;
    if (q & 4) sinV = -sinV;
    if (((q - 2) & 4) === 0) cosV = -cosV;
    const radius = LX[j];
    s[base + j] = fma32(f(radius * cosV), std, mean);
    s[base + j + 8] = fma32(f(radius * sinV), std, mean);
  }
}
