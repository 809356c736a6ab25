import { describe, expect, it } from "vitest";
import paddle from "@tsgrad/paddle";
import optimizer from "@tsgrad/paddle/optimizer";

function param(values: number[]) {
  const p = paddle.to_tensor(values);
  p.stop_gradient = false;
  return p;
}

describe("paddle.optimizer", () => {
  it("SGD: p -= lr * g, clear_grad zeroes", () => {
    const p = param([1.0, 2.0]);
    paddle.sum(p.mul(p)).backward();
    const opt = paddle.optimizer.SGD({ learning_rate: 0.1, parameters: [p] });
    opt.step();
    expect(Array.from(p._storage)).toEqual([Math.fround(0.8), Math.fround(1.6)]);
    opt.clear_grad();
    expect(Array.from(p._grad!._storage)).toEqual([0, 0]);
  });

  it("Momentum: v = mu * v + g; p -= lr * v", () => {
    const p = param([1.0]);
    const opt = optimizer.Momentum({ learning_rate: 0.1, momentum: 0.9, parameters: [p] });
    for (let i = 0; i < 2; i++) {
      opt.clear_grad();
      p.mul(2).backward(); // g = 2
      opt.step();
    }
    // v1 = 2, p = 0.8; v2 = 3.8, p = 0.42
    expect(p._storage[0]).toBeCloseTo(0.42, 6);
  });

  it("Adam: Paddle's bias-corrected lr and epsilon * sqrt(1 - beta2^t)", () => {
    const p = param([1.0]);
    const opt = new optimizer.Adam({ learning_rate: 0.01, parameters: [p] });
    const gs = [0.5, -1.5, 2.0];
    let m = 0, v = 0, w = 1;
    for (let t = 1; t <= 3; t++) {
      opt.clear_grad();
      p.mul(gs[t - 1]).backward();
      opt.step();
      m = 0.9 * m + 0.1 * gs[t - 1];
      v = 0.999 * v + 0.001 * gs[t - 1] ** 2;
      const lr = (0.01 * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
      w -= lr * (m / (Math.sqrt(v) + 1e-8 * Math.sqrt(1 - 0.999 ** t)));
    }
    expect(p._storage[0]).toBeCloseTo(w, 6);
  });

  it("AdamW decays the weight by lr * coeff before the Adam update; minimize applies grads", () => {
    const p = param([2.0]);
    const opt = paddle.optimizer.AdamW({ learning_rate: 0.1, weight_decay: 0.5, parameters: [p] });
    const loss = p.mul(0.0);
    loss.backward();
    opt.minimize(loss);
    // zero gradient: only the decay acts, 2 * (1 - 0.05)
    expect(p._storage[0]).toBeCloseTo(1.9, 6);
  });

  it("requires parameters in dygraph mode", () => {
    expect(() => paddle.optimizer.Adam({ learning_rate: 0.1 })).toThrow("parameters argument given to the Optimizer should not be None in dygraph mode.");
  });
});
