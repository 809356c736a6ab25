// @tsgrad/torch: the `torch` module, shaped as Python's (see porting.md).

import * as core from "@tsgrad/core";
import { Tensor, torchDialect, dialectFunctions } from "@tsgrad/core";
import autograd from "@tsgrad/autograd";
import nn, { save, load } from "@tsgrad/nn";
import optim from "@tsgrad/optim";
import * as py from "@tsgrad/py";
import * as onnx from "@tsgrad/onnx";
import { finfo, iinfo } from "./type_info.ts";
import data from "./utils_data.ts";
import { from_numpy, wrapTensor, makeAsTensor, installNumpyBridge } from "./numpy_bridge.ts";
import { installAliases } from "./aliases.ts";
import { einsum } from "./einsum.ts";
import { legacyTypes } from "./legacy.ts";
import { meshgrid } from "./extra_fns.ts";

// Large matmul/conv go to onnxruntime when it loads; small ops never leave TypeScript.
onnx.register();
let numThreads = 2;

const fns = dialectFunctions(torchDialect);
installNumpyBridge();
const aliases = installAliases(fns);
const tensorFn = wrapTensor(fns.tensor);

/** torch.cuda and torch.backends as a machine without CUDA or MPS reports them: tutorials pick
 *  their device with `"cuda" if torch.cuda.is_available() else "cpu"`. */
const cuda = {
  is_available: () => false,
  device_count: () => 0,
  is_initialized: () => false,
  manual_seed: (_seed: number | bigint) => undefined,
  manual_seed_all: (_seed: number | bigint) => undefined,
  synchronize: () => {
    throw new py.AssertionError("Torch not compiled with CUDA enabled");
  },
  current_device: () => {
    throw new py.AssertionError("Torch not compiled with CUDA enabled");
  },
};
const backends = {
  mps: { is_available: () => false, is_built: () => false },
  cuda: { is_built: () => false },
  cudnn: { enabled: true, benchmark: false, deterministic: false, is_available: () => false },
};

/** A class Python code calls without `new` (`torch.Size([2, 3])`, `torch.Generator()`). */
function callableClass<C extends new (...a: any[]) => any>(cls: C): C & ((...args: ConstructorParameters<C>) => InstanceType<C>) {
  const wrapped = new Proxy(cls, {
    apply: (target, _self, args) => Reflect.construct(target, args),
  });
  // `type(x.shape) === torch.Size`
  Object.defineProperty(cls.prototype, "constructor", { value: wrapped, writable: true, configurable: true, enumerable: false });
  return wrapped as any;
}
const Size = callableClass(core.Size);
const Generator = callableClass(core.Generator);

const torch = {
  ...fns,
  ...aliases,
  ...legacyTypes,
  tensor: tensorFn,
  einsum,
  meshgrid,
  arctan2: fns.atan2,
  linalg: {
    vector_norm: fns.linalg_vector_norm, matrix_norm: fns.linalg_matrix_norm, norm: fns.linalg_norm,
    inv: fns.linalg_inv, det: fns.linalg_det, slogdet: fns.linalg_slogdet, solve: fns.linalg_solve,
    LinAlgError: core._LinAlgError,
  },
  as_tensor: makeAsTensor(tensorFn),
  from_numpy,
  cuda,
  backends,
  Tensor,
  Size,
  finfo: callableClass(finfo),
  iinfo: callableClass(iinfo),
  broadcast_tensors: core.broadcast_tensors,
  autograd,
  utils: { data },
  nn,
  optim,
  save,
  load,
  Generator,
  default_generator: core.default_generator,
  manual_seed: core.manual_seed,
  seed: core.seed,
  initial_seed: core.initial_seed,
  get_rng_state: core.get_rng_state,
  set_rng_state: core.set_rng_state,
  float32: core.float32, float: core.float32,
  float64: core.float64, double: core.float64,
  int64: core.int64, long: core.int64,
  int32: core.int32, int: core.int32,
  int16: core.int16, short: core.int16,
  int8: core.int8,
  uint8: core.uint8,
  bool: core.bool,
  no_grad: core.no_grad,
  enable_grad: core.enable_grad,
  inference_mode: core.inference_mode,
  set_grad_enabled: core.set_grad_enabled,
  is_grad_enabled: core.is_grad_enabled,
  get_default_dtype: core.get_default_dtype,
  set_default_dtype: core.set_default_dtype,
  promote_types: core.promote_types,
  result_type: core.result_type,
  set_printoptions: core.set_printoptions,
  is_tensor: (x: unknown) => x instanceof Tensor,
  set_num_threads: (n: number) => {
    numThreads = n;
    onnx.set_num_threads(n);
  },
  get_num_threads: () => numThreads,
  is_floating_point: (x: Tensor) => x.is_floating_point(),
  numel: (x: Tensor) => x.numel(),
  device: (type: string, index?: number) => new core.Device(type.split(":")[0], index ?? (type.includes(":") ? Number(type.split(":")[1]) : null)),
  RuntimeError: py.RuntimeError,
  TypeError: py.TypeError,
  ValueError: py.ValueError,
  IndexError: py.IndexError,
  KeyError: py.KeyError,
  AttributeError: py.AttributeError,
  NotImplementedError: py.NotImplementedError,
  __version__: "1.13.0",
};

export type Torch = typeof torch & Record<string, any>;
const torchNs = torch as Torch;
export default torchNs;
export { Tensor, autograd, nn, optim };
export const { tensor, zeros, ones, full, arange, linspace, eye, no_grad, enable_grad, set_grad_enabled } = torchNs;
