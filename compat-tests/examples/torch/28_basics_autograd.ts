// The PyTorch "Learn the Basics" autograd tutorial, with the blitz's and d2l's extras:
// requires_grad_, grad.data.zero_(), updates under no_grad, higher-order grads, decorators.
import torch from "@tsgrad/torch";
import type { Tensor } from "@tsgrad/torch";
import { print, f, type, range, float } from "@tsgrad/py";

torch.manual_seed(0);
let x = torch.ones(5); // input tensor
let y = torch.zeros(3); // expected output
let w = torch.randn(5, 3, { requires_grad: true });
let b = torch.randn(3, { requires_grad: true });
let z = torch.matmul(x, w).add(b);
let loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y);
print(f`Gradient function for z = ${z.grad_fn}`);
print(f`Gradient function for loss = ${loss.grad_fn}`);
loss.backward();
print(w.grad);
print(b.grad);
z = torch.matmul(x, w).add(b);
print(z.requires_grad);
torch.no_grad(() => {
  z = torch.matmul(x, w).add(b);
});
print(z.requires_grad);
z = torch.matmul(x, w).add(b);
const z_det = z.detach();
print(z_det.requires_grad);
const inp = torch.eye(4, 5, { requires_grad: true });
const out = inp.add(1).pow(2).t();
out.backward(torch.ones_like(out), { retain_graph: true });
print(f`First call\n${inp.grad}`);
out.backward(torch.ones_like(out), { retain_graph: true });
print(f`\nSecond call\n${inp.grad}`);
inp.grad.zero_();
out.backward(torch.ones_like(out), { retain_graph: true });
print(f`\nCall after zeroing gradients\n${inp.grad}`);

let a = torch.randn(2, 2);
a = a.mul(3).div(a.sub(1));
print(a.requires_grad);
a.requires_grad_(true);
print(a.requires_grad);
b = a.mul(a).sum();
print(b.grad_fn.name());
print(type(b.grad_fn).__name__);

w = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
for (const step of range(3)) {
  loss = w.mul(torch.tensor([0.5, -1.0, 2.0])).sum().sub(1).pow(2);
  loss.backward();
  print(step, float(loss.item()), w.grad);
  w.grad.data.zero_();
}
print(w.grad);
torch.no_grad(() => {
  w.__isub__(torch.ones(3).__rmul__(0.1));
});
print(w, w.is_leaf, w.requires_grad);
w.data.mul_(2);
print(w);
print(w.data);
const q = torch.linspace(0.0, 1.0, 5, { requires_grad: true });
const s = torch.sin(q);
s.backward(torch.ones_like(q));
print(q.grad);
print(torch.allclose(q.grad, torch.cos(q)));
x = torch.tensor(2.0, { requires_grad: true });
y = x.pow(3);
const [dy] = torch.autograd.grad(y, x, { create_graph: true });
const [d2y] = torch.autograd.grad(dy, x);
print(dy, d2y);
x = torch.randn(3, { requires_grad: true });
y = x.mul(2);
while (y.data.norm().lt(1000).__bool__()) {
  y = y.mul(2);
}
print(y);
const v = torch.tensor([0.1, 1.0, 0.0001], { dtype: torch.float });
y.backward(v);
print(x.grad);
print(x.requires_grad);
print(x.pow(2).requires_grad);
torch.no_grad(() => {
  print(x.pow(2).requires_grad);
});
print(x.requires_grad);
y = x.detach();
print(y.requires_grad);
print(x.eq(y).all());
const doubler = torch.no_grad()(function doubler(t: Tensor) {
  return t.mul(2);
});
print(doubler(x).requires_grad);
torch.set_grad_enabled(false);
print(x.mul(2).requires_grad);
torch.set_grad_enabled(true);
print(x.mul(2).requires_grad);
