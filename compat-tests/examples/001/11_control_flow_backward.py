# Seed 001 (OneFlow d2l 2.5.4), cell 11: differentiate through f; the cell prints nothing.
# --- earlier cells of section 2.5.4 (this part uses none of 2.5.1-2.5.3), re-run silently ---
import oneflow as flow
def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c

# --- this cell ---
a = flow.randn(1,requires_grad=True)
d = f(a)
d.backward()
