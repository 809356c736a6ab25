// The numpy arrays Paddle 2.0 hands out for `x.grad`, `x.gradient()` and `x.numpy()`:
// @tsgrad/numpy's ndarray over a copy of the values (numpy's str: `[2. 4. 6.]`).

import { Tensor } from "@tsgrad/core";
import { NDArray } from "@tsgrad/numpy";

export function toNumpy(t: Tensor): NDArray {
  const vals = t._contiguousValues();
  const copy = Tensor.fromData(vals === t._storage ? vals.slice() : vals, t._shape.slice(), t.dtype);
  return new NDArray(copy);
}

export { NDArray };
