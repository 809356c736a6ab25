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
 * Work (multiply-adds) from which a backend call is used. Matmul: below it, the TS kernel sums
 * every output in k order with float32 rounding, as the reference BLAS of Debian's PyTorch does
 * (bit-exact, packages/torch/test/blas_order.test.ts) but slowly (~0.3-0.6 GFLOP/s here);
 * onnxruntime (MLAS) is 20-50x faster but blocks its sums, so its results differ from
 * PyTorch's in the last bits. 2^16 keeps tutorial-sized products exact at a cost of at most
 * ~0.3 ms per call (measured: 32x100x100 1.4 ms exact vs 0.05 ms onnxruntime; 64x128x10
 * 0.7 ms vs 0.03 ms; the call overhead of onnxruntime is ~10 µs).
 */
export const fastThresholds = { matmulMacs: 64 * 1024, convMacs: 64 * 64 * 64 };
