// glibc 2.36's double `exp` as PyTorch 1.13's scalar loops call it (std::exp in the tails of
// cpu_kernel_vec ops such as float64 sigmoid) on Debian bookworm x86_64 with FMA and AVX2: the
// ifunc resolves to __ieee754_exp_fma, sysdeps/ieee754/dbl-64/e_exp.c (Szabolcs Nagy's
// table-driven exp, N = 128) compiled with -mfma. The operation sequence below follows the
// disassembly of that function in the installed libm.so.6 (which products GCC fused):
//   kd = fma(x, InvLn2N, Shift); r = fma(kd, NegLn2loN, fma(kd, NegLn2hiN, x - ...));
//   tmp = fma(r2*r2, fma(r, C5, C4), fma(r2, fma(r, C3, C2), tail + r)); exp = fma(scale, tmp, scale).
// The table __exp_data is read out of the library (glibc_f64_tables.ts, gen_glibc_f64_tables.py).

import { fma } from "./sleef_f64.ts";
import { EXP_DATA_HEX } from "./glibc_f64_tables.ts";

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
