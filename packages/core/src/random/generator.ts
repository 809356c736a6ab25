// torch.Generator for the CPU: PyTorch's CPUGeneratorImpl. It owns an mt19937 engine plus the
// two Box-Muller caches (a double and a float) that at::normal_distribution fills, and it
// serialises to the same 5056-byte uint8 tensor as torch.get_rng_state().

import { RuntimeError, TypeError as PyTypeError } from "@tsgrad/py";
import { MT19937, MT_N } from "./mt19937.ts";
import { Tensor } from "../tensor.ts";
import { uint8 } from "../dtype.ts";

/** What `torch.Generator()` starts from (c10's default_rng_seed_val). */
export const DEFAULT_RNG_SEED = 67280421310721n;

const U64 = (1n << 64n) - 1n;

/**
 * Byte layout of CPUGeneratorImplState on x86-64 (legacy THGeneratorState POD first):
 *   0 u64 the_initial_seed | 8 i32 left | 12 i32 seeded | 16 u64 next | 24 u64 state[624]
 *   5016 f64 normal_x | 5024 f64 normal_y | 5032 f64 normal_rho | 5040 i32 normal_is_valid
 *   5048 f32 next_float_normal_sample | 5052 bool valid | padding to 5056.
 * PyTorch zero-fills the struct (make_unique value-initialises it), so padding bytes are 0.
 */
export const RNG_STATE_SIZE = 5056;

function toUint64(seed: unknown): bigint {
  let s: bigint;
  if (typeof seed === "bigint") s = seed;
  else if (typeof seed === "number") {
    if (!Number.isInteger(seed)) throw new PyTypeError(`manual_seed expected a long, but got ${seed === seed ? "float" : "float"}`);
    s = BigInt(seed);
  } else if (typeof seed === "boolean") s = seed ? 1n : 0n;
  else throw new PyTypeError(`manual_seed expected a long, but got ${seed === null ? "NoneType" : typeof seed}`);
  if (s > U64 || s < -(1n << 63n)) throw new RuntimeError("Overflow when unpacking long");
  // A negative seed is reinterpreted as its two's-complement uint64, as PyTorch's binding does.
  return s < 0n ? s + (1n << 64n) : s;
}

/** A Python int returned to JS: a number when it is exact, a bigint otherwise. */
export function pyInt(v: bigint): number | bigint {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

export class Generator {
  static __module__ = "torch._C";
  static __name__ = "Generator";
  _engine: MT19937;
  _seed: bigint;
  /** at::normal_distribution<double>'s second Box-Muller value, if one is waiting. */
  _nextDoubleNormal: number | null = null;
  /** The float counterpart (only set by normal_distribution<float>, which CPU kernels don't use). */
  _nextFloatNormal: number | null = null;
  readonly device = "cpu";

  constructor(device: string | { device?: string } = "cpu") {
    const d = typeof device === "object" && device !== null ? device.device ?? "cpu" : device;
    if (String(d) !== "cpu") throw new RuntimeError(`Device type ${String(d).toUpperCase()} is not supported for torch.Generator() api.`);
    this._seed = DEFAULT_RNG_SEED;
    this._engine = new MT19937(Number(DEFAULT_RNG_SEED & 0xffffffffn));
  }

  manual_seed(seed: number | bigint): this {
    const s = toUint64(seed);
    this._seed = s;
    this._nextDoubleNormal = null;
    this._nextFloatNormal = null;
    this._engine = new MT19937(Number(s & 0xffffffffn));
    return this;
  }

  /** Reseed from the OS, as c10's getNonDeterministicRandom (a 53-bit value), and return it. */
  seed(): number {
    // Web Crypto: available in Node and in browsers
    const b = globalThis.crypto.getRandomValues(new Uint32Array(2));
    const v = (BigInt(b[0]) << 32n | BigInt(b[1])) & 0x1fffffffffffffn;
    this.manual_seed(v);
    return Number(v);
  }

  initial_seed(): number | bigint {
    return pyInt(this._seed);
  }

  // ---- raw draws (CPUGeneratorImpl::random / random64) -------------------------------------

  random(): number {
    return this._engine.nextUint32();
  }
  /** random64() as a bigint: the first 32-bit draw is the high word. */
  random64(): bigint {
    const hi = this._engine.nextUint32();
    const lo = this._engine.nextUint32();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }
  /** uniform_real_distribution<double>(0,1): low 53 bits of random64() times 2^-53. */
  uniform53(): number {
    const hi = this._engine.nextUint32() & 0x1fffff;
    const lo = this._engine.nextUint32();
    return (hi * 4294967296 + lo) * 1.1102230246251565e-16;
  }
  /** uniform_real_distribution<float>(0,1): low 24 bits of random() times 2^-24 (exact in float). */
  uniform24(): number {
    return (this._engine.nextUint32() & 0xffffff) * 5.960464477539063e-8;
  }

  // ---- state -------------------------------------------------------------------------------

  get_state(): Tensor {
    const buf = new Uint8Array(RNG_STATE_SIZE);
    const dv = new DataView(buf.buffer);
    dv.setBigUint64(0, this._seed, true);
    dv.setInt32(8, this._engine.left, true);
    dv.setInt32(12, 1, true);
    dv.setBigUint64(16, BigInt(this._engine.next), true);
    const st = this._engine.state;
    for (let i = 0; i < MT_N; i++) dv.setUint32(24 + 8 * i, st[i], true); // high words stay 0
    if (this._nextDoubleNormal !== null) {
      dv.setFloat64(5024, this._nextDoubleNormal, true);
      dv.setInt32(5040, 1, true);
    }
    if (this._nextFloatNormal !== null) {
      dv.setFloat32(5048, this._nextFloatNormal, true);
      buf[5052] = 1;
    }
    return Tensor.fromData(buf, [RNG_STATE_SIZE], uint8);
  }

  set_state(new_state: Tensor): this {
    if (!(new_state instanceof Tensor)) throw new PyTypeError(`expected a torch.ByteTensor, but got ${typeof new_state}`);
    if (new_state.dtype !== uint8) throw new RuntimeError(`expected a torch.ByteTensor, but got ${new_state.dtype.legacyName === "ByteTensor" ? "torch.ByteTensor" : "torch." + new_state.dtype.legacyName}`);
    const n = new_state.numel();
    if (n !== RNG_STATE_SIZE)
      throw new RuntimeError(`Expected a CPUGeneratorImplState of size ${RNG_STATE_SIZE} but found the input RNG state size to be ${n}`);
    const bytes = Uint8Array.from(new_state._contiguousValues() as ArrayLike<number>);
    const dv = new DataView(bytes.buffer);
    const engine = new MT19937(0);
    for (let i = 0; i < MT_N; i++) engine.state[i] = dv.getUint32(24 + 8 * i, true); // std::copy truncates u64 -> u32
    engine.left = dv.getInt32(8, true);
    engine.next = dv.getUint32(16, true);
    const seeded = dv.getInt32(12, true);
    if (!(seeded !== 0 && engine.left > 0 && engine.left <= MT_N && engine.next <= MT_N)) throw new RuntimeError("Invalid mt19937 state");
    this._engine = engine;
    this._seed = dv.getBigUint64(0, true);
    this._nextFloatNormal = bytes[5052] !== 0 ? dv.getFloat32(5048, true) : null;
    this._nextDoubleNormal = dv.getInt32(5040, true) !== 0 ? dv.getFloat64(5024, true) : null;
    return this;
  }

  clone_state(): Generator {
    const g = new Generator();
    g._engine = this._engine.clone();
    g._seed = this._seed;
    g._nextDoubleNormal = this._nextDoubleNormal;
    g._nextFloatNormal = this._nextFloatNormal;
    return g;
  }

  __repr__(): string {
    return `<torch._C.Generator object at 0x7f0000000000>`;
  }
}

/**
 * torch.default_generator. PyTorch 1.13 seeds it from /dev/urandom at start-up (initial_seed()
 * differs between runs), so no unseeded PyTorch stream can be reproduced; we start from the
 * fixed seed a fresh torch.Generator() has, so unseeded tsgrad programs are at least repeatable.
 */
export const default_generator = new Generator();

export function manual_seed(seed: number | bigint): Generator {
  return default_generator.manual_seed(seed);
}
export function seed(): number {
  return default_generator.seed();
}
export function initial_seed(): number | bigint {
  return default_generator.initial_seed();
}
export function get_rng_state(): Tensor {
  return default_generator.get_state();
}
export function set_rng_state(new_state: Tensor): void {
  default_generator.set_state(new_state);
}

/** The generator a sampling call uses: its `generator=` argument, else the default. */
export function genOrDefault(g: unknown): Generator {
  if (g === null || g === undefined) return default_generator;
  if (!(g instanceof Generator)) throw new PyTypeError(`expected a torch.Generator, but got ${typeof g}`);
  return g;
}
