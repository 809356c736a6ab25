// Seed 001 (OneFlow d2l 2.5.1), cell 5: check x.grad against 4x (comparisons give int8).
import flow from "@tsgrad/oneflow";
import { print } from "@tsgrad/py";

// --- earlier cells of this notebook session, re-run silently ---
const x = flow.arange(4, { dtype: flow.float32 }); // 注意end参数是int类型 (note: end is an int)
x.requires_grad_(true); // 等价于 `x = flow.arange(4, dtype=flow.float32, requires_grad=True)`
let y = flow.sum(x.mul(x)).__rmul__(2); // y = 2 * flow.sum(x * x)
y.backward();

// --- this cell ---
print(x.grad!.eq(x.__rmul__(4))); // x.grad == 4 * x; the notebook displays the cell's last expression (its repr)
