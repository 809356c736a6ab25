// W1 (bench-spec): 10,000 iterations of `y = x*x + 2; s = y.sum(); s.backward(); x.grad.zero_()`.
import torch from "@tsgrad/torch";

export function w1(iterations = 10_000): number {
  const x = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const y = x.mul(x).add(2);
    const s = y.sum();
    s.backward();
    x.grad.zero_();
  }
  return Number(process.hrtime.bigint() - t0) / 1e3 / iterations; // µs per iteration
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (let k = 0; k < 5; k++) console.log(`W1 ${w1().toFixed(2)} us/iter`);
}
