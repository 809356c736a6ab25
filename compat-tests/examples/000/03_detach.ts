// Seed 000 (an older OneFlow release), §2.5.2 detach: a = x*x + x**3, MSE between x and a, backward (no detach yet).
import flow from "@tsgrad/oneflow";
import { print } from "@tsgrad/py";
// seed 000 shows an older OneFlow release (numpy-style printing)
flow.__version_profile__("legacy");

// build a simple tensor and transform it
const x = flow.tensor([1.0, 2.0, 3.0], { requires_grad: true });
print(x);
const y = x.mul(x);
const z = x.pow(3);
const a = y.add(z);
// MSE between x and a
const loss = flow.nn.MSELoss();
const out = loss(x, a);
print(out);

// backward pass: compute the derivative
out.backward();
print(x.grad);
