// TensorFlow.js 4.22 peer for bench-spec W1-W7: `tsx bench/peers/tfjs.ts cpu|wasm WORKLOAD_ID`
// (run.ts starts one process per workload and backend). tfjs-core with @tensorflow/tfjs-backend-cpu
// (plain JavaScript kernels) or @tensorflow/tfjs-backend-wasm (XNNPACK, SIMD; its .wasm files are
// read from node_modules, no network). Written as tfjs user code writes it: native layout (NHWC
// activations, HWIO filters, dense weights [in, out]), every result disposed after use,
// tf.variableGrads for training steps (fresh gradients each call, disposed instead of zeroed),
// scalars read back inside the execution. A kernel the backend does not register makes the
// workload `unsupported` (tfjs-backend-wasm has no Conv2DBackpropFilter, so no W6b / W7).
// @tensorflow/tfjs (the union package) is imported for tfjs-core's gradient functions: tfjs-core's
// own Node bundle registers none (tf.variableGrads fails with "gradient function not found"),
// the union's Node bundle registers them (and the cpu backend) on the same tfjs-core instance.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-cpu";
import * as wasm from "@tensorflow/tfjs-backend-wasm";
import { conv, convReference, convSamples, matmulSampledError, maxRelToScale, runChild, Skipped, sumRelError, Unsupported, type Built } from "./common.ts";

const [backend, id] = process.argv.slice(2);
const SEED = 0;
const flags: string[] = [];

function need(...kernels: string[]) {
  const missing = kernels.filter((k) => !tf.getKernel(k, backend));
  if (missing.length) throw new Unsupported(`tfjs-backend-${backend} registers no ${missing.join(", ")} kernel`);
}

/** Tensors alive now; compared after the timed region to show nothing leaked. */
function leakCheck() {
  const n0 = tf.memory().numTensors;
  return () => ({ leaked_tensors: tf.memory().numTensors - n0 });
}

const uniform = (shape: number[], lo = 0, hi = 1, seed = SEED) => tf.randomUniform(shape, lo, hi, "float32", seed);
const normal = (shape: number[], seed = SEED) => tf.randomNormal(shape, 0, 1, "float32", seed);

function build(): Built {
  switch (id) {
    case "W1_tiny_autograd": {
      const x = tf.variable(tf.tensor1d([1, 2, 3]));
      const f = () => tf.sum(tf.add(tf.mul(x, x), 2)) as tf.Scalar;
      let leaks = () => ({});
      return {
        run() {
          for (let i = 0; i < 10_000; i++) {
            const { value, grads } = tf.variableGrads(f, [x]);
            value.dispose();
            tf.dispose(grads);
          }
        },
        checkBefore() {
          const { value, grads } = tf.variableGrads(f, [x]);
          const g = Array.from(grads[x.name].dataSync());
          value.dispose();
          tf.dispose(grads);
          leaks = leakCheck();
          return { grad_after_one_iteration: g };
        },
        checkAfter: () => leaks(),
      };
    }
    case "W2a_add":
    case "W2b_mul_add": {
      const a = uniform([10_000_000], 0, 1, SEED), b = uniform([10_000_000], 0, 1, SEED + 1);
      const op = id === "W2a_add" ? () => tf.add(a, b) : () => tf.add(tf.mul(a, b), a);
      let leaks = () => ({});
      return {
        run: () => tf.tidy(op).dispose(),
        checkBefore() {
          const c = tf.tidy(op), A = a.dataSync(), B = b.dataSync(), C = c.dataSync();
          let err = 0;
          for (let i = 0; i < 1000; i++) err = Math.max(err, Math.abs(C[i] - (id === "W2a_add" ? Math.fround(A[i] + B[i]) : Math.fround(Math.fround(A[i] * B[i]) + A[i]))));
          c.dispose();
          leaks = leakCheck();
          return { max_abs_error_first_1000_vs_float32_exact: err };
        },
        checkAfter: () => leaks(),
      };
    }
    case "W3_sum": {
      const a = uniform([10_000_000]);
      let s = 0;
      let leaks = () => ({});
      return {
        run() {
          const t = tf.sum(a);
          s = t.dataSync()[0];
          t.dispose();
        },
        checkBefore() {
          leaks = leakCheck();
          return {};
        },
        checkAfter: () => ({ rel_error_vs_float64: sumRelError(s, a.dataSync()), ...leaks() }),
      };
    }
    case "W4_matmul_256":
    case "W4_matmul_512":
    case "W4_matmul_1024": {
      const n = Number(id.split("_").pop());
      const a = normal([n, n], SEED), b = normal([n, n], SEED + 1);
      let leaks = () => ({});
      return {
        run: () => tf.matMul(a, b).dispose(),
        checkBefore() {
          const c = tf.matMul(a, b);
          const err = matmulSampledError(n, a.dataSync(), b.dataSync(), c.dataSync());
          c.dispose();
          leaks = leakCheck();
          return { max_abs_error_64_entries: err };
        },
        checkAfter: () => leaks(),
      };
    }
    case "W5_mlp_step": {
      const x = uniform([64, 784]);
      const labels = Array.from({ length: 64 }, (_, i) => (i * 7 + 3) % 10);
      const y = tf.cast(tf.oneHot(tf.tensor1d(labels, "int32"), 10), "float32");
      const b1 = 1 / Math.sqrt(784), b2 = 1 / Math.sqrt(256);
      const w1 = tf.variable(uniform([784, 256], -b1, b1, 1)), c1 = tf.variable(uniform([256], -b1, b1, 2));
      const w2 = tf.variable(uniform([256, 10], -b2, b2, 3)), c2 = tf.variable(uniform([10], -b2, b2, 4));
      const opt = tf.train.sgd(0.1);
      const loss = () => tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), c1)), w2), c2)) as tf.Scalar;
      const losses: number[] = [];
      const step = () => {
        const { value, grads } = tf.variableGrads(loss);
        opt.applyGradients(grads);
        const l = value.dataSync()[0];
        value.dispose();
        tf.dispose(grads);
        return l;
      };
      let leaks = () => ({});
      return {
        run: () => void step(),
        checkBefore() {
          for (let i = 0; i < 3; i++) losses.push(step());
          leaks = leakCheck();
          return { loss_decreases: losses[2] < losses[0], losses };
        },
        checkAfter: () => leaks(),
      };
    }
    case "W6a_conv2d_fwd":
    case "W6b_conv2d_fwd_bwd": {
      const { C, H, W } = conv;
      const x = normal([1, H, W, C], SEED), w = tf.tidy(() => tf.div(normal([3, 3, C, C], SEED + 1), 24)), dy = normal([1, H, W, C], SEED + 2);
      const X = x.dataSync(), Wt = w.dataSync(), DY = dy.dataSync();
      const at = (a: ArrayLike<number>) => (c: number, h: number, ww: number) => a[(h * W + ww) * C + c];
      const ref = convReference(at(X), (co, ci, kh, kw) => Wt[((kh * 3 + kw) * C + ci) * C + co]);
      let leaks = () => ({});
      if (id === "W6a_conv2d_fwd") {
        return {
          run: () => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, "same").dispose(),
          checkBefore() {
            const out = tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, "same"), O = at(out.dataSync());
            const err = maxRelToScale(convSamples().map(([co, , h, ww]) => [O(co, h, ww), ref.out(co, h, ww)]));
            out.dispose();
            leaks = leakCheck();
            return { max_error_16_outputs_vs_float64_rel_to_max: err };
          },
          checkAfter: () => leaks(),
        };
      }
      need("Conv2DBackpropInput", "Conv2DBackpropFilter");
      // tf.grads takes the upstream gradient dy directly, as PyTorch's out.backward(dy) does
      // (tf.variableGrads needs a scalar, which would add a mul + sum to the graph).
      const g = tf.grads((xx: tf.Tensor, ww: tf.Tensor) => tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, 1, "same"));
      // The check reads the last execution's gradients (tfjs-cpu takes ~40 s per execution here),
      // so each execution disposes the previous one's instead of its own: the same work per execution.
      let last: tf.Tensor[] = [];
      return {
        run() {
          tf.dispose(last);
          last = g([x, w], dy);
        },
        checkBefore() {
          leaks = leakCheck();
          return {};
        },
        checkAfter() {
          const [dx, dw] = last, DX = at(dx.dataSync()), DW = dw.dataSync();
          const s = convSamples();
          const ex = maxRelToScale(s.map(([, ci, h, ww]) => [DX(ci, h, ww), ref.dx(at(DY), ci, h, ww)]));
          const ew = maxRelToScale(s.map(([co, ci, h, ww]) => {
            const kh = h % 3, kw = ww % 3;
            return [DW[((kh * 3 + kw) * C + ci) * C + co], ref.dw(at(DY), co, ci, kh, kw)];
          }));
          tf.dispose(last);
          return { dx_max_error_16_vs_float64_rel_to_max: ex, dw_max_error_16_vs_float64_rel_to_max: ew, ...leaks() };
        },
      };
    }
    case "W7_vgg11_step": {
      need("Conv2DBackpropInput", "Conv2DBackpropFilter", "MaxPoolGrad");
      // tfjs-backend-cpu's Conv2DBackpropFilter is a plain loop nest: W6b (0.69 GFLOP) takes ~40 s
      // here, so one vgg11 step (45 GFLOP, mostly conv backward) would take the better part of an hour.
      if (backend === "cpu" && !process.env.BENCH_TFJS_CPU_W7)
        throw new Skipped("tfjs-cpu: one vgg11 step would take ~30-60 min (its conv backward runs W6b at ~0.02 GFLOP/s); BENCH_TFJS_CPU_W7=1 runs it");
      const params: tf.Variable[] = [];
      let seed = 10;
      const param = (shape: number[], fanIn: number) => {
        const v = tf.variable(uniform(shape, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn), seed++));
        params.push(v);
        return v;
      };
      const layers: Array<(h: tf.Tensor4D) => tf.Tensor4D> = [];
      let c = 3;
      for (const v of [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"] as const) {
        if (v === "M") layers.push((h) => tf.maxPool(h, 2, 2, "valid"));
        else {
          const w = param([3, 3, c, v], c * 9), b = param([v], c * 9);
          layers.push((h) => tf.relu(tf.add(tf.conv2d(h, w as tf.Tensor4D, 1, "same"), b)) as tf.Tensor4D);
          c = v;
        }
      }
      const fc = [[25088, 4096], [4096, 4096], [4096, 1000]].map(([i, o]) => [param([i, o], i), param([o], i)]);
      const x = normal([1, 224, 224, 3]);
      const label = tf.cast(tf.oneHot(tf.tensor1d([7], "int32"), 1000), "float32");
      const opt = tf.train.adam(1e-3, 0.9, 0.999);
      const loss = () => {
        let h = x as tf.Tensor4D;
        for (const l of layers) h = l(h);
        let z: tf.Tensor = tf.reshape(h, [1, 25088]);
        fc.forEach(([w, b], i) => {
          z = tf.add(tf.matMul(z, w), b);
          if (i < 2) z = tf.relu(z);
        });
        return tf.losses.softmaxCrossEntropy(label, z) as tf.Scalar;
      };
      const losses: number[] = [];
      return {
        run() {
          const { value, grads } = tf.variableGrads(loss, params);
          opt.applyGradients(grads as Parameters<typeof opt.applyGradients>[0]);
          losses.push(value.dataSync()[0]);
          value.dispose();
          tf.dispose(grads);
        },
        checkAfter: () => ({ losses: losses.slice(0, 4), loss_decreases: losses.length > 1 && losses[1] < losses[0], live_tensors: tf.memory().numTensors }),
      };
    }
  }
  throw new Error(`unknown workload ${id}`);
}

if (backend !== "cpu" && backend !== "wasm") throw new Error("usage: tfjs.ts cpu|wasm WORKLOAD_ID");
if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to initialise`);
await tf.ready();
if (backend === "wasm") flags.push(`wasm simd=${tf.env().getBool("WASM_HAS_SIMD_SUPPORT")} threads=${wasm.getThreadsCount()}`);
await runChild(`tfjs-${backend}`, id, build, flags);
