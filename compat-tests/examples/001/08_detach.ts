// Seed 001 (OneFlow d2l 2.5.3), cell 8: u = y.detach() is a constant, so d(u*x)/dx = u.
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

// --- this cell ---
x.grad!.zeros_();
y = x.mul(x);
const u = y.detach();
const z = u.mul(x);

z.sum().backward();
print(x.grad!.eq(u)); // x.grad == u; the notebook displays the cell's last expression (its repr)
