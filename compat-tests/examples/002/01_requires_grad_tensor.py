# Seed 002, §1.3: a leaf tensor created with requires_grad=True has no grad_fn.
# --- not in the document's snippet; needed to run it ---
import torch

# --- the document's code ---
x = torch.ones(2, 2, requires_grad=True)
print(x)
print(x.grad_fn)
