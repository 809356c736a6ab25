// PyTorch 1.13's CPU sampling kernels (aten/src/ATen/native/cpu/DistributionTemplates.h,
// core/DistributionsHelper.h, core/TransformationHelper.h), one per distribution, writing
// into a tensor's storage. Element order is the order cpu_serial_kernel visits: the output's
// memory order (TensorIterator sorts dimensions by stride), which for contiguous tensors is
// row-major.
//
// Build facts the golden fixtures pin down (Debian's libtorch 1.13.1, AVX2 kernels, no MKL):
// - float32 uniform draws use one 32-bit word (24 bits), float64 draws one random64() (53 bits);
//   `x * (to - from) + from` is contracted to a fused multiply-add by the compiler.
// - randn/normal_ on >= 16 contiguous float32 elements runs normal_fill_AVX2 (avx_mathfun's
//   float32 log/sincos); contiguous float64 runs normal_fill with libm's double log/cos/sin;
//   anything else runs at::normal_distribution<double>, which caches its second value.
// - libm's double log/sin/cos are glibc 2.36's FMA variants, reproduced bit for bit in libm.ts
//   (V8's Math.log/sin/cos differ from them in a few percent of cases).

import { RuntimeError } from "@tsgrad/py";
import type { Tensor } from "../tensor.ts";
import { float32, float64, int64, bool as boolDtype, type DType } from "../dtype.ts";
import { isContiguous, positions } from "../kernels/strided.ts";
import type { Generator } from "./generator.ts";
import { fma32, normalFill16F32 } from "./float32_math.ts";
import { cos as libmCos, fma, log as libmLog, sin as libmSin } from "./libm.ts";

const f = Math.fround;
const TWO_PI_F = f(2 * Math.PI);
const TWO_PI = 2 * Math.PI;

/** Storage positions of t's elements in the order PyTorch's serial kernels visit them. */
export function memoryOrder(t: Tensor): ArrayLike<number> {
  const n = t.numel();
  if (isContiguous(t._shape, t._strides)) {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = t._offset + i;
    return out;
  }
  const pos = positions(t._shape, t._strides, t._offset);
  return Array.from(pos).sort((a, b) => a - b);
}

/** For paired kernels (bernoulli with a tensor p): self's memory order and the matching logical indices. */
export function memoryOrderWithIndex(t: Tensor): { pos: number[]; idx: number[] } {
  const pos = Array.from(positions(t._shape, t._strides, t._offset));
  const idx = pos.map((_, i) => i);
  if (!isContiguous(t._shape, t._strides)) idx.sort((a, b) => pos[a] - pos[b]);
  return { pos: idx.map((i) => pos[i]), idx };
}

function isFloat(d: DType): boolean {
  return d.kind === "float";
}

const dtypeLabel: Record<string, string> = {
  float32: "Float", float64: "Double", int64: "Long", int32: "Int", int16: "Short", int8: "Char", uint8: "Byte", bool: "Bool",
};
export function notImplemented(kernel: string, d: DType): RuntimeError {
  return new RuntimeError(`"${kernel}" not implemented for '${dtypeLabel[d.name]}'`);
}

// ---- uniform -----------------------------------------------------------------------------

export function uniformFill(t: Tensor, from: number, to: number, g: Generator): void {
  const d = t.dtype;
  if (!isFloat(d)) throw notImplemented("check_uniform_bounds", d);
  const s = t._storage;
  if (d === float32 && s instanceof Float32Array && isContiguous(t._shape, t._strides)) {
    // contiguous float32 (every weight a layer initialises): memory order is o, o + 1, ...; no
    // position table (it would be 4 bytes per element: 400 MB for vgg11's first Linear)
    const a = f(from), b = f(to);
    const range = f(b - a);
    const o = t._offset, n = t.numel();
    if (a === 0 && b === 1) for (let i = 0; i < n; i++) s[o + i] = g.uniform24();
    else for (let i = 0; i < n; i++) s[o + i] = fma32(g.uniform24(), range, a);
    return;
  }
  const order = memoryOrder(t);
  const n = order.length;
  if (d === float32) {
    const a = f(from), b = f(to);
    const range = f(b - a);
    if (a === 0 && b === 1) for (let i = 0; i < n; i++) s[order[i]] = g.uniform24();
    else for (let i = 0; i < n; i++) s[order[i]] = fma32(g.uniform24(), range, a);
  } else {
    const range = to - from;
    if (from === 0 && to === 1) for (let i = 0; i < n; i++) s[order[i]] = g.uniform53();
    else for (let i = 0; i < n; i++) s[order[i]] = fma64(g.uniform53(), range, from);
  }
}

/** Single-rounding a*b + c in doubles, as vfmadd does (exact emulation, see libm.ts). */
export const fma64 = fma;

// ---- normal ------------------------------------------------------------------------------

/** at::normal_distribution<double>: Box-Muller with the second value cached on the generator. */
export function normalDouble(g: Generator, mean: number, std: number): number {
  const cached = g._nextDoubleNormal;
  if (cached !== null) {
    g._nextDoubleNormal = null;
    return fma64(cached, std, mean);
  }
  const u1 = g.uniform53();
  const u2 = g.uniform53();
  const r = Math.sqrt(-2.0 * libmLog(1.0 - u2));
  const theta = TWO_PI * u1;
  g._nextDoubleNormal = r * libmSin(theta);
  return fma64(r * libmCos(theta), std, mean);
}

/** normal_fill_16_AVX2 (float32): the 8-lane kernel in float32_math.ts. */
function normalFill16Float(s: Float32Array | Float64Array, base: number, mean: number, std: number): void {
  normalFill16F32(s, base, mean, std, TWO_PI_F);
}

function normalFill16Double(s: Float32Array | Float64Array, base: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - s[base + j];
    const u2 = s[base + j + 8];
    const radius = Math.sqrt(-2 * libmLog(u1));
    const theta = TWO_PI * u2;
    s[base + j] = fma64(radius * libmCos(theta), std, mean);
    s[base + j + 8] = fma64(radius * libmSin(theta), std, mean);
  }
}

export function normalFill(t: Tensor, mean: number, std: number, g: Generator): void {
  const d = t.dtype;
  if (!isFloat(d)) throw notImplemented("normal_kernel_cpu", d);
  if (!(std >= 0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${std}`);
  const size = t.numel();
  const s = t._storage as Float32Array | Float64Array;
  if (size >= 16 && isContiguous(t._shape, t._strides)) {
    const o = t._offset;
    const single = d === float32;
    const draw = single ? () => g.uniform24() : () => g.uniform53();
    const fill16 = single ? normalFill16Float : normalFill16Double;
    const m = single ? f(mean) : mean;
    const sd = single ? f(std) : std;
    if (single) for (let i = 0; i < size; i++) s[o + i] = g.uniform24();
    else for (let i = 0; i < size; i++) s[o + i] = g.uniform53();
    for (let i = 0; i + 16 <= size; i += 16) fill16(s, o + i, m, sd);
    if (size % 16 !== 0) {
      // PyTorch redraws the last 16 uniforms and transforms them again
      const b = o + size - 16;
      for (let i = 0; i < 16; i++) s[b + i] = draw();
      fill16(s, b, m, sd);
    }
    return;
  }
  const order = memoryOrder(t);
  for (let i = 0; i < order.length; i++) s[order[i]] = normalDouble(g, mean, std);
}

// ---- integers ------------------------------------------------------------------------------

const TWO32 = 4294967296;

/** uniform_int_from_to_distribution: (random() or random64()) % range + base. */
export function randomFromToFill(t: Tensor, range: bigint, base: bigint, g: Generator): void {
  const d = t.dtype;
  const s = t._storage;
  const order = memoryOrder(t);
  const n = order.length;
  const wide = (d === int64 || d === float64 || d === float32) && range >= 1n << 32n;
  if (!wide && range <= BigInt(TWO32)) {
    const r = Number(range), b = Number(base);
    for (let i = 0; i < n; i++) s[order[i]] = castInt((g.random() % r) + b, d);
    return;
  }
  const full = range === 1n << 64n; // random_(int64 min, None): the raw 64-bit word
  for (let i = 0; i < n; i++) {
    const v = wide ? g.random64() : BigInt(g.random());
    s[order[i]] = castInt(Number(BigInt.asIntN(64, full ? v : (v % range) + base)), d);
  }
}

function castInt(v: number, d: DType): number {
  if (d === boolDtype) return v !== 0 ? 1 : 0;
  return v; // typed arrays wrap narrower ints modulo 2^bits, as static_cast does
}

const digitsOf: Record<string, number> = { float32: 24, float64: 53 };
const maxOf: Record<string, bigint> = {
  int64: (1n << 63n) - 1n, int32: 2147483647n, int16: 32767n, int8: 127n, uint8: 255n,
};

const cTypeName: Record<string, string> = {
  int64: "long int", int32: "int", int16: "short int", int8: "signed char", uint8: "unsigned char", bool: "bool",
};
const minOf: Record<string, bigint> = { int64: -(1n << 63n), int32: -2147483648n, int16: -32768n, int8: -128n, uint8: 0n, bool: 0n };

/** random_(from, to) / randint: both ends must fit the integer dtype (floats only warn in PyTorch). */
export function checkFromTo(d: DType, from: bigint, toInc: bigint): void {
  if (d.kind === "float") return;
  const lo = minOf[d.name], hi = d === boolDtype ? 1n : maxOf[d.name];
  if (!(from >= lo && from <= hi)) throw new RuntimeError(`from is out of bounds for ${cTypeName[d.name]}`);
  if (!(toInc >= lo && toInc <= hi)) throw new RuntimeError(`to - 1 is out of bounds for ${cTypeName[d.name]}`);
}

/** random_() with no bounds: uniform_int_distribution. */
export function randomFill(t: Tensor, g: Generator): void {
  const d = t.dtype;
  const s = t._storage;
  const order = memoryOrder(t);
  const n = order.length;
  for (let i = 0; i < n; i++) {
    let v: number;
    if (d === boolDtype) v = g.random() & 1;
    else if (d === float64) v = Number(g.random64() % ((1n << 53n) + 1n));
    else if (d === float32) v = g.random() % (2 ** 24 + 1);
    else if (d === int64) v = Number(g.random64() % (maxOf.int64 + 1n));
    else v = g.random() % (Number(maxOf[d.name]) + 1);
    s[order[i]] = v;
  }
}

/** The bounds random_(from, to) checks and the range it passes on. */
export function randomBounds(d: DType, from: bigint, to: bigint | null): { range: bigint; base: bigint } | "full" {
  if (to === null) {
    if (d.kind === "float") {
      to = (1n << BigInt(digitsOf[d.name])) + 1n;
    } else if (d === boolDtype) to = 2n;
    else {
      if (d === int64 && from === -(1n << 63n)) return "full";
      to = maxOf[d.name] + 1n;
    }
    if (from >= to) throw new RuntimeError(`random_ expects 'from' casted to dtype to be less than or equal to 'to_inc' casted to dtype, but got from=${from} > to_inc=${to - 1n}`);
    return { range: to - from, base: from };
  }
  if (from >= to) throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=${from} >= to=${to}`);
  checkFromTo(d, from, to - 1n);
  return { range: to - from, base: from };
}

// ---- randperm --------------------------------------------------------------------------------

/** randperm_cpu: Fisher-Yates from the front, z = random() % (n - i). */
export function randpermFill(out: Float64Array | Int32Array | Float32Array | Int16Array | Int8Array | Uint8Array, n: number, g: Generator): void {
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const z = g.random() % (n - i);
    const sav = out[i];
    out[i] = out[z + i];
    out[z + i] = sav;
  }
}

// ---- bernoulli / exponential -------------------------------------------------------------------

/** bernoulli_(float p): bernoulli_distribution<double>, one random64() per element. */
export function bernoulliScalarFill(t: Tensor, p: number, g: Generator): void {
  if (!(p >= 0 && p <= 1)) throw new RuntimeError(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
  const s = t._storage;
  const order = memoryOrder(t);
  for (let i = 0; i < order.length; i++) s[order[i]] = g.uniform53() < p ? 1 : 0;
}

/** bernoulli_(Tensor p): double p uses 53-bit draws, any other float p 24-bit float draws. */
export function bernoulliTensorFill(t: Tensor, pVals: ArrayLike<number>, pDtype: DType, g: Generator): void {
  const s = t._storage;
  const { pos, idx } = memoryOrderWithIndex(t);
  const dbl = pDtype === float64;
  for (let i = 0; i < pos.length; i++) {
    const p = pVals[idx[i]];
    if (!(p >= 0 && p <= 1)) throw new RuntimeError("Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)");
    s[pos[i]] = (dbl ? g.uniform53() : g.uniform24()) < p ? 1 : 0;
  }
}

/** exponential_(lambd): exponential_distribution<double>, -1/lambda * log(1 - u). */
export function exponentialFill(t: Tensor, lambd: number, g: Generator): void {
  if (!isFloat(t.dtype)) throw notImplemented("exponential_cpu", t.dtype);
  if (!(lambd >= 0)) throw new RuntimeError(`exponential_ expects lambda >= 0.0, but found lambda=${lambd}`);
  const s = t._storage;
  const order = memoryOrder(t);
  const k = -1.0 / lambd;
  for (let i = 0; i < order.length; i++) s[order[i]] = k * libmLog(1.0 - g.uniform53());
}
