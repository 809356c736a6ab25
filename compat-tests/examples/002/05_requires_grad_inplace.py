# Seed 002, §1.3: requires_grad_() switches gradient tracking on in place.
# --- not in the document's snippet; needed to run it ---
import torch

# --- the document's code ---
a = torch.randn(2, 2) # 缺失情况下默认 requires_grad = False
a = ((a * 3) / (a - 1))
print(a.requires_grad) # False
a.requires_grad_(True)
print(a.requires_grad) # True
b = (a * a).sum()
print(b.grad_fn)
