// The WebAssembly SIMD kernels (kernels/wasm) against the JS loops they replace: the committed
// bytes are what the WAT assembles to, and every fast path gives the plain path's bits, on
// sizes around the chunk and vector boundaries, special values, scalars, and layouts that must
// fall back (non-contiguous, broadcast, mixed dtypes).
import { afterEach, describe, expect, it } from "vitest";
import { assembleKernels } from "../wasm/assemble.ts";
import { kernelsBase64 } from "../src/kernels/wasm/kernels_bytes.ts";
import { simdAvailable, simdState } from "../src/kernels/wasm/simd.ts";
import { cascadeSumRun } from "../src/kernels/sum_run.ts";
import { Tensor } from "../src/tensor.ts";
import { float32, float64, int64, type DType } from "../src/dtype.ts";
import { dialectFunctions, torchDialect } from "../src/index.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const torch: any = dialectFunctions(torchDialect);

function lcg(seed: number) {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Random values with some NaN, ±Infinity, ±0, denormals and large magnitudes sprinkled in. */
function values(n: number, seed: number, dt: DType): Float32Array | Float64Array {
  const r = lcg(seed);
  const out = new dt.ctor(n) as Float32Array | Float64Array;
  const special = [NaN, Infinity, -Infinity, 0, -0, 1e-40, -3e-45, 1e30, 5e-324];
  for (let i = 0; i < n; i++) {
    const u = r();
    if (dt === int64) out[i] = Math.floor((u - 0.5) * 2000);
    else out[i] = u < 0.02 ? special[Math.floor(r() * special.length)] : (r() - 0.5) * 10 ** Math.floor(r() * 8 - 4);
  }
  return out;
}

function sameBits(x: ArrayLike<number>, y: ArrayLike<number>): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!(Object.is(x[i], y[i]) || (x[i] !== x[i] && y[i] !== y[i]))) return false;
  return true;
}

/** f's result on the JS loops and on the SIMD kernels; `fast` says whether SIMD must have run. */
function both<T>(f: () => T, fast = true, what = ""): [T, T] {
  simdState.disabled = true;
  const plain = f();
  simdState.disabled = false;
  const before = simdState.calls;
  const simd = f();
  expect(simdState.calls > before, `${what}: SIMD path ${fast ? "expected" : "not expected"}`).toBe(fast);
  return [plain, simd];
}

afterEach(() => {
  simdState.disabled = false;
});

describe("wasm kernels", () => {
  it("the committed bytes are what kernels_wat.ts assembles to", async () => {
    const bytes = await assembleKernels();
    expect(Buffer.from(bytes).toString("base64")).toBe(kernelsBase64);
  });

  it("are available on Node 20", () => {
    expect(simdAvailable()).toBe(true);
  });

  const sizes = [1023, 1024, 1025, 1031, 16383, 16384, 16385, 8192 * 3 + 5, 70001];
  const opNames = ["add", "sub", "mul", "div"] as const;
  for (const dt of [float32, float64, int64]) {
    it(`binary ops on dense ${dt.name} tensors give the JS loop's bits`, () => {
      for (const n of sizes) {
        const a = Tensor.fromData(values(n, n, dt), [n], dt);
        const b = Tensor.fromData(values(n, n + 1, dt), [n], dt);
        for (const op of opNames) {
          const fast = n >= simdState.minElements && !(dt === int64 && op === "div");
          const [p, f] = both(() => torch[op](a, b) as Tensor, fast, `${op} n=${n}`);
          expect(sameBits(p._storage, f._storage), `${op} n=${n}`).toBe(true);
          expect(f.dtype).toBe(p.dtype);
        }
      }
    });
  }

  it("tensor-scalar ops: representable scalars take the SIMD path, others the loop, same bits", () => {
    for (const dt of [float32, float64]) {
      const n = 40000;
      const a = Tensor.fromData(values(n, 7, dt), [n], dt);
      for (const s of [2, 0.5, 0.1, -3.25, 1e-8, 1 / 3, Infinity, NaN, 0, -0]) {
        for (const op of opNames) {
          const [p, f] = both(() => torch[op](a, s) as Tensor, dt === float64 || Math.fround(s) === s, `${dt.name} ${op} ${s}`);
          expect(sameBits(p._storage, f._storage), `${dt.name} ${op} ${s}`).toBe(true);
          const [pl, fl] = both(() => torch[op](Tensor.fromData(new dt.ctor([s]), [], dt), a) as Tensor, dt === float64 || !Number.isNaN(s), `${dt.name} ${s} ${op} tensor`);
          expect(sameBits(pl._storage, fl._storage), `${dt.name} ${s} ${op} tensor`).toBe(true);
        }
      }
    }
  });

  it("non-contiguous, offset, broadcast and mixed-dtype operands fall back with the same bits", () => {
    const a = Tensor.fromData(values(300 * 200, 3, float32), [300, 200], float32);
    const b = Tensor.fromData(values(300 * 200, 4, float32), [300, 200], float32);
    const d = Tensor.fromData(values(300 * 200, 5, float64), [300, 200], float64);
    const row = Tensor.fromData(values(200, 6, float32), [200], float32);
    const cases: [string, () => Tensor, boolean][] = [
      ["transposed", () => a.t().add(b.t()), false],
      ["sliced", () => a.narrow(0, 1, 250).mul(b.narrow(0, 0, 250)), false],
      ["broadcast row", () => a.sub(row), false],
      ["mixed float32/float64", () => a.div(d), false],
      ["expanded single row", () => a.add(b.narrow(0, 0, 1).expand(300, 200)), false],
      ["0-dim operand", () => a.mul(Tensor.fromData(new Float32Array([1.5]), [], float32)), true],
    ];
    for (const [name, f, fast] of cases) {
      const [p, q] = both(f, fast, name);
      expect(sameBits(p.contiguous()._storage, q.contiguous()._storage), name).toBe(true);
    }
  });

  it("the cascade sum gives the JS order's bits, including the deeper cascade levels", () => {
    // 2^20 * 32 + 1000 float32 elements: enough steps for levelPower 5 (levelStep 32)
    for (const n of [1024, 4097, 131072 + 33, 1 << 22, (1 << 20) * 32 + 1000]) {
      for (const dt of [float32, float64]) {
        if (dt === float64 && n > 1 << 22) continue;
        const s = values(n + 3, n, dt).map((v) => (Number.isFinite(v) ? v : 1)) as Float32Array | Float64Array;
        const [p, f] = both(() => cascadeSumRun(s, 3, n, dt === float32));
        expect(Object.is(p, f), `${dt.name} n=${n}: ${p} vs ${f}`).toBe(true);
      }
    }
  });

  it("gradient accumulation into a large .grad adds in place with the JS loop's bits", () => {
    for (const dt of [float32, float64]) {
      const n = 5000;
      const run = () => {
        const w = torch.tensor(Array.from(values(n, 11, dt)), { dtype: dt, requires_grad: true });
        const c = torch.tensor(Array.from(values(n, 12, dt)), { dtype: dt });
        w.mul(c).sum().backward();
        w.mul(w).sum().backward(); // accumulates: grad = c + 2w
        return w.grad as Tensor;
      };
      const [p, f] = both(run, true, `accumulate ${dt.name}`);
      expect(sameBits(p._storage, f._storage)).toBe(true);
    }
  });
});
