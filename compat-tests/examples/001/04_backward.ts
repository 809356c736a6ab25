// Seed 001 (OneFlow d2l 2.5.1), cell 4: backward fills x.grad with dy/dx = 4x.
import flow from "@tsgrad/oneflow";
import { print } from "@tsgrad/py";

// --- earlier cells of this notebook session, re-run silently ---
const x = flow.arange(4, { dtype: flow.float32 }); // 注意end参数是int类型 (note: end is an int)
x.requires_grad_(true); // 等价于 `x = flow.arange(4, dtype=flow.float32, requires_grad=True)`
let y = flow.sum(x.mul(x)).__rmul__(2); // y = 2 * flow.sum(x * x)

// --- this cell ---
y.backward();
print(x.grad); // the notebook displays the cell's last expression (its repr)
