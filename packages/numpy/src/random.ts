// np.random: numpy's legacy module-level functions on one global RandomState. Every draw goes
// through `RandomState` imported below (random_state.ts: the core's numpy RandomState), so the
// generator is one import.

import { RandomState } from "./random_state.ts";
import { ValueError, NotImplementedError, asFloat } from "@tsgrad/py";
import { float64, int64, type DType } from "@tsgrad/core";
import { NDArray, kwargs } from "./ndarray.ts";
import { _fromValues, asarray, arange } from "./creation.ts";
import { toCoreDtype } from "./dtype.ts";

let state = new RandomState();

function sizeOf(size: unknown): number[] | null {
  if (size === null || size === undefined) return null;
  return Array.isArray(size) ? size.map(Number) : [Number(size)];
}

/** Draw `shape` values (a scalar when shape is null), as numpy's size=None gives one. */
function draw(shape: number[] | null, d: DType, next: () => number): any {
  if (shape === null) {
    const v = next();
    return d.kind === "float" ? asFloat(v) : v;
  }
  const n = shape.reduce((a, b) => a * b, 1);
  const vals = new Float64Array(n);
  for (let i = 0; i < n; i++) vals[i] = next();
  return _fromValues(vals, shape, d);
}

export function seed(s: number | bigint | null = null): void {
  state.seed(s);
}
/** rand(d0, d1, ...): uniform [0, 1) of that shape. */
export function rand(...dims: number[]): any {
  return draw(dims.length === 0 ? null : dims.map(Number), float64, () => state.nextDouble());
}
export function randn(...dims: number[]): any {
  return draw(dims.length === 0 ? null : dims.map(Number), float64, () => state.nextGauss());
}
export function random_sample(size: unknown = null): any {
  const [pos, kw] = kwargs([size]);
  return draw(sizeOf(kw.size ?? pos[0]), float64, () => state.nextDouble());
}
export const random = random_sample;
export function standard_normal(size: unknown = null): any {
  const [pos, kw] = kwargs([size]);
  return draw(sizeOf(kw.size ?? pos[0]), float64, () => state.nextGauss());
}

export function uniform(...args: unknown[]): any {
  const [pos, kw] = kwargs(args);
  const low = Number(kw.low ?? pos[0] ?? 0), high = Number(kw.high ?? pos[1] ?? 1);
  const range = high - low;
  return draw(sizeOf(kw.size ?? pos[2]), float64, () => low + range * state.nextDouble());
}
export function normal(...args: unknown[]): any {
  const [pos, kw] = kwargs(args);
  const loc = Number(kw.loc ?? pos[0] ?? 0), scale = Number(kw.scale ?? pos[1] ?? 1);
  if (scale < 0) throw new ValueError("scale < 0");
  return draw(sizeOf(kw.size ?? pos[2]), float64, () => loc + scale * state.nextGauss());
}

/** randint(low, high=None, size=None, dtype=int): legacy masked rejection per value. */
export function randint(...args: unknown[]): any {
  const [pos, kw] = kwargs(args);
  let low = Number(kw.low ?? pos[0]);
  let high: unknown = kw.high ?? pos[1] ?? null;
  if (high === null) [low, high] = [0, low];
  const hi = Number(high);
  if (low >= hi) throw new ValueError("low >= high");
  const d = kw.dtype != null ? toCoreDtype(kw.dtype) : int64;
  const rng = hi - low - 1;
  return draw(sizeOf(kw.size ?? pos[2]), d, () => low + state.boundedMasked(rng));
}

/** shuffle(x): in place along the first axis (legacy _shuffle_raw with random_interval). */
export function shuffle(x: NDArray): void {
  const n = x.ndim === 0 ? 0 : x._t._shape[0]!;
  for (let i = n - 1; i >= 1; i--) {
    const j = state.interval(i);
    if (i === j) continue;
    const a = x.at(i), b = x.at(j);
    if (a instanceof NDArray) {
      const tmp = a.copy();
      x.__setitem__(i, b);
      x.__setitem__(j, tmp);
    } else {
      x.__setitem__(i, b);
      x.__setitem__(j, a);
    }
  }
}

/** permutation(x): a shuffled arange(x) for an int, a shuffled copy for an array. */
export function permutation(x: unknown): NDArray {
  const a = typeof x === "number" || typeof x === "bigint" ? arange(BigInt(x)) : asarray(x).copy();
  shuffle(a);
  return a;
}

/** choice(a, size=None, replace=True, p=None), legacy algorithm. */
export function choice(a: unknown, ...rest: unknown[]): any {
  const [pos, kw] = kwargs(rest);
  const size = sizeOf(kw.size ?? pos[0]);
  const replace = Boolean(kw.replace ?? pos[1] ?? true);
  const p = kw.p ?? pos[2] ?? null;
  const pool = typeof a === "number" || typeof a === "bigint" ? null : asarray(a);
  const popSize = pool === null ? Number(a) : pool.size;
  if (popSize <= 0 && (size === null || size.reduce((x, y) => x * y, 1) > 0))
    throw new ValueError("a must be greater than 0 unless no samples are taken");
  let idx: any;
  if (replace) {
    if (p === null) idx = randint(0, popSize, { size: size });
    else {
      const pv = asarray(p)._t._contiguousValues();
      const cdf = new Float64Array(pv.length);
      let acc = 0;
      for (let i = 0; i < pv.length; i++) cdf[i] = acc += pv[i]!;
      for (let i = 0; i < cdf.length; i++) cdf[i] = cdf[i]! / acc;
      // searchsorted(cdf, u, side='right')
      const pick = () => {
        const u = state.nextDouble();
        let lo = 0, hi = cdf.length;
        while (lo < hi) {
          const m = (lo + hi) >> 1;
          if (cdf[m]! <= u) lo = m + 1;
          else hi = m;
        }
        return lo;
      };
      idx = draw(size, int64, pick);
    }
  } else {
    if (p !== null) throw new NotImplementedError("choice without replacement with p");
    const n = size === null ? 1 : size.reduce((x, y) => x * y, 1);
    if (n > popSize) throw new ValueError("Cannot take a larger sample than population when 'replace=False'");
    const perm = permutation(popSize)._t._contiguousValues().slice(0, n);
    idx = size === null ? perm[0] : _fromValues(perm, size, int64);
  }
  if (pool === null) return idx;
  return pool.__getitem__(idx instanceof NDArray ? idx : Number(idx));
}

/** np.random.RandomState(seed): the same generator as an object. */
export { RandomState };
export function get_state_object(): RandomState {
  return state;
}
export function _setState(s: RandomState): void {
  state = s;
}
