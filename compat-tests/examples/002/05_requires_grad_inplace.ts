// Seed 002, §1.3: requires_grad_() switches gradient tracking on in place.
import torch from "@tsgrad/torch";
import { print } from "@tsgrad/py";
// `import torch` is not in the document's snippet; the imports above are needed to run it.

// --- the document's code ---
let a = torch.randn(2, 2); // 缺失情况下默认 requires_grad = False (requires_grad defaults to False)
a = a.mul(3).div(a.sub(1)); // a = ((a * 3) / (a - 1))
print(a.requires_grad); // False
a.requires_grad_(true);
print(a.requires_grad); // True
const b = a.mul(a).sum();
print(b.grad_fn);
