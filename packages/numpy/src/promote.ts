// numpy's type promotion. Arrays promote by numpy's table (which differs from PyTorch's:
// int64 with float32 is float64 in numpy). Python scalars are "weak", as in numpy 1.24: a
// Python float (JS number) only decides the dtype when no array is floating (then float64);
// a Python int (bigint) only when every array is bool (then int64), or, value-based, when it
// does not fit the integer arrays' dtype (int8 array + 1000n is int16, as 1.24 does; numpy 2
// raises OverflowError there instead). 0-d arrays count as arrays (numpy 2's NEP 50 rule).

import { type DType, float64, float32, int64, int32, int16, int8, uint8, bool } from "@tsgrad/core";

export type Weak = number | bigint | boolean;

const intRange: Array<[DType, number, number]> = [
  [int8, -128, 127], [uint8, 0, 255], [int16, -32768, 32767], [int32, -(2 ** 31), 2 ** 31 - 1], [int64, -(2 ** 63), 2 ** 63 - 1],
];

/** numpy.promote_types for the dtypes tsgrad has. */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === bool) return b;
  if (b === bool) return a;
  if (a.kind === "float" || b.kind === "float") {
    if (a === float64 || b === float64) return float64;
    // float32 holds int8/uint8/int16 exactly; int32/int64 need float64
    const other = a === float32 ? b : a;
    return other.kind === "float" || other.itemsize <= 2 ? float32 : float64;
  }
  // both integer
  if (a === uint8 || b === uint8) {
    const s = a === uint8 ? b : a;
    return s === int8 ? int16 : s;
  }
  return a.itemsize >= b.itemsize ? a : b;
}

function fits(d: DType, v: number): boolean {
  const r = intRange.find((x) => x[0] === d);
  return r === undefined || (v >= r[1] && v <= r[2]);
}

/** Smallest integer dtype holding v (numpy's min_scalar_type, signed where needed). */
function minIntType(v: number, preferUnsigned: boolean): DType {
  for (const [d, lo, hi] of intRange) {
    if (d === int8 && preferUnsigned && v >= 0 && v <= 255) return uint8;
    if (v >= lo && v <= hi) return d;
  }
  return int64;
}

/** The result dtype of a ufunc over arrays of `dtypes` and weak Python scalars `scalars`. */
export function resultType(dtypes: readonly DType[], scalars: readonly Weak[] = []): DType {
  if (dtypes.length === 0) {
    // only Python scalars: their default types
    let d: DType | null = null;
    for (const s of scalars) {
      const sd = typeof s === "boolean" ? bool : typeof s === "bigint" ? int64 : float64;
      d = d === null ? sd : promoteTypes(d, sd);
    }
    return d ?? float64;
  }
  let d = dtypes.reduce(promoteTypes);
  for (const s of scalars) {
    if (typeof s === "boolean") continue;
    if (typeof s === "bigint") {
      if (d === bool) d = int64;
      else if (d.kind === "int" && !fits(d, Number(s))) d = promoteTypes(d, minIntType(Number(s), d === uint8));
      continue;
    }
    if (d.kind !== "float") d = float64;
  }
  return d;
}

/** numpy's can_cast(from, to, casting='same_kind'), for in-place ops (`w -= lr*grad`). */
export function canCastSameKind(from: DType, to: DType): boolean {
  const order = { bool: 0, int: 1, float: 2 } as const;
  return order[from.kind] <= order[to.kind];
}
