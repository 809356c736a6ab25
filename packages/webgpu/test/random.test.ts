// Random draws on the GPU (Philox 4x32-10): the engine against Random123's known answers,
// distribution moments of every sampler, determinism under torch.manual_seed, streams that
// differ from the CPU's, strided in-place draws, dropout and its gradient.
import { describe, it, expect, beforeAll } from "vitest";
import torch from "@tsgrad/torch";
import * as webgpu from "../src/index.ts";
import { gpuReady } from "./helpers.ts";

type T = any;
const F = (torch as any).nn.functional;
beforeAll(gpuReady);

/** Philox 4x32-10 in JS (BigInt products), the reference for the WGSL one. */
function philox(c: number[], k: number[]): number[] {
  let [c0, c1, c2, c3] = c.map((v) => v >>> 0);
  let [k0, k1] = k.map((v) => v >>> 0);
  for (let r = 0; r < 10; r++) {
    const p0 = BigInt(0xd2511f53) * BigInt(c0);
    const p1 = BigInt(0xcd9e8d57) * BigInt(c2);
    const hi0 = Number(p0 >> 32n), lo0 = Number(p0 & 0xffffffffn);
    const hi1 = Number(p1 >> 32n), lo1 = Number(p1 & 0xffffffffn);
    [c0, c1, c2, c3] = [(hi1 ^ c1 ^ k0) >>> 0, lo1 >>> 0, (hi0 ^ c3 ^ k1) >>> 0, lo0 >>> 0];
    k0 = (k0 + 0x9e3779b9) >>> 0;
    k1 = (k1 + 0xbb67ae85) >>> 0;
  }
  return [c0, c1, c2, c3];
}

async function vals(t: T): Promise<number[]> {
  return Array.from((await t.cpu_async())._contiguousValues(), Number);
}
function moments(v: number[]): { mean: number; var: number; min: number; max: number } {
  let s = 0, min = Infinity, max = -Infinity;
  for (const x of v) {
    s += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = s / v.length;
  let q = 0;
  for (const x of v) q += (x - mean) ** 2;
  return { mean, var: q / v.length, min, max };
}

describe("Philox 4x32-10 on the GPU", () => {
  it("the JS reference gives Random123's known answers", () => {
    expect(philox([0, 0, 0, 0], [0, 0])).toEqual([0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
    expect(philox([-1, -1, -1, -1], [-1, -1])).toEqual([0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]);
    expect(philox([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0])).toEqual([0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]);
  });
  it("the WGSL engine's words equal the reference (counter (thread, 0, offset), key = seed)", async () => {
    torch.manual_seed(0x123456789abcn);
    const before = webgpu.philox_state();
    expect(before).toEqual({ seed: 0x123456789abcn, offset: 0 });
    // random_(0, 2^31) keeps the low 31 bits of each word
    const t = torch.empty(4 * 70, { dtype: torch.int64, device: "webgpu" }).random_(0, 2 ** 31);
    const got = await vals(t);
    const want: number[] = [];
    for (let th = 0; th < 70; th++) want.push(...philox([th, 0, 0, 0], [0x56789abc, 0x1234]).map((w) => w & 0x7fffffff));
    expect(got).toEqual(want);
    expect(webgpu.philox_state().offset).toBe(1);
  });
});

describe("samplers: moments of 1e6 draws", () => {
  const N = 1 << 20;
  const cases: Array<[string, () => T, number, number, (m: ReturnType<typeof moments>) => void]> = [
    ["torch.rand", () => torch.rand(N, { device: "webgpu" }), 0.5, 1 / 12, (m) => expect(m.min >= 0 && m.max < 1).toBe(true)],
    ["torch.randn", () => torch.randn(1024, 1024, { device: "webgpu" }), 0, 1, () => {}],
    ["normal_(2, 3)", () => torch.empty(N, { device: "webgpu" }).normal_(2, 3), 2, 9, () => {}],
    ["uniform_(-1, 5)", () => torch.empty(N, { device: "webgpu" }).uniform_(-1, 5), 2, 3, (m) => expect(m.min >= -1 && m.max < 5).toBe(true)],
    ["bernoulli_(0.3)", () => torch.empty(N, { device: "webgpu" }).bernoulli_(0.3), 0.3, 0.21, () => {}],
    ["exponential_(2)", () => torch.empty(N, { device: "webgpu" }).exponential_(2), 0.5, 0.25, (m) => expect(m.min >= 0).toBe(true)],
    ["torch.randint(3, 10)", () => torch.randint(3, 10, [N], { device: "webgpu" }), 6, 4, (m) => expect(m.min === 3 && m.max === 9).toBe(true)],
    ["torch.normal(mean tensor, std)", () => torch.normal(torch.full([N], 4.0, { device: "webgpu" }), 0.5), 4, 0.25, () => {}],
    ["torch.bernoulli(p tensor)", () => torch.bernoulli(torch.full([N], 0.8, { device: "webgpu" })), 0.8, 0.16, () => {}],
  ];
  for (const [name, make, mean, variance, extra] of cases)
    it(name, async () => {
      torch.manual_seed(1);
      const t = make();
      expect(t.device.type).toBe("webgpu");
      const m = moments(await vals(t));
      const sd = Math.sqrt(variance / N);
      expect(Math.abs(m.mean - mean)).toBeLessThan(6 * sd);
      expect(Math.abs(m.var - variance) / variance).toBeLessThan(0.01);
      extra(m);
    });

  it("torch.randn: standard normal tails and no NaN/inf", async () => {
    torch.manual_seed(2);
    const v = await vals(torch.randn(N, { device: "webgpu" }));
    const beyond2 = v.filter((x) => Math.abs(x) > 2).length / N;
    expect(Math.abs(beyond2 - 0.0455)).toBeLessThan(0.002);
    expect(v.every(Number.isFinite)).toBe(true);
  });
});

describe("determinism and streams", () => {
  it("manual_seed restarts the GPU stream; successive draws differ; the CPU stream is another one", async () => {
    torch.manual_seed(42);
    const a1 = await vals(torch.rand(9, { device: "webgpu" }));
    const a2 = await vals(torch.empty(3, 3, { device: "webgpu" }).normal_());
    torch.manual_seed(42);
    const b1 = await vals(torch.rand(9, { device: "webgpu" }));
    const b2 = await vals(torch.empty(3, 3, { device: "webgpu" }).normal_());
    expect(b1).toEqual(a1);
    expect(b2).toEqual(a2);
    expect(a1).not.toEqual(await vals(torch.rand(9, { device: "webgpu" })));
    torch.manual_seed(42);
    expect(a1).not.toEqual(torch.rand(9).tolist());
    torch.manual_seed(43);
    expect(await vals(torch.rand(9, { device: "webgpu" }))).not.toEqual(a1);
  });
  it("a strided view is filled in place through a temporary, leaving the rest alone", async () => {
    const base = torch.zeros(4, 6, { device: "webgpu" });
    base.at(":", "1::2").t().uniform_(10, 11);
    const v = (await base.cpu_async()).tolist() as number[][];
    for (const row of v)
      row.forEach((x, j) => {
        if (j % 2 === 1) expect(x >= 10 && x < 11).toBe(true);
        else expect(x).toBe(0);
      });
  });
  it("a CPU torch.Generator with a GPU tensor raises, as a CPU generator with CUDA tensors does", () => {
    const g = new (torch as any).Generator().manual_seed(1);
    expect(() => torch.empty(3, { device: "webgpu" }).normal_({ generator: g })).toThrow("Expected a 'webgpu' device type for generator");
  });
});

describe("dropout on the GPU", () => {
  it("F.dropout / nn.Dropout: kept values scaled by 1/(1-p), the gradient uses the same mask", async () => {
    torch.manual_seed(3);
    const x = torch.full([200, 500], 2.0, { device: "webgpu", requires_grad: true });
    const y = F.dropout(x, 0.4);
    expect(y.grad_fn.name()).toBe("MulBackward0");
    y.sum().backward();
    const yv = await vals(y), gv = await vals(x.grad);
    const kept = yv.filter((v) => v !== 0).length / yv.length;
    expect(Math.abs(kept - 0.6)).toBeLessThan(0.01);
    let bad = 0;
    for (let i = 0; i < yv.length; i++) {
      if (!(yv[i] === 0 || Math.abs(yv[i] - 2 / 0.6) < 1e-5)) bad++;
      if (!(Math.abs(gv[i] - yv[i] / 2) < 1e-6)) bad++;
    }
    expect(bad).toBe(0);
    const d = (torch as any).nn.Dropout(0.5);
    d.eval();
    expect(d(x)).toBe(x);
  });
});
