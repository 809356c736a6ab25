// Seed 001 (OneFlow d2l 2.5.1), cell 2: x.grad is None until a backward pass fills it.
import flow from "@tsgrad/oneflow";
import { print } from "@tsgrad/py";

// --- earlier cells of this notebook session, re-run silently ---
const x = flow.arange(4, { dtype: flow.float32 }); // 注意end参数是int类型 (note: end is an int)

// --- this cell ---
x.requires_grad_(true); // 等价于 `x = flow.arange(4, dtype=flow.float32, requires_grad=True)`
print(x.grad); // 默认值是None (None by default)
