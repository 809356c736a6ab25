// The workloads of bench-spec (W1-W7) written with tsgrad's torch dialect, as user code writes
// them: out-of-place ops, fresh results, inputs built outside the timed region.

import torch from "@tsgrad/torch";

export interface Built {
  run(): void;
  /** What a reader checks to know the run computed the right thing. */
  check(): Record<string, unknown>;
}
export interface Workload {
  id: string;
  unit: string;
  /** Metric from seconds per execution. */
  value(sec: number): number;
  build(): Built;
}

torch.manual_seed?.(0);

const uniform = (...shape: number[]) => torch.rand(...shape);
const normal = (...shape: number[]) => torch.randn(...shape);

function relErrF64(got: number, exact: number) {
  return Math.abs(got - exact) / Math.abs(exact);
}

export const workloads: Workload[] = [
  {
    id: "W1_tiny_autograd",
    unit: "µs/iter",
    value: (s) => (s * 1e6) / 10_000,
    build() {
      const x = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
      return {
        run() {
          for (let i = 0; i < 10_000; i++) {
            const y = x.mul(x).add(2);
            const s = y.sum();
            s.backward();
            x.grad.zero_();
          }
        },
        check() {
          x.mul(x).add(2).sum().backward();
          const g = x.grad.tolist();
          x.grad.zero_();
          return { grad_after_one_iteration: g };
        },
      };
    },
  },
  {
    id: "W2a_add",
    unit: "GB/s",
    value: (s) => (12 * 1e7) / s / 1e9,
    build() {
      const a = uniform(10_000_000), b = uniform(10_000_000);
      let c: any;
      return { run: () => void (c = a.add(b)), check: () => ({ c0: c.at(0).item() - a.at(0).item() - b.at(0).item() }) };
    },
  },
  {
    id: "W2b_mul_add",
    unit: "GB/s",
    value: (s) => (12 * 1e7) / s / 1e9,
    build() {
      const a = uniform(10_000_000), b = uniform(10_000_000);
      let c: any;
      return { run: () => void (c = a.mul(b).add(a)), check: () => ({ shape: c.shape.__repr__() }) };
    },
  },
  {
    id: "W3_sum",
    unit: "GB/s",
    value: (s) => (4 * 1e7) / s / 1e9,
    build() {
      const a = uniform(10_000_000);
      let s = 0;
      return {
        run: () => void (s = a.sum().item() as number),
        check: () => {
          let exact = 0;
          for (const v of a._storage as Float32Array) exact += v;
          return { rel_error_vs_float64: relErrF64(s, exact) };
        },
      };
    },
  },
  ...[256, 512, 1024].map<Workload>((n) => ({
    id: `W4_matmul_${n}`,
    unit: "GFLOP/s",
    value: (s) => (2 * n ** 3) / s / 1e9,
    build() {
      const a = normal(n, n), b = normal(n, n);
      let c: any;
      return {
        run: () => void (c = a.matmul(b)),
        check: () => {
          let worst = 0;
          const A = a._storage, B = b._storage, C = c._storage;
          for (let t = 0; t < 64; t++) {
            const i = (t * 97) % n, j = (t * 31) % n;
            let acc = 0;
            for (let k = 0; k < n; k++) acc += A[i * n + k] * B[k * n + j];
            worst = Math.max(worst, Math.abs(C[i * n + j] - acc));
          }
          return { max_abs_error_64_entries: worst };
        },
      };
    },
  })),
  {
    id: "W5_mlp_step",
    unit: "ms",
    value: (s) => s * 1e3,
    build() {
      const { nn, optim } = torch as any;
      const F = nn.functional;
      const x = uniform(64, 784);
      const y = torch.randint(0, 10, [64]);
      const l1 = nn.Linear(784, 256), l2 = nn.Linear(256, 10);
      const opt = optim.SGD([...l1.parameters(), ...l2.parameters()], { lr: 0.1 });
      const losses: number[] = [];
      const step = () => {
        opt.zero_grad();
        const loss = F.cross_entropy(l2(F.relu(l1(x))), y);
        loss.backward();
        opt.step();
        return loss;
      };
      return {
        run: () => void step(),
        check: () => {
          for (let i = 0; i < 3; i++) losses.push(step().item());
          return { loss_decreases: losses[2] < losses[0], losses };
        },
      };
    },
  },
  {
    id: "W6a_conv2d_fwd",
    unit: "GFLOP/s",
    value: (s) => 231.21e6 / s / 1e9,
    build() {
      const F = (torch as any).nn.functional;
      const x = normal(1, 64, 56, 56);
      const w = normal(64, 64, 3, 3).div(24);
      let out: any;
      return { run: () => void torch.no_grad(() => (out = F.conv2d(x, w, null, 1, 1))), check: () => ({ shape: out.shape.__repr__() }) };
    },
  },
  {
    id: "W6b_conv2d_fwd_bwd",
    unit: "GFLOP/s",
    value: (s) => 693.63e6 / s / 1e9,
    build() {
      const F = (torch as any).nn.functional;
      const x = normal(1, 64, 56, 56).requires_grad_();
      const w = normal(64, 64, 3, 3).div(24).requires_grad_();
      const dy = normal(1, 64, 56, 56);
      return {
        run() {
          x.grad = null;
          w.grad = null;
          F.conv2d(x, w, null, 1, 1).backward(dy);
        },
        check: () => ({ dx_shape: x.grad.shape.__repr__(), dw_shape: w.grad.shape.__repr__() }),
      };
    },
  },
  {
    id: "W7_vgg11_step",
    unit: "s",
    value: (s) => s,
    build() {
      const { nn, optim } = torch as any;
      const F = nn.functional;
      const layers: any[] = [];
      let c = 3;
      for (const v of [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"]) {
        if (v === "M") layers.push(nn.MaxPool2d(2, 2));
        else {
          layers.push(nn.Conv2d(c, v, 3, { padding: 1 }), nn.ReLU());
          c = v as number;
        }
      }
      const model = nn.Sequential(...layers, nn.Flatten(), nn.Linear(25088, 4096), nn.ReLU(), nn.Linear(4096, 4096), nn.ReLU(), nn.Linear(4096, 1000));
      const opt = optim.Adam(model.parameters(), { lr: 1e-3 });
      const x = normal(1, 3, 224, 224);
      const label = torch.tensor([7n]);
      const losses: number[] = [];
      const step = () => {
        opt.zero_grad();
        const loss = F.cross_entropy(model(x), label);
        loss.backward();
        opt.step();
        return loss;
      };
      return {
        run: () => void step(),
        check: () => {
          for (let i = 0; i < 2; i++) losses.push(step().item());
          return { losses };
        },
      };
    },
  },
];
