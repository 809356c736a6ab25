// The legacy tensor types of PyTorch 1.13 (torch.FloatTensor, torch.LongTensor, ...): callable as
// constructors (from data, from sizes, or empty), usable with isinstance (`x instanceof
// torch.FloatTensor`), and as the argument of `x.type(...)`. Sizes give zero-filled tensors where
// PyTorch leaves memory uninitialised (its values are never reproducible anyway).

import { Tensor, Size, DType, dtypes, defineMethod, ops } from "@tsgrad/core";
import { TypeError as PyTypeError, ValueError, typeName } from "@tsgrad/py";

export interface LegacyType {
  (...args: unknown[]): Tensor;
  dtype: DType;
  __name__: string;
  __module__: string;
}

const LEGACY = Symbol.for("tsgrad.legacyTensorType");

function optionsText(d: DType): string {
  const c: Record<string, string> = { float32: "float", float64: "double", int64: "long int", int32: "int", int16: "short int", int8: "signed char", uint8: "unsigned char", bool: "bool" };
  return `TensorOptions(dtype=${c[d.name]}, device=cpu, layout=Strided, requires_grad=false (default), pinned_memory=false (default), memory_format=(nullopt))`;
}

function makeLegacy(d: DType): LegacyType {
  const name = d.legacyName;
  const ctor = function (...args: unknown[]): Tensor {
    if (args.length === 0) return ops.zeros.call([0], { dtype: d }) as Tensor;
    const a0 = args[0];
    if (args.length === 1 && a0 instanceof Tensor) {
      if (a0.dtype !== d) throw new PyTypeError(`expected ${optionsText(d)} (got ${optionsText(a0.dtype)})`);
      return a0;
    }
    if (args.length === 1 && a0 instanceof Size) return ops.zeros.call([...a0], { dtype: d }) as Tensor;
    if (args.length === 1 && (Array.isArray(a0) || (a0 !== null && typeof a0 === "object" && Symbol.iterator in (a0 as object))))
      return ops.tensor.call(Array.isArray(a0) ? a0 : [...(a0 as Iterable<unknown>)], { dtype: d }) as Tensor;
    for (const v of args)
      if (typeof v !== "number" && typeof v !== "bigint") throw new PyTypeError(`new(): invalid data type '${typeName(v)}'`);
    return ops.zeros.call(args.map(Number), { dtype: d }) as Tensor;
  } as LegacyType;
  Object.defineProperty(ctor, "name", { value: name });
  ctor.dtype = d;
  ctor.__name__ = name;
  ctor.__module__ = "torch";
  (ctor as any)[LEGACY] = true;
  Object.defineProperty(ctor, Symbol.hasInstance, { value: (x: unknown) => x instanceof Tensor && x.dtype === d && x.device.type === "cpu" });
  return ctor;
}

export const legacyTypes: Record<string, LegacyType> = {};
for (const d of Object.values(dtypes)) legacyTypes[d.legacyName] = makeLegacy(d);

// x.type(torch.FloatTensor), x.type('torch.FloatTensor'), x.type(torch.float64), x.type()
const baseType = (Tensor.prototype as any).type as (this: Tensor, d?: unknown) => unknown;
defineMethod("type", function (this: Tensor, d?: unknown, ...rest: unknown[]) {
  if (d !== null && d !== undefined && typeof d === "object" && !(d instanceof DType) && "dtype" in (d as object) && rest.length === 0) {
    // keyword form: x.type({ dtype: ... })
    d = (d as { dtype: unknown }).dtype;
  }
  if (typeof d === "function" && (d as any)[LEGACY]) return baseType.call(this, (d as LegacyType).dtype);
  if (typeof d === "string") {
    const found = Object.values(dtypes).find((x) => `torch.${x.legacyName}` === d);
    if (!found) throw new ValueError(`invalid type: '${d}'`);
    return baseType.call(this, found);
  }
  return baseType.call(this, d as any);
});
