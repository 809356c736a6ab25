// Seed 002, §2.5: backward of a non-scalar z with a weight tensor v of z's shape.
import torch from "@tsgrad/torch";
import { print } from "@tsgrad/py";
// `import torch` is not in the document's snippet; the imports above are needed to run it.

// --- earlier snippet this one builds on, re-run silently ---
const x = torch.tensor([1.0, 2.0, 3.0, 4.0], { requires_grad: true });
const y = x.__rmul__(2); // y = 2 * x
const z = y.view(2, 2);

// --- the document's code ---
const v = torch.tensor([[1.0, 0.1], [0.01, 0.001]], { dtype: torch.float });
z.backward(v);
print(x.grad);
