// Result dtypes of ops from their operands, following PyTorch's three priority groups.

import { Tensor } from "./tensor.ts";
import { type DType, combineCategories, promote_types, scalarDtype, get_default_dtype, bool, int64 } from "./dtype.ts";

export function result_type(...operands: Array<Tensor | number | bigint | boolean>): DType {
  let dim: DType | null = null;
  let zero: DType | null = null;
  let wrapped: DType | null = null;
  for (const o of operands) {
    if (o instanceof Tensor) {
      if (o._shape.length > 0) dim = dim === null ? o.dtype : promote_types(dim, o.dtype);
      else zero = zero === null ? o.dtype : promote_types(zero, o.dtype);
    } else {
      const d = scalarDtype(o);
      wrapped = wrapped === null ? d : promote_types(wrapped, d);
    }
  }
  return combineCategories(dim, combineCategories(zero, wrapped)) ?? get_default_dtype();
}

/** The dtype of an op that always computes in floating point (div, exp, mean of ints...). */
export function floatResult(d: DType): DType {
  return d.kind === "float" ? d : get_default_dtype();
}

export { bool, int64 };
