# Seed 002, §2.5: backward of a non-scalar z with a weight tensor v of z's shape.
# --- not in the document's snippet; needed to run it ---
import torch

# --- earlier snippet this one builds on, re-run silently ---
x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
y = 2 * x
z = y.view(2, 2)

# --- the document's code ---
v = torch.tensor([[1.0, 0.1], [0.01, 0.001]], dtype=torch.float)
z.backward(v)
print(x.grad)
