// Seed 002, §1.3: y = x + 2 records an add node as its grad_fn.
import torch from "@tsgrad/torch";
import { print } from "@tsgrad/py";
// `import torch` is not in the document's snippet; the imports above are needed to run it.

// --- earlier snippet this one builds on, re-run silently ---
const x = torch.ones(2, 2, { requires_grad: true });

// --- the document's code ---
const y = x.add(2);
print(y);
print(y.grad_fn);
