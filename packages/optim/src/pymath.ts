// Python's float ** int. CPython calls the C library's pow(), which glibc rounds correctly;
// V8's Math.pow (fdlibm) is sometimes one ulp off (0.95 ** 9), and Adam's bias corrections
// (beta ** step) and the schedulers' gamma ** n are such powers. For an integral exponent we
// square-and-multiply in double-double arithmetic (about 104 bits), then round once.

function twoProd(a: number, b: number): [number, number] {
  const p = a * b;
  const split = (x: number): [number, number] => {
    const t = 134217729 * x;
    const hi = t - (t - x);
    return [hi, x - hi];
  };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, al * bl - (p - ah * bh - al * bh - ah * bl)];
}

/** (ah + al) * (bh + bl) in double-double. */
function ddMul(ah: number, al: number, bh: number, bl: number): [number, number] {
  const [p, e] = twoProd(ah, bh);
  const lo = e + (ah * bl + al * bh);
  const s = p + lo;
  return [s, lo - (s - p)];
}

export function pyPow(x: number, y: number): number {
  x = Number(x);
  y = Number(y);
  if (!Number.isInteger(y) || Math.abs(y) > 2 ** 31 || !Number.isFinite(x) || x === 0) return x ** y;
  let n = Math.abs(y);
  let rh = 1, rl = 0, bh = x, bl = 0;
  while (n > 0) {
    if (n % 2 === 1) [rh, rl] = ddMul(rh, rl, bh, bl);
    n = Math.floor(n / 2);
    if (n > 0) [bh, bl] = ddMul(bh, bl, bh, bl);
  }
  // overflow and subnormal results: leave to Math.pow
  if (!Number.isFinite(rh) || Math.abs(rh) < 2.2250738585072014e-308) return x ** y;
  if (y >= 0) return rh + rl;
  // 1 / (rh + rl): one Newton step on the double quotient
  const q = 1 / rh;
  const [p, e] = twoProd(q, rh);
  const r = 1 - p - e - q * rl;
  return q + q * r;
}
