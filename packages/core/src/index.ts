// @tsgrad/core: dtypes, strided tensors, the op table, autograd and printing. Dialect packages
// (@tsgrad/torch, @tsgrad/oneflow) shape this into the Python modules' namespaces.

import "./ops/arith.ts";
import "./ops/views.ts";
import "./ops/reduce.ts";
import "./ops/creation.ts";
import "./ops/convert.ts";
import "./ops/minmax.ts";
import "./ops/norms.ts";
import "./ops/linalg.ts";
import "./ops/join.ts";
import "./ops/indexing.ts";
import "./ops/extra.ts";
import "./ops/lapack.ts";
import "./ops/inplace.ts";
import "./tensor_methods.ts";

export { Tensor, Device, cpuDevice } from "./tensor.ts";
export { Size } from "./size.ts";
export * from "./dtype.ts";
export { ops, defineOp, defineMethod, Ctx, attachOutputs, fitGradient, gradName, type Op, type OpDef } from "./op.ts";
export { bindArgs, parseSignature, isKwargs } from "./signature.ts";
export { no_grad, enable_grad, inference_mode, set_grad_enabled, is_grad_enabled, gradState, withGradMode } from "./autograd/grad_mode.ts";
export { Node, AccumulateGrad, SavedVariable } from "./autograd/node.ts";
export { runBackward, makeRootGrads } from "./autograd/engine.ts";
export { result_type } from "./promote.ts";
export { torchDialect, oneflowDialect, paddleDialect, dialectState, type Dialect } from "./dialect.ts";
export { tensorFromData } from "./ops/creation.ts";
export { broadcast_tensors } from "./ops/views.ts";
export { applyInplace, checkInplace } from "./ops/inplace.ts";
export * as printing from "./printing/index.ts";
export { set_printoptions, get_printoptions, printOptions } from "./printing/index.ts";
export { objectAddress } from "./address.ts";
export { dialectFunctions, inDialect } from "./namespace.ts";
export * from "./random/index.ts";
export { registerBackend, backendFor, parseDevice, isHost, deviceOf, hostStorage, denseCopy, emptyLike, filledOn, HostReadError, GENERIC, deviceState, deviceSample, type SampleKind, type Backend, type DeviceStorage, type Expr, type ElementExpr } from "./kernels/backends.ts";
export { fetchValues } from "./tensor_methods.ts";
export { erf, erff, erfinvFloat, erfinvDouble, fmaf } from "./kernels/erf.ts";
export * as sleefF32 from "./kernels/sleef_f32_more.ts";
export * as glibcF32 from "./kernels/glibc_f32.ts";
export { expf as sleefExpf, expfGlibc, tanhf as sleefTanhf, logf as sleefLogf } from "./kernels/sleef_f32.ts";
export { mapRowsF32, cpuKernelVecF32 } from "./kernels/unary_f32.ts";
export * as sleefF64 from "./kernels/sleef_f64.ts";
export * as glibcF64 from "./kernels/glibc_f64.ts";
export { mapRowsF64, cpuKernelVecF64, vmlTrigF64 } from "./kernels/unary_f64.ts";
export { fastKernels, fastThresholds, type FastKernels, type Conv2dArgs } from "./kernels/fast.ts";
export { _LinAlgError } from "./ops/lapack.ts";
