# Seed 001 (OneFlow d2l 2.5.1), cell 4: backward fills x.grad with dy/dx = 4x.
# --- earlier cells of this notebook session, re-run silently ---
import oneflow as flow
x = flow.arange(4, dtype=flow.float32)  # 注意end参数是int类型
x.requires_grad_(True)  # 等价于 `x = flow.arange(4, dtype=flow.float32, requires_grad=True)`
y = 2 * flow.sum(x * x)

# --- this cell ---
y.backward()
x.grad
