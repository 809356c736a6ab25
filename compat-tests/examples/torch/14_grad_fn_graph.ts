// grad_fn names of common ops, next_functions, and the errors of a second backward.
import torch from "@tsgrad/torch";
import { print, type } from "@tsgrad/py";

const a = torch.tensor([2., 3.], { requires_grad: true });
const b = torch.tensor([6., 4.], { requires_grad: true });
const Q = a.pow(3n).__rmul__(3n).sub(b.pow(2n));
print(Q);
const external_grad = torch.tensor([1., 1.]);
Q.backward({ gradient: external_grad });
print(a.pow(2n).__rmul__(9n).eq(a.grad));
print(b.__rmul__(-2n).eq(b.grad));
print(a.grad, b.grad);
const x = torch.tensor(2.0, { requires_grad: true });
const ops = [x.add(1n), x.sub(1n), x.mul(2n), x.div(2n), x.pow(2n), x.neg(), x.exp(), x.log(), x.sin(), x.sum(), x.mean(),
  x.view(1), x.reshape(1, 1), x.unsqueeze(0), torch.relu(x), torch.sigmoid(x), torch.tanh(x),
  x.abs(), x.sqrt(), x.clone(), x.pow(3n), torch.stack([x, x]), torch.cat([x.view(1), x.view(1)]),
  x.expand(3), x.view(1).at(0), x.view(1, 1).t(), x.max(), x.double(), x.view(1, 1).squeeze()];
for (const o of ops) {
  print(type(o.grad_fn).__name__, o.grad_fn.name());
}
const w = torch.randn(3, 2, { requires_grad: true });
const inp = torch.ones(1, 3);
const out = inp.matmul(w);
print(out.grad_fn);
print(out.grad_fn.next_functions);
const l = out.sum();
print(l.grad_fn.next_functions[0][0]);
l.backward();
print(w.grad);
try {
  l.backward();
} catch (e) {
  if (!(e instanceof torch.RuntimeError)) throw e;
  print(e);
}
try {
  out.backward();
} catch (e) {
  if (!(e instanceof torch.RuntimeError)) throw e;
  print(e);
}
print(w.is_leaf, out.is_leaf);
