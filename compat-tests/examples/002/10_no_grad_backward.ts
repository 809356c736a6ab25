// Seed 002, §2.5: only y1 = x ** 2 contributes to the gradient of y3.
import torch from "@tsgrad/torch";
import { print } from "@tsgrad/py";
// `import torch` is not in the document's snippet; the imports above are needed to run it.

// --- earlier snippet this one builds on, re-run silently ---
const x = torch.tensor(1.0, { requires_grad: true });
const y1 = x.pow(2); // y1 = x ** 2
const y2 = torch.no_grad(() => {
  return x.pow(3); // y2 = x ** 3
});
const y3 = y1.add(y2);

// --- the document's code ---
y3.backward();
print(x.grad);
