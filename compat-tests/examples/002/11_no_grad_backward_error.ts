// Seed 002, §2.5: y2 does not require grad, so y2.backward() raises.
// The document gives this call inline in its text, and shows the error it raises.
// The error is left uncaught, as in the document: the runner reads its Python-style last line.
import torch from "@tsgrad/torch";
// `import torch` is not in the document's snippet; the imports above are needed to run it.

// --- earlier snippet this one builds on, re-run silently ---
const x = torch.tensor(1.0, { requires_grad: true });
const y1 = x.pow(2); // y1 = x ** 2
const y2 = torch.no_grad(() => {
  return x.pow(3); // y2 = x ** 3
});
const y3 = y1.add(y2);

// --- the document's code ---
y2.backward();
