// Seed 001 (OneFlow d2l 2.5.3), cell 9: y itself kept its graph, so dy/dx = 2x.
import flow from "@tsgrad/oneflow";
import { print } from "@tsgrad/py";

// --- earlier cells of this notebook session, re-run silently ---
const x = flow.arange(4, { dtype: flow.float32 }); // 注意end参数是int类型 (note: end is an int)
x.requires_grad_(true); // 等价于 `x = flow.arange(4, dtype=flow.float32, requires_grad=True)`
let y = flow.sum(x.mul(x)).__rmul__(2); // y = 2 * flow.sum(x * x)
y.backward();
x.grad!.zeros_();
y = x.sum();
y.backward();
x.grad!.zeros_();
y = x.mul(x);
y.sum().backward();
x.grad!.zeros_();
y = x.mul(x);
const u = y.detach();
const z = u.mul(x);
z.sum().backward();

// --- this cell ---
x.grad!.zeros_();
y.sum().backward();
print(x.grad!.eq(x.__rmul__(2))); // x.grad == 2 * x; the notebook displays the cell's last expression (its repr)
