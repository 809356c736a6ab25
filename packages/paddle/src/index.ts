// @tsgrad/paddle: the `paddle` module (import paddle from "@tsgrad/paddle").
//
// Version profiles (see version.ts): paddle.__version_profile__("2.0") is the default and is
// what seed 004's document shows (gradients as numpy arrays, intermediates keep gradients,
// `place=CPUPlace`); paddle.__version_profile__("2.4") behaves as the later 2.x releases.

import * as core from "@tsgrad/core";
import { Tensor, paddleDialect } from "@tsgrad/core";
import * as py from "@tsgrad/py";
import "./fast.ts";
import "./tensor.ts";
import * as creation from "./creation.ts";
import * as math from "./math.ts";
import { seed } from "./random.ts";
import { __version_profile__, profile, usePaddleDtypeNames } from "./version.ts";
import { asCore } from "./mode.ts";
import { paddlePrintOptions } from "./repr.ts";
import optimizer from "./optimizer.ts";
import nn from "./nn/index.ts";
import models from "./vision/models.ts";

// dtype objects print as Paddle prints them once a program uses paddle (VarType.FP32 in 2.0)
usePaddleDtypeNames();

function set_printoptions(opts: { precision?: number; threshold?: number; edgeitems?: number; sci_mode?: boolean } = {}) {
  Object.assign(paddlePrintOptions, Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)));
}

/** paddle.grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, ...) */
function grad(outputs: Tensor | Tensor[], inputs: Tensor | Tensor[], kw: Record<string, any> = {}) {
  const outs = outputs instanceof Tensor ? [outputs] : outputs;
  const ins = inputs instanceof Tensor ? [inputs] : inputs;
  const seeds = outs.map((o, i) => {
    const g = kw.grad_outputs?.[i];
    if (g) return g;
    const one = Tensor.empty(o._shape.slice(), o.dtype, paddleDialect);
    one._storage.fill(1);
    return one;
  });
  const create = Boolean(kw.create_graph ?? false);
  const got = asCore(() => core.runBackward(outs, seeds, { retain_graph: Boolean(kw.retain_graph ?? create), create_graph: create, captureInputs: ins }));
  return got.map((g, i) => {
    if (g === null && !kw.allow_unused)
      throw new py.RuntimeError(`The ${i}-th input does not appear in the backward graph. Please check the input tensor or set allow_unused=True to get None result.`);
    if (g !== null) g._dialect = paddleDialect;
    return g;
  });
}

const { toDtype: _toDtype, inPaddle: _inPaddle, ...factories } = creation;

const paddle = {
  ...factories,
  ...math,
  ...math.unary,
  Tensor,
  optimizer,
  nn,
  vision: { models },
  seed,
  grad,
  __version_profile__,
  get __version__() {
    return profile().version;
  },
  float32: core.float32,
  float64: core.float64,
  int64: core.int64,
  int32: core.int32,
  int16: core.int16,
  int8: core.int8,
  uint8: core.uint8,
  bool: core.bool,
  no_grad: core.no_grad,
  enable_grad: core.enable_grad,
  set_grad_enabled: core.set_grad_enabled,
  is_grad_enabled: core.is_grad_enabled,
  get_default_dtype: () => core.get_default_dtype().name,
  set_default_dtype: (d: string | core.DType) => core.set_default_dtype(creation.toDtype(d)!),
  set_printoptions,
  is_tensor: (x: unknown) => x instanceof Tensor,
  numel: (x: Tensor) => creation.to_tensor(BigInt(x.numel())),
  CPUPlace: () => ({ __repr__: () => "CPUPlace", __str__: () => "CPUPlace" }),
  set_device: (d: string) => d,
  get_device: () => "cpu",
  in_dynamic_mode: () => true,
  disable_static: () => undefined,
  RuntimeError: py.RuntimeError,
  TypeError: py.TypeError,
  ValueError: py.ValueError,
  IndexError: py.IndexError,
};

export type Paddle = typeof paddle & Record<string, any>;
const paddleNs = paddle as Paddle;
export default paddleNs;
export { Tensor, __version_profile__ };
export const { to_tensor, zeros, ones, full, arange, rand, randn, randint, matmul, sum, mean, add_n, no_grad } = paddleNs;
