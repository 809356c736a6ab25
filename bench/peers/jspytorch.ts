// js-pytorch 0.7.2 peer for bench-spec W1-W7: `tsx bench/peers/jspytorch.ts WORKLOAD_ID` (run.ts
// starts one process per workload). js-pytorch stores tensors as nested JavaScript arrays of
// float64 numbers: it is measured as it is and flagged (bench-spec: a peer that cannot do
// float32 is still measured but flagged). Its API has no conv2d / pooling (W6, W7 unsupported)
// and no SGD optimizer (only Adam): W5's SGD update is written as user code with the library's
// own ops, the same way its Adam.step updates parameters (p._data = p.add(update)._data).
// Linear weights are [in, out]; inputs come from a seeded PRNG (the library's rand/randn use
// Math.random).
import { torch } from "js-pytorch";
import { matmulSampledError, mulberry32, runChild, sumRelError, Unsupported, type Built } from "./common.ts";

type T = InstanceType<typeof torch.Tensor>;
const id = process.argv[2];
const rand = mulberry32(0);
const flags = ["float64 (nested JS number arrays)"];

function uniform(n: number, lo = 0, hi = 1): number[] {
  return Array.from({ length: n }, () => lo + (hi - lo) * rand());
}
function normal(n: number): number[] {
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()));
}
function rows(flat: number[], r: number, c: number): number[][] {
  return Array.from({ length: r }, (_, i) => flat.slice(i * c, (i + 1) * c));
}
const flat = (t: T) => (t.data as unknown[]).flat(Infinity) as number[];

function build(): Built {
  switch (id) {
    case "W1_tiny_autograd": {
      const x = torch.tensor([1, 2, 3], true);
      return {
        run() {
          for (let i = 0; i < 10_000; i++) {
            const y = x.mul(x).add(2);
            const s = y.sum();
            s.backward();
            x.zero_grad();
          }
        },
        checkBefore() {
          x.mul(x).add(2).sum().backward();
          const g = x.grad;
          x.zero_grad();
          return { grad_after_one_iteration: g };
        },
        // The graph hangs off the leaf's children list; zero_grad empties it each iteration.
        checkAfter: () => ({ leaf_children_after: x.children.length }),
      };
    }
    case "W2a_add":
    case "W2b_mul_add": {
      const A = uniform(10_000_000), B = uniform(10_000_000);
      const a = torch.tensor(A), b = torch.tensor(B);
      let c: T | undefined;
      const op = id === "W2a_add" ? () => a.add(b) : () => a.mul(b).add(a);
      return {
        run: () => void (c = op()),
        checkAfter() {
          const C = c!.data as number[];
          let err = 0;
          for (let i = 0; i < 1000; i++) err = Math.max(err, Math.abs(C[i] - (id === "W2a_add" ? A[i] + B[i] : A[i] * B[i] + A[i])));
          return { max_abs_error_first_1000_vs_float64: err };
        },
      };
    }
    case "W3_sum": {
      const A = uniform(10_000_000);
      const a = torch.tensor(A);
      let s = 0;
      return {
        run: () => void (s = flat(a.sum())[0]),
        checkAfter: () => ({ rel_error_vs_float64: sumRelError(s, A) }),
      };
    }
    case "W4_matmul_256":
    case "W4_matmul_512":
    case "W4_matmul_1024": {
      const n = Number(id.split("_").pop());
      const A = normal(n * n), B = normal(n * n);
      const a = torch.tensor(rows(A, n, n)), b = torch.tensor(rows(B, n, n));
      let c: T | undefined;
      return {
        run: () => void (c = a.matmul(b)),
        checkAfter: () => ({ max_abs_error_64_entries: matmulSampledError(n, A, B, flat(c!)) }),
      };
    }
    case "W5_mlp_step": {
      const { nn } = torch;
      const x = torch.tensor(rows(uniform(64 * 784), 64, 784));
      const y = torch.tensor(Array.from({ length: 64 }, (_, i) => (i * 7 + 3) % 10));
      const l1 = new nn.Linear(784, 256), relu = new nn.ReLU(), l2 = new nn.Linear(256, 10), lossFn = new nn.CrossEntropyLoss();
      // PyTorch's default init, U(-1/sqrt(fan_in), 1/sqrt(fan_in)), for weights [in, out] and biases.
      for (const [l, i, o] of [[l1, 784, 256], [l2, 256, 10]] as const) {
        const bound = 1 / Math.sqrt(i);
        l.W._data = rows(uniform(i * o, -bound, bound), i, o);
        l.b._data = uniform(o, -bound, bound);
      }
      const params = [...l1.parameters(), ...l2.parameters()];
      const lr = 0.1;
      const step = () => {
        for (const p of params) p.zero_grad();
        const loss = lossFn.forward(l2.forward(relu.forward(l1.forward(x))), y);
        loss.backward();
        for (const p of params) p._data = p.add(p._grad.mul(-lr))._data;
        return flat(loss)[0];
      };
      const losses: number[] = [];
      return {
        run: () => void step(),
        checkBefore() {
          for (let i = 0; i < 3; i++) losses.push(step());
          return { loss_decreases: losses[2] < losses[0], losses };
        },
      };
    }
    case "W6a_conv2d_fwd":
    case "W6b_conv2d_fwd_bwd":
      throw new Unsupported("js-pytorch has no conv2d");
    case "W7_vgg11_step":
      throw new Unsupported("js-pytorch has no conv2d / max-pool");
  }
  throw new Error(`unknown workload ${id}`);
}

if (id === "W5_mlp_step") flags.push("SGD update written by hand with the library's ops (js-pytorch has only Adam)");
await runChild("js-pytorch", id, build, flags);
