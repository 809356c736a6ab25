# Seed 002, §1.3: y = x + 2 records an add node as its grad_fn.
# --- not in the document's snippet; needed to run it ---
import torch

# --- earlier snippet this one builds on, re-run silently ---
x = torch.ones(2, 2, requires_grad=True)

# --- the document's code ---
y = x + 2
print(y)
print(y.grad_fn)
