// Indexing on the GPU vs the CPU: basic indexing as views (no kernel, shared buffer), advanced
// indexing with long tensors and bool masks, __setitem__ (index_put, masked writes, recording
// through CopySlices), index_select / masked_select, gradients; argmax/argmin, max/min over dims
// and their dtypes; comparison dtypes; the 32-bit integer storage limits.
import { describe, it, expect, beforeAll } from "vitest";
import torch from "@tsgrad/torch";
import { gpuReady } from "./helpers.ts";

type T = any;
beforeAll(gpuReady);

const L = (v: number[]) => torch.tensor(v.map(BigInt), { dtype: torch.int64 });
async function same(gpu: T, cpu: T): Promise<void> {
  expect(gpu.device.type).toBe("webgpu");
  expect(gpu.dtype).toBe(cpu.dtype);
  expect(gpu._shape).toEqual(cpu._shape);
  expect(await gpu.tolist_async()).toEqual(cpu.tolist());
}

describe("basic indexing is views", () => {
  it("at(int, slice, None, ...) shares the buffer and runs no kernel", async () => {
    const c = torch.arange(60).float().view(3, 4, 5);
    const g = c.to("webgpu");
    const v = g.at(1, "1:4:2", null, "...");
    expect(v._storage).toBe(g._storage);
    expect(v._base).toBe(g);
    await same(v, c.at(1, "1:4:2", null, "..."));
    await same(g.at("...", -1), c.at("...", -1));
    await same(g.at(":", 2), c.at(":", 2));
  });
  it("writes through basic indexing land in the base tensor", async () => {
    const c = torch.zeros(3, 4);
    const g = c.to("webgpu");
    g.__setitem__([1, "1:3"], 7);
    g.at(2).__setitem__("...", torch.tensor([1.0, 2, 3, 4]).to("webgpu"));
    c.__setitem__([1, "1:3"], 7);
    c.at(2).__setitem__("...", torch.tensor([1.0, 2, 3, 4]));
    await same(g, c);
  });
});

describe("advanced indexing, GPU vs CPU", () => {
  const c = torch.arange(120).float().view(2, 3, 4, 5);
  const cases: Array<[string, unknown[]]> = [
    ["one long index", [L([1, 0, 1])]],
    ["negative indices, 2-D index tensor", [":", L([-1, 0, 2, 1]).view(2, 2)]],
    ["adjacent indices broadcast together", [":", L([2, 0]), L([3, 0]).view(2, 1)]],
    ["non-adjacent indices go first", [L([1, 0]), ":", L([3, 1]), ":"]],
    ["mixed with slices and ints", [1, "1:", L([0, 0, 3])]],
    ["empty index", [L([])]],
  ];
  for (const [name, idx] of cases)
    it(name, async () => {
      const gidx = idx.map((i) => (i instanceof (torch as any).Tensor ? (i as T).to("webgpu") : i));
      await same(c.to("webgpu").at(...gidx), c.at(...idx));
    });

  it("bool masks: CPU masks, fetched GPU masks; an unfetched GPU mask asks for a fetch", async () => {
    const g = c.to("webgpu");
    const m = c.remainder(3).eq(0);
    await same(g.at(m), c.at(m));
    const m2 = c.at(0, 0).gt(7);
    await same(g.at(":", 1, m2), c.at(":", 1, m2));
    const gm = g.gt(100);
    expect(() => g.at(gm)).toThrow("await mask.fetch_async()");
    await gm.fetch_async();
    await same(g.at(gm), c.at(c.gt(100)));
    await same(g.masked_select(gm), c.masked_select(c.gt(100)));
  });

  it("index_select along each dim, int32 and int64 indices", async () => {
    for (let d = 0; d < 4; d++) {
      const idx = L([1, 0, 1]);
      await same(c.to("webgpu").index_select(d, idx.to("webgpu")), c.index_select(d, idx));
    }
    await same(c.to("webgpu").index_select(2, L([3, 3]).int().to("webgpu")), c.index_select(2, L([3, 3]).int()));
  });

  it("out-of-range indices read NaN (no bounds check without a read)", async () => {
    const v = await torch.ones(3).to("webgpu").at(L([0, 5]).to("webgpu")).tolist_async();
    expect(v[0]).toBe(1);
    expect(Number.isNaN(v[1])).toBe(true);
  });
});

describe("__setitem__ and index_put, GPU vs CPU", () => {
  const writes: Array<[string, (t: T, dev: string) => void]> = [
    ["x[long] = scalar", (t, dev) => t.__setitem__(L([2, 0]).to(dev), -1)],
    ["x[:, long] = tensor (broadcast)", (t, dev) => t.__setitem__([":", L([1, 3]).to(dev)], torch.tensor([[5.0], [6.0], [7.0]]).to(dev))],
    ["x[mask] = scalar (mask of the same shape)", (t) => t.__setitem__(torch.arange(12).view(3, 4).remainder(5).eq(1), 9)],
    ["x[mask] = values (one per true element)", (t, dev) => t.__setitem__(torch.tensor([true, false, true]), torch.arange(8).float().view(2, 4).to(dev))],
    ["x[1, long] = tensor through a view", (t, dev) => t.__setitem__([1, L([0, 2])], torch.tensor([8.0, 9.0]).to(dev))],
  ];
  for (const [name, write] of writes)
    it(name, async () => {
      const c = torch.arange(12).float().view(3, 4);
      const g = c.to("webgpu");
      write(c, "cpu");
      write(g, "webgpu");
      await same(g, c);
    });

  it("index_put with accumulate sums repeated indices", async () => {
    const idx = L([1, 1, 3, 1, 0]);
    const v = torch.tensor([1.0, 2.0, 3.0, 4.5, -1.0]);
    await same(torch.zeros(5).to("webgpu").index_put([idx.to("webgpu")], v.to("webgpu"), true), torch.zeros(5).index_put([idx], v, true));
    await same(torch.zeros(5).to("webgpu").index_put_([idx.to("webgpu")], v.to("webgpu")).index_put([idx.to("webgpu")], torch.tensor(2.0), false), torch.zeros(5).index_put_([idx], v).index_put([idx], torch.tensor(2.0), false));
    const ii = L([0, 2, 0, 0]);
    await same(torch.zeros(3, dtypeInt()).to("webgpu").index_put([ii.to("webgpu")], L([1, 2, 3, 4]).to("webgpu"), true), torch.zeros(3, dtypeInt()).index_put([ii], L([1, 2, 3, 4]), true));
  });

  it("gradients: x[idx] (repeated indices accumulate), setitem while recording (CopySlices)", async () => {
    const run = async (dev: string) => {
      torch.manual_seed(0);
      const x = torch.randn(4, 3).to(dev).requires_grad_();
      const idx = L([0, 2, 0, 3]).to(dev);
      const y = x.at(idx, L([1, 1, 2, 0]).to(dev)).mul(torch.tensor([1.0, 2.0, 3.0, 4.0]).to(dev)).sum();
      const z = x.mul(2);
      z.__setitem__([":", L([0, 2]).to(dev)], torch.tensor(5.0));
      const loss = y.add(z.mul(z).sum());
      loss.backward();
      return { loss, grad: x.grad, name: z.grad_fn.name() };
    };
    const c = await run("cpu");
    const g = await run("webgpu");
    expect(g.name).toBe(c.name);
    expect(Math.abs((await g.loss.item_async()) - c.loss.item())).toBeLessThan(1e-4);
    const gv = (await g.grad.tolist_async()).flat(), cv = c.grad.tolist().flat();
    gv.forEach((v: number, i: number) => expect(Math.abs(v - cv[i])).toBeLessThan(1e-5));
  });
});

function dtypeInt(): T {
  return { dtype: torch.int64 };
}

describe("argmax / argmin / max / min over dims and dtypes", () => {
  const c = torch.tensor([[1, 5, 5, -2], [NaN, 3, NaN, 9], [0, 0, 0, 0], [-1, -7, 2, -7]]);
  it("argmax/argmin: int64 results, NaN wins, ties take the first index, keepdim, dim=None", async () => {
    const g = c.to("webgpu");
    for (const f of ["argmax", "argmin"]) {
      await same(g[f](1), c[f](1));
      await same(g[f](0, { keepdim: true }), c[f](0, { keepdim: true }));
      await same(g[f](), c[f]());
      await same(g.at(2)[f](), c.at(2)[f]());
    }
    await same(L([3, 9, 9, 1]).to("webgpu").argmax(), L([3, 9, 9, 1]).argmax());
    await same(g.t().argmax(1), c.t().argmax(1));
  });
  it("max/min(dim) return (values, indices) named tuples; whole-tensor max; a long reduction", async () => {
    const g = c.to("webgpu");
    for (const f of ["max", "min"]) {
      const rg = g[f](1), rc = c[f](1);
      await same(rg.values, rc.values);
      await same(rg.indices, rc.indices);
      expect(rg.indices.dtype).toBe(torch.int64);
      await same(g.at(3)[f](), c.at(3)[f]());
    }
    torch.manual_seed(1);
    const big = torch.randn(3, 5000);
    await same(big.to("webgpu").argmax(1), big.argmax(1));
    await same(big.to("webgpu").max(), big.max());
  });
  it("gradients of max(dim) and max() (ties share the gradient)", async () => {
    const run = (dev: string) => {
      const x = torch.tensor([[1.0, 5, 5], [2, 0, 2]]).to(dev).requires_grad_();
      x.max(1).values.sum().add(x.min()).add(x.max()).backward();
      return x.grad;
    };
    await same(run("webgpu"), run("cpu"));
  });
  it("comparisons give bool on the GPU (int8 in the oneflow dialect, as on the CPU)", async () => {
    const g = c.to("webgpu");
    for (const f of ["gt", "lt", "ge", "le", "eq", "ne"]) {
      expect(g[f](1).dtype).toBe(torch.bool);
      await same(g[f](1), c[f](1));
    }
    await same(L([1, 5]).to("webgpu").lt(L([2, 2]).to("webgpu")), L([1, 5]).lt(L([2, 2])));
    // NaN: unequal to everything (ne is true), truthy when cast to bool
    const n = torch.tensor([NaN, 0, 2]);
    await same(n.to("webgpu").ne(n.to("webgpu")), n.ne(n));
    await same(n.to("webgpu").bool(), n.bool());
  });
});

describe("int64 on the GPU: 32-bit storage", () => {
  it("values inside int32 round-trip; uploading a value outside raises; arithmetic wraps at 32 bits", async () => {
    const big = torch.tensor([2147483647n, -2147483648n, 5n]);
    await same(big.to("webgpu"), big);
    expect(() => torch.tensor([2147483648n]).to("webgpu")).toThrow("does not fit");
    const w = await big.to("webgpu").add(1n).tolist_async();
    expect(w[0]).toBe(-2147483648); // wraps on the GPU (the CPU gives 2147483648)
    expect(big.to("webgpu").add(1n).dtype).toBe(torch.int64);
    expect(big.to("webgpu").add(1).dtype).toBe(torch.float32); // a JS number is a Python float
    expect(big.to("webgpu").sum().dtype).toBe(torch.int64);
  });
});
