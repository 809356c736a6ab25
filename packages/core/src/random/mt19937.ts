// The 32-bit Mersenne Twister as PyTorch's at::mt19937 (and numpy's legacy randomkit) run it.
// Seeding is Matsumoto-Nishimura's init_genrand; the state is regenerated all 624 words at
// once when `left` runs out, and `left`/`next` are kept exactly as PyTorch keeps them because
// get_rng_state() serialises them.

export const MT_N = 624;
const MT_M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;

export class MT19937 {
  state = new Uint32Array(MT_N);
  /** Words left before the next regeneration, plus one (PyTorch's `left_`, starts at 1). */
  left = 1;
  /** Index of the next word to temper (PyTorch's `next_`). */
  next = 0;

  constructor(seed = 5489) {
    this.seed(seed);
  }

  /** init_genrand: only the low 32 bits of the seed enter the state. */
  seed(seed: number): void {
    const s = this.state;
    s[0] = seed >>> 0;
    for (let j = 1; j < MT_N; j++) {
      const prev = s[j - 1] ^ (s[j - 1] >>> 30);
      // 1812433253 * prev mod 2^32, split so the product stays exact in a double
      s[j] = (Math.imul(1812433253, prev) + j) >>> 0;
    }
    this.left = 1;
    this.next = 0;
  }

  /** init_by_array, numpy's seeding for array seeds. */
  seedByArray(key: ArrayLike<number>): void {
    this.seed(19650218);
    const s = this.state;
    let i = 1;
    let j = 0;
    const len = key.length;
    for (let k = Math.max(MT_N, len); k > 0; k--) {
      const prev = s[i - 1] ^ (s[i - 1] >>> 30);
      s[i] = ((s[i] ^ Math.imul(prev, 1664525)) + (key[j] >>> 0) + j) >>> 0;
      i++;
      j++;
      if (i >= MT_N) {
        s[0] = s[MT_N - 1];
        i = 1;
      }
      if (j >= len) j = 0;
    }
    for (let k = MT_N - 1; k > 0; k--) {
      const prev = s[i - 1] ^ (s[i - 1] >>> 30);
      s[i] = ((s[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= MT_N) {
        s[0] = s[MT_N - 1];
        i = 1;
      }
    }
    s[0] = 0x80000000; // assures a non-zero initial state
    this.left = 1;
    this.next = 0;
  }

  private regenerate(): void {
    const s = this.state;
    let k = 0;
    for (; k < MT_N - MT_M; k++) {
      const y = (s[k] & UPPER) | (s[k + 1] & LOWER);
      s[k] = s[k + MT_M] ^ (y >>> 1) ^ (s[k + 1] & 1 ? MATRIX_A : 0);
    }
    for (; k < MT_N - 1; k++) {
      const y = (s[k] & UPPER) | (s[k + 1] & LOWER);
      s[k] = s[k + MT_M - MT_N] ^ (y >>> 1) ^ (s[k + 1] & 1 ? MATRIX_A : 0);
    }
    const y = (s[MT_N - 1] & UPPER) | (s[0] & LOWER);
    s[MT_N - 1] = s[MT_M - 1] ^ (y >>> 1) ^ (s[0] & 1 ? MATRIX_A : 0);
    this.left = MT_N;
    this.next = 0;
  }

  /** The next tempered 32-bit word, as an unsigned number. */
  nextUint32(): number {
    if (--this.left === 0) this.regenerate();
    let y = this.state[this.next++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  clone(): MT19937 {
    const m = new MT19937(0);
    m.state.set(this.state);
    m.left = this.left;
    m.next = this.next;
    return m;
  }
}
