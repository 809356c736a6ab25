// Seed 002, §2.5: a non-scalar z obtained through view.
import torch from "@tsgrad/torch";
import { print } from "@tsgrad/py";
// `import torch` is not in the document's snippet; the imports above are needed to run it.

// --- the document's code ---
const x = torch.tensor([1.0, 2.0, 3.0, 4.0], { requires_grad: true });
const y = x.__rmul__(2); // y = 2 * x
const z = y.view(2, 2);
print(z);
