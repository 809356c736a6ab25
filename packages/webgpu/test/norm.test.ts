// BatchNorm (train and eval, running statistics), LayerNorm, GroupNorm, embedding, padding and
// cat/stack on the GPU vs the CPU: outputs, every gradient, grad_fn names; and a small
// conv + BatchNorm + residual block trained a few steps on both devices.
import { describe, it, expect, beforeAll } from "vitest";
import torch from "@tsgrad/torch";
import { gpuReady, maxRelErr } from "./helpers.ts";

type T = any;
const nn = (torch as any).nn;
const F = nn.functional;
beforeAll(gpuReady);

async function values(t: T): Promise<number[]> {
  return Array.from((await t.cpu_async())._contiguousValues(), Number);
}
const leaf = (t: T, dev: string) => t.detach().to(dev).requires_grad_();

async function compare(make: (dev: string) => { out: T; leaves: T[]; extra?: T[] }, tol = 2e-5): Promise<void> {
  const c = make("cpu");
  const g = make("webgpu");
  expect(g.out.device.type).toBe("webgpu");
  expect(g.out.grad_fn.name()).toBe(c.out.grad_fn.name());
  const cot = torch.randn(...c.out._shape);
  c.out.mul(cot).sum().backward();
  g.out.mul(cot.to("webgpu")).sum().backward();
  expect(maxRelErr(await values(g.out), await values(c.out))).toBeLessThan(tol);
  for (let i = 0; i < c.leaves.length; i++) expect(maxRelErr(await values(g.leaves[i].grad), await values(c.leaves[i].grad))).toBeLessThan(tol);
  for (let i = 0; i < (c.extra ?? []).length; i++) expect(maxRelErr(await values(g.extra![i]), await values(c.extra![i]))).toBeLessThan(tol);
}

torch.manual_seed(0);
const x0 = torch.randn(4, 6, 5, 3);

describe("normalisation on the GPU vs the CPU", () => {
  it("BatchNorm2d in training: output, gradients, running statistics, num_batches_tracked", async () => {
    await compare((dev) => {
      const m = nn.BatchNorm2d(6, { momentum: 0.3 }).to(dev);
      const x = leaf(x0, dev);
      const out = m(x);
      m(x.mul(2));
      return { out, leaves: [x, m.weight, m.bias], extra: [m.running_mean, m.running_var, m.num_batches_tracked] };
    });
  });
  it("BatchNorm2d in eval mode (fixed statistics) and BatchNorm1d without affine", async () => {
    await compare((dev) => {
      const m = nn.BatchNorm2d(6);
      m(x0.mul(3).add(1));
      m.eval();
      m.to(dev);
      const x = leaf(x0, dev);
      return { out: m(x), leaves: [x, m.weight, m.bias] };
    });
    await compare((dev) => {
      const x = leaf(x0.reshape(4, 6, 15), dev);
      return { out: nn.BatchNorm1d(6, { affine: false }).to(dev)(x), leaves: [x] };
    });
  });
  it("LayerNorm over the last two dims, GroupNorm with 3 groups", async () => {
    await compare((dev) => {
      const m = nn.LayerNorm([5, 3]).to(dev);
      const x = leaf(x0, dev);
      return { out: m(x), leaves: [x, m.weight, m.bias] };
    });
    await compare((dev) => {
      const m = nn.GroupNorm(3, 6).to(dev);
      const x = leaf(x0, dev);
      return { out: m(x), leaves: [x, m.weight, m.bias] };
    });
  });
});

describe("embedding, padding, cat / stack on the GPU vs the CPU", () => {
  it("F.embedding with padding_idx (repeated indices accumulate in the gradient)", async () => {
    const w0 = torch.randn(10, 4);
    await compare((dev) => {
      const w = leaf(w0, dev);
      return { out: F.embedding(torch.tensor([[1n, 3n, 1n], [9n, 0n, 3n]]).to(dev), w, { padding_idx: 3 }), leaves: [w] };
    });
  });
  it("F.pad with positive and negative pads and a fill value", async () => {
    await compare((dev) => {
      const x = leaf(x0, dev);
      return { out: F.pad(x, [1, 2, -1, 1], { value: 0.5 }), leaves: [x] };
    });
  });
  it("torch.cat and torch.stack", async () => {
    await compare((dev) => {
      const x = leaf(x0, dev);
      return { out: torch.cat([x, x.mul(2), x.at(":", ":2")], 1).sum(1, true).add(torch.stack([x, x.exp()], 2).sum(2)), leaves: [x] };
    });
  });
});

describe("a residual conv + BatchNorm block trained on the GPU", () => {
  it("matches the CPU loss trajectory", async () => {
    const run = async (dev: string) => {
      torch.manual_seed(3);
      const conv1 = nn.Conv2d(3, 8, 3, { padding: 1, bias: false }), bn1 = nn.BatchNorm2d(8);
      const conv2 = nn.Conv2d(8, 8, 3, { padding: 1, bias: false }), bn2 = nn.BatchNorm2d(8);
      const head = nn.Linear(8, 4);
      const all = nn.ModuleList([conv1, bn1, conv2, bn2, head]).to(dev);
      const opt = (torch as any).optim.Adam(all.parameters(), { lr: 0.01 });
      const x = torch.randn(6, 3, 9, 9).to(dev);
      const y = torch.tensor([0n, 1n, 2n, 3n, 1n, 0n]).to(dev);
      const losses: number[] = [];
      for (let s = 0; s < 4; s++) {
        opt.zero_grad();
        const h = F.relu(bn1(conv1(x)));
        const r = F.relu(bn2(conv2(h)).add(h));
        const loss = F.cross_entropy(head(F.adaptive_avg_pool2d(r, 1).flatten(1)), y);
        loss.backward();
        opt.step();
        losses.push(await loss.item_async());
      }
      return losses;
    };
    const c = await run("cpu");
    const g = await run("webgpu");
    for (let i = 0; i < c.length; i++) expect(Math.abs(g[i] - c[i])).toBeLessThan(1e-4);
  });
});
