// dtypes and PyTorch's type promotion. int64 values live in Float64Array storage: every value a
// tutorial makes fits in 2^53, and BigInt64Array arithmetic would cost ~50x per element.

export type DTypeName = "float64" | "float32" | "int64" | "int32" | "int16" | "int8" | "uint8" | "bool";
export type Kind = "float" | "int" | "bool";
export type TypedArray = Float32Array | Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array;
type ArrayCtor = { new (n: number | ArrayLike<number>): TypedArray };

/**
 * How a dtype object prints. A DType is one object shared by every dialect (`torch.float32 ===
 * flow.float32`, and `t.dtype === flow.float32` must hold), so its repr cannot come from the
 * object: it is the prefix of the dialect namespace the program used last. Each dialect's module
 * sets it when loaded and every call through its namespace (namespace.ts inDialect) sets it
 * again, so `print(x.dtype)` after `x = flow.ones(2)` shows `oneflow.float32`.
 */
export const dtypeNaming: { prefix: string; format: ((d: DType) => string) | null } = { prefix: "torch", format: null };

export class DType {
  static __module__ = "torch";
  static __name__ = "dtype";
  /** Rank in the promotion lattice (bool < uint8/int8 < int16 < int32 < int64 < float32 < float64). */
  constructor(
    readonly name: DTypeName,
    readonly itemsize: number,
    readonly kind: Kind,
    readonly rank: number,
    readonly ctor: ArrayCtor,
    /** Name PyTorch uses for the legacy tensor type (`torch.FloatTensor`) in error messages. */
    readonly legacyName: string,
  ) {}
  get is_floating_point(): boolean {
    return this.kind === "float";
  }
  get is_signed(): boolean {
    return this.name !== "uint8" && this.name !== "bool";
  }
  /** `torch.float32` or `oneflow.float32`: the prefix of the namespace the program last called
   *  (dtypeNaming); dtypes are shared objects, so `t.dtype === flow.float32` holds. */
  toString(): string {
    // a dialect whose dtypes do not print as `<prefix>.<name>` (Paddle 2.0's VarType.FP32) sets a format
    return dtypeNaming.format !== null ? dtypeNaming.format(this) : `${dtypeNaming.prefix}.${this.name}`;
  }
  __repr__(): string {
    return this.toString();
  }
}

export const float64 = new DType("float64", 8, "float", 7, Float64Array, "DoubleTensor");
export const float32 = new DType("float32", 4, "float", 6, Float32Array, "FloatTensor");
export const int64 = new DType("int64", 8, "int", 5, Float64Array, "LongTensor");
export const int32 = new DType("int32", 4, "int", 4, Int32Array, "IntTensor");
export const int16 = new DType("int16", 2, "int", 3, Int16Array, "ShortTensor");
export const int8 = new DType("int8", 1, "int", 2, Int8Array, "CharTensor");
export const uint8 = new DType("uint8", 1, "int", 2, Uint8Array, "ByteTensor");
export const bool = new DType("bool", 1, "bool", 0, Uint8Array, "BoolTensor");

export const dtypes: Record<DTypeName, DType> = { float64, float32, int64, int32, int16, int8, uint8, bool };

let defaultDtype: DType = float32;
export function get_default_dtype(): DType {
  return defaultDtype;
}
export function set_default_dtype(d: DType): void {
  if (d.kind !== "float") throw new TypeError("only floating-point types are supported as the default type");
  defaultDtype = d;
}

/** promote_types(a, b): the smallest dtype both convert to without losing their category. */
export function promote_types(a: DType, b: DType): DType {
  if (a === b) return a;
  // uint8 and int8 share a rank but neither holds the other: int16 holds both.
  if ((a === uint8 && b === int8) || (a === int8 && b === uint8)) return int16;
  return a.rank >= b.rank ? a : b;
}

const kindOrder: Record<Kind, number> = { bool: 0, int: 1, float: 2 };

/**
 * PyTorch's result_type: operands fall in three priority groups (tensors with dims, 0-dim
 * tensors, Python scalars); a lower group only changes the result when its category (bool <
 * int < float) is higher than that of the groups above it.
 */
export function combineCategories(higher: DType | null, lower: DType | null): DType | null {
  if (higher === null) return lower;
  if (lower === null) return higher;
  if (higher.kind === "float") return higher;
  if (higher === bool || lower.kind === "float") return promote_types(higher, lower);
  return higher;
}

export function scalarDtype(v: number | bigint | boolean): DType {
  if (typeof v === "boolean") return bool;
  if (typeof v === "bigint") return int64;
  return defaultDtype;
}

export function isKindHigher(a: DType, b: DType): boolean {
  return kindOrder[a.kind] > kindOrder[b.kind];
}

/** Convert a JS value to what a storage of dtype `d` holds (truncation for ints, 0/1 for bool). */
export function castValue(v: number, d: DType): number {
  switch (d.kind) {
    case "float":
      return v;
    case "bool":
      return v !== 0 ? 1 : 0;
    default:
      if (d === int64) return Number.isFinite(v) ? Math.trunc(v) : v !== v ? -9223372036854775808 : v > 0 ? -9223372036854775808 : -9223372036854775808;
      return Math.trunc(v); // the typed array wraps modulo 2^bits, as C casts do on these machines
  }
}
