// The contiguous-run sum (kernels/sum_run.ts) against the general cascade_sum it shortcuts: the
// same bits for every length around the vector width, the cascade level boundaries and beyond.
import { describe, expect, it } from "vitest";
import { cascadeSumRun } from "../src/kernels/sum_run.ts";
import { cascadeSum } from "../src/kernels/cascade_sum.ts";
import { float32, float64 } from "../src/dtype.ts";

function lcg(seed: number) {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 0.7;
}

const lengths = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 511, 512, 513, 1000, 1023, 1024, 1025, 2047, 2048, 2049, 4095, 4096, 4097, 8191, 8192, 8193, 16384, 65535, 65536, 65537, 100003, 262144, 262145, 1 << 20, (1 << 20) + 7];

describe("cascadeSumRun", () => {
  for (const [name, dt, Arr] of [["float32", float32, Float32Array], ["float64", float64, Float64Array]] as const) {
    it(`matches cascade_sum bit for bit (${name})`, () => {
      const rnd = lcg(42);
      for (const n of lengths) {
        for (const off of [0, 3]) {
          const s = new Arr(n + off + 2);
          for (let i = 0; i < s.length; i++) s[i] = rnd() * (i % 7 === 0 ? 1000 : 1);
          const ref = cascadeSum(s, [n], [1], off, [0], dt)[0];
          const got = cascadeSumRun(s, off, n, dt === float32);
          expect(Object.is(got, ref) || got === ref, `n=${n} off=${off}: ${got} vs ${ref}`).toBe(true);
        }
      }
    });
  }
  it("matches a multi-dim contiguous full reduction", () => {
    const rnd = lcg(7);
    for (const shape of [[3], [2, 3], [4, 1, 9], [1, 1], [5, 8, 3], [64, 10]]) {
      const n = shape.reduce((a, b) => a * b, 1);
      const s = new Float32Array(n);
      for (let i = 0; i < n; i++) s[i] = rnd();
      const strides: number[] = [];
      let st = 1;
      for (let i = shape.length - 1; i >= 0; i--) (strides[i] = st), (st *= shape[i]);
      const ref = cascadeSum(s, shape, strides, 0, shape.map((_, i) => i), float32)[0];
      expect(cascadeSumRun(s, 0, n, true)).toBe(ref);
    }
  });
});

describe("multiRowSumFlat", () => {
  it("matches cascade_sum's multiRowSum bit for bit (columns of an outer reduction)", async () => {
    const { multiRowSumFlat } = await import("../src/kernels/sum_run.ts");
    const { multiRowSum } = await import("../src/kernels/cascade_sum.ts");
    const rnd = lcg(9);
    for (const f32 of [true, false]) {
      const lanes = f32 ? 8 : 4;
      const add = f32 ? (a: number, b: number) => Math.fround(a + b) : (a: number, b: number) => a + b;
      for (const size of [1, 2, 15, 16, 17, 64, 255, 256, 257, 4097, 70000]) {
        const stride = 4 * lanes + (size % 3) * 5; // columns of a wider matrix
        const s = new (f32 ? Float32Array : Float64Array)(size * stride + 7);
        for (let i = 0; i < s.length; i++) s[i] = rnd() * (i % 11 === 0 ? 1e4 : 1);
        const ref = multiRowSum(4, lanes, size, add, (i, k, into) => {
          for (let q = 0; q < lanes; q++) into[q] = s[3 + i * stride + k * lanes + q];
        });
        const got = Array.from(multiRowSumFlat(s, 3, stride, size, 4 * lanes, f32).subarray(0, 4 * lanes));
        const want = ref.flatMap((row) => Array.from(row));
        expect(got, `size=${size} f32=${f32}`).toEqual(want);
      }
    }
  });

  it("reduces a size-1 outer dim whose stride is 0 or anything (a batch-1 bias gradient)", async () => {
    const { cascadeSum } = await import("../src/kernels/cascade_sum.ts");
    for (const [r, c, rowStride] of [[1, 1000, 1000], [1, 40, 0], [1, 33, 7], [2, 64, 64]]) {
      const s = Float32Array.from({ length: Math.max(r * c, (r - 1) * rowStride + c) }, (_, i) => (i % 7) + 1);
      const got = Array.from(cascadeSum(s, [r, c], [rowStride, 1], 0, [0], float32));
      const want = Array.from({ length: c }, (_, j) => {
        let v = 0;
        for (let i = 0; i < r; i++) v += s[i * rowStride + j];
        return v;
      });
      expect(got, `${r}x${c} stride ${rowStride}`).toEqual(want);
    }
  });
});
