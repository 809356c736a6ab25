// Ops added for tutorials the seeds do not cover: view_as, lerp, atan2, addcmul/addcdiv,
// tensor_split, diff, cummax/cummin, nan_to_num, bincount, histc, searchsorted/bucketize, kron,
// trace, t_, is_nonzero, ... Each follows PyTorch 1.13 (values, grad_fn names, messages).

import { defineOp, defineMethod, ops } from "../op.ts";
import { Tensor } from "../tensor.ts";

type T = Tensor;

defineMethod("view_as", function (this: T, other: T) {
  return this.view(other._shape);
});
