// Memory stays flat over the tutorial loop (issue 6): 100,000 iterations of
// `y = x*x + 2; s = y.sum(); s.backward(); x.grad.zero_()` retain no autograd node, saved tensor
// or gradient buffer, and the heap after a full collection does not grow with the iterations.
// Not timed. The collector is reached through V8's flag (vitest cannot pass node flags).
import { describe, expect, it } from "vitest";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { dialectFunctions, torchDialect, type Tensor, type Node } from "../src/index.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const torch: any = dialectFunctions(torchDialect);

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** WeakRefs are held strongly until the current job ends: collect after yielding to the loop. */
async function collect(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setImmediate(r));
    gc();
  }
}

function iterate(x: Tensor, n: number, keep?: { nodes: WeakRef<Node>[]; tensors: WeakRef<Tensor>[] }): void {
  for (let i = 0; i < n; i++) {
    const xx = x.mul(x);
    const y = xx.add(2);
    const s = y.sum();
    if (keep && i % 997 === 0) {
      // the graph's nodes, an intermediate the mul node saved, the loss
      keep.nodes.push(new WeakRef(s._grad_fn!), new WeakRef(y._grad_fn!), new WeakRef(xx._grad_fn!));
      keep.tensors.push(new WeakRef(xx), new WeakRef(y), new WeakRef(s));
    }
    s.backward();
    if (keep && i % 997 === 0) keep.tensors.push(new WeakRef(x.grad as Tensor));
    x.grad!.zero_();
  }
}

describe("memory over 100,000 tutorial iterations", () => {
  it("retains no graph node, saved tensor or gradient buffer, and the heap stays flat", async () => {
    const x = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
    iterate(x, 10_000);
    await collect();
    const before = process.memoryUsage().heapUsed;
    const keep = { nodes: [] as WeakRef<Node>[], tensors: [] as WeakRef<Tensor>[] };
    iterate(x, 100_000, keep);
    const grad = x.grad as Tensor;
    await collect();
    const after = process.memoryUsage().heapUsed;

    // nothing of an iteration outlives it (x.grad itself is the one buffer, reused)
    const liveNodes = keep.nodes.filter((r) => r.deref() !== undefined).length;
    const liveTensors = keep.tensors.filter((r) => r.deref() !== undefined && r.deref() !== grad).length;
    expect(keep.nodes.length).toBeGreaterThan(300);
    expect(liveNodes).toBe(0);
    expect(liveTensors).toBe(0);
    // x's AccumulateGrad is the only node that lives on, as in PyTorch (reused while x lives)
    expect(x._accumulator).not.toBeNull();
    // flat: 100,000 iterations leave less than 1 MB behind (one retained node per iteration
    // would be ~20 MB)
    expect(after - before).toBeLessThan(1 << 20);
    expect(x.grad.tolist()).toEqual([0, 0, 0]);
  }, 120_000);
});
