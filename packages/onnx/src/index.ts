// @tsgrad/onnx: onnxruntime-node as core's fast kernels for large matmul and convolution.
// `register()` plugs them into core; the dialects call it at import, and the core falls back
// to its own kernels for small work or when onnxruntime is unavailable.

import { fastKernels } from "@tsgrad/core";
import { conv2d, conv2dInputGrad, gemm, matmul, matmulNT } from "./kernels.ts";
import { loadRuntime, sessionOptions, unavailableReason } from "./session.ts";

export { buildModel } from "./model.ts";
export { matmul, matmulNT, gemm, conv2d, conv2dInputGrad };

/** Install the kernels; returns false (and leaves core as it was) if onnxruntime can't load. */
export function register(): boolean {
  if (loadRuntime() === null) return false;
  fastKernels.matmul = matmul;
  fastKernels.matmulNT = matmulNT;
  fastKernels.gemm = gemm;
  fastKernels.conv2d = conv2d;
  fastKernels.conv2dInputGrad = conv2dInputGrad;
  return true;
}

export function unregister(): void {
  delete fastKernels.matmul;
  delete fastKernels.matmulNT;
  delete fastKernels.gemm;
  delete fastKernels.conv2d;
  delete fastKernels.conv2dInputGrad;
}

/** torch.set_num_threads: onnxruntime's intra-op threads for sessions made from now on. */
export function set_num_threads(n: number): void {
  sessionOptions.threads = Math.max(1, Math.floor(n));
}

export function status(): { available: boolean; reason: string } {
  return { available: loadRuntime() !== null, reason: unavailableReason };
}
