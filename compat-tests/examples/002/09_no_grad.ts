// Seed 002, §2.5: what is computed inside torch.no_grad() is not tracked.
import torch from "@tsgrad/torch";
import { print } from "@tsgrad/py";
// `import torch` is not in the document's snippet; the imports above are needed to run it.

// --- the document's code ---
const x = torch.tensor(1.0, { requires_grad: true });
const y1 = x.pow(2); // y1 = x ** 2
const y2 = torch.no_grad(() => {
  return x.pow(3); // y2 = x ** 3
});
const y3 = y1.add(y2);

print(x.requires_grad);
print(y1, y1.requires_grad); // True
print(y2, y2.requires_grad); // False
print(y3, y3.requires_grad); // True
