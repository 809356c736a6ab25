// numpy's dtypes over the core's DType objects. `arr.dtype` is an NpDType (str `float32`, repr
// `dtype('float32')`); `np.float32` etc. are the scalar types (callable: `np.float32(0.1)`),
// accepted wherever a dtype is, as numpy accepts them.

import { TypeError_ as PyTypeError } from "@tsgrad/py";
import { type DType, float64, float32, int64, int32, int16, int8, uint8, bool } from "@tsgrad/core";
import { float32Scalar } from "./scalar.ts";

export class NpDType {
  static __name__ = "dtype";
  constructor(readonly core: DType) {}
  get name(): string {
    return this.core.name;
  }
  get itemsize(): number {
    return this.core.itemsize;
  }
  /** numpy's one-letter kind code: 'f', 'i', 'u', 'b'. */
  get kind(): string {
    return this.core.kind === "float" ? "f" : this.core.kind === "bool" ? "b" : this.core.name === "uint8" ? "u" : "i";
  }
  get type(): ScalarType {
    return scalarTypes[this.core.name]!;
  }
  toString(): string {
    return this.core.name;
  }
  __str__(): string {
    return this.core.name;
  }
  __repr__(): string {
    return `dtype('${this.core.name}')`;
  }
  /** `a.dtype == np.float32` (numpy compares a dtype with anything np.dtype() accepts). */
  __eq__(other: unknown): boolean {
    try {
      return toCoreDtype(other) === this.core;
    } catch {
      return false;
    }
  }
  __ne__(other: unknown): boolean {
    return !this.__eq__(other);
  }
}

const dtypeObjects = new Map<DType, NpDType>();
/** The one NpDType per core dtype (numpy's builtin dtypes are singletons too). */
export function npDtype(d: DType): NpDType {
  let o = dtypeObjects.get(d);
  if (!o) dtypeObjects.set(d, (o = new NpDType(d)));
  return o;
}

/** A numpy scalar type: `np.float32(x)` makes a scalar, `print(np.float32)` shows the class. */
export interface ScalarType {
  (value?: unknown): unknown;
  readonly __name__: string;
  readonly dtype: NpDType;
  __repr__(): string;
}

function scalarType(name: string, d: DType, make: (v: number) => unknown): ScalarType {
  const f = ((value: unknown = 0) => make(scalarValue(value, d))) as any;
  Object.defineProperty(f, "name", { value: name });
  f.__name__ = name;
  f.dtype = npDtype(d);
  // prints as a class (`<class 'float32'>`: @tsgrad/py has no module prefix for classes)
  Object.defineProperty(f, Symbol.for("tsgrad.pyClass"), { value: true });
  f.__repr__ = () => `<class 'numpy.${name}'>`;
  f.__str__ = f.__repr__;
  f.toString = f.__repr__;
  return f as ScalarType;
}

function scalarValue(v: unknown, d: DType): number {
  const n = typeof v === "boolean" ? (v ? 1 : 0) : Number(v);
  if (d.kind === "int") return Math.trunc(n);
  if (d.kind === "bool") return n !== 0 ? 1 : 0;
  return n;
}

// Scalars made here follow scalar.ts (a float64 scalar is a JS number marked to print as a
// float when integral; float32 keeps its own shortest repr).
import { asFloat } from "@tsgrad/py";
export const scalarTypes: Record<string, ScalarType> = {
  float64: scalarType("float64", float64, (v) => asFloat(v)),
  float32: scalarType("float32", float32, (v) => float32Scalar(v)),
  int64: scalarType("int64", int64, (v) => v),
  int32: scalarType("int32", int32, (v) => v | 0),
  int16: scalarType("int16", int16, (v) => (v << 16) >> 16),
  int8: scalarType("int8", int8, (v) => (v << 24) >> 24),
  uint8: scalarType("uint8", uint8, (v) => v & 255),
  bool: scalarType("bool_", bool, (v) => v !== 0),
};

const byName: Record<string, DType> = {
  float64: float64, float32: float32, int64: int64, int32: int32, int16: int16, int8: int8, uint8: uint8, bool: bool,
  double: float64, single: float32, float: float64, int: int64, bool_: bool, f8: float64, f4: float32, i8: int64, i4: int32,
  i2: int16, i1: int8, u1: uint8, "?": bool,
};

/** Anything numpy accepts as a dtype argument, to the core DType. */
export function toCoreDtype(d: unknown): DType {
  if (d instanceof NpDType) return d.core;
  if (typeof d === "function" && (d as any).dtype instanceof NpDType) return (d as any).dtype.core;
  if (typeof d === "string" && byName[d]) return byName[d]!;
  if (d && typeof d === "object" && "itemsize" in d && "kind" in d && "ctor" in d) return d as DType;
  // Python's builtin float/int/bool classes as dtypes (`dtype=float`)
  if (typeof d === "function" && ["float", "int", "bool"].includes((d as any).__name__)) return byName[(d as any).__name__]!;
  throw new PyTypeError(`data type ${typeof d === "string" ? `'${d}'` : String(d)} not understood`);
}

/** np.dtype(x). */
export function dtype(d: unknown): NpDType {
  return npDtype(toCoreDtype(d));
}
