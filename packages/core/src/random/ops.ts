// The random functions as ops: factories (rand, randn, randint, randperm, normal, *_like),
// bernoulli / multinomial / dropout, and the in-place samplers as tensor methods. Each one
// draws through torch_sampling.ts from its `generator=` (or the default generator).

import { RuntimeError, TypeError as PyTypeError, ValueError } from "@tsgrad/py";
import { defineOp, defineMethod, ops } from "../op.ts";
import { Tensor } from "../tensor.ts";
import { type DType, float32, int64, get_default_dtype } from "../dtype.ts";
import { dialectState } from "../dialect.ts";
import { gradState } from "../autograd/grad_mode.ts";
import { checkInplace } from "../ops/inplace.ts";
import { bindArgs } from "../signature.ts";
import { isHost, deviceSample, emptyLike, type SampleKind } from "../kernels/backends.ts";
import { genOrDefault, type Generator } from "./generator.ts";
import {
  bernoulliScalarFill, bernoulliTensorFill, checkFromTo, exponentialFill, normalFill, randomBounds, randomFill, randomFromToFill,
  randpermFill, uniformFill,
} from "./torch_sampling.ts";

type T = Tensor;

function sizeOf(name: string, size: unknown): number[] {
  const list = Array.isArray(size) ? size : size instanceof Object && Symbol.iterator in (size as object) ? [...(size as Iterable<unknown>)] : [size];
  return list.map((s, i) => {
    const n = Number(s);
    if (typeof s !== "number" && typeof s !== "bigint") throw new PyTypeError(`${name}(): argument 'size' must be tuple of ints, but found element of type ${typeof s} at pos ${i}`);
    if (!Number.isInteger(n)) throw new PyTypeError(`${name}(): argument 'size' must be tuple of ints, but found element of type float at pos ${i}`);
    if (n < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${n}: [${list.join(", ")}]`);
    return n;
  });
}

function emptyOf(shape: number[], dtype: DType, dialectFrom?: T): T {
  return Tensor.empty(shape, dtype, dialectFrom ? dialectFrom._dialect : dialectState.current);
}

function finish(t: T, requiresGrad: boolean): T {
  if (requiresGrad) t.requires_grad_(true);
  return t;
}

function toBig(v: unknown): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1n : 0n;
  const n = Number(v);
  return BigInt(Math.trunc(n));
}

const factoryKw = "*, any generator=None, dtype? dtype=None, any layout=None, any device=None, bool requires_grad=False, bool pin_memory=False";
const likeKw = "*, dtype? dtype=None, any layout=None, any device=None, bool requires_grad=False, any memory_format=None";

// ---- rand / randn ------------------------------------------------------------------------------

defineOp("rand", {
  sig: `rand(int... size, ${factoryKw})`,
  method: false,
  forward(_c, size, gen, dtype, _l, _d, rg) {
    const t = emptyOf(sizeOf("rand", size), dtype ?? get_default_dtype());
    uniformFill(t, 0, 1, genOrDefault(gen));
    return finish(t, rg);
  },
});
defineOp("randn", {
  sig: `randn(int... size, ${factoryKw})`,
  method: false,
  forward(_c, size, gen, dtype, _l, _d, rg) {
    const t = emptyOf(sizeOf("randn", size), dtype ?? get_default_dtype());
    normalFill(t, 0, 1, genOrDefault(gen));
    return finish(t, rg);
  },
});
defineOp("rand_like", {
  sig: `rand_like(Tensor input, ${likeKw})`,
  method: false,
  forward(_c, x: T, dtype, _l, _d, rg) {
    const t = emptyOf(x._shape.slice(), dtype ?? x.dtype, x);
    uniformFill(t, 0, 1, genOrDefault(null));
    return finish(t, rg);
  },
});
defineOp("randn_like", {
  sig: `randn_like(Tensor input, ${likeKw})`,
  method: false,
  forward(_c, x: T, dtype, _l, _d, rg) {
    const t = emptyOf(x._shape.slice(), dtype ?? x.dtype, x);
    normalFill(t, 0, 1, genOrDefault(null));
    return finish(t, rg);
  },
});

// ---- randint -----------------------------------------------------------------------------------

/** randint(high, size) and randint(low, high, size): the overloads PyTorch's parser accepts. */
function randintArgs(low: unknown, high: unknown, size: unknown): { low: bigint; high: bigint; size: unknown } {
  if (size === null || size === undefined) {
    if (high === null || high === undefined) throw new PyTypeError("randint() missing 1 required positional arguments: \"size\"");
    return { low: 0n, high: toBig(low), size: high };
  }
  if (high === null || high === undefined) return { low: 0n, high: toBig(low), size };
  return { low: toBig(low), high: toBig(high), size };
}

function randintInto(t: T, low: bigint, high: bigint, g: Generator): T {
  if (!(low < high)) throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  checkFromTo(t.dtype, low, high - 1n);
  randomFromToFill(t, high - low, low, g);
  return t;
}

defineOp("randint", {
  sig: `randint(any low, any high=None, any size=None, ${factoryKw})`,
  method: false,
  forward(_c, low, high, size, gen, dtype, _l, _d, rg) {
    const a = randintArgs(low, high, size);
    const t = emptyOf(sizeOf("randint", a.size), dtype ?? int64);
    return finish(randintInto(t, a.low, a.high, genOrDefault(gen)), rg);
  },
});
defineOp("randint_like", {
  sig: `randint_like(Tensor input, any low, any high=None, ${likeKw})`,
  method: false,
  forward(_c, x: T, low, high, dtype, _l, _d, rg) {
    const [lo, hi] = high === null ? [0n, toBig(low)] : [toBig(low), toBig(high)];
    const t = emptyOf(x._shape.slice(), dtype ?? x.dtype, x);
    return finish(randintInto(t, lo, hi, genOrDefault(null)), rg);
  },
});

// ---- randperm ----------------------------------------------------------------------------------

defineOp("randperm", {
  sig: `randperm(int n, ${factoryKw})`,
  method: false,
  forward(_c, nIn, gen, dtype, _l, _d, rg) {
    const n = Number(nIn);
    if (n < 0) throw new RuntimeError(`n must be non-negative, got${n}`);
    const d: DType = dtype ?? int64;
    if (d.kind === "float" && n > 2 ** (d === float32 ? 24 : 53))
      throw new RuntimeError(`n cannot be greater than 2^${d === float32 ? 24 : 53}+1 for ${d === float32 ? "Float" : "Double"} type.`);
    const t = emptyOf([n], d);
    randpermFill(t._storage, n, genOrDefault(gen));
    return finish(t, rg);
  },
});

// ---- normal (all overloads) --------------------------------------------------------------------

function normalName(args: unknown[]): string {
  const m = args[0] instanceof Tensor, s = args[1] instanceof Tensor;
  return m && s ? "NormalBackward3" : m ? "NormalBackward1" : s ? "NormalBackward2" : "NormalBackward0";
}

defineOp("normal", {
  sig: `normal(Tensor mean, Tensor std=1.0, any size=None, ${factoryKw})`,
  method: false,
  names: { torch: normalName },
  forward(_c, mean, std, size, gen, dtype, _l, _d, rg) {
    const g = genOrDefault(gen);
    const mt = mean instanceof Tensor, st = std instanceof Tensor;
    if (!mt && !st) {
      // normal(float mean, float std, size): empty(size).normal_(mean, std)
      if (size === null) throw new PyTypeError("normal() received an invalid combination of arguments");
      const t = emptyOf(sizeOf("normal", size), dtype ?? get_default_dtype());
      normalFill(t, Number(mean), Number(std), g);
      return finish(t, rg);
    }
    if (mt && !st) {
      // normal_(0, std) on a fresh contiguous tensor, then add_(mean)
      const sd = Number(std);
      if (!(sd >= 0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${sd}`);
      const out = emptyOf(mean._shape.slice(), mean.dtype, mean);
      normalFill(out, 0, sd, g);
      return out.add(mean);
    }
    if (!mt && st) {
      // normal_(0, 1), then mul_(std).add_(mean)
      const out = emptyOf(std._shape.slice(), std.dtype, std);
      normalFill(out, 0, 1, g);
      return out.mul(std).add(Number(mean));
    }
    const shape = broadcastShapes(mean._shape, std._shape);
    const out = emptyOf(shape, mean.dtype, mean);
    normalFill(out, 0, 1, g);
    return out.mul(std).add(mean);
  },
  backward: (_ctx, g) => [g.mul(0), g.mul(0)],
});

function broadcastShapes(a: number[], b: number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1, y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1)
      throw new RuntimeError(`The size of tensor a (${x}) must match the size of tensor b (${y}) at non-singleton dimension ${i}`);
    out.push(x === 1 ? y : x);
  }
  return out;
}

// ---- bernoulli / multinomial -------------------------------------------------------------------

defineOp("bernoulli", {
  sig: "bernoulli(Tensor input, any p=None, *, any generator=None)",
  forward(_c, x: T, p, gen) {
    const g = genOrDefault(gen);
    const out = emptyOf(x._shape.slice(), x.dtype, x);
    if (p === null) {
      // bernoulli(input): each element is its own probability
      bernoulliTensorFill(out, x._contiguousValues(), x.dtype, g);
    } else bernoulliScalarFill(out, Number(p), g);
    return out;
  },
  backward: (_ctx, g) => [g.mul(0)],
  names: { torch: (args) => (args[1] === null ? "BernoulliBackward0" : "BernoulliBackward1") },
});

defineOp("multinomial", {
  sig: "multinomial(Tensor input, int num_samples, bool replacement=False, *, any generator=None)",
  nondifferentiable: true,
  forward(_c, x: T, nIn, replacement, gen) {
    const n = Number(nIn);
    const g = genOrDefault(gen);
    const nd = x._shape.length;
    if (nd !== 1 && nd !== 2) throw new RuntimeError("prob_dist must be 1 or 2 dim");
    if (x.dtype.kind !== "float") throw new RuntimeError(`multinomial only supports floating-point dtypes for input, got: ${x.dtype.legacyName.replace("Tensor", "")}`);
    if (!(n > 0)) throw new RuntimeError("cannot sample n_sample <= 0 samples");
    const cats = x._shape[nd - 1];
    if (!replacement && n > cats) throw new RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without replacement");
    const rows = nd === 2 ? x._shape[0] : 1;
    const p = x._contiguousValues();
    const outShape = nd === 2 ? [rows, n] : [n];
    const out = emptyOf(outShape, int64, x);
    const o = out._storage;
    if (!replacement || n === 1) {
      let bad = false;
      for (let i = 0; i < p.length; i++) if (!(p[i] >= 0 && p[i] < Infinity)) bad = true;
      if (bad) throw new RuntimeError("probability tensor contains either `inf`, `nan` or element < 0");
      for (let r = 0; r < rows; r++) {
        let s = 0;
        for (let j = 0; j < cats; j++) s += p[r * cats + j];
        if (s === 0) throw new RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)");
      }
      // Gumbel-max as PyTorch writes it: q ~ Exp(1) in the input's dtype, then top-k of p / q.
      const q = emptyOf(x._shape.slice(), x.dtype, x);
      exponentialFill(q, 1, g);
      const qs = q._storage;
      const single = x.dtype === float32;
      for (let i = 0; i < qs.length; i++) qs[i] = single ? Math.fround(p[i] / qs[i]) : p[i] / qs[i];
      for (let r = 0; r < rows; r++) {
        const idx = Array.from({ length: cats }, (_, j) => j);
        const base = r * cats;
        // descending by value, NaN first as topk orders it; ties keep the lower index
        idx.sort((a, b) => {
          const va = qs[base + a], vb = qs[base + b];
          if (va !== va) return vb !== vb ? a - b : -1;
          if (vb !== vb) return 1;
          return vb - va || a - b;
        });
        for (let k = 0; k < n; k++) o[r * n + k] = idx[k];
      }
      return out;
    }
    // with replacement: binary search of a uniform double in the normalised cumulative sums
    const single = x.dtype === float32;
    const cum = new Float64Array(cats);
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let j = 0; j < cats; j++) {
        const v = p[r * cats + j];
        if (!(v >= 0)) throw new RuntimeError("invalid multinomial distribution (encountering probability entry < 0)");
        if (!Number.isFinite(v)) throw new RuntimeError("invalid multinomial distribution (encountering probability entry = infinity or NaN)");
        s = single ? Math.fround(s + v) : s + v;
        cum[j] = s;
      }
      if (!(s > 0)) throw new RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)");
      for (let j = 0; j < cats; j++) cum[j] = single ? Math.fround(cum[j] / s) : cum[j] / s;
      cum[cats - 1] = 1;
      for (let k = 0; k < n; k++) {
        const u = g.uniform53();
        let lo = 0, hi = cats;
        while (hi - lo > 0) {
          const mid = lo + ((hi - lo) >> 1);
          if (cum[mid] < u) lo = mid + 1;
          else hi = mid;
        }
        o[r * n + k] = lo;
      }
    }
    return out;
  },
});

// ---- dropout -----------------------------------------------------------------------------------

/**
 * F.dropout on the CPU: noise = empty_like(input).bernoulli_(1 - p).div_(1 - p); input * noise.
 * It is composite in PyTorch, so the result's grad_fn is the multiplication's (MulBackward0).
 */
const dropoutOp = defineOp("dropout", {
  sig: "dropout(Tensor input, float p=0.5, bool training=True, bool inplace=False)",
  method: false,
  names: { torch: "MulBackward0" },
  forward(ctx, x: T, _p, _training, _inplace, noise: T) {
    if (ctx.op) ctx.save_for_backward(noise);
    return x.mul(noise);
  },
  backward(ctx, g) {
    const [noise] = ctx.saved_tensors;
    return [g.mul(noise)];
  },
});
const dropoutSig = dropoutOp.signature;

export function dropout(...args: unknown[]): T {
  const [x, pIn, training, inplace] = bindArgs(dropoutSig, args) as [T, number, boolean, boolean];
  const p = Number(pIn);
  if (!(p >= 0 && p <= 1)) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (p === 0 || !training || x.numel() === 0) return x;
  let noise: T;
  if (p === 1) noise = emptyOf([], x.dtype, x);
  else if (!isHost(x)) {
    // a device tensor: the mask is drawn by the device's generator (its stream differs from the CPU's)
    noise = emptyLike(x);
    deviceSample(noise, "bernoulli", 1 - p, 0, null);
    noise = noise.div_(1 - p);
  } else {
    noise = emptyOf(x._shape.slice(), x.dtype, x);
    bernoulliScalarFill(noise, 1 - p, genOrDefault(null));
    const keep = x.dtype === float32 ? Math.fround(1 - p) : 1 - p;
    const s = noise._storage;
    for (let i = 0; i < s.length; i++) s[i] = x.dtype === float32 ? Math.fround(s[i] / keep) : s[i] / keep;
  }
  if (inplace) return x.mul_(noise);
  return dropoutOp.callBound([x, p, training, inplace, noise]);
}
dropoutOp.call = dropout;

// ---- in-place samplers -------------------------------------------------------------------------

/** The zero-gradient node PyTorch gives a non-leaf overwritten by a sampler. */
defineOp("_random_fill_node", {
  sig: "_random_fill_node(Tensor self, str name)",
  method: false,
  forward: (_c, x: T) => emptyOf(x._shape.slice(), x.dtype, x),
  backward: (_ctx, g) => [g.mul(0)],
  names: { torch: (args) => args[1] as string },
});

function inplaceSampler(self: T, gradName: string, fill: () => void): T {
  checkInplace(self);
  fill();
  self._vc.v++;
  if (gradState.enabled && self._grad_fn !== null) {
    const node = ops._random_fill_node.call(self, gradName);
    self._grad_fn = node._grad_fn;
    self._output_nr = 0;
  }
  return self;
}

/** Positional args then one keyword object, for the in-place methods; out[names.length] = positional count. */
function kw(args: unknown[], names: string[], defaults: unknown[]): unknown[] {
  const out = defaults.slice();
  let n = args.length;
  const last = args[n - 1];
  if (n > 0 && last !== null && typeof last === "object" && Object.getPrototypeOf(last) === Object.prototype) {
    n--;
    for (const [k, v] of Object.entries(last as object)) {
      const i = names.indexOf(k);
      if (i < 0) throw new PyTypeError(`got an unexpected keyword argument '${k}'`);
      out[i] = v;
    }
  }
  if (n > names.length) throw new PyTypeError(`takes at most ${names.length} arguments (${n} given)`);
  for (let i = 0; i < n; i++) out[i] = args[i];
  out[names.length] = n;
  return out;
}

/** A device tensor draws from its device's generator (see kernels/backends.ts `sample`). */
const onDevice = (t: T, kind: SampleKind, a: number, b: number, gen: unknown) => (isHost(t) ? null : () => deviceSample(t, kind, a, b, gen));

defineMethod("uniform_", function (this: T, ...args: unknown[]) {
  const [from, to, gen] = kw(args, ["from", "to", "generator"], [0, 1, null]);
  const a = Number(from), b = Number(to);
  if (!(a <= b)) throw new RuntimeError(`uniform_ expects to return a [from, to) range, but found from=${a} > to=${b}`);
  return inplaceSampler(this, "UniformBackward0", onDevice(this, "uniform", a, b, gen) ?? (() => uniformFill(this, a, b, genOrDefault(gen))));
});
defineMethod("normal_", function (this: T, ...args: unknown[]) {
  const [mean, std, gen] = kw(args, ["mean", "std", "generator"], [0, 1, null]);
  return inplaceSampler(this, "NormalBackward0", onDevice(this, "normal", Number(mean), Number(std), gen) ?? (() => normalFill(this, Number(mean), Number(std), genOrDefault(gen))));
});
defineMethod("exponential_", function (this: T, ...args: unknown[]) {
  const [lambd, gen] = kw(args, ["lambd", "generator"], [1, null]);
  return inplaceSampler(this, "ExponentialBackward0", onDevice(this, "exponential", Number(lambd), 0, gen) ?? (() => exponentialFill(this, Number(lambd), genOrDefault(gen))));
});
defineMethod("bernoulli_", function (this: T, ...args: unknown[]) {
  const [p, gen] = kw(args, ["p", "generator"], [0.5, null]);
  if (!isHost(this)) {
    if (p instanceof Tensor) {
      // per-element probabilities: uniform draws compared with p, on the device
      const pe = p.expand(...this._shape);
      return inplaceSampler(this, "BernoulliBackward2", () => {
        deviceSample(this, "uniform", 0, 1, gen);
        this.copy_(this.lt(pe));
      });
    }
    return inplaceSampler(this, "BernoulliBackward1", () => deviceSample(this, "bernoulli", Number(p), 0, gen));
  }
  const g = genOrDefault(gen);
  if (p instanceof Tensor) {
    const pe = p.expand(...this._shape);
    return inplaceSampler(this, "BernoulliBackward2", () => bernoulliTensorFill(this, pe._contiguousValues(), p.dtype, g));
  }
  return inplaceSampler(this, "BernoulliBackward1", () => bernoulliScalarFill(this, Number(p), g));
});
defineMethod("random_", function (this: T, ...args: unknown[]) {
  const [a, b, gen, npos] = kw(args, ["from", "to", "generator"], [null, null, null]);
  if (!isHost(this)) {
    // on a device: [from, to) with both given, [0, to) with one; values live in 32 bits there
    if (a === null && b === null) throw new RuntimeError(`random_() without bounds is not implemented for the ${this.device} device: give from/to`);
    const [from, to] = npos === 1 && b === null ? [0, Number(a)] : [Number(a ?? 0), Number(b)];
    if (!(from < to)) throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=${from} >= to=${to}`);
    return inplaceSampler(this, "RandomBackward0", () => deviceSample(this, "random", to - from, from, gen));
  }
  const g = genOrDefault(gen);
  let fill: () => void;
  if (a === null && b === null) fill = () => randomFill(this, g);
  else {
    // random_(to) is random_(0, to); random_(from, None) runs to the dtype's top
    const [from, to] = npos === 1 && b === null ? [0n, toBig(a)] : [toBig(a ?? 0), b === null ? null : toBig(b)];
    const bounds = randomBounds(this.dtype, from, to);
    if (bounds === "full") fill = () => randomFromToFill(this, 1n << 64n, -(1n << 63n), g);
    else fill = () => randomFromToFill(this, bounds.range, bounds.base, g);
  }
  return inplaceSampler(this, "RandomBackward0", fill);
});

