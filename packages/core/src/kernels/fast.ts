// Fast kernels for large work, plugged in by a backend package (@tsgrad/onnx registers
// onnxruntime's). Core kernels ask here first when the work is big enough to pay a backend
// call (~5 µs each); tutorial-sized ops never leave plain TypeScript.

export interface Conv2dArgs {
  n: number; c: number; h: number; w: number; // input
  o: number; kh: number; kw: number; // weight [o, c/groups, kh, kw]
  stride: [number, number]; padding: [number, number]; dilation: [number, number]; groups: number;
}

export interface FastKernels {
  /** out[b] = a[b] @ b[b] for contiguous float32 operands ([batch, m, k] x [batch, k, n]); null declines. */
  matmul?: (a: Float32Array, b: Float32Array, batch: number, m: number, k: number, n: number) => Float32Array | null;
  /** out = a[m,k] @ b[n,k]^T (b given transposed, as im2col columns are); null declines. */
  matmulNT?: (a: Float32Array, b: Float32Array, m: number, k: number, n: number) => Float32Array | null;
  /** out = op(a)[m,k] @ op(b)[k,n], each operand given as stored (transposed: [k,m] / [n,k]); null declines. */
  gemm?: (a: Float32Array, b: Float32Array, m: number, k: number, n: number, transA: boolean, transB: boolean) => Float32Array | null;
  /** NCHW conv2d forward on contiguous float32 data (bias may be null); null declines. */
  conv2d?: (x: Float32Array, w: Float32Array, bias: Float32Array | null, args: Conv2dArgs) => Float32Array | null;
  /** gradient of conv2d's input from dY (NCHW), null declines. */
  conv2dInputGrad?: (dy: Float32Array, w: Float32Array, args: Conv2dArgs, outH: number, outW: number) => Float32Array | null;
  /** gradient of conv2d's weight, null declines. */
  conv2dWeightGrad?: (x: Float32Array, dy: Float32Array, args: Conv2dArgs, outH: number, outW: number) => Float32Array | null;
}

export const fastKernels: FastKernels = {};

/**
 * Work (multiply-adds) above which a backend call pays for itself. Matmul: onnxruntime's call
 * costs ~10 µs here, the TS kernel runs ~3 GFLOP/s, and they break even near 24^3 (measured on
 * square and on the MLP's 64x256x10 shapes: 16^3 TS 7.9 µs vs ORT 10.6 µs; 24^3 15.6 vs 12.6;
 * 64x256x10 179 vs 17), so the threshold is 2^14.
 */
export const fastThresholds = { matmulMacs: 16 * 1024, convMacs: 64 * 64 * 64 };
