// Seed 002, §1.3: x was created directly (a leaf), y by an op (not a leaf).
import torch from "@tsgrad/torch";
import { print } from "@tsgrad/py";
// `import torch` is not in the document's snippet; the imports above are needed to run it.

// --- earlier snippets this one builds on, re-run silently ---
const x = torch.ones(2, 2, { requires_grad: true });
const y = x.add(2);

// --- the document's code ---
print(x.is_leaf, y.is_leaf); // True False
