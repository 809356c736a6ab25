# Seed 001 (OneFlow d2l 2.5.1), cell 6: clear the accumulated grad, then differentiate x.sum().
# --- earlier cells of this notebook session, re-run silently ---
import oneflow as flow
x = flow.arange(4, dtype=flow.float32)  # 注意end参数是int类型
x.requires_grad_(True)  # 等价于 `x = flow.arange(4, dtype=flow.float32, requires_grad=True)`
y = 2 * flow.sum(x * x)
y.backward()

# --- this cell ---
# 在默认情况下，OneFlow会累积梯度，我们需要清除之前的值
x.grad.zeros_()
y = x.sum()
y.backward()
x.grad
