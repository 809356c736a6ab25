// The JSON encoding of checkpoint contents shared with gen_checkpoints.py and
// verify_with_torch.py (see the comment at the top of gen_checkpoints.py): loading a fixture
// and encoding it must give exactly the JSON PyTorch wrote for it.

import { Tensor, DType, Size, type TypedArray } from "@tsgrad/core";
import { PyDict, OrderedDict, PyTuple, PyFloat, isFloatValue } from "@tsgrad/py";
import { isParameter } from "../src/parameter.ts";

export function encodeValue(v: unknown, storages = new Map<TypedArray, number>()): unknown {
  if (v instanceof Tensor) {
    const st = v._storage as TypedArray;
    if (!storages.has(st)) storages.set(st, storages.size);
    const vals = Array.from(v._contiguousValues() as ArrayLike<number>);
    return {
      tensor: {
        dtype: v.dtype.name,
        shape: v._shape.slice(),
        stride: v._strides.slice(),
        offset: v._offset,
        storage: storages.get(st),
        storage_numel: st.length,
        requires_grad: v.requires_grad,
        parameter: isParameter(v),
        values: v.dtype.name === "bool" ? vals.map((x) => x !== 0) : vals,
      },
    };
  }
  if (v instanceof Size) return { size: [...v] };
  if (v instanceof DType) return { dtype: v.name };
  if (v instanceof PyDict) {
    const md = Object.getOwnPropertyDescriptor(v, "_metadata")?.value;
    return {
      dict: [...v._map.entries()].map(([k, x]) => [encodeValue(k, storages), encodeValue(x, storages)]),
      ordered: v instanceof OrderedDict,
      metadata: md === undefined ? null : encodeValue(md, storages),
    };
  }
  // what tsgrad saves as a plain dict
  if (v instanceof Map || (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype)) {
    const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
    return { dict: entries.map(([k, x]) => [encodeValue(k, storages), encodeValue(x, storages)]), ordered: false, metadata: null };
  }
  if (v instanceof PyTuple) return { tuple: v.map((x) => encodeValue(x, storages)) };
  if (Array.isArray(v)) return { list: v.map((x) => encodeValue(x, storages)) };
  if (v instanceof PyFloat) return { float: v.valueOf() };
  if (typeof v === "number") return isFloatValue(v) ? { float: v } : v;
  if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) && BigInt(Number(v)) === v ? Number(v) : { int: v.toString() };
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  throw new Error(`cannot encode ${String(v)}`);
}
