// Double-precision log, sin and cos exactly as glibc 2.36's libm computes them on x86_64 CPUs with
// FMA and AVX2 (Debian bookworm; the machine PyTorch 1.13 and numpy 1.24 ran on for the fixtures).
//
// Why: PyTorch's float64 randn/normal_ (Box-Muller: log, sin, cos, sqrt), its cached double normal,
// float64 exponential_ (log) and numpy's legacy gaussian (polar method: log, sqrt) call the C math
// library. V8's Math.log/sin/cos are fdlibm ports and differ from glibc by an ulp in a few percent
// of cases, which breaks bit-identical streams. sqrt is correctly rounded everywhere, so
// Math.sqrt is already exact; log/sin/cos are not correctly rounded in glibc either, so the only
// way to match is to evaluate glibc's own algorithms with the same constants and the same
// sequence of roundings.
//
// Which code runs: libm's `log`, `sin` and `cos` are ifuncs; on a CPU with FMA and AVX2 they
// resolve to __ieee754_log_fma / __sin_fma / __cos_fma, i.e. sysdeps/ieee754/dbl-64/e_log.c
// (Szabolcs Nagy's table-driven log from ARM optimized-routines, 128 intervals) and s_sin.c
// (IBM Accurate Mathematical Library, table of sin/cos(k/128) plus short Taylor corrections)
// compiled with -mfma -mavx2. GCC contracts many `a*b + c` into fused multiply-adds there, and
// which ones it contracted changes the result, so the operation sequence below was read off the
// disassembly of those three functions in the installed libm.so.6, not off the C source. Every
// `fma(...)` below is a vfmadd/vfnmadd/vfmsub in the binary; every plain `*`/`+` is a separate
// vmulsd/vaddsd. Where a fused product is exact anyway (multiplication by a power of two, or
// by a short constant) plain arithmetic is used and a comment says so. Large-argument
// reduction for sin/cos (|x| >= 105414336) is __branred, built without FMA, so it is plain
// double arithmetic in the C source's order.
//
// The constant tables are generated from the library itself (libm_tables.ts, written by
// compat-tests/golden/gen_libm_tables.py). Checked bit for bit against ctypes calls of the
// real functions by compat-tests/golden/gen_libm.py -> libm.json (packages/core/test/random_libm.test.ts).
// On a machine without FMA, or with another glibc, libm would give different bits; PyTorch's and
// numpy's streams on such machines differ accordingly, and these functions reproduce the
// bookworm/FMA flavour only.

import { LOG_DATA_HEX, SINCOSTAB_HEX, TOVERP } from "./libm_tables.ts";

function decodeHex(hex: string): Float64Array {
  const n = hex.length / 16;
  const out = new Float64Array(n);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < n; i++) {
    dv.setUint32(8 * i + 4, parseInt(hex.slice(16 * i, 16 * i + 8), 16), true);
    dv.setUint32(8 * i, parseInt(hex.slice(16 * i + 8, 16 * i + 16), 16), true);
  }
  return out;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer); // little-endian: u32[0] low word, u32[1] high word

// ---- exact fused multiply-add ----------------------------------------------------------------

const SPLIT = 134217729; // 2^27 + 1

/**
 * a*b + c with a single rounding (IEEE fma), for finite arguments whose product neither
 * overflows nor underflows (|a|, |b| < 2^995 and |a*b| > 2^-969 or exactly 0): true of every use
 * in this file. The product is split exactly into ph + pl (Dekker/Veltkamp), c + ph exactly into
 * sh + sl (TwoSum), and sl + pl = v + e (TwoSum again), so a*b + c = sh + v + e exactly, with
 * |v| at most about ulp(sh) and |e| <= ulp(v)/2. Then RN(sh + v) is already the correctly rounded
 * result unless e != 0 and sh + v lies exactly halfway between two doubles (no other rounding
 * boundary fits between sh + v and sh + v + e); in that tie the sign of e decides.
 */
export function fma(a: number, b: number, c: number): number {
  const ph = a * b;
  // a zero product or addend, or a non-finite value: one ordinary rounding is already exact
  if (ph === 0 || c === 0 || ph - ph !== 0 || c - c !== 0) return ph + c;
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  const pl = ((ah * bh - ph) + ah * bl + al * bh) + al * bl;
  const sh = c + ph;
  let bb = sh - c;
  const sl = (c - (sh - bb)) + (ph - bb);
  const v = sl + pl;
  bb = v - sl;
  const e = (sl - (v - bb)) + (pl - bb);
  const r = sh + v;
  bb = r - sh;
  const d = (sh - (r - bb)) + (v - bb); // sh + v = r + d exactly
  // a tie: |d| is half the gap to r's neighbour on d's side (r + 2d is that neighbour); d = 0
  // passes this test too. Tested first because it is rarely true (a well-predicted branch).
  if (r + 2 * d - r !== 2 * d || d === 0 || e === 0) return r;
  return d > 0 === e > 0 ? r + 2 * d : r;
}

// ---- log --------------------------------------------------------------------------------------

const LD = decodeHex(LOG_DATA_HEX);
const LN2HI = LD[0], LN2LO = LD[1];
const A0 = LD[2], A1 = LD[3], A2 = LD[4], A3 = LD[5], A4 = LD[6];
const B0 = LD[7], B1 = LD[8], B2 = LD[9], B3 = LD[10], B4 = LD[11], B5 = LD[12], B6 = LD[13], B7 = LD[14], B8 = LD[15],
  B9 = LD[16], B10 = LD[17];
const LOG_INVC = new Float64Array(128), LOG_LOGC = new Float64Array(128);
for (let i = 0; i < 128; i++) {
  LOG_INVC[i] = LD[18 + 2 * i];
  LOG_LOGC[i] = LD[19 + 2 * i];
}
const TWO27 = 134217728;
const TWO52 = 4503599627370496;

/** glibc 2.36 `log` (x86_64, FMA variant), bit for bit. */
export function log(x: number): number {
  // 1 - 2^-4 <= x < 1 + 0x1.09p-4: log1p-style polynomial on r = x - 1
  if (x >= 0.9375 && x < 1.064697265625) {
    if (x === 1) return 0;
    const r = x - 1.0;
    const r2 = r * r;
    let pa = fma(r, B2, B1);
    let pb = fma(r, B5, B4);
    let pc = fma(r, B8, B7);
    pa = fma(r2, B3, pa);
    pb = fma(r2, B6, pb);
    const r3 = r * r2;
    pc = fma(r2, B9, pc);
    pc = fma(r3, B10, pc);
    pb = fma(pc, r3, pb);
    const p = fma(pb, r3, pa);
    // rhi = r rounded to 26 bits: (r + r*2^27) - r*2^27, both products exact so the two fused
    // operations of the binary round once each, like the plain expressions
    const rw = r * TWO27 + r;
    const rhi = rw - r * TWO27;
    const rlo = r - rhi;
    const rhi2 = rhi * rhi; // exact (26-bit square); times B0 = -0.5 exact too
    const hi = rhi2 * B0 + r;
    let lo = rhi2 * B0 + (r - hi);
    lo = fma(B0 * rlo, rhi + r, lo);
    const y = fma(p, r3, lo);
    return hi + y;
  }
  f64[0] = x;
  let hi32 = u32[1];
  let lo32 = u32[0];
  const top = hi32 >>> 16;
  if (((top - 0x0010) >>> 0) >= 0x7ff0 - 0x0010) {
    // x < 2^-1022, inf or nan
    if (x === 0) return -Infinity;
    if (x === Infinity) return x;
    if ((top & 0x8000) !== 0 || (top & 0x7ff0) === 0x7ff0) return NaN;
    // subnormal: scale into the normal range and take 52 off the exponent
    f64[0] = x * TWO52;
    hi32 = u32[1] - (52 << 20);
    lo32 = u32[0];
  }
  // x = 2^k z, z in [0x1.6p-1, 0x1.6p0) exact; i picks the interval whose centre c is near z
  const tmp = (hi32 - 0x3fe60000) | 0;
  const i = (tmp >>> 13) & 127;
  const k = tmp >> 20;
  u32[1] = (hi32 - (k << 20)) | 0;
  u32[0] = lo32;
  const z = f64[0];
  const invc = LOG_INVC[i], logc = LOG_LOGC[i];
  const r = fma(z, invc, -1.0);
  const kd = k;
  const w = kd * LN2HI + logc; // kd*LN2HI is exact (LN2HI has 42 significant bits, |k| < 2^11)
  const h = r + w;
  const r2 = r * r;
  let lo = (w - h) + r;
  lo = fma(kd, LN2LO, lo);
  const rr2 = r * r2;
  const p1 = fma(r, A2, A1);
  const p2 = fma(r, A4, A3);
  lo = fma(r2, A0, lo);
  const q = fma(p2, r2, p1);
  const y = fma(rr2, q, lo);
  return y + h;
}

// ---- sin / cos ---------------------------------------------------------------------------------

const SCT = decodeHex(SINCOSTAB_HEX);
const BIG = 52776558133248; // 1.5 * 2^45: |x| + BIG rounds |x| to a multiple of 1/128
// Taylor coefficients for |x| < 0.126
const S1 = -0.16666666666666666, S2 = 0.0083333333333323288, S3 = -0.00019841269834414642, S4 = 2.755729806860771e-6,
  S5 = -2.5022014848318398e-8;
// short sin/cos polynomials around the table points
const SN3 = -0.16666666666666488, SN5 = 0.0083333321428572232;
const CS2 = 0.5, CS4 = -0.041666666666666442, CS6 = 0.0013888887400793761;
// pi/2 = HP0 + HP1
const HP0 = 1.5707963267948966, HP1 = 6.123233995736766e-17;
// reduce_sincos for |x| < 105414336: pi/2 = MP1 + MP2 + PP3 + PP4
const HPINV = 0.63661977236758138, TOINT = 6755399441055744;
const MP1 = 1.5707963407039642, MP2 = -1.3909067564377153e-8, PP3 = -4.9789962314799099e-17, PP4 = -1.9034889620193266e-25;

/** sin(x + dx) for |x| < 0.855469 (do_sin). */
function doSin(x: number, dx: number): number {
  if (Math.abs(x) < 0.126) {
    const xx = x * x;
    let p = fma(xx, S5, S4);
    p = fma(xx, p, S3);
    p = fma(xx, p, S2);
    p = fma(xx, p, S1);
    const t = fma(p, x, -(dx * 0.5)); // vfmsub: p*x - dx/2 (dx*0.5 is exact)
    return x + fma(xx, t, dx);
  }
  if (x <= 0) dx = -dx;
  const ax = Math.abs(x);
  const q = BIG + ax - BIG;
  const k = q * 512; // 4 * (q * 128)
  const xr = ax - q;
  const xx = xr * xr;
  const s = xr + fma(xr * xx, fma(xx, SN5, SN3), dx);
  const c = fma(xr, dx, xx * fma(xx, fma(xx, CS6, CS4), CS2));
  const sn = SCT[k], ssn = SCT[k + 1], cs = SCT[k + 2], ccs = SCT[k + 3];
  const cor = fma(s, cs, fma(-c, sn, fma(s, ccs, ssn)));
  const res = Math.abs(sn + cor);
  return x < 0 ? -res : res; // copysign(sn + cor, x); x is never -0 here
}

/** cos(x + dx) for |x| < 0.855469 (do_cos). */
function doCos(x: number, dx: number): number {
  if (x < 0) dx = -dx;
  const ax = Math.abs(x);
  const q = BIG + ax - BIG;
  const k = q * 512;
  const xr = ax - q + dx;
  const xx = xr * xr;
  const s = fma(xr * xx, fma(xx, SN5, SN3), xr);
  const c = xx * fma(xx, fma(xx, CS6, CS4), CS2);
  const sn = SCT[k], ssn = SCT[k + 1], cs = SCT[k + 2], ccs = SCT[k + 3];
  const cor = fma(-s, sn, fma(-c, cs, fma(-s, ssn, ccs)));
  return cs + cor;
}

// results of the range reductions: x = n*pi/2 + (redA + redDa)
let redA = 0, redDa = 0;

/** reduce_sincos: |x| < 105414336; returns n & 3. */
function reduceSinCos(x: number): number {
  const t = fma(x, HPINV, TOINT);
  const xn = t - TOINT;
  const n = (xn | 0) & 3;
  let y = fma(-xn, MP1, x);
  y = fma(-xn, MP2, y);
  const t2 = fma(-xn, PP3, y);
  let db = fma(-xn, PP3, y - t2);
  const b = fma(-xn, PP4, t2);
  db = db + fma(-xn, PP4, t2 - b);
  redA = b;
  redDa = db;
  return n;
}

// __branred constants
const BR_SPLIT = 134217729, BR_BIG = 6755399441055744, BR_BIG1 = 27021597764222976;
const TM600 = 2 ** -600, TM24 = 2 ** -24;
const BR_MP1 = 1.5707963407039642, BR_MP2 = -1.3909067675399456e-8;
const brR = new Float64Array(6);

/** One half (x1 or x2) of __branred: accumulates x*2/pi in integer (sum) and fraction (b + bb) parts. */
function branredPart(x: number): [number, number, number] {
  f64[0] = x;
  let k = Math.trunc((((u32[1] >>> 20) & 2047) - 450) / 24);
  if (k < 0) k = 0;
  u32[1] = (0x63f00000 - ((k * 24) << 20)) | 0; // 2^576 with the exponent lowered by 24k
  u32[0] = 0;
  let gor = f64[0];
  for (let i = 0; i < 6; i++) {
    brR[i] = x * TOVERP[k + i] * gor;
    gor *= TM24;
  }
  let sum = 0;
  let s: number;
  for (let i = 0; i < 3; i++) {
    s = brR[i] + BR_BIG - BR_BIG;
    sum += s;
    brR[i] -= s;
  }
  let t = 0;
  for (let i = 0; i < 6; i++) t += brR[5 - i];
  let bb = (((((brR[0] - t) + brR[1]) + brR[2]) + brR[3]) + brR[4]) + brR[5];
  s = t + BR_BIG - BR_BIG;
  sum += s;
  t -= s;
  const b = t + bb;
  bb = (t - b) + bb;
  s = sum + BR_BIG1 - BR_BIG1;
  sum -= s;
  return [b, bb, sum];
}

/** __branred: |x| >= 105414336 (any finite x); returns n & 3. No FMA in the binary. */
function branred(xIn: number): number {
  const x = xIn * TM600;
  let t = x * BR_SPLIT;
  const x1 = t - (t - x);
  const x2 = x - x1;
  const [b1, bb1, sum1] = branredPart(x1);
  const [b2, bb2, sum2] = branredPart(x2);
  let sum = sum1 + sum2;
  let b = b1 + b2;
  let bb = Math.abs(b1) > Math.abs(b2) ? (b1 - b) + b2 : (b2 - b) + b1;
  if (b > 0.5) {
    b -= 1.0;
    sum += 1.0;
  } else if (b < -0.5) {
    b += 1.0;
    sum -= 1.0;
  }
  let s = b + (bb + bb1 + bb2);
  t = ((b - s) + bb) + (bb1 + bb2);
  b = s * BR_SPLIT;
  const t1 = b - (b - s);
  const t2 = s - t1;
  b = s * HP0;
  bb = (((t1 * BR_MP1 - b) + t1 * BR_MP2) + t2 * BR_MP1) + (t2 * BR_MP2 + s * HP1 + t * HP0);
  s = b + bb;
  t = (b - s) + bb;
  redA = s;
  redDa = t;
  return (sum | 0) & 3;
}

/** sin or cos of redA + redDa for quadrant n (do_sincos). */
function doSinCos(n: number): number {
  const r = n & 1 ? doCos(redA, redDa) : doSin(redA, redDa);
  return n & 2 ? -r : r;
}

/** glibc 2.36 `sin` (x86_64, FMA variant), bit for bit. */
export function sin(x: number): number {
  const ax = Math.abs(x);
  if (ax < 1.4901161193847656e-8) return x; // |x| < 2^-26
  if (ax < 0.85546875) return doSin(x, 0);
  if (ax < 2.4262638092041016) {
    // below 0x400368fd00000000: sin x = +-cos(pi/2 - |x|)
    const r = doCos(HP0 - ax, HP1);
    return x < 0 ? -Math.abs(r) : Math.abs(r);
  }
  if (ax < 105414336) return doSinCos(reduceSinCos(x)); // below 0x419921fb00000000
  if (ax < Infinity) return doSinCos(branred(x));
  return NaN;
}

/** glibc 2.36 `cos` (x86_64, FMA variant), bit for bit. */
export function cos(x: number): number {
  const ax = Math.abs(x);
  if (ax < 7.450580596923828e-9) return 1.0; // |x| < 2^-27
  if (ax < 0.85546875) return doCos(x, 0);
  if (ax < 2.4262638092041016) {
    // cos x = sin(pi/2 - |x|), with pi/2 - |x| as a double-double
    const y = HP0 - ax;
    const a = y + HP1;
    const da = (y - a) + HP1;
    return doSin(a, da);
  }
  if (ax < 105414336) return doSinCos(reduceSinCos(x) + 1);
  if (ax < Infinity) return doSinCos(branred(x) + 1);
  return NaN;
}
