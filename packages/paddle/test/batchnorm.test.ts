// paddle.nn.BatchNorm1D/2D/3D running statistics. The rule, from Paddle's CPU batch_norm kernel
// (paddle/fluid/operators/batch_norm_op.cc, BatchNormKernel<CPUDeviceContext>: the NCHW branch
// divides the summed squared deviations by N * sample_size, so does the NHWC branch, then
// running_mean = running_mean * momentum + batch_mean * (1 - momentum) and likewise for the
// variance; 2.4 keeps this in phi/kernels/cpu/batch_norm_kernel.cc), with
// momentum 0.9 and epsilon 1e-5 (BatchNormOpMaker's defaults, _BatchNormBase's too).
// Expected values below are worked out by hand from that rule.
import { describe, expect, it } from "vitest";
import paddle from "@tsgrad/paddle";

const f32 = Math.fround;
const close = (got: number[], want: number[], digits = 6) => got.forEach((g, i) => expect(g).toBeCloseTo(want[i], digits));

describe("paddle.nn.BatchNorm running statistics", () => {
  // x: N=2, C=2, H=1, W=2. channel 0 holds 1, 3, 5, 7: mean 4, squared deviations 9+1+1+9 = 20,
  // biased variance 20/4 = 5 (the unbiased 20/3 would give a running variance of 1.5667).
  // channel 1 holds 2, 2, 2, 6: mean 3, squared deviations 1+1+1+9 = 12, biased variance 3.
  const nchw = () => paddle.to_tensor([[[[1.0, 3.0]], [[2.0, 2.0]]], [[[5.0, 7.0]], [[2.0, 6.0]]]]);

  it("BatchNorm2D (NCHW): biased batch variance, momentum weighs the old value", () => {
    const bn = paddle.nn.BatchNorm2D(2);
    expect(bn._mean.tolist()).toEqual([0, 0]);
    expect(bn._variance.tolist()).toEqual([1, 1]);
    const y = bn(nchw());
    // step 1: mean 0*0.9 + [4, 3]*0.1 = [0.4, 0.3]; variance 1*0.9 + [5, 3]*0.1 = [1.4, 1.2]
    close(bn._mean.tolist(), [f32(0.4), f32(0.3)]);
    close(bn._variance.tolist(), [f32(1.4), f32(1.2)]);
    // the output is normalised with the batch's own statistics: (1 - 4) / sqrt(5 + 1e-5), ...
    const s0 = Math.sqrt(5 + 1e-5), s1 = Math.sqrt(3 + 1e-5);
    close(y.flatten().tolist(), [-3 / s0, -1 / s0, -1 / s1, -1 / s1, 1 / s0, 3 / s0, -1 / s1, 3 / s1], 5);
    // step 2 with the same batch: [0.4*0.9 + 0.4, 0.3*0.9 + 0.3] = [0.76, 0.57]; [1.4*0.9 + 0.5, 1.2*0.9 + 0.3] = [1.76, 1.38]
    bn(nchw());
    close(bn._mean.tolist(), [0.76, 0.57]);
    close(bn._variance.tolist(), [1.76, 1.38]);
    // eval: the running statistics normalise, and stay as they are
    bn.eval();
    const e = bn(paddle.to_tensor([[[[0.76]], [[1.57]]]]));
    close(e.flatten().tolist(), [0, 1 / Math.sqrt(1.38 + 1e-5)], 5);
    close(bn._mean.tolist(), [0.76, 0.57]);
  });

  it("momentum and epsilon are Paddle's keyword arguments; use_global_stats uses the running values in training", () => {
    const bn = paddle.nn.BatchNorm2D(2, { momentum: 0.5, epsilon: 1e-3 });
    bn(nchw());
    // 0*0.5 + [4, 3]*0.5 = [2, 1.5]; 1*0.5 + [5, 3]*0.5 = [3, 2]
    close(bn._mean.tolist(), [2, 1.5]);
    close(bn._variance.tolist(), [3, 2]);
    const g = paddle.nn.BatchNorm2D(2, { use_global_stats: true });
    const y = g(nchw());
    close(g._mean.tolist(), [0, 0]);
    close(y.flatten().tolist().slice(0, 2), [1 / Math.sqrt(1 + 1e-5), 3 / Math.sqrt(1 + 1e-5)], 5);
  });

  it("BatchNorm2D (NHWC): the channel is the last axis; same statistics, output in NHWC", () => {
    const bn = paddle.nn.BatchNorm2D(2, { data_format: "NHWC" });
    const x = nchw().transpose([0, 2, 3, 1]); // [2, 1, 2, 2]
    const y = bn(x);
    close(bn._mean.tolist(), [f32(0.4), f32(0.3)]);
    close(bn._variance.tolist(), [f32(1.4), f32(1.2)]);
    expect(y.shape).toEqual([2, 1, 2, 2]);
    const s0 = Math.sqrt(5 + 1e-5), s1 = Math.sqrt(3 + 1e-5);
    // y[0, 0, :, :] = [[(1-4)/s0, (2-3)/s1], [(3-4)/s0, (2-3)/s1]]
    close(y.flatten().tolist().slice(0, 4), [-3 / s0, -1 / s1, -1 / s0, -1 / s1], 5);
  });

  it("BatchNorm1D on [N, C] and BatchNorm3D on NCDHW", () => {
    const b1 = paddle.nn.BatchNorm1D(2);
    // channel 0: 1, 3 -> mean 2, biased variance 1; channel 1: 2, 6 -> mean 4, biased variance 4
    b1(paddle.to_tensor([[1.0, 2.0], [3.0, 6.0]]));
    close(b1._mean.tolist(), [0.2, 0.4]);
    close(b1._variance.tolist(), [1.0, 1.3]);
    const b3 = paddle.nn.BatchNorm3D(1);
    // one channel holding 0, 2, 4, 6 (N=1, D=2, H=1, W=2): mean 3, biased variance (9+1+1+9)/4 = 5
    b3(paddle.to_tensor([[[[[0.0, 2.0]], [[4.0, 6.0]]]]]));
    close(b3._mean.tolist(), [0.3]);
    close(b3._variance.tolist(), [1.4]);
  });

  it("a single value per channel passes through and leaves the statistics alone (N * sample_size == 1)", () => {
    const bn = paddle.nn.BatchNorm1D(2);
    const y = bn(paddle.to_tensor([[5.0, -2.0]]));
    expect(y.tolist()).toEqual([[5, -2]]);
    expect(bn._mean.tolist()).toEqual([0, 0]);
    expect(bn._variance.tolist()).toEqual([1, 1]);
  });
});
