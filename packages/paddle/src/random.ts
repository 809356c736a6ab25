// Paddle's CPU random numbers. Paddle 2.0's CPU kernels draw from the default generator's
// std::mt19937_64 engine through libstdc++'s distributions, one new distribution per op:
//   uniform_random  std::uniform_real_distribution<float>(min, max)
//   gaussian_random std::normal_distribution<float>(mean, std)   (Marsaglia's polar method)
//   randint         std::uniform_int_distribution<int64_t>(low, high - 1)
// This file reproduces those algorithms (GCC 8's libstdc++, which built the 2.0 wheels).
// No Paddle is installed here, so the streams are not checked against a real Paddle; without
// paddle.seed() Paddle seeds from std::random_device, so unseeded values never repeat anyway.

const MASK64 = (1n << 64n) - 1n;
const NN = 312;
const MM = 156;

/** std::mt19937_64. State words are kept as 32-bit halves (hi, lo) so a draw needs no BigInt:
 *  model initialisation draws one number per weight (vgg11 has 133M). */
export class MT19937_64 {
  private hi = new Uint32Array(NN);
  private lo = new Uint32Array(NN);
  private mti = NN + 1;
  /** The last draw's halves (nextHalves() fills them). */
  outHi = 0;
  outLo = 0;

  constructor(seed: bigint = 5489n) {
    this.seed(seed);
  }

  seed(s: bigint): void {
    let prev = BigInt.asUintN(64, s);
    this.hi[0] = Number(prev >> 32n);
    this.lo[0] = Number(prev & 0xffffffffn);
    for (let i = 1; i < NN; i++) {
      prev = (6364136223846793005n * (prev ^ (prev >> 62n)) + BigInt(i)) & MASK64;
      this.hi[i] = Number(prev >> 32n);
      this.lo[i] = Number(prev & 0xffffffffn);
    }
    this.mti = NN;
  }

  private twist(): void {
    const H = this.hi, L = this.lo;
    // i + MM wraps once (at NN - MM) and i + 1 once (at NN - 1): three straight runs, no
    // index arithmetic in the loop (the same recurrence as the textbook loop, in the same order)
    for (let i = 0; i < NN - MM; i++) this.step(H, L, i, i + 1, i + MM);
    for (let i = NN - MM; i < NN - 1; i++) this.step(H, L, i, i + 1, i + MM - NN);
    this.step(H, L, NN - 1, 0, MM - 1);
    this.mti = 0;
  }

  private step(H: Uint32Array, L: Uint32Array, i: number, j: number, k: number): void {
    // x = (mt[i] & 0xffffffff80000000) | (mt[j] & 0x7fffffff)
    const xh = H[i];
    const xl = ((L[i] & 0x80000000) | (L[j] & 0x7fffffff)) >>> 0;
    // xa = x >> 1, ^ MATRIX_A (0xb5026f5a_a96619e9) when x is odd
    let ah = xh >>> 1;
    let al = ((xl >>> 1) | ((xh & 1) << 31)) >>> 0;
    if (xl & 1) {
      ah = (ah ^ 0xb5026f5a) >>> 0;
      al = (al ^ 0xa96619e9) >>> 0;
    }
    H[i] = (H[k] ^ ah) >>> 0;
    L[i] = (L[k] ^ al) >>> 0;
  }

  /** out[i] = generate_canonical<float, 24>(*this) for every i, in order: the stream of
   *  canonicalFloat() in bulk (model initialisation draws one per weight). */
  fillCanonical(out: Float32Array): void {
    const H = this.hi, L = this.lo;
    const n = out.length;
    let h = 0, l = 0;
    for (let i = 0; i < n; i++) {
      if (this.mti >= NN) this.twist();
      const m = this.mti++;
      h = H[m];
      l = L[m];
      // tempering, as in nextHalves()
      let sh = h >>> 29, sl = ((l >>> 29) | (h << 3)) >>> 0;
      h = (h ^ (sh & 0x55555555)) >>> 0;
      l = (l ^ (sl & 0x55555555)) >>> 0;
      sh = ((h << 17) | (l >>> 15)) >>> 0;
      sl = (l << 17) >>> 0;
      h = (h ^ (sh & 0x71d67fff)) >>> 0;
      l = (l ^ (sl & 0xeda60000)) >>> 0;
      sh = (l << 5) >>> 0;
      h = (h ^ (sh & 0xfff7eee0)) >>> 0;
      l = (l ^ (h >>> 11)) >>> 0;
      out[i] = canonicalOfHalves(h, l);
    }
    this.outHi = h;
    this.outLo = l;
  }

  /** One draw into outHi / outLo (the tempering done on 32-bit halves). */
  nextHalves(): void {
    if (this.mti >= NN) this.twist();
    let h = this.hi[this.mti], l = this.lo[this.mti];
    this.mti++;
    // x ^= (x >> 29) & 0x5555555555555555
    let sh = h >>> 29, sl = ((l >>> 29) | (h << 3)) >>> 0;
    h = (h ^ (sh & 0x55555555)) >>> 0;
    l = (l ^ (sl & 0x55555555)) >>> 0;
    // x ^= (x << 17) & 0x71d67fffeda60000
    sh = ((h << 17) | (l >>> 15)) >>> 0;
    sl = (l << 17) >>> 0;
    h = (h ^ (sh & 0x71d67fff)) >>> 0;
    l = (l ^ (sl & 0xeda60000)) >>> 0;
    // x ^= (x << 37) & 0xfff7eee000000000
    sh = (l << 5) >>> 0;
    h = (h ^ (sh & 0xfff7eee0)) >>> 0;
    // x ^= x >> 43
    l = (l ^ (h >>> 11)) >>> 0;
    this.outHi = h;
    this.outLo = l;
  }

  next(): bigint {
    this.nextHalves();
    return (BigInt(this.outHi) << 32n) | BigInt(this.outLo);
  }
}

const POW2 = Array.from({ length: 64 }, (_, i) => 2 ** i);

/** float(hi * 2^32 + lo), rounded once to nearest-even as the C++ cast from uint64 does. */
function halvesToFloat32(hi: number, lo: number): number {
  if (hi === 0) return Math.fround(lo);
  const L = 32 - Math.clz32(hi);
  let m: number, up: boolean, tie: boolean;
  if (L <= 24) {
    const s = L + 8; // 9..32 dropped bits, all in lo
    const q = s === 32 ? 0 : lo >>> s;
    const rem = s === 32 ? lo : (lo & ((1 << s) - 1)) >>> 0;
    const half = POW2[s - 1];
    m = hi * POW2[24 - L] + q;
    up = rem > half;
    tie = rem === half;
  } else {
    const sh = L - 24; // 1..8 dropped bits of hi, and all of lo
    m = hi >>> sh;
    const remHi = hi & ((1 << sh) - 1);
    const halfHi = 1 << (sh - 1);
    up = remHi > halfHi || (remHi === halfHi && lo !== 0);
    tie = remHi === halfHi && lo === 0;
  }
  if (up || (tie && (m & 1) === 1)) m += 1;
  return m * POW2[L + 8];
}

const ONE_BELOW = Math.fround(1 - 2 ** -24);

const TWO_M64 = 2 ** -64;

/** generate_canonical's value for one draw (hi, lo) without the bit-by-bit rounding of
 *  halvesToFloat32: below 2^53 the double hi * 2^32 + lo is exact and Math.fround rounds it
 *  once; above, lo's low 11 bits (all far below float32's round bit, which sits at bit 29 or
 *  higher) fold into one sticky bit so the double is still exact and rounds the same way. */
export function canonicalOfHalves(hi: number, lo: number): number {
  const x = hi < 0x200000 ? hi * 4294967296 + lo : hi * 4294967296 + ((lo >>> 11) | ((lo & 0x7ff) !== 0 ? 1 : 0)) * 2048;
  const r = Math.fround(x) * TWO_M64;
  return r >= 1 ? ONE_BELOW : r;
}

/** std::generate_canonical<float, 24>(mt19937_64): one draw, scaled into [0, 1). */
export function canonicalFloat(g: MT19937_64): number {
  g.nextHalves();
  const r = Math.fround(halvesToFloat32(g.outHi, g.outLo) / 2 ** 64);
  return r >= 1 ? ONE_BELOW : r;
}

export function uniformFloat(g: MT19937_64, min: number, max: number): number {
  const f = Math.fround;
  return f(f(canonicalFloat(g) * f(max - min)) + f(min));
}

/** out[i] = uniformFloat(g, min, max) for every i, in order. */
export function fillUniformFloat(g: MT19937_64, out: Float32Array, min: number, max: number): void {
  const f = Math.fround;
  g.fillCanonical(out);
  const range = f(max - min), lo = f(min);
  for (let i = 0; i < out.length; i++) out[i] = f(f(out[i] * range) + lo);
}

/** libstdc++'s normal_distribution<float>: polar method, the second value kept for the next call. */
export class NormalFloat {
  private saved: number | null = null;
  constructor(private mean: number, private std: number) {}
  draw(g: MT19937_64): number {
    const f = Math.fround;
    let ret: number;
    if (this.saved !== null) {
      ret = this.saved;
      this.saved = null;
    } else {
      let x: number, y: number, r2: number;
      do {
        x = f(f(2 * canonicalFloat(g)) - 1);
        y = f(f(2 * canonicalFloat(g)) - 1);
        r2 = f(f(x * x) + f(y * y));
      } while (r2 > 1 || r2 === 0);
      const mult = f(Math.sqrt(f(f(-2 * f(Math.log(r2))) / r2)));
      this.saved = f(x * mult);
      ret = f(y * mult);
    }
    return f(f(ret * f(this.std)) + f(this.mean));
  }

  /** out[i] = this.draw(g) for every i, in order (the same two canonical draws per attempt;
   *  an odd count leaves the pair's second value saved for the next draw, as draw() does). */
  fill(g: MT19937_64, out: Float32Array): void {
    const f = Math.fround;
    const std = f(this.std), mean = f(this.mean);
    let i = 0;
    if (this.saved !== null && out.length > 0) out[i++] = this.draw(g);
    const n = out.length;
    const buf = new Float32Array(2);
    while (i < n) {
      let x: number, y: number, r2: number;
      do {
        g.fillCanonical(buf);
        x = f(f(2 * buf[0]) - 1);
        y = f(f(2 * buf[1]) - 1);
        r2 = f(f(x * x) + f(y * y));
      } while (r2 > 1 || r2 === 0);
      const mult = f(Math.sqrt(f(f(-2 * f(Math.log(r2))) / r2)));
      out[i++] = f(f(f(y * mult) * std) + mean);
      if (i < n) out[i++] = f(f(f(x * mult) * std) + mean);
      else this.saved = f(x * mult);
    }
  }
}

/** libstdc++ (GCC 8) uniform_int_distribution<int64_t>(a, b): downscaling with rejection. */
export function uniformInt(g: MT19937_64, a: bigint, b: bigint): bigint {
  const urange = BigInt.asUintN(64, b - a);
  if (urange === MASK64) return BigInt.asIntN(64, g.next() + a);
  const uerange = urange + 1n;
  const scaling = MASK64 / uerange;
  const past = uerange * scaling;
  let ret: bigint;
  do ret = g.next();
  while (ret >= past);
  return BigInt.asIntN(64, ret / scaling + a);
}

/** The default CPU generator: `paddle.seed(s)` reseeds it. */
export const defaultGenerator = {
  engine: new MT19937_64(BigInt(Date.now()) ^ BigInt(Math.floor(Math.random() * 2 ** 32))),
  initialSeed: 0n as bigint,
};

export function seed(s: number | bigint) {
  const v = BigInt(s);
  defaultGenerator.engine.seed(v);
  defaultGenerator.initialSeed = v;
  return { manual_seed: seed, initial_seed: () => defaultGenerator.initialSeed };
}
