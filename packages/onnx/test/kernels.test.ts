// onnxruntime's kernels must compute what the plain definitions compute.
import { describe, expect, it } from "vitest";
import { matmul, conv2d, conv2dInputGrad } from "@tsgrad/onnx";
import { status } from "../src/index.ts";
import { inputGradTuning } from "../src/kernels.ts";

function rand(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1);
}

function refMatmul(a: Float32Array, b: Float32Array, batch: number, m: number, k: number, n: number) {
  const out = new Float64Array(batch * m * n);
  for (let z = 0; z < batch; z++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let acc = 0;
        for (let p = 0; p < k; p++) acc += a[z * m * k + i * k + p] * b[z * k * n + p * n + j];
        out[z * m * n + i * n + j] = acc;
      }
  return out;
}

function refConv(x: Float32Array, w: Float32Array, N: number, C: number, H: number, W: number, O: number, K: number, pad: number) {
  const oh = H + 2 * pad - K + 1, ow = W + 2 * pad - K + 1;
  const out = new Float64Array(N * O * oh * ow);
  for (let n = 0; n < N; n++) for (let o = 0; o < O; o++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) {
    let acc = 0;
    for (let c = 0; c < C; c++) for (let u = 0; u < K; u++) for (let v = 0; v < K; v++) {
      const y = i + u - pad, xx = j + v - pad;
      if (y < 0 || y >= H || xx < 0 || xx >= W) continue;
      acc += x[((n * C + c) * H + y) * W + xx] * w[((o * C + c) * K + u) * K + v];
    }
    out[((n * O + o) * oh + i) * ow + j] = acc;
  }
  return out;
}

const close = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  expect(worst).toBeLessThan(1e-5);
};

describe("onnxruntime kernels", () => {
  it("loads (the CI machine has onnxruntime-node)", () => {
    expect(status()).toEqual({ available: true, reason: "" });
  });
  it("batched matmul on odd shapes", () => {
    for (const [batch, m, k, n] of [[1, 1, 1, 1], [2, 3, 5, 7], [3, 17, 33, 9], [1, 70, 64, 65]]) {
      const a = rand(batch * m * k, 1), b = rand(batch * k * n, 2);
      close(matmul(a, b, batch, m, k, n)!, refMatmul(a, b, batch, m, k, n));
    }
  });
  it("conv2d and its input gradient (adjoint identity <conv(x), dy> = <x, convT(dy)>)", () => {
    const [N, C, H, W, O, K, pad] = [2, 3, 7, 6, 4, 3, 1];
    const x = rand(N * C * H * W, 3), w = rand(O * C * K * K, 4);
    const args = { n: N, c: C, h: H, w: W, o: O, kh: K, kw: K, stride: [1, 1] as [number, number], padding: [pad, pad] as [number, number], dilation: [1, 1] as [number, number], groups: 1 };
    const y = conv2d(x, w, null, args)!;
    close(y, refConv(x, w, N, C, H, W, O, K, pad));
    const dy = rand(y.length, 5);
    const dx = conv2dInputGrad(dy, w, args, H, W)!;
    let lhs = 0, rhs = 0;
    for (let i = 0; i < y.length; i++) lhs += y[i] * dy[i];
    for (let i = 0; i < x.length; i++) rhs += x[i] * dx[i];
    expect(Math.abs(lhs - rhs) / Math.abs(lhs)).toBeLessThan(1e-5);
  });
  it("the input gradient as a Conv of the flipped weight equals ConvTranspose (groups, dilation, rectangular kernels, batches)", () => {
    const cases: Array<[number, number, number, number, number, number, number, number, number, number, number]> = [
      // n, c, h, w, o, kh, kw, pad h, pad w, dilation, groups
      [2, 6, 9, 8, 4, 3, 3, 1, 1, 1, 1],
      [1, 8, 11, 10, 6, 3, 3, 0, 0, 1, 2],
      [3, 4, 12, 9, 8, 2, 4, 1, 2, 1, 4],
      [1, 6, 14, 13, 6, 3, 3, 2, 1, 2, 3],
      [2, 5, 7, 7, 3, 1, 1, 0, 0, 1, 1],
    ];
    const saved = inputGradTuning.flipConvMinPositions;
    try {
      for (const [n, c, h, w, o, kh, kw, ph, pw, d, groups] of cases) {
        const a = { n, c, h, w, o, kh, kw, stride: [1, 1] as [number, number], padding: [ph, pw] as [number, number], dilation: [d, d] as [number, number], groups };
        const oh = h + 2 * ph - d * (kh - 1), ow = w + 2 * pw - d * (kw - 1);
        const wt = rand((o * c * kh * kw) / groups, 7), dy = rand(n * o * oh * ow, 8);
        inputGradTuning.flipConvMinPositions = 0;
        const flipped = conv2dInputGrad(dy, wt, a, oh, ow)!;
        inputGradTuning.flipConvMinPositions = Infinity;
        const transposed = conv2dInputGrad(dy, wt, a, oh, ow)!;
        close(flipped, transposed);
      }
    } finally {
      inputGradTuning.flipConvMinPositions = saved;
    }
  });
});
