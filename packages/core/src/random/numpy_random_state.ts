// numpy's legacy RandomState (numpy/random/mtrand.pyx over the MT19937 bit generator and the
// legacy distributions in numpy/random/src/legacy + distributions.c), reproduced stream for
// stream so that `np.random.seed(s)` followed by any of the calls below gives numpy's values.
//
// API (the numpy dialect package wraps these results into ndarrays as np.random):
//   new RandomState(seed?)             seed: int in [0, 2^32), an int array (init_by_array), or null (OS entropy)
//   rs.seed(seed?)                     reseed; also clears the cached gaussian
//   rs.random_sample(size?) / random / ranf / sample
//   rs.rand(...dims)                   uniform [0, 1)
//   rs.randn(...dims), rs.standard_normal(size?)      legacy polar Box-Muller with the cached value
//   rs.randint(low, high?, size?)      int64, legacy masked rejection sampling
//   rs.uniform(low=0, high=1, size?), rs.normal(loc=0, scale=1, size?)
//   rs.permutation(n | array), rs.shuffle(array)   (first axis, in place for shuffle)
//   rs.choice(a, size?, replace=true, p?)
//   rs.get_state() / rs.set_state(state)          ["MT19937", keys, pos, has_gauss, cached_gaussian]
// `size`/dims may be a number, an array of numbers or null. With size null (or no dims) a
// method returns a plain JS number; otherwise an NDResult: flat row-major `data`
// (Float64Array, integers included: every value fits in 2^53 except randint over ranges
// wider than that), its `shape`, and numpy's dtype name ("float64" or "int64").
// Arrays passed in (permutation, shuffle, choice) may be JS arrays or NDResults; a JS array
// of integer-valued numbers counts as an int64 array, as numpy infers it from Python ints.

import { ValueError, IndexError, OverflowError, TypeError as PyTypeError } from "@tsgrad/py";
import { MT19937, MT_N } from "./mt19937.ts";
import { log as libmLog } from "./libm.ts";

export interface NDResult {
  data: Float64Array;
  shape: number[];
  dtype: "float64" | "int64";
}

type Size = number | number[] | null | undefined;

function shapeOf(size: Size): number[] | null {
  if (size === null || size === undefined) return null;
  const dims = Array.isArray(size) ? size : [size];
  for (const d of dims) {
    if (!Number.isInteger(Number(d))) throw new PyTypeError("'float' object cannot be interpreted as an integer");
    if (Number(d) < 0) throw new ValueError("negative dimensions are not allowed");
  }
  return dims.map(Number);
}

function count(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function isND(x: unknown): x is NDResult {
  return typeof x === "object" && x !== null && !Array.isArray(x) && (x as NDResult).data instanceof Float64Array;
}

/** A JS array (possibly nested) or NDResult as flat data + shape + dtype. */
function asArray(x: unknown): NDResult {
  if (isND(x)) return x;
  if (!Array.isArray(x)) throw new PyTypeError("expected an array");
  const shape: number[] = [];
  let cur: unknown = x;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    cur = cur[0];
  }
  const flat = (x as unknown[]).flat(Infinity as 1) as number[];
  const data = Float64Array.from(flat.map(Number));
  const dtype = flat.every((v) => typeof v === "bigint" || Number.isInteger(v)) ? "int64" : "float64";
  return { data, shape, dtype };
}

export class RandomState {
  static __name__ = "RandomState";
  _mt = new MT19937(0);
  _hasGauss = false;
  _gauss = 0;

  constructor(seed: number | bigint | number[] | null = null) {
    this.seed(seed);
  }

  seed(seed: number | bigint | number[] | null = null): void {
    if (seed === null || seed === undefined) {
      // OS entropy through Web Crypto (Node and browsers alike; node:crypto's Buffer API is not in a browser bundle)
      const key = globalThis.crypto.getRandomValues(new Uint32Array(MT_N));
      this._mt.seedByArray(key);
    } else if (Array.isArray(seed) || isND(seed)) {
      const key = Array.from(isND(seed) ? seed.data : seed, Number);
      if (key.length === 0) throw new ValueError("Seed must be non-empty");
      if (key.some((v) => !(v >= 0 && v <= 0xffffffff))) throw new ValueError("Seed must be between 0 and 2**32 - 1");
      this._mt.seedByArray(key);
    } else {
      const s = typeof seed === "bigint" ? seed : Number.isInteger(seed) ? BigInt(seed) : null;
      if (s === null) throw new PyTypeError("Cannot cast scalar from dtype('float64') to dtype('int64') according to the rule 'safe'");
      if (s < 0n || s > 0xffffffffn) throw new ValueError("Seed must be between 0 and 2**32 - 1");
      this._mt.seed(Number(s));
    }
    this._hasGauss = false;
    this._gauss = 0;
  }

  get_state(): [string, Uint32Array, number, number, number] {
    return ["MT19937", this._mt.state.slice(), MT_N + 1 - this._mt.left, this._hasGauss ? 1 : 0, this._gauss];
  }
  set_state(state: [string, ArrayLike<number>, number, number?, number?]): void {
    const [name, keys, pos, hasGauss = 0, gauss = 0] = state;
    if (name !== "MT19937") throw new ValueError("state must be for a MT19937 PRNG");
    if (keys.length !== MT_N) throw new ValueError("state must be 624 elements");
    this._mt.state.set(Array.from(keys, (v) => v >>> 0));
    this._mt.left = MT_N + 1 - pos;
    this._mt.next = pos;
    this._hasGauss = hasGauss !== 0;
    this._gauss = gauss;
  }

  // ---- primitives ----------------------------------------------------------------------------

  _next32(): number {
    return this._mt.nextUint32();
  }
  /** mt19937_next64: the first word is the high half. */
  _next64(): bigint {
    const hi = this._mt.nextUint32();
    const lo = this._mt.nextUint32();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }
  /** legacy_double / random_standard_uniform: 27 + 26 bits. */
  _double(): number {
    const a = this._mt.nextUint32() >>> 5;
    const b = this._mt.nextUint32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }
  /** legacy_gauss: Marsaglia's polar method; the second value waits in the state. */
  _gaussDraw(): number {
    if (this._hasGauss) {
      this._hasGauss = false;
      const g = this._gauss;
      this._gauss = 0;
      return g;
    }
    let x1: number, x2: number, r2: number;
    do {
      x1 = 2.0 * this._double() - 1.0;
      x2 = 2.0 * this._double() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    const f = Math.sqrt((-2.0 * libmLog(r2)) / r2); // glibc log, bit for bit (libm.ts)
    this._gauss = f * x1;
    this._hasGauss = true;
    return f * x2;
  }
  /** random_interval: a value in [0, max] by masked rejection. */
  _interval(max: number): number {
    if (max === 0) return 0;
    if (max <= 0xffffffff) {
      const mask = maskOf32(max);
      let v: number;
      while ((v = (this._next32() & mask) >>> 0) > max);
      return v;
    }
    const bmax = BigInt(max);
    const mask = maskOf64(bmax);
    let v: bigint;
    while ((v = this._next64() & mask) > bmax);
    return Number(v);
  }

  private fill(size: Size, dtype: "float64" | "int64", draw: () => number): number | NDResult {
    const shape = shapeOf(size);
    if (shape === null) return draw();
    const n = count(shape);
    const data = new Float64Array(n);
    for (let i = 0; i < n; i++) data[i] = draw();
    return { data, shape, dtype };
  }

  // ---- distributions ---------------------------------------------------------------------------

  random_sample(size: Size = null): number | NDResult {
    return this.fill(size, "float64", () => this._double());
  }
  random(size: Size = null): number | NDResult {
    return this.random_sample(size);
  }
  ranf(size: Size = null): number | NDResult {
    return this.random_sample(size);
  }
  sample(size: Size = null): number | NDResult {
    return this.random_sample(size);
  }
  rand(...dims: number[]): number | NDResult {
    return this.random_sample(dims.length === 0 ? null : dims);
  }
  randn(...dims: number[]): number | NDResult {
    return this.standard_normal(dims.length === 0 ? null : dims);
  }
  standard_normal(size: Size = null): number | NDResult {
    return this.fill(size, "float64", () => this._gaussDraw());
  }
  normal(loc = 0.0, scale = 1.0, size: Size = null): number | NDResult {
    if (scale < 0) throw new ValueError("scale < 0");
    return this.fill(size, "float64", () => loc + scale * this._gaussDraw());
  }
  uniform(low = 0.0, high = 1.0, size: Size = null): number | NDResult {
    const range = high - low;
    if (!Number.isFinite(range)) throw new OverflowError("Range exceeds valid bounds");
    return this.fill(size, "float64", () => low + range * this._double());
  }

  /** randint(low, high=None, size=None): int64 in [low, high), numpy's masked (legacy) path. */
  randint(low: number | bigint, high: number | bigint | null = null, size: Size = null): number | NDResult {
    let lo = BigInt(low), hi: bigint;
    if (high === null || high === undefined) {
      hi = lo;
      lo = 0n;
    } else hi = BigInt(high);
    if (lo >= hi) throw new ValueError("low >= high");
    if (lo < -(1n << 63n)) throw new ValueError("low is out of bounds for int64");
    if (hi > 1n << 63n) throw new ValueError("high is out of bounds for int64");
    const rng = hi - 1n - lo; // inclusive range
    const off = lo;
    let draw: () => number;
    if (rng === 0n) draw = () => Number(off);
    else if (rng <= 0xffffffffn) {
      const r = Number(rng), o = Number(off);
      if (r === 0xffffffff) draw = () => o + this._next32();
      else {
        const mask = maskOf32(r);
        draw = () => {
          let v: number;
          while ((v = (this._next32() & mask) >>> 0) > r);
          return o + v;
        };
      }
    } else if (rng === 0xffffffffffffffffn) draw = () => Number(BigInt.asIntN(64, off + this._next64()));
    else {
      const mask = maskOf64(rng);
      draw = () => {
        let v: bigint;
        while ((v = this._next64() & mask) > rng);
        return Number(off + v);
      };
    }
    return this.fill(size, "int64", draw);
  }

  permutation(x: number | bigint | number[] | NDResult): NDResult {
    let arr: NDResult;
    if (typeof x === "number" || typeof x === "bigint") {
      const n = Number(x);
      arr = { data: new Float64Array(n), shape: [n], dtype: "int64" };
      for (let i = 0; i < n; i++) arr.data[i] = i;
    } else {
      const a = asArray(x);
      if (a.shape.length < 1) throw new IndexError("x must be an integer or at least 1-dimensional");
      arr = { data: a.data.slice(), shape: a.shape.slice(), dtype: a.dtype };
    }
    this.shuffle(arr);
    return arr;
  }

  /** Fisher-Yates from the back over the first axis, j = random_interval(i). In place. */
  shuffle(x: NDResult | unknown[]): void {
    if (Array.isArray(x)) {
      for (let i = x.length - 1; i >= 1; i--) {
        const j = this._interval(i);
        const t = x[i];
        x[i] = x[j];
        x[j] = t;
      }
      return;
    }
    const n = x.shape.length === 0 ? 0 : x.shape[0];
    if (x.shape.length === 0) throw new PyTypeError("object of type 'numpy.int64' has no len()");
    const row = n === 0 ? 0 : x.data.length / n;
    const buf = new Float64Array(row);
    for (let i = n - 1; i >= 1; i--) {
      const j = this._interval(i);
      if (i === j) continue;
      buf.set(x.data.subarray(j * row, (j + 1) * row));
      x.data.copyWithin(j * row, i * row, (i + 1) * row);
      x.data.set(buf, i * row);
    }
  }

  choice(a: number | bigint | number[] | NDResult, size: Size = null, replace = true, p: number[] | NDResult | null = null): number | NDResult {
    const scalarA = typeof a === "number" || typeof a === "bigint";
    const arr = scalarA ? null : asArray(a);
    let pop: number;
    if (scalarA) {
      pop = Number(a);
      const shp = shapeOf(size);
      if (pop <= 0 && (shp === null || count(shp) !== 0)) throw new ValueError("a must be greater than 0 unless no samples are taken");
    } else {
      if (arr!.shape.length !== 1) throw new ValueError("a must be 1-dimensional");
      pop = arr!.shape[0];
      if (pop === 0 && (shapeOf(size) === null || count(shapeOf(size)!) !== 0)) throw new ValueError("'a' cannot be empty unless no samples are taken");
    }
    let pv: Float64Array | null = null;
    if (p !== null && p !== undefined) {
      pv = Float64Array.from(isND(p) ? p.data : p.map(Number));
      if (pv.length !== pop) throw new ValueError("'a' and 'p' must have same size");
      let sum = 0, c = 0;
      for (const v of pv) {
        // kahan_sum, as numpy checks the total
        const y = v - c;
        const t = sum + y;
        c = t - sum - y;
        sum = t;
      }
      if (Number.isNaN(sum)) throw new ValueError("probabilities contain NaN");
      if (pv.some((v) => v < 0)) throw new ValueError("probabilities are not non-negative");
      if (Math.abs(sum - 1) > Math.sqrt(2.220446049250313e-16)) throw new ValueError("probabilities do not sum to 1");
    }
    const shape = shapeOf(size);
    const n = shape === null ? 1 : count(shape);
    let idx: Float64Array;
    if (replace) {
      if (pv !== null) {
        const cdf = cumsumNormalised(pv);
        idx = new Float64Array(n);
        for (let i = 0; i < n; i++) idx[i] = searchRight(cdf, this._double());
      } else {
        const r = this.randint(0, pop, shape ?? null);
        idx = typeof r === "number" ? Float64Array.of(r) : r.data;
      }
    } else {
      if (n > pop) throw new ValueError("Cannot take a larger sample than population when 'replace=False'");
      if (pv !== null) {
        let nonzero = 0;
        for (const v of pv) if (v > 0) nonzero++;
        if (nonzero < n) throw new ValueError("Fewer non-zero entries in p than size");
        const pc = pv.slice();
        idx = new Float64Array(n);
        let have = 0;
        while (have < n) {
          const x = new Float64Array(n - have);
          for (let i = 0; i < x.length; i++) x[i] = this._double();
          for (let i = 0; i < have; i++) pc[idx[i]] = 0;
          const cdf = cumsumNormalised(pc);
          // np.unique(return_index=True) then sorted first-occurrence order
          const seen = new Set<number>();
          for (let i = 0; i < x.length; i++) {
            const v = searchRight(cdf, x[i]);
            if (!seen.has(v)) {
              seen.add(v);
              idx[have++] = v;
            }
          }
        }
      } else {
        idx = this.permutation(pop).data.slice(0, n);
      }
    }
    if (shape === null) {
      const i = idx[0];
      return scalarA ? i : arr!.data[i];
    }
    if (scalarA) return { data: idx, shape, dtype: "int64" };
    const data = new Float64Array(idx.length);
    for (let i = 0; i < idx.length; i++) data[i] = arr!.data[idx[i]];
    return { data, shape, dtype: arr!.dtype };
  }
}

function cumsumNormalised(p: Float64Array): Float64Array {
  const cdf = new Float64Array(p.length);
  let s = 0;
  for (let i = 0; i < p.length; i++) cdf[i] = s += p[i];
  const last = cdf[p.length - 1];
  for (let i = 0; i < p.length; i++) cdf[i] /= last;
  return cdf;
}

/** searchsorted(side='right'): the first index whose value is > x. */
function searchRight(cdf: Float64Array, x: number): number {
  let lo = 0, hi = cdf.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function maskOf32(max: number): number {
  let m = max;
  m |= m >>> 1;
  m |= m >>> 2;
  m |= m >>> 4;
  m |= m >>> 8;
  m |= m >>> 16;
  return m >>> 0;
}
function maskOf64(max: bigint): bigint {
  let m = max;
  for (const s of [1n, 2n, 4n, 8n, 16n, 32n]) m |= m >> s;
  return m;
}
