// Devices other than the CPU. A backend package (@tsgrad/webgpu) registers itself here; the core
// stays ignorant of how it stores or computes. A tensor's device is its storage's: CPU storage
// is a TypedArray, device storage is an object with a `device` field (so views, detach() and
// `x.data = y` carry the device along without any bookkeeping of their own).
//
// op.ts `run()` asks `deviceOfArgs` for every op while any device tensor exists and, for a
// device call, lets the backend compute the forward; autograd bookkeeping stays in run().

import { RuntimeError, NotImplementedError } from "@tsgrad/py";
import { Device, Tensor, cpuDevice } from "../tensor.ts";
import type { TypedArray, DType } from "../dtype.ts";
import type { Op, Ctx } from "../op.ts";

/** Storage that lives on a device. Indexing it like a TypedArray throws a HostReadError. */
export interface DeviceStorage {
  readonly device: Device;
  /** Number of elements (as TypedArray.length). */
  readonly length: number;
  /** The values as the CPU would store them, if a read has fetched them since the last write. */
  hostValues(): TypedArray | null;
  /** Fetch the values (and keep them as hostValues until the next write). */
  read(): Promise<TypedArray>;
}

/** Element expression for a device kernel, written next to the CPU element function (see docs/webgpu.md). */
export interface ElementExpr {
  /** WGSL expression over operands a, b, c and scalars p0, p1... (e.g. "a + p0 * b"). */
  e: string;
  p?: number[];
}
export type Expr = string | ElementExpr | null | undefined;

export interface Backend {
  /** Parse the index of "webgpu:1" (null for "webgpu"). */
  device(index: number | null): Device;
  /**
   * Forward of `op` on device arguments: return the outputs, or `GENERIC` to run the op's own
   * forward (whose kernel primitives then call `unary`/`binary`/`ternary`/`copy`).
   */
  forward(op: Op, ctx: Ctx, bound: unknown[], device: Device): unknown;
  /** A device copy of a CPU tensor (or the reverse when `device` is the CPU; sync only after a read). */
  transfer(t: Tensor, device: Device): Tensor;
  unary(a: Tensor, dtype: DType, expr: Expr, name: string): Tensor;
  binary(a: Tensor | number, b: Tensor | number, dtype: DType, expr: Expr, name: string): Tensor;
  ternary(a: Tensor, b: Tensor, c: Tensor, dtype: DType, expr: Expr, name: string): Tensor;
  /** A new contiguous device tensor (contents unspecified). */
  empty(shape: number[], dtype: DType, device: Device, dialect?: Tensor["_dialect"]): Tensor;
  /** A reduction over `dims` (kinds: sum, max, min, softmax_max, sumexp), times `scale`. */
  reduce(t: Tensor, dims: number[], outShape: number[], dtype: DType, kind: string, scale: number): Tensor;
  /** out[b] = a[b] @ b[b] for strided [batch,] M x K and K x N operands (ops/linalg.ts product). */
  matmul(a: Tensor, b: Tensor, outShape: number[], batch: number, M: number, K: number, N: number): Tensor;
  /** dst (strided) = src broadcast and cast, or a scalar fill. */
  copy(dst: Tensor, src: Tensor | number): void;
  /**
   * Fill t in place with draws from the device's own generator (uniform_, normal_, bernoulli_,
   * exponential_, random_, dropout's mask). `gen` is the `generator=` argument or null.
   */
  sample?(t: Tensor, kind: SampleKind, a: number, b: number, gen: unknown): void;
}

/** uniform [a, b); normal (mean a, std b); bernoulli (p = a); exponential (lambd = a); random: integers in [b, b + a). */
export type SampleKind = "uniform" | "normal" | "bernoulli" | "exponential" | "random";

/** In-place draws into a device tensor, through its backend's generator. */
export function deviceSample(t: Tensor, kind: SampleKind, a: number, b: number, gen: unknown): void {
  const dev = deviceOf(t);
  const be = backendFor(dev);
  if (be.sample === undefined) throw new NotImplementedError(`random draws are not implemented for the ${dev.type} device (${dev})`);
  be.sample(t, kind, a, b, gen);
}

export const GENERIC = Symbol("generic forward");

const backends = new Map<string, Backend>();
/** True once a backend is registered: until then run() does no device checks at all. */
export const deviceState = { active: false, op: "" };

export function registerBackend(type: string, backend: Backend): void {
  backends.set(type, backend);
  deviceState.active = true;
}

export function backendFor(device: Device): Backend {
  const b = backends.get(device.type);
  if (!b) throw new RuntimeError(`no backend registered for device type '${device.type}'`);
  return b;
}

/** "webgpu", "webgpu:0", "cpu", a Device. Unknown types keep the CPU's wording. */
export function parseDevice(spec: string | Device): Device {
  if (spec instanceof Device) return spec.type === "cpu" ? cpuDevice : backendFor(spec).device(spec.index);
  const [type, idx] = String(spec).split(":");
  if (type === "cpu") return cpuDevice;
  const b = backends.get(type);
  if (!b) {
    const known = ["cpu", ...backends.keys()].join(", ");
    throw new RuntimeError(`Expected one of ${known} device type at start of device string: ${spec}`);
  }
  return b.device(idx === undefined ? null : Number(idx));
}

export function isHost(t: Tensor): boolean {
  return (t._storage as unknown as { device?: Device }).device === undefined;
}

export function deviceOf(t: Tensor): Device {
  return (t._storage as unknown as { device?: Device }).device ?? cpuDevice;
}

/** Raised when CPU code meets device storage; run() turns it into "no kernel for this op". */
export class HostReadError extends RuntimeError {}

export function syncReadError(t: Tensor): HostReadError {
  const dev = deviceOf(t);
  return new HostReadError(
    `the values of a ${dev.type} tensor live on the device (${dev}) and reading them is asynchronous: ` +
      `use \`await t.cpu_async()\`, \`await t.item_async()\`, \`await t.tolist_async()\` or \`await print_async(t)\` ` +
      `(after one of those, synchronous reads of t work until it is written again; see docs/webgpu.md)`,
  );
}

/**
 * The values of a tensor's storage on the host: the storage itself, or a device tensor's fetched
 * copy. Inside a device op's forward a fetched copy is not used (unless `inOp`): an op without a
 * device kernel then fails the same way whether or not its input happened to be fetched.
 */
export function hostStorage(t: Tensor, inOp = false): TypedArray {
  if (isHost(t)) return t._storage;
  if (deviceState.op !== "" && !inOp) throw new HostReadError(`CPU code read the values of a ${deviceOf(t)} tensor`);
  const v = (t._storage as unknown as DeviceStorage).hostValues();
  if (v === null) throw syncReadError(t);
  return v;
}

/** The one device of an op's tensor arguments, or null when all are on the CPU. */
export function deviceOfArgs(op: Op, bound: unknown[]): Device | null {
  let found: Device | null = null;
  let cpuSeen = false;
  for (const i of op.tensorParams) {
    const v = bound[i];
    const list = Array.isArray(v) ? v : [v];
    for (const t of list) {
      if (!(t instanceof Tensor)) continue;
      const d = (t._storage as unknown as { device?: Device }).device;
      // 0-dim CPU tensors mix with device tensors, as PyTorch lets CPU scalars mix with CUDA ones
      if (d === undefined) {
        if (t._shape.length !== 0) cpuSeen = true;
      } else if (found === null) found = d;
      else if (found !== d) throw mixedDevices(found, d);
    }
  }
  if (found !== null && cpuSeen) throw mixedDevices(found, cpuDevice);
  if (found === null && op.deviceParam >= 0) {
    const spec = bound[op.deviceParam] as string | Device | null;
    if (spec != null) {
      const d = parseDevice(spec);
      if (d !== cpuDevice) return d;
    }
  }
  return found;
}

function mixedDevices(a: Device, b: Device): RuntimeError {
  return new RuntimeError(`Expected all tensors to be on the same device, but found at least two devices, ${a} and ${b}!`);
}

/** A device call: the backend's forward, with CPU code meeting device storage reported clearly. */
export function deviceForward(op: Op, ctx: Ctx, bound: unknown[], device: Device): any {
  // a transfer's result is on its target device: moving "fresh CPU results" back to the
  // device (below) would turn t.to("cpu") into a no-op
  if (op.name === "_to_device") return op.forward(ctx, ...bound);
  const b = backendFor(device);
  const prev = deviceState.op;
  deviceState.op = op.name;
  try {
    const out = b.forward(op, ctx, bound, device);
    if (out !== GENERIC) return moveOutputs(out, device, bound);
    // A generic forward either computes with device kernels, or builds a result from metadata
    // alone (zeros_like, a factory with device=): such a CPU result is moved to the device.
    return moveOutputs(op.forward(ctx, ...bound), device, bound);
  } catch (e) {
    if (e instanceof HostReadError && !(e instanceof NotImplementedError))
      throw new NotImplementedError(
        `The operator '${op.name}' is not implemented for the ${device.type} device (${device}): move its inputs to the CPU with .cpu() / await t.cpu_async()`,
      );
    throw e;
  } finally {
    deviceState.op = prev;
  }
}

function moveOutputs(res: any, device: Device, bound: unknown[]): any {
  if (res instanceof Tensor) {
    if (!isHost(res) || res._shape === undefined) return res;
    if (bound.includes(res)) return backendFor(device).transfer(res, device);
    // a fresh CPU result: give it device storage in place, keeping requires_grad and identity
    res._storage = backendFor(device).transfer(res, device)._storage;
    return res;
  }
  if (Array.isArray(res)) {
    for (let i = 0; i < res.length; i++) res[i] = moveOutputs(res[i], device, bound);
  }
  return res;
}

/** Kernel primitives call this first: a backend when an operand is on a device, else null. */
export function deviceOfOperands(a: unknown, b?: unknown, c?: unknown): Device | null {
  for (const t of [a, b, c]) if (t instanceof Tensor && !isHost(t)) return deviceOf(t);
  return null;
}

/** A contiguous copy with no graph, on the tensor's own device (engine and in-place snapshots). */
export function denseCopy(t: Tensor): Tensor {
  if (isHost(t)) return Tensor.fromData(t._contiguousValues().slice() as TypedArray, t._shape.slice(), t.dtype, t._dialect);
  const out = backendFor(deviceOf(t)).unary(t, t.dtype, "a", "clone");
  return out;
}

/** Zeros / a filled tensor on a device (autograd's implicit gradients). */
export function filledOn(shape: number[], dtype: DType, value: number, device: Device, dialect?: Tensor["_dialect"]): Tensor {
  if (device === cpuDevice) {
    const t = Tensor.empty(shape, dtype, dialect);
    if (value !== 0) t._storage.fill(value);
    return t;
  }
  const b = backendFor(device);
  const t = b.empty(shape, dtype, device, dialect);
  b.copy(t, value);
  return t;
}

/** An uninitialised tensor shaped like x, on x's device. */
export function emptyLike(x: Tensor, dtype: DType = x.dtype): Tensor {
  if (isHost(x)) return Tensor.empty(x._shape.slice(), dtype, x._dialect);
  return backendFor(deviceOf(x)).empty(x._shape.slice(), dtype, deviceOf(x), x._dialect);
}
