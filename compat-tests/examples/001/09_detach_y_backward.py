# Seed 001 (OneFlow d2l 2.5.3), cell 9: y itself kept its graph, so dy/dx = 2x.
# --- earlier cells of this notebook session, re-run silently ---
import oneflow as flow
x = flow.arange(4, dtype=flow.float32)  # 注意end参数是int类型
x.requires_grad_(True)  # 等价于 `x = flow.arange(4, dtype=flow.float32, requires_grad=True)`
y = 2 * flow.sum(x * x)
y.backward()
x.grad.zeros_()
y = x.sum()
y.backward()
x.grad.zeros_()
y = x * x
y.sum().backward()
x.grad.zeros_()
y = x * x
u = y.detach()
z = u * x
z.sum().backward()

# --- this cell ---
x.grad.zeros_()
y.sum().backward()
x.grad == 2 * x
