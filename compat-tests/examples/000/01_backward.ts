// Seed 000 (an older OneFlow release), §2.5.1 requires_grad and backward(): MSE between x and x*x, then backward.
import flow from "@tsgrad/oneflow";
import np from "@tsgrad/numpy";
import { print } from "@tsgrad/py";
// seed 000 shows an older OneFlow release (numpy-style printing)
flow.__version_profile__("legacy");
void np; // imported by the original, unused

// build a simple tensor and transform it
const x = flow.tensor([1.0, 2.0, 3.0], { requires_grad: true });
print(x);
const y = x.mul(x);
// MSE between x and y
const loss = flow.nn.MSELoss();
const out = loss(x, y);
print(out);
// backward pass: compute the derivative
out.backward();
print(x.grad);
