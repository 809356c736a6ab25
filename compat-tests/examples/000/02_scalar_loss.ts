// Seed 000 (an older OneFlow release), §2.5.1 "why only a scalar": the loss of the program above, printed again.
import flow from "@tsgrad/oneflow";
import np from "@tsgrad/numpy";
import { print } from "@tsgrad/py";
// seed 000 shows an older OneFlow release (numpy-style printing)
flow.__version_profile__("legacy");
void np; // imported by the original, unused

// --- the statements of the program above (01_backward) this snippet builds on, re-run silently ---
const x = flow.tensor([1.0, 2.0, 3.0], { requires_grad: true });
const y = x.mul(x);
const loss = flow.nn.MSELoss();
let out = loss(x, y);
out.backward();

// --- the snippet ---
out = loss(x, y);
print(out);
