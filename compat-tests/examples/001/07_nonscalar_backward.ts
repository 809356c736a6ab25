// Seed 001 (OneFlow d2l 2.5.2), cell 7: a non-scalar y is summed before backward.
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

// --- this cell ---
// 对非标量调用`backward`需要传入一个`gradient`参数，该参数指定微分函数关于`self`的梯度。在我们的例子中，我们只想求偏导数的和，所以传递一个1的梯度是合适的
// (backward on a non-scalar needs a `gradient` argument, the gradient of the differentiated function with respect to `self`; we only want the sum of the partial derivatives, so a gradient of ones is right)
x.grad!.zeros_();
y = x.mul(x);
// 等价于y.backward(flow.ones(x.shape[0])) (same as y.backward(flow.ones(x.shape[0])))
y.sum().backward();
print(x.grad); // the notebook displays the cell's last expression (its repr)
