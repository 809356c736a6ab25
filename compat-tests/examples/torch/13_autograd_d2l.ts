// d2l's automatic differentiation section: grads of dot, sum, detach, Python control flow.
import torch from "@tsgrad/torch";
import type { Tensor } from "@tsgrad/torch";
import { print } from "@tsgrad/py";

const x = torch.arange(4.0);
print(x);
x.requires_grad_(true);
print(x.grad);
let y = torch.dot(x, x).__rmul__(2n);
print(y);
y.backward();
print(x.grad);
print(x.grad.eq(x.__rmul__(4n)));
x.grad.zero_();
y = x.sum();
y.backward();
print(x.grad);
x.grad.zero_();
y = x.mul(x);
y.sum().backward();
print(x.grad);
x.grad.zero_();
y = x.mul(x);
const u = y.detach();
const z = u.mul(x);
z.sum().backward();
print(x.grad.eq(u));
x.grad.zero_();
y.sum().backward();
print(x.grad.eq(x.__rmul__(2n)));

function f(a: Tensor): Tensor {
  let b = a.mul(2n);
  while (b.norm().lt(1000n).__bool__()) {
    b = b.mul(2n);
  }
  let c: Tensor;
  if (b.sum().gt(0n).__bool__()) {
    c = b;
  } else {
    c = b.__rmul__(100n);
  }
  return c;
}

torch.manual_seed(3);
const a = torch.randn({ size: [], requires_grad: true });
const d = f(a);
d.backward();
print(a.grad.eq(d.div(a)));
print(a, a.grad);
