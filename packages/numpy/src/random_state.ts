// STAND-IN for numpy's legacy RandomState until core/src/random/numpy_random_state.ts lands
// (another developer is writing it); random.ts imports it in one line, to be switched then.
// It reproduces numpy's legacy streams for the draws tutorials make: MT19937 seeded by
// init_genrand (RandomState.seed(int)), random_sample (53-bit doubles), the polar-method
// gauss with its cached second value, masked-rejection integers and random_interval.

import { randomBytes } from "node:crypto";
import { ValueError } from "@tsgrad/py";

const N = 624;

export class RandomState {
  private mt = new Uint32Array(N);
  private pos = N;
  private gauss: number | null = null;

  constructor(seed: number | bigint | null = null) {
    this.seed(seed);
  }

  seed(seed: number | bigint | null = null): void {
    // unseeded: numpy draws its key from the OS; any 32-bit key is as good here
    const s = seed === null ? randomBytes(4).readUInt32LE(0) : Number(seed);
    if (!Number.isInteger(s)) throw new TypeError("Cannot cast scalar from dtype('float64') to dtype('int64') according to the rule 'safe'");
    if (s < 0 || s > 2 ** 32 - 1) throw new ValueError("Seed must be between 0 and 2**32 - 1");
    this.mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const p = this.mt[i - 1]! ^ (this.mt[i - 1]! >>> 30);
      this.mt[i] = (Math.imul(1812433253, p) + i) >>> 0;
    }
    this.pos = N;
    this.gauss = null;
  }

  private twist(): void {
    const mt = this.mt;
    for (let i = 0; i < N; i++) {
      const y = (mt[i]! & 0x80000000) | (mt[(i + 1) % N]! & 0x7fffffff);
      mt[i] = mt[(i + 397) % N]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.pos = 0;
  }

  nextUint32(): number {
    if (this.pos >= N) this.twist();
    let y = this.mt[this.pos++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** genrand_res53: a double in [0, 1) from two 32-bit draws. */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5, b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** legacy_gauss: polar Box-Muller, the second value kept for the next call. */
  nextGauss(): number {
    if (this.gauss !== null) {
      const g = this.gauss;
      this.gauss = null;
      return g;
    }
    let x1: number, x2: number, r2: number;
    do {
      x1 = 2 * this.nextDouble() - 1;
      x2 = 2 * this.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    return f * x2;
  }

  /** A uniform integer in [0, rng] by masked rejection (rng < 2^32, as tutorials' ranges are). */
  boundedMasked(rng: number): number {
    if (rng === 0) return 0;
    if (rng > 0xffffffff) throw new ValueError("integer ranges of 2**32 or more are not supported");
    if (rng === 0xffffffff) return this.nextUint32();
    let mask = rng;
    mask |= mask >>> 1; mask |= mask >>> 2; mask |= mask >>> 4; mask |= mask >>> 8; mask |= mask >>> 16;
    mask >>>= 0;
    let v: number;
    while ((v = (this.nextUint32() & mask) >>> 0) > rng);
    return v;
  }

  /** random_interval(max), which legacy shuffle uses: the same masked rejection. */
  interval(max: number): number {
    return this.boundedMasked(max);
  }
}
