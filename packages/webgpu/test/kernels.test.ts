// Every GPU kernel against its CPU kernel on random shapes: contiguous, strided (transposed,
// sliced), broadcast, empty and odd sizes. Values are compared as float32 results with a small
// relative tolerance (the GPU computes in f32, the CPU in double rounded to f32).
import { describe, it, expect, beforeAll } from "vitest";
import torch from "@tsgrad/torch";
import { gpuReady, maxRelErr } from "./helpers.ts";

type T = any;
beforeAll(gpuReady);

let seed = 1;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const rint = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

/** A random layout of the given shape: contiguous, transposed, sliced or expanded. */
function variants(shape: number[], make: (s: number[]) => T): Array<[string, T]> {
  const out: Array<[string, T]> = [["contiguous", make(shape)]];
  if (shape.length >= 2) out.push(["transposed", make([...shape.slice(0, -2), shape[shape.length - 1], shape[shape.length - 2]]).transpose(-1, -2)]);
  if (shape.length >= 1) {
    const s = shape.slice();
    s[0] = s[0] * 2;
    out.push(["strided", make(s).at("::2")]);
    const one = shape.slice();
    one[one.length - 1] = 1;
    out.push(["broadcast", make(one).expand(shape)]);
  }
  return out;
}

async function compare(gpu: T, cpu: T, tol = 2e-5): Promise<void> {
  const g = await gpu.cpu_async();
  expect(g.shape.__repr__()).toBe(cpu.shape.__repr__());
  expect(g.dtype).toBe(cpu.dtype);
  const err = maxRelErr(g._contiguousValues(), cpu._contiguousValues());
  expect(err, `max rel err ${err}`).toBeLessThanOrEqual(tol);
}

const shapes = () => [[], [0], [1], [7], [3, 5], [2, 0, 3], [rint(1, 9), rint(1, 9), rint(1, 9)], [2, 3, 1, 5], [1000]];
const unaryOps: Array<[string, (x: T) => T, (s: number[]) => T]> = [
  ["neg", (x) => x.neg(), (s) => torch.randn(s)],
  ["exp", (x) => x.exp(), (s) => torch.randn(s)],
  ["log", (x) => x.log(), (s) => torch.rand(s).add(0.01)],
  ["sqrt", (x) => x.sqrt(), (s) => torch.rand(s)],
  ["abs", (x) => x.abs(), (s) => torch.randn(s)],
  ["sin", (x) => x.sin(), (s) => torch.randn(s)],
  ["tanh", (x) => x.tanh(), (s) => torch.randn(s).mul(30)],
  ["sigmoid", (x) => x.sigmoid(), (s) => torch.randn(s)],
  ["relu", (x) => x.relu(), (s) => torch.randn(s)],
  ["floor", (x) => x.floor(), (s) => torch.randn(s).mul(5)],
  ["round", (x) => x.round(), (s) => torch.randn(s).mul(5)],
  ["sign", (x) => x.sign(), (s) => torch.randn(s)],
  ["square", (x) => x.square(), (s) => torch.randn(s)],
  ["log1p", (x) => x.log1p(), (s) => torch.rand(s)],
  ["clamp", (x) => x.clamp(-0.5, 0.5), (s) => torch.randn(s)],
  ["float->long", (x) => x.long(), (s) => torch.randn(s).mul(10)],
  ["long->float", (x) => x.float(), (s) => torch.randint(-50, 50, s)],
  ["long neg", (x) => x.neg(), (s) => torch.randint(-50, 50, s)],
  ["bool not", (x) => x.logical_not(), (s) => torch.randn(s).gt(0)],
];

describe("elementwise unary, GPU vs CPU", () => {
  for (const [name, f, make] of unaryOps)
    it(name, async () => {
      for (const s of shapes())
        for (const [, x] of variants(s, make)) await compare(f(x.to("webgpu")), f(x), name === "tanh" ? 1e-4 : 2e-5);
    });
});

const binaryOps: Array<[string, (a: T, b: T) => T]> = [
  ["add", (a, b) => a.add(b)],
  ["add alpha", (a, b) => a.add(b, { alpha: 2.5 })],
  ["sub", (a, b) => a.sub(b)],
  ["mul", (a, b) => a.mul(b)],
  ["div", (a, b) => a.div(b)],
  ["pow", (a, b) => a.abs().pow(b)],
  ["maximum", (a, b) => a.maximum(b)],
  ["lt", (a, b) => a.lt(b)],
  ["eq", (a, b) => a.eq(b)],
  ["remainder", (a, b) => a.remainder(b)],
  ["floor_divide", (a, b) => a.floor_divide(b)],
  ["where", (a, b) => torch.where(a.gt(b), a, b)],
  ["logical_and", (a, b) => a.gt(0).logical_and(b.gt(0))],
];

describe("elementwise binary with broadcasting, GPU vs CPU", () => {
  for (const [name, f] of binaryOps)
    it(name, async () => {
      for (let k = 0; k < 6; k++) {
        const s = [rint(1, 6), rint(1, 6), rint(1, 6)];
        const bs = s.map((d) => (rnd() < 0.4 ? 1 : d)).slice(rint(0, 2));
        for (const [, a] of variants(s, (x) => torch.randn(x).mul(3)))
          for (const [, b] of variants(bs, (x) => torch.randn(x).mul(3).add(0.1))) await compare(f(a.to("webgpu"), b.to("webgpu")), f(a, b), 1e-4);
      }
    });
  it("scalar operands, int tensors, 0-dim CPU tensors", async () => {
    const a = torch.randn(4, 5);
    await compare(a.to("webgpu").mul(2.5).add(1), a.mul(2.5).add(1));
    await compare(a.to("webgpu").__rsub__(3), a.__rsub__(3));
    await compare(a.to("webgpu").pow(2), a.pow(2));
    const i = torch.randint(-20, 20, [3, 4]);
    await compare(i.to("webgpu").mul(3n).add(i.to("webgpu")), i.mul(3n).add(i));
    await compare(i.to("webgpu").floor_divide(7n), i.floor_divide(7n));
    await compare(i.to("webgpu").lt(2.5), i.lt(2.5));
    await compare(a.to("webgpu").mul(torch.tensor(2.0)), a.mul(torch.tensor(2.0)));
  });
  it("empty and large odd sizes", async () => {
    const e = torch.randn(0, 3);
    await compare(e.to("webgpu").add(1), e.add(1));
    const big = torch.randn(70001);
    await compare(big.to("webgpu").mul(big.to("webgpu")).add(1), big.mul(big).add(1));
  });
});

describe("reductions, GPU vs CPU", () => {
  it("sum / mean over dims, keepdim, strided inputs", async () => {
    for (let k = 0; k < 5; k++) {
      const s = [rint(1, 7), rint(1, 40), rint(1, 7)];
      for (const [, x] of variants(s, (v) => torch.randn(v))) {
        const g = x.to("webgpu");
        await compare(g.sum(), x.sum(), 1e-5);
        await compare(g.mean(), x.mean(), 1e-5);
        await compare(g.sum(1), x.sum(1), 1e-5);
        await compare(g.mean([0, 2], true), x.mean([0, 2], true), 1e-5);
        await compare(g.sum(-1, true), x.sum(-1, true), 1e-5);
      }
    }
    const big = torch.rand(300000);
    await compare(big.to("webgpu").sum(), big.sum(), 1e-5);
    const ints = torch.randint(0, 100, [6, 7]);
    await compare(ints.to("webgpu").sum(0), ints.sum(0));
    await compare(torch.randn(0, 4).to("webgpu").sum(0), torch.zeros(4));
  });
  it("softmax / log_softmax", async () => {
    for (const s of [[3, 5], [2, 3, 4], [1, 1000], [7]]) {
      const x = torch.randn(s).mul(5);
      for (const d of [0, -1]) {
        await compare(x.to("webgpu").softmax(d), x.softmax(d), 1e-5);
        await compare(x.to("webgpu").log_softmax(d), x.log_softmax(d), 1e-5);
      }
    }
  });
});

describe("matmul family, GPU vs CPU", () => {
  it("mm, bmm, matmul broadcast, mv, dot, transposed operands, odd sizes", async () => {
    const cases: Array<[number[], number[]]> = [[[5, 7], [7, 3]], [[1, 1], [1, 1]], [[33, 17], [17, 65]], [[4, 5, 6], [4, 6, 3]], [[2, 1, 5, 6], [3, 6, 2]], [[6], [6, 4]], [[3, 6], [6]], [[9], [9]], [[3, 0], [0, 4]]];
    for (const [sa, sb] of cases) {
      const a = torch.randn(sa), b = torch.randn(sb);
      await compare(a.to("webgpu").matmul(b.to("webgpu")), a.matmul(b), 1e-4);
    }
    const a = torch.randn(8, 5), b = torch.randn(3, 5);
    await compare(a.to("webgpu").mm(b.to("webgpu").t()), a.mm(b.t()), 1e-4);
    await compare(a.to("webgpu").t().mm(a.to("webgpu")), a.t().mm(a), 1e-4);
  });
});

describe("indexing and copies, GPU vs CPU", () => {
  it("gather, scatter_add, clone/contiguous, reshape of a non-viewable tensor, in-place copy", async () => {
    const x = torch.randn(6, 5);
    const idx = torch.randint(0, 5, [6, 3]);
    await compare(x.to("webgpu").gather(1, idx.to("webgpu")), x.gather(1, idx));
    const idx0 = torch.randint(0, 6, [4, 5]);
    await compare(x.to("webgpu").gather(0, idx0.to("webgpu")), x.gather(0, idx0));
    const src = torch.randn(6, 3);
    await compare(torch.zeros(6, 5).to("webgpu").scatter_add(1, idx.to("webgpu"), src.to("webgpu")), torch.zeros(6, 5).scatter_add(1, idx, src));
    await compare(x.to("webgpu").t().contiguous(), x.t().contiguous());
    await compare(x.to("webgpu").t().reshape(-1), x.t().reshape(-1));
    const y = torch.zeros(6, 5), yg = y.to("webgpu");
    y.at(":", "1:3").copy_(x.at(":", ":2"));
    yg.at(":", "1:3").copy_(x.to("webgpu").at(":", ":2"));
    await compare(yg, y);
    // a source overlapping its destination is read before it is written, as on the CPU
    const sq = torch.randn(5, 5);
    const f = sq.clone(), fg = sq.to("webgpu");
    f.copy_(f.t());
    fg.copy_(fg.t());
    await compare(fg, f);
    expect(() => fg.flip(0)).toThrow("The operator 'flip' is not implemented for the webgpu device (webgpu:0)");
  });
});
