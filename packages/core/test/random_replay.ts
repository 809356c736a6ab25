// Replays the steps of compat-tests/golden/random.json in tsgrad and encodes each result the
// way gen_random.py does (float32 bits, float64 hex bits, integers as decimal strings).

import { ops, Tensor, dtypes, manual_seed, get_rng_state, set_rng_state, initial_seed, Generator, RandomState } from "../src/index.ts";

type Step = any[];
export interface Encoded {
  dtype?: string;
  shape?: number[];
  bits?: Array<number | string>;
  ints?: string[];
  hex?: string;
  error?: string;
  message?: string;
}
export interface Case {
  name: string;
  kind: "torch" | "numpy";
  seed: string | null;
  generator?: boolean;
  steps: Step[];
  outputs: Array<Encoded | null>;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function encodeValues(dtype: string, shape: number[], vals: ArrayLike<number>): Encoded {
  if (dtype === "float32") {
    const bits: number[] = [];
    for (let i = 0; i < vals.length; i++) {
      f32[0] = vals[i];
      bits.push(u32[0]);
    }
    return { dtype, shape, bits };
  }
  if (dtype === "float64") {
    const bits: string[] = [];
    for (let i = 0; i < vals.length; i++) {
      f64[0] = vals[i];
      bits.push(u64[0].toString(16).padStart(16, "0"));
    }
    return { dtype, shape, bits };
  }
  const ints: string[] = [];
  for (let i = 0; i < vals.length; i++) ints.push(String(dtype === "bool" ? (vals[i] ? 1 : 0) : vals[i]));
  return { dtype, shape, ints };
}

export function encodeTensor(t: Tensor): Encoded {
  return encodeValues(t.dtype.name, t._shape.slice(), t._contiguousValues());
}

const D = (name: string) => (dtypes as any)[name];
const bigOr = (v: number) => (Number.isSafeInteger(v) ? BigInt(v) : v);

function torchStep(s: Step, gen: Generator | null, saved: Map<string, Tensor>): Tensor | Encoded | null {
  const kw: Record<string, unknown> = gen ? { generator: gen } : {};
  const [op] = s;
  switch (op) {
    case "rand":
      return ops.rand.call(...s[1], { dtype: D(s[2]), ...kw });
    case "randn":
      return ops.randn.call(s[1], { dtype: D(s[2]), ...kw });
    case "rand_like":
      return ops.rand_like.call(ops.zeros.call(s[1], { dtype: D(s[2]) }));
    case "randn_like":
      return ops.randn_like.call(ops.zeros.call(s[1], { dtype: D(s[2]) }));
    case "randint":
      return ops.randint.call(bigOr(s[1]), bigOr(s[2]), s[3], { dtype: D(s[4]), ...kw });
    case "randint1":
      return ops.randint.call(bigOr(s[1]), s[2], kw);
    case "randint_like":
      return ops.randint_like.call(ops.zeros.call(s[1], { dtype: D(s[4]) }), s[2], s[3]);
    case "randperm":
      return ops.randperm.call(s[1], { dtype: D(s[2]), ...kw });
    case "normal_ff":
      return ops.normal.call(s[1], s[2], s[3], { dtype: D(s[4]), ...kw });
    case "normal_tf":
      return ops.normal.call(ops.tensor.call(s[1], { dtype: D(s[3]) }), s[2], kw);
    case "normal_ft":
      return ops.normal.call(s[1], ops.tensor.call(s[2], { dtype: D(s[3]) }), kw);
    case "normal_tt":
      return ops.normal.call(ops.tensor.call(s[1], { dtype: D(s[3]) }), ops.tensor.call(s[2], { dtype: D(s[3]) }), kw);
    case "uniform_":
      return ops.empty.call(s[1], { dtype: D(s[2]) }).uniform_(s[3], s[4], kw);
    case "normal_":
      return ops.empty.call(s[1], { dtype: D(s[2]) }).normal_(s[3], s[4], kw);
    case "normal_T":
    case "uniform_T": {
      const t = ops.zeros.call(s[1], { dtype: D(s[2]) });
      t.t()[op === "normal_T" ? "normal_" : "uniform_"](kw);
      return t;
    }
    case "bernoulli_p":
      return ops.empty.call(s[1], { dtype: D(s[2]) }).bernoulli_(s[3], kw);
    case "bernoulli_t":
      return ops.bernoulli.call(ops.tensor.call(s[1], { dtype: D(s[2]) }), kw);
    case "bernoulli_fp":
      return ops.bernoulli.call(ops.zeros.call(s[1], { dtype: D(s[2]) }), s[3], kw);
    case "bernoulli_tt":
      return ops.empty.call(s[1], { dtype: D(s[2]) }).bernoulli_(ops.tensor.call(s[3], { dtype: D(s[4]) }), kw);
    case "multinomial":
      return ops.multinomial.call(ops.tensor.call(s[1], { dtype: D(s[4]) }), s[2], s[3], kw);
    case "exponential_":
      return ops.empty.call(s[1], { dtype: D(s[2]) }).exponential_(s[3], kw);
    case "random_":
      return ops.empty.call(s[1], { dtype: D(s[2]) }).random_(...s[3].map(bigOr), kw);
    case "dropout":
      return ops.dropout.call(ops.ones.call(s[1], { dtype: D(s[3]) }), s[2]);
    case "dropout_x": {
      const n = (s[1] as number[]).reduce((a, b) => a * b, 1);
      const x = ops.arange.call(1, 1 + n, { dtype: D(s[3]) }).reshape(s[1]);
      return ops.dropout.call(x, s[2], s[4]);
    }
    case "save_state":
      saved.set(s[1], get_rng_state());
      return null;
    case "load_state":
      set_rng_state(saved.get(s[1])!);
      return null;
    case "get_state": {
      const st = get_rng_state();
      return { dtype: "uint8", shape: [st.numel()], hex: Buffer.from(st._storage as Uint8Array).toString("hex") };
    }
    case "initial_seed":
      return { dtype: "int64", shape: [], ints: [String(initial_seed())] };
  }
  throw new Error(`unknown step ${op}`);
}

function runStep(fn: () => Tensor | Encoded | null): Encoded | null {
  try {
    const r = fn();
    if (r === null) return null;
    return r instanceof Tensor ? encodeTensor(r) : r;
  } catch (e: any) {
    if (e && typeof e.name === "string" && /Error$/.test(e.name) && !(e instanceof globalThis.TypeError && e.name === "TypeError" && !("got" in e) && /undefined|not a function/.test(e.message)))
      return { error: e.name, message: String(e.message).split("\n")[0] };
    throw e;
  }
}

export function replayTorch(c: Case): Array<Encoded | null> {
  let gen: Generator | null = null;
  if (c.generator) {
    gen = new Generator();
    if (c.seed !== null) gen.manual_seed(BigInt(c.seed));
    manual_seed(12345);
  } else if (c.seed !== null) manual_seed(BigInt(c.seed));
  const saved = new Map<string, Tensor>();
  return c.steps.map((s) => runStep(() => torchStep(s, gen, saved)));
}

/** numpy scalars come back as JS numbers: their kind is the one the fixture recorded. */
function npEncode(r: { data: ArrayLike<number>; shape: number[]; dtype: string } | number, expected: Encoded | null): Encoded {
  if (typeof r === "number") return encodeValues(expected?.dtype ?? "float64", [], [r]);
  return encodeValues(r.dtype, r.shape, r.data);
}

export function replayNumpy(c: Case): Array<Encoded | null> {
  const rs = new RandomState(BigInt(c.seed!));
  return c.steps.map((s, k) => {
    const [op] = s;
    const shape = (v: number[] | null) => (v === null ? null : v);
    const r = ((): any => {
      switch (op) {
        case "rand": return rs.rand(...s[1]);
        case "random_sample": return rs.random_sample(shape(s[1]));
        case "randn": return rs.randn(...s[1]);
        case "standard_normal": return rs.standard_normal(shape(s[1]));
        case "randint": return rs.randint(s[1], s[2], shape(s[3]));
        case "uniform": return rs.uniform(s[1], s[2], shape(s[3]));
        case "normal": return rs.normal(s[1], s[2], shape(s[3]));
        case "permutation": return rs.permutation(s[1]);
        case "shuffle": {
          const a = { data: Float64Array.from(s[1] as number[]), shape: [s[1].length], dtype: "int64" as const };
          rs.shuffle(a);
          return a;
        }
        case "choice": return rs.choice(s[1], shape(s[2]), s[3], s[4]);
        case "seed": rs.seed(s[1]); return null;
      }
      throw new Error(`unknown numpy step ${op}`);
    })();
    if (r === null) return null;
    return npEncode(r, c.outputs[k]);
  });
}
