// Seed 002, §1.3: a longer chain, z = y * y * 3 and its mean.
import torch from "@tsgrad/torch";
import { print } from "@tsgrad/py";
// `import torch` is not in the document's snippet; the imports above are needed to run it.

// --- earlier snippets this one builds on, re-run silently ---
const x = torch.ones(2, 2, { requires_grad: true });
const y = x.add(2);

// --- the document's code ---
const z = y.mul(y).mul(3);
const out = z.mean();
print(z, out);
