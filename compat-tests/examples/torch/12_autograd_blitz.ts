// The 60 minute blitz's autograd section: requires_grad, grad_fn, backward, vector-Jacobian.
import torch from "@tsgrad/torch";
import { print } from "@tsgrad/py";

let x = torch.ones(2, 2, { requires_grad: true });
print(x);
let y = x.add(2n);
print(y);
print(y.grad_fn);
const z = y.mul(y).mul(3n);
const out = z.mean();
print(z, out);
let a = torch.randn(2, 2);
a = a.mul(3n).div(a.sub(1n));
print(a.requires_grad);
a.requires_grad_(true);
print(a.requires_grad);
const b = a.mul(a).sum();
print(b.grad_fn);
out.backward();
print(x.grad);
torch.manual_seed(0);
x = torch.randn(3, { requires_grad: true });
y = x.mul(2n);
while (y.data.norm().lt(1000n).__bool__()) {
  y = y.mul(2n);
}
print(y);
const v = torch.tensor([0.1, 1.0, 0.0001], { dtype: torch.float });
y.backward(v);
print(x.grad);
print(x.requires_grad);
print(x.pow(2n).requires_grad);
torch.no_grad(() => {
  print(x.pow(2n).requires_grad);
});
print(x.requires_grad);
y = x.detach();
print(y.requires_grad);
print(x.eq(y).all());
