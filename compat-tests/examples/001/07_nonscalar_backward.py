# Seed 001 (OneFlow d2l 2.5.2), cell 7: a non-scalar y is summed before backward.
# --- earlier cells of this notebook session, re-run silently ---
import oneflow as flow
x = flow.arange(4, dtype=flow.float32)  # 注意end参数是int类型
x.requires_grad_(True)  # 等价于 `x = flow.arange(4, dtype=flow.float32, requires_grad=True)`
y = 2 * flow.sum(x * x)
y.backward()
x.grad.zeros_()
y = x.sum()
y.backward()

# --- this cell ---
# 对非标量调用`backward`需要传入一个`gradient`参数，该参数指定微分函数关于`self`的梯度。在我们的例子中，我们只想求偏导数的和，所以传递一个1的梯度是合适的
x.grad.zeros_()
y = x * x
# 等价于y.backward(flow.ones(x.shape[0]))
y.sum().backward()
x.grad
