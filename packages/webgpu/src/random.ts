/// <reference types="@webgpu/types" />
// Random draws on the GPU from a counter-based generator, Philox 4x32-10 (Salmon et al. 2011;
// the engine behind PyTorch's CUDA generator). A draw of n values is one kernel: thread t
// computes Philox(counter = (t, 0, offset_lo, offset_hi), key = seed) and uses its four 32-bit
// words for elements 4t..4t+3; each launch then advances `offset` by one, so no two launches
// share counters and nothing is read back.
//
// Seeding: the generator follows the CPU default generator (torch.manual_seed): whenever that
// generator has been re-seeded (manual_seed, seed(), set_rng_state) since the last GPU draw,
// the GPU stream restarts at offset 0 from its initial_seed(). As in PyTorch, where the CUDA
// generator's streams differ from the CPU's, GPU draws differ from CPU draws for the same seed;
// they are deterministic for a given seed and sequence of draws.
//
// Conversions (as PyTorch's CUDA kernels do them, in float32): uniform = (w & 0xffffff) * 2^-24
// in [0, 1); normal = Box-Muller on pairs of words; bernoulli = uniform < p; exponential =
// -log(1 - u) / lambd; random = from + w % range (range < 2^32).

import { Tensor, default_generator, int64, get_default_dtype, type Ctx, type DType, type SampleKind } from "@tsgrad/core";
import { RuntimeError, TypeError as PyTypeError } from "@tsgrad/py";
import { opKernels, gpu, emptyGpu } from "./backend.ts";
import { elemType } from "./storage.ts";
import { groupsFor, WG } from "./elementwise.ts";

type T = Tensor;

const philoxState = { engine: null as unknown, seed: 0n, offset: 0 };

/** (seed, offset) for the next launch, following the CPU default generator's re-seeding. */
function nextCounter(): { seed: bigint; offset: number } {
  const g = default_generator as unknown as { _engine: unknown; _seed: bigint };
  if (g._engine !== philoxState.engine) {
    philoxState.engine = g._engine;
    philoxState.seed = g._seed;
    philoxState.offset = 0;
  }
  return { seed: philoxState.seed, offset: philoxState.offset++ };
}

/** The GPU generator's state, for tests and for saving a position: (seed, offset). */
export function philox_state(): { seed: bigint; offset: number } {
  nextCounter();
  philoxState.offset--;
  return { seed: philoxState.seed, offset: philoxState.offset };
}

function checkGenerator(gen: unknown): void {
  if (gen === null || gen === undefined) return;
  // torch.Generator is CPU-only here; PyTorch raises the same way for a CPU generator with CUDA tensors
  throw new RuntimeError("Expected a 'webgpu' device type for generator but found 'cpu'");
}

const philoxWgsl = `
// 32x32 -> 64-bit product as (hi, lo) from 16-bit halves (WGSL has no 64-bit integers)
fn mulhilo(a: u32, b: u32) -> vec2u {
  let al = a & 0xffffu; let ah = a >> 16u; let bl = b & 0xffffu; let bh = b >> 16u;
  let ll = al * bl; let lh = al * bh; let hl = ah * bl; let hh = ah * bh;
  let mid = (ll >> 16u) + (lh & 0xffffu) + (hl & 0xffffu);
  let hi = hh + (lh >> 16u) + (hl >> 16u) + (mid >> 16u);
  return vec2u(hi, a * b);
}
fn philox(c0: vec4u, k0: vec2u) -> vec4u {
  var c = c0; var k = k0;
  for (var r = 0; r < 10; r++) {
    let p0 = mulhilo(0xD2511F53u, c.x);
    let p1 = mulhilo(0xCD9E8D57u, c.z);
    c = vec4u(p1.x ^ c.y ^ k.x, p1.y, p0.x ^ c.w ^ k.y, p0.y);
    k = k + vec2u(0x9E3779B9u, 0xBB67AE85u);
  }
  return c;
}
fn unif(w: u32) -> f32 { return f32(w & 0xffffffu) * 5.9604644775390625e-8; }
`;

// per kind: how four words become four values v0..v3 (p0, p1 = the kind's parameters)
const convert: Record<SampleKind, string> = {
  uniform: `
  var v = vec4f(unif(w.x), unif(w.y), unif(w.z), unif(w.w)) * (p1 - p0) + p0;
  // rounding may reach the upper bound: PyTorch maps it back to the lower one
  v = select(v, vec4f(p0), (v >= vec4f(p1)) & (vec4f(p1) > vec4f(p0)));`,
  normal: `
  // Box-Muller on (x, y) and (z, w): u1 in (0, 1] so the log is finite
  let u1 = vec2f(f32((w.x & 0xffffffu) + 1u), f32((w.z & 0xffffffu) + 1u)) * 5.9604644775390625e-8;
  let u2 = vec2f(unif(w.y), unif(w.w)) * 6.283185307179586;
  let r = sqrt(-2.0 * log(u1));
  let v = vec4f(r.x * cos(u2.x), r.x * sin(u2.x), r.y * cos(u2.y), r.y * sin(u2.y)) * p1 + p0;`,
  bernoulli: `
  let v = select(vec4f(0.0), vec4f(1.0), vec4f(unif(w.x), unif(w.y), unif(w.z), unif(w.w)) < vec4f(p0));`,
  exponential: `
  let v = -log(vec4f(1.0) - vec4f(unif(w.x), unif(w.y), unif(w.z), unif(w.w))) / p0;`,
  random: ``,
};

/** Write n draws into the contiguous tensor `out` (f32 or i32 storage). */
function draw(out: T, kind: SampleKind, a: number, b: number): void {
  const n = out.numel();
  if (n === 0) return;
  if (n >= 2 ** 32) throw new RuntimeError("webgpu: too many random draws in one call");
  const { seed, offset } = nextCounter();
  const ty = elemType(out.dtype);
  const isRandom = kind === "random";
  const md = new Uint32Array(8);
  const f = new Float32Array(md.buffer);
  const iv = new Int32Array(md.buffer);
  md[0] = n;
  md[7] = Math.ceil(n / 4); // threads: four values each
  md[1] = Number(seed & 0xffffffffn);
  md[2] = Number((seed >> 32n) & 0xffffffffn);
  md[3] = offset >>> 0;
  md[4] = Math.floor(offset / 2 ** 32) >>> 0;
  if (isRandom) {
    md[5] = a >>> 0; // range (a = 2^32 would be 0: refused below)
    iv[6] = b;
  } else {
    f[5] = a;
    f[6] = b;
  }
  if (isRandom && !(a >= 1 && a < 2 ** 32)) throw new RuntimeError(`webgpu: random_ range ${a} does not fit in 32 bits`);
  const key = `philox|${kind}|${ty}${out.dtype.kind === "bool" ? "b" : ""}`;
  const ctx = gpu();
  const p = ctx.pipeline(key, () => `
${philoxWgsl}
@group(0) @binding(0) var<storage, read_write> dst: array<${ty}>;
@group(0) @binding(1) var<storage, read> md: array<u32>;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let t = gid.x + gid.y * nwg.x * ${WG}u;
  let n = md[0];
  if (t >= md[7]) { return; }
  let w = philox(vec4u(t, 0u, md[3], md[4]), vec2u(md[1], md[2]));
  let p0 = bitcast<f32>(md[5]); let p1 = bitcast<f32>(md[6]);
${isRandom ? `  let v = vec4<${ty}>(vec4i(w % vec4u(md[5])) + vec4i(bitcast<i32>(md[6])));` : convert[kind].replace(/^/gm, "")}
  for (var k = 0u; k < 4u; k++) {
    if (t * 4u + k < n) { dst[t * 4u + k] = ${isRandom ? "v[k]" : out.dtype.kind === "bool" ? "select(0, 1, v[k] != 0.0)" : `${ty}(v[k])`}; }
  }
}`);
  const mdBuf = ctx.bufferFrom(md);
  ctx.dispatch(p, [(out._storage as any).buffer, mdBuf], groupsFor(Math.ceil(n / 4)), [mdBuf]);
  (out._storage as any).written();
}

function checkKind(t: T, kind: SampleKind): void {
  if ((kind === "normal" || kind === "uniform" || kind === "exponential") && t.dtype.kind !== "float")
    throw new RuntimeError(`"${kind}_kernel_cuda" not implemented for '${t.dtype.legacyName.replace("Tensor", "")}'`);
}

/** Backend.sample: in-place draws into t (a strided view gets them through a contiguous temporary). */
export function sample(t: T, kind: SampleKind, a: number, b: number, gen: unknown): void {
  checkGenerator(gen);
  checkKind(t, kind);
  if (kind === "normal" && !(b >= 0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${b}`);
  if (kind === "bernoulli" && !(a >= 0 && a <= 1)) throw new RuntimeError(`bernoulli_ expects p to be in [0, 1], but got p=${a}`);
  if (t.is_contiguous() && t._offset === 0 && (t._storage as any).length === t.numel()) {
    draw(t, kind, a, b);
    return;
  }
  const tmp = emptyGpu(t._shape.slice(), t.dtype, t._dialect);
  draw(tmp, kind, a, b);
  t.copy_(tmp);
}

// ---- factories and ops with device="webgpu" or GPU inputs ------------------------------------

function sizeOf(size: unknown): number[] {
  const list = Array.isArray(size) ? size : size instanceof Object && Symbol.iterator in (size as object) ? [...(size as Iterable<unknown>)] : [size];
  return list.map((s) => {
    const v = Number(s);
    if (!Number.isInteger(v) || v < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${v}: [${list.join(", ")}]`);
    return v;
  });
}

function fresh(shape: number[], dtype: DType, kind: SampleKind, a: number, b: number, gen: unknown, rg: boolean, like?: T): T {
  checkGenerator(gen);
  const t = emptyGpu(shape, dtype, like?._dialect);
  checkKind(t, kind);
  draw(t, kind, a, b);
  if (rg) t.requires_grad_(true);
  return t;
}

opKernels.rand = (_c: Ctx, [size, gen, dtype, , , rg]) => fresh(sizeOf(size), (dtype as DType) ?? get_default_dtype(), "uniform", 0, 1, gen, !!rg);
opKernels.randn = (_c: Ctx, [size, gen, dtype, , , rg]) => fresh(sizeOf(size), (dtype as DType) ?? get_default_dtype(), "normal", 0, 1, gen, !!rg);
opKernels.rand_like = (_c: Ctx, [x, dtype, , , rg]) => fresh((x as T)._shape.slice(), (dtype as DType) ?? (x as T).dtype, "uniform", 0, 1, null, !!rg, x as T);
opKernels.randn_like = (_c: Ctx, [x, dtype, , , rg]) => fresh((x as T)._shape.slice(), (dtype as DType) ?? (x as T).dtype, "normal", 0, 1, null, !!rg, x as T);

function randintArgs(low: unknown, high: unknown, size: unknown): { low: number; high: number; size: unknown } {
  if (size === null || size === undefined) {
    if (high === null || high === undefined) throw new PyTypeError('randint() missing 1 required positional arguments: "size"');
    return { low: 0, high: Number(low), size: high };
  }
  if (high === null || high === undefined) return { low: 0, high: Number(low), size };
  return { low: Number(low), high: Number(high), size };
}
function randint(shape: number[], low: number, high: number, dtype: DType, gen: unknown, rg: boolean, like?: T): T {
  if (!(low < high)) throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  if (dtype.kind === "float") {
    // a float randint: integers drawn as int32, then cast
    return fresh(shape, int64, "random", high - low, low, gen, false, like).to(dtype).requires_grad_(rg);
  }
  return fresh(shape, dtype, "random", high - low, low, gen, rg, like);
}
opKernels.randint = (_c: Ctx, [low, high, size, gen, dtype, , , rg]) => {
  const a = randintArgs(low, high, size);
  return randint(sizeOf(a.size), a.low, a.high, (dtype as DType) ?? int64, gen, !!rg);
};
opKernels.randint_like = (_c: Ctx, [x, low, high, dtype, , , rg]) => {
  const [lo, hi] = high === null || high === undefined ? [0, Number(low)] : [Number(low), Number(high)];
  return randint((x as T)._shape.slice(), lo, hi, (dtype as DType) ?? (x as T).dtype, null, !!rg, x as T);
};

opKernels.normal = (_c: Ctx, [mean, std, size, gen, dtype, , , rg]) => {
  const mt = mean instanceof Tensor, st = std instanceof Tensor;
  if (!mt && !st) {
    if (size === null || size === undefined) throw new PyTypeError("normal() received an invalid combination of arguments");
    if (!(Number(std) >= 0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${Number(std)}`);
    return fresh(sizeOf(size), (dtype as DType) ?? get_default_dtype(), "normal", Number(mean), Number(std), gen, !!rg);
  }
  const ref = (mt ? mean : std) as T;
  const shape = mt && st ? broadcast((mean as T)._shape, (std as T)._shape) : ref._shape.slice();
  if (mt && !st && !(Number(std) >= 0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${Number(std)}`);
  const z = fresh(shape, ref.dtype, "normal", 0, 1, gen, false, ref);
  return z.mul(st ? (std as T) : Number(std)).add(mt ? (mean as T) : Number(mean));
};

function broadcast(a: number[], b: number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1, y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw new RuntimeError(`The size of tensor a (${x}) must match the size of tensor b (${y}) at non-singleton dimension ${i}`);
    out.push(x === 1 ? y : x);
  }
  return out;
}

opKernels.bernoulli = (_c: Ctx, [x, p, gen]) => {
  const X = x as T;
  if (p === null || p === undefined) {
    // each element its own probability
    const u = fresh(X._shape.slice(), X.dtype, "uniform", 0, 1, gen, false, X);
    return u.lt(X).to(X.dtype);
  }
  return fresh(X._shape.slice(), X.dtype, "bernoulli", Number(p), 0, gen, false, X);
};

for (const name of ["randperm", "multinomial"])
  opKernels[name] = () => {
    throw new RuntimeError(`webgpu: ${name} has no GPU kernel yet; draw it on the CPU and move it with .to("webgpu")`);
  };
