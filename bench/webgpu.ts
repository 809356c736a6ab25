// W2, W4 and W5 of bench-spec on the webgpu device (`pnpm tsx bench/webgpu.ts`). Each timing
// includes the GPU work it queued (webgpu.synchronize() ends every sample), not just the enqueue.
//
// Figures from a software adapter (Mesa lavapipe / llvmpipe, SwiftShader) only prove the path
// works: GPU figures must come from a machine with a real GPU and must never be quoted from a
// software adapter. The adapter's name is printed with the results for that reason.
import torch from "@tsgrad/torch";
import * as webgpu from "../packages/webgpu/src/index.ts";

const info = await webgpu.init();
const software = /llvmpipe|lavapipe|swiftshader|software/i.test(info.adapter);
console.log(`adapter: ${info.adapter}${software ? "  (SOFTWARE ADAPTER: these figures must not be quoted)" : ""}`);

async function time(run: () => void, reps = 5): Promise<number> {
  run();
  await webgpu.synchronize();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    run();
    await webgpu.synchronize();
    samples.push((performance.now() - t0) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

const dev = "webgpu";
const rows: Array<[string, string]> = [];

{
  const a = torch.rand(10_000_000, { device: dev }), b = torch.rand(10_000_000, { device: dev });
  const s = await time(() => void a.add(b));
  rows.push(["W2a_add (1e7 float32)", `${((12 * 1e7) / s / 1e9).toFixed(2)} GB/s`]);
  const s2 = await time(() => void a.mul(b).add(a));
  rows.push(["W2b_mul_add", `${((12 * 1e7) / s2 / 1e9).toFixed(2)} GB/s`]);
}
for (const n of [256, 512, 1024]) {
  const a = torch.rand(n, n, { device: dev }), b = torch.rand(n, n, { device: dev });
  const s = await time(() => void a.matmul(b), n === 1024 ? 3 : 5);
  rows.push([`W4_matmul_${n}`, `${((2 * n ** 3) / s / 1e9).toFixed(2)} GFLOP/s`]);
}
{
  // W5 as bench-spec writes it: nn.Linear 784-256-10 with ReLU, F.cross_entropy, optim.SGD
  // lr 0.1, batch 64; the model is built on the CPU and moved with model.to("webgpu")
  const nn = (torch as any).nn, optim = (torch as any).optim;
  torch.manual_seed(0);
  const model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10)).to(dev);
  const opt = optim.SGD(model.parameters(), { lr: 0.1 });
  const x = torch.rand(64, 784, { device: dev });
  const y = torch.randint(0n, 10n, [64], { device: dev });
  const step = () => {
    opt.zero_grad();
    const loss = nn.functional.cross_entropy(model(x), y);
    loss.backward();
    opt.step();
  };
  const s = await time(step, 10);
  rows.push(["W5_mlp_step (nn+optim)", `${(s * 1e3).toFixed(2)} ms`]);
}
for (const [k, v] of rows) console.log(`${k.padEnd(24)} ${v}`);
process.exit(0);
