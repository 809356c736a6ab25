// Raw storage bytes <-> tsgrad typed arrays, shared by the torch and safetensors formats.
// Both formats store little-endian element bytes; tsgrad keeps int64 in a Float64Array (see
// core/dtype.ts), so int64 goes through BigInt64Array and must fit in 2^53 to load exactly.

import { type DType, type TypedArray, int64, Tensor } from "@tsgrad/core";
import { RuntimeError } from "@tsgrad/py";

// Every platform Node runs on is little-endian; the formats are too. Refuse loudly otherwise.
if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new RuntimeError("tsgrad serialization needs a little-endian host");

/** The CPU storage of a tensor, or a clear refusal for device tensors. */
export function cpuStorage(t: Tensor): TypedArray {
  const s = t._storage as unknown;
  if (!ArrayBuffer.isView(s)) throw new RuntimeError(`cannot save a tensor stored on ${String(t.device)}: move it to the CPU first (t.cpu())`);
  return s as TypedArray;
}

/** The element bytes of a storage as the file holds them. */
export function storageBytes(s: TypedArray, dtype: DType): Uint8Array {
  if (dtype === int64) {
    const out = new BigInt64Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const v = s[i];
      out[i] = Number.isFinite(v) ? BigInt(Math.trunc(v)) : -(2n ** 63n);
    }
    return new Uint8Array(out.buffer);
  }
  return new Uint8Array(s.buffer, s.byteOffset, s.byteLength);
}

/** A typed array of dtype `dtype` from file bytes (copied: file bytes need not be aligned). */
export function storageFromBytes(bytes: Uint8Array, dtype: DType, what: string): TypedArray {
  if (bytes.length % dtype.itemsize !== 0) throw new RuntimeError(`${what}: ${bytes.length} bytes is not a whole number of ${dtype} elements`);
  const copy = bytes.slice();
  if (dtype === int64) {
    const src = new BigInt64Array(copy.buffer);
    const out = new Float64Array(src.length);
    const limit = 2n ** 53n;
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      if (v > limit || v < -limit)
        throw new RuntimeError(`${what}: int64 value ${v} is beyond 2^53, which tsgrad's int64 tensors (stored as float64) cannot hold exactly`);
      out[i] = Number(v);
    }
    return out;
  }
  return new (dtype.ctor as unknown as new (b: ArrayBuffer) => TypedArray)(copy.buffer);
}
