// The workloads of bench-spec (W1-W7) written with tsgrad's torch dialect, as user code writes
// them: out-of-place ops, fresh results, inputs built outside the timed region.

import torch from "@tsgrad/torch";
import { spec, type WorkloadSpec } from "./spec.ts";
import { conv, convReference, convSamples, matmulSampledError, maxRelToScale } from "./peers/common.ts";

export interface Built {
  run(): void;
  /** What a reader checks to know the run computed the right thing (run after the timing). */
  check(): Record<string, unknown>;
}
export interface Workload extends WorkloadSpec {
  build(): Built;
}

torch.manual_seed?.(0);

const uniform = (...shape: number[]) => torch.rand(...shape);
const normal = (...shape: number[]) => torch.randn(...shape);

/** A fresh contiguous result's values (tsgrad's CPU storage). */
const data = (t: any): ArrayLike<number> => t.contiguous()._storage;
const nchw = (a: ArrayLike<number>) => (c: number, h: number, w: number) => a[(c * conv.H + h) * conv.W + w];
const oihw = (a: ArrayLike<number>) => (co: number, ci: number, kh: number, kw: number) => a[((co * conv.C + ci) * conv.K + kh) * conv.K + kw];

function elementwiseCheck(c: any, a: any, b: any, f: (x: number, y: number) => number) {
  const A = data(a), B = data(b), C = data(c);
  let err = 0;
  for (let i = 0; i < 1000; i++) err = Math.max(err, Math.abs(C[i] - f(A[i], B[i])));
  return { max_abs_error_first_1000_vs_float32_exact: err };
}

function relErrF64(got: number, exact: number) {
  return Math.abs(got - exact) / Math.abs(exact);
}

export const workloads: Workload[] = [
  {
    ...spec("W1_tiny_autograd"),
    build() {
      const x = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
      return {
        run() {
          for (let i = 0; i < 10_000; i++) {
            const y = x.mul(x).add(2);
            const s = y.sum();
            s.backward();
            x.grad!.zero_();
          }
        },
        check() {
          x.mul(x).add(2).sum().backward();
          const g = x.grad!.tolist();
          x.grad!.zero_();
          return { grad_after_one_iteration: g };
        },
      };
    },
  },
  {
    ...spec("W2a_add"),
    build() {
      const a = uniform(10_000_000), b = uniform(10_000_000);
      let c: any;
      return { run: () => void (c = a.add(b)), check: () => elementwiseCheck(c, a, b, (x, y) => Math.fround(x + y)) };
    },
  },
  {
    ...spec("W2b_mul_add"),
    build() {
      const a = uniform(10_000_000), b = uniform(10_000_000);
      let c: any;
      return { run: () => void (c = a.mul(b).add(a)), check: () => elementwiseCheck(c, a, b, (x, y) => Math.fround(Math.fround(x * y) + x)) };
    },
  },
  {
    ...spec("W3_sum"),
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
    ...spec(`W4_matmul_${n}`),
    build() {
      const a = normal(n, n), b = normal(n, n);
      let c: any;
      return {
        run: () => void (c = a.matmul(b)),
        check: () => ({ max_abs_error_64_entries: matmulSampledError(n, data(a), data(b), data(c)) }),
      };
    },
  })),
  {
    ...spec("W5_mlp_step"),
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
    ...spec("W6a_conv2d_fwd"),
    build() {
      const F = (torch as any).nn.functional;
      const x = normal(1, 64, 56, 56);
      const w = normal(64, 64, 3, 3).div(24);
      let out: any;
      return {
        run: () => void torch.no_grad(() => (out = F.conv2d(x, w, null, 1, 1))),
        check: () => {
          const ref = convReference(nchw(data(x)), oihw(data(w))), O = nchw(data(out));
          return { max_error_16_outputs_vs_float64_rel_to_max: maxRelToScale(convSamples().map(([co, , h, ww]) => [O(co, h, ww), ref.out(co, h, ww)])) };
        },
      };
    },
  },
  {
    ...spec("W6b_conv2d_fwd_bwd"),
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
        check: () => {
          const ref = convReference(nchw(data(x)), oihw(data(w))), DY = nchw(data(dy)), DX = nchw(data(x.grad)), DW = oihw(data(w.grad));
          const s = convSamples();
          return {
            dx_max_error_16_vs_float64_rel_to_max: maxRelToScale(s.map(([, ci, h, ww]) => [DX(ci, h, ww), ref.dx(DY, ci, h, ww)])),
            dw_max_error_16_vs_float64_rel_to_max: maxRelToScale(s.map(([co, ci, h, ww]) => [DW(co, ci, h % 3, ww % 3), ref.dw(DY, co, ci, h % 3, ww % 3)])),
          };
        },
      };
    },
  },
  {
    ...spec("W7_vgg11_step"),
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
        // The first two steps (warm-up, untimed) read their loss back: the check shows training
        // from the initial weights, as the PyTorch runner's does.
        run: () => {
          const loss = step();
          if (losses.length < 2) losses.push(loss.item());
        },
        check: () => ({ losses, loss_decreases: losses[1] < losses[0] }),
      };
    },
  },
];
