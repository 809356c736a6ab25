// Seed 002, §2.5: changing x.data changes the value without autograd recording it.
import torch from "@tsgrad/torch";
import { print } from "@tsgrad/py";
// `import torch` is not in the document's snippet; the imports above are needed to run it.

// --- the document's code ---
const x = torch.ones(1, { requires_grad: true });

print(x.data); // 还是一个tensor (still a tensor)
print(x.data.requires_grad); // 但是已经是独立于计算图之外 (but outside the graph)

const y = x.__rmul__(2); // y = 2 * x
x.data = x.data.__imul__(100); // x.data *= 100, as Python expands it; 只改变了值，不会记录在计算图，所以不会影响梯度传播 (only the value changes; not recorded, so backward is unaffected)

y.backward();
print(x); // 更改data的值也会影响tensor的值 (changing data changes the tensor)
print(x.grad);
