// glibc 2.36's atanf and __ieee754_atan2f (sysdeps/ieee754/flt-32/s_atanf.c, e_atan2f.c: the
// fdlibm algorithms in float arithmetic, no FMA), the scalar std::atan2(float) of PyTorch's CPU
// kernels. Checked against this machine's libm (Debian glibc 2.36) on 60k random pairs, exponents
// from 1e-30 to 1e30 included.

const f = Math.fround;
const buf = new DataView(new ArrayBuffer(4));
function bits(x: number): number {
  buf.setFloat32(0, x);
  return buf.getInt32(0);
}

const atanhi = [f(4.6364760399e-1), f(7.8539812565e-1), f(9.8279368877e-1), f(1.5707962513)];
const atanlo = [f(5.012158244e-9), f(3.7748947079e-8), f(3.447321717e-8), f(7.5497894159e-8)];
const aT = [
  3.3333334327e-1, -2.0000000298e-1, 1.4285714924e-1, -1.1111110449e-1, 9.0908870101e-2, -7.6918758452e-2, 6.6610731184e-2,
  -5.8335702866e-2, 4.9768779427e-2, -3.6531571299e-2, 1.6285819933e-2,
].map(f);

/** glibc's __atanf for a float32 value. */
export function atanfGlibc(xIn: number): number {
  let x = f(xIn);
  const hx = bits(x);
  const ix = hx & 0x7fffffff;
  let id: number;
  if (ix >= 0x4c000000) {
    if (ix > 0x7f800000) return x + x;
    return hx > 0 ? f(atanhi[3] + atanlo[3]) : f(-atanhi[3] - atanlo[3]);
  }
  if (ix < 0x3ee00000) {
    if (ix < 0x31000000) return x;
    id = -1;
  } else {
    x = Math.abs(x);
    if (ix < 0x3f980000) {
      if (ix < 0x3f300000) {
        id = 0;
        x = f(f(f(2 * x) - 1) / f(2 + x));
      } else {
        id = 1;
        x = f(f(x - 1) / f(x + 1));
      }
    } else if (ix < 0x401c0000) {
      id = 2;
      x = f(f(x - 1.5) / f(1 + f(1.5 * x)));
    } else {
      id = 3;
      x = f(-1 / x);
    }
  }
  const z = f(x * x);
  const w = f(z * z);
  const s1 = f(z * f(aT[0] + f(w * f(aT[2] + f(w * f(aT[4] + f(w * f(aT[6] + f(w * f(aT[8] + f(w * aT[10])))))))))));
  const s2 = f(w * f(aT[1] + f(w * f(aT[3] + f(w * f(aT[5] + f(w * f(aT[7] + f(w * aT[9])))))))));
  if (id < 0) return f(x - f(x * f(s1 + s2)));
  const r = f(atanhi[id] - f(f(f(x * f(s1 + s2)) - atanlo[id]) - x));
  return hx < 0 ? -r : r;
}

const pi = f(3.141592741), piLo = f(-8.7422776573e-8), piO2 = f(1.5707963705), piO4 = f(7.8539818525e-1);

/** glibc's __ieee754_atan2f (atan2f) for float32 values. */
export function atan2fGlibc(yIn: number, xIn: number): number {
  const y = f(yIn), x = f(xIn);
  const hx = bits(x), hy = bits(y);
  const ix = hx & 0x7fffffff, iy = hy & 0x7fffffff;
  if (ix > 0x7f800000 || iy > 0x7f800000) return NaN;
  if (hx === 0x3f800000) return atanfGlibc(y);
  const m = ((hy >>> 31) & 1) | ((hx >>> 30) & 2);
  if (iy === 0) return m <= 1 ? y : m === 2 ? pi : -pi;
  if (ix === 0) return hy < 0 ? -piO2 : piO2;
  if (ix === 0x7f800000) {
    if (iy === 0x7f800000) return [piO4, -piO4, f(3 * piO4), f(-3 * piO4)][m];
    return [0, -0, pi, -pi][m];
  }
  if (iy === 0x7f800000) return hy < 0 ? -piO2 : piO2;
  const k = (iy - ix) >> 23;
  let z: number;
  if (k > 60) z = f(piO2 + f(0.5 * piLo));
  else if (hx < 0 && k < -60) z = 0;
  else z = atanfGlibc(Math.abs(f(y / x)));
  if (m === 0) return z;
  if (m === 1) return -z;
  if (m === 2) return f(pi - f(z - piLo));
  return f(f(z - piLo) - pi);
}
