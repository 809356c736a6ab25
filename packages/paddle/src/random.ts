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
const MATRIX_A = 0xb5026f5aa96619e9n;
const UM = 0xffffffff80000000n;
const LM = 0x7fffffffn;

/** std::mt19937_64 (BigInt words: ~a microsecond per draw, enough for tutorial sizes). */
export class MT19937_64 {
  private mt = new Array<bigint>(NN);
  private mti = NN + 1;

  constructor(seed: bigint = 5489n) {
    this.seed(seed);
  }

  seed(s: bigint): void {
    const mt = this.mt;
    mt[0] = BigInt.asUintN(64, s);
    for (let i = 1; i < NN; i++) {
      mt[i] = (6364136223846793005n * (mt[i - 1] ^ (mt[i - 1] >> 62n)) + BigInt(i)) & MASK64;
    }
    this.mti = NN;
  }

  next(): bigint {
    const mt = this.mt;
    if (this.mti >= NN) {
      for (let i = 0; i < NN; i++) {
        const x = (mt[i] & UM) | (mt[(i + 1) % NN] & LM);
        let xa = x >> 1n;
        if (x & 1n) xa ^= MATRIX_A;
        mt[i] = mt[(i + MM) % NN] ^ xa;
      }
      this.mti = 0;
    }
    let x = mt[this.mti++];
    x ^= (x >> 29n) & 0x5555555555555555n;
    x ^= (x << 17n) & 0x71d67fffeda60000n;
    x ^= (x << 37n) & 0xfff7eee000000000n;
    x ^= x >> 43n;
    return x;
  }
}

/** float(u) for a 64-bit unsigned value, rounded once to nearest-even (as the C++ cast). */
function u64ToFloat32(u: bigint): number {
  if (u === 0n) return 0;
  const len = u.toString(2).length;
  if (len <= 24) return Number(u);
  const shift = BigInt(len - 24);
  let m = u >> shift;
  const rem = u & ((1n << shift) - 1n);
  const half = 1n << (shift - 1n);
  if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
  return Number(m) * 2 ** Number(shift);
}

const ONE_BELOW = Math.fround(1 - 2 ** -24);

/** std::generate_canonical<float, 24>(mt19937_64): one draw, scaled into [0, 1). */
export function canonicalFloat(g: MT19937_64): number {
  const r = Math.fround(u64ToFloat32(g.next()) / 2 ** 64);
  return r >= 1 ? ONE_BELOW : r;
}

export function uniformFloat(g: MT19937_64, min: number, max: number): number {
  const f = Math.fround;
  return f(f(canonicalFloat(g) * f(max - min)) + f(min));
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
