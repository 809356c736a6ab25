// Small products run on a one-thread session (sessionOptions.singleThreadMacs): the sums must be the
// ones the two-thread session computes, bit for bit, on both sides of the threshold.
import { describe, expect, it } from "vitest";
import { gemm, matmul } from "../src/kernels.ts";
import { loadRuntime, sessionOptions, threadsFor, clearSessions } from "../src/session.ts";

function rand(n: number, seed: number): Float32Array {
  let x = seed >>> 0;
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 2;
  return a;
}

describe.runIf(loadRuntime() !== null)("onnxruntime thread count", () => {
  it("uses one thread below the threshold only", () => {
    expect(threadsFor(64 * 256 * 10)).toBe(1);
    expect(threadsFor(sessionOptions.singleThreadMacs)).toBe(sessionOptions.threads);
  });
  it("one and two threads give the same bits", () => {
    // W5's products (forward, both backward layouts) and larger ones
    const shapes: [number, number, number, boolean, boolean][] = [
      [64, 256, 10, false, true], [10, 64, 256, true, false], [64, 10, 256, false, false],
      [64, 784, 256, false, true], [256, 64, 784, true, false], [200, 300, 150, false, false],
    ];
    const saved = sessionOptions.threads;
    try {
      for (const [m, k, n, ta, tb] of shapes) {
        const a = rand(m * k, m + k), b = rand(k * n, k + n);
        const got: Float32Array[] = [];
        for (const t of [1, 2]) {
          sessionOptions.threads = t;
          clearSessions();
          got.push(gemm(a, b, m, k, n, ta, tb)!.slice(), matmul(a, b, 1, m, k, n)!.slice());
        }
        expect(Buffer.from(got[0].buffer).equals(Buffer.from(got[2].buffer))).toBe(true);
        expect(Buffer.from(got[1].buffer).equals(Buffer.from(got[3].buffer))).toBe(true);
      }
    } finally {
      sessionOptions.threads = saved;
      clearSessions();
    }
  });
});
