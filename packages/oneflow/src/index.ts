// @tsgrad/oneflow: the `oneflow` module (import flow from "@tsgrad/oneflow").
//
// Version profiles: the seed documents show two OneFlow releases.
//   flow.__version_profile__("current")  (default) torch-style printing, `dtype=oneflow.float32`
//                                         always shown, 0-dim tensors format as Python floats
//   flow.__version_profile__("legacy")   the older release of seed 000: printing through
//                                         numpy's array2string and f-strings showing the repr

import * as core from "@tsgrad/core";
import { Tensor, oneflowDialect, dialectFunctions, defineMethod } from "@tsgrad/core";
import autograd from "@tsgrad/autograd";
import { nnFor } from "@tsgrad/nn";
import optimModule from "@tsgrad/optim";
import * as py from "@tsgrad/py";
import * as onnx from "@tsgrad/onnx";
import { NDArray } from "@tsgrad/numpy";
import { installOneflowTensorApi, oneflowAutograd, from_numpy } from "./tensor_api.ts";

onnx.register();

const fns = dialectFunctions(oneflowDialect);

// dtype objects print as `oneflow.float32` once the program uses this namespace (dtype.ts)
core.dtypeNaming.prefix = "oneflow";
installOneflowTensorApi();

/** OneFlow's `zeros_()` (the d2l port uses it where torch has `zero_()`). */
defineMethod("zeros_", function (this: Tensor) {
  if (this._dialect.name !== "oneflow") throw new py.AttributeError("'Tensor' object has no attribute 'zeros_'");
  return this.zero_();
});

/** flow.tensor also takes a numpy array (the OneFlow docs do `flow.tensor(np.array([0, 1, 2]),
 *  dtype=flow.int32)`): the array's dtype unless `dtype` says otherwise. */
function flowTensor(data: unknown, ...rest: any[]) {
  if (!(data instanceof NDArray)) return fns.tensor(data, ...rest);
  const kw = (rest[rest.length - 1] ?? {}) as { dtype?: core.DType; requires_grad?: boolean };
  let t = from_numpy(data);
  if (kw.dtype && kw.dtype !== t.dtype) t = core.no_grad(() => t.to(kw.dtype));
  if (kw.requires_grad) t.requires_grad_(true);
  return t;
}

function __version_profile__(profile: "current" | "legacy"): void {
  if (profile === "legacy") {
    oneflowDialect.printStyle = "numpy";
    oneflowDialect.formatZeroDimAsNumber = false;
  } else if (profile === "current") {
    oneflowDialect.printStyle = "torch";
    oneflowDialect.formatZeroDimAsNumber = true;
  } else throw new py.ValueError(`unknown OneFlow version profile '${profile}' (expected 'current' or 'legacy')`);
}

const flow = {
  ...fns,
  Tensor,
  Size: core.Size,
  tensor: flowTensor,
  autograd: oneflowAutograd,
  nn: nnFor(oneflowDialect),
  from_numpy,
  optim: optimModule,
  Generator: core.Generator,
  manual_seed: core.manual_seed,
  seed: core.seed,
  initial_seed: core.initial_seed,
  __version_profile__,
  float32: core.float32, float: core.float32,
  float64: core.float64, double: core.float64,
  int64: core.int64, long: core.int64,
  int32: core.int32, int: core.int32,
  int8: core.int8,
  uint8: core.uint8,
  bool: core.bool,
  no_grad: core.no_grad,
  enable_grad: core.enable_grad,
  set_grad_enabled: core.set_grad_enabled,
  is_grad_enabled: core.is_grad_enabled,
  set_printoptions: core.set_printoptions,
  is_tensor: (x: unknown) => x instanceof Tensor,
  RuntimeError: py.RuntimeError,
  TypeError: py.TypeError,
  ValueError: py.ValueError,
  IndexError: py.IndexError,
};

export type Flow = typeof flow & Record<string, any>;
const flowNs = flow as Flow;
export default flowNs;
export { Tensor, autograd, NDArray };
export const nn = flowNs.nn;
export const optim = flowNs.optim;
