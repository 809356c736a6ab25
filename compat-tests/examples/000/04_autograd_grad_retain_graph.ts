// Seed 000 (an older OneFlow release), §2.5.2 retain_graph: autograd.grad twice on one graph.
import flow from "@tsgrad/oneflow";
import { print } from "@tsgrad/py";
// seed 000 shows an older OneFlow release (numpy-style printing)
flow.__version_profile__("legacy");

const x = flow.tensor(2.0, { requires_grad: true });
const y = flow.tensor(3.0, { requires_grad: true });
const z = x.mul(y);

// retain_graph keeps the graph alive for the second autograd.grad on z
const x_grad = flow.autograd.grad(z, x, { retain_graph: true });
const y_grad = flow.autograd.grad(z, y);

print(x_grad[0], y_grad[0]);
