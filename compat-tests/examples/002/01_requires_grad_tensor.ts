// Seed 002, §1.3: a leaf tensor created with requires_grad=True has no grad_fn.
import torch from "@tsgrad/torch";
import { print } from "@tsgrad/py";
// `import torch` is not in the document's snippet; the imports above are needed to run it.

// --- the document's code ---
const x = torch.ones(2, 2, { requires_grad: true });
print(x);
print(x.grad_fn);
