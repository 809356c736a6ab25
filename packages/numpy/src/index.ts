// @tsgrad/numpy: `import np from "@tsgrad/numpy"`, the numpy the tutorials use beside the
// frameworks (manual backprop with np.array, np.matmul, .T, `w -= LR*grad`, np.random).
//
// Design: a thin NDArray class wrapping a core Tensor, not a fourth Dialect profile.
// - One op, one place: every elementwise op, matmul, cast and view runs the core's kernel on
//   the wrapped tensor (which never requires grad, so nothing records a graph). What the
//   wrapper adds is only what numpy decides differently: result dtypes (numpy's promotion
//   table and weak Python scalars, promote.ts), operands cast to that dtype before the core op
//   runs (so the core's PyTorch promotion never applies), 0-d results unwrapped to numpy
//   scalars, same_kind casting for in-place ops, numpy's summation order (reduce.ts) and
//   printing through the core's numpy formatter.
// - A Dialect profile could not carry this: a dialect changes how the core's tensors print
//   and name things, but numpy differs in the method surface itself (`sum(axis=)` returns a
//   scalar, `a.T`, `shape` is a tuple, `mean` of ints is float64, `a[i]` of a 1-d array is a
//   scalar), so each Tensor method would need a numpy branch. The wrapper keeps numpy's rules
//   in this package and leaves core/src/dialect.ts untouched.
//
// Versions: numpy 1.24 is the reference; the fixtures are generated with the numpy at hand
// (test/gen_fixtures.py records which) on cases where 1.24 and 2.x agree.

import { NDArray } from "./ndarray.ts";
import * as creation from "./creation.ts";
import * as fns from "./functions.ts";
import * as random from "./random.ts";
import { dtype, scalarTypes, NpDType } from "./dtype.ts";

export { NDArray, NDArray as ndarray } from "./ndarray.ts";
export { array, asarray, zeros, ones, full, empty, zeros_like, ones_like, full_like, arange, linspace, eye } from "./creation.ts";
export * from "./functions.ts";
export { dtype, NpDType } from "./dtype.ts";
export { Float32Scalar } from "./scalar.ts";
export { random };

export const float64 = scalarTypes.float64!;
export const float32 = scalarTypes.float32!;
export const int64 = scalarTypes.int64!;
export const int32 = scalarTypes.int32!;
export const int16 = scalarTypes.int16!;
export const int8 = scalarTypes.int8!;
export const uint8 = scalarTypes.uint8!;
export const bool_ = scalarTypes.bool!;
export const double = float64;
export const single = float32;
export const newaxis = null;
export const pi = Math.PI;
export const e = Math.E;
export const inf = Infinity;
export const nan = NaN;

const np = {
  ndarray: NDArray,
  ...creation,
  ...fns,
  random,
  dtype,
  NpDType,
  float64, float32, int64, int32, int16, int8, uint8, bool_, double, single,
  newaxis, pi, e, inf, nan,
};
delete (np as any)._fromValues;
export default np;
