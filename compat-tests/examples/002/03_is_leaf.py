# Seed 002, §1.3: x was created directly (a leaf), y by an op (not a leaf).
# --- not in the document's snippet; needed to run it ---
import torch

# --- earlier snippets this one builds on, re-run silently ---
x = torch.ones(2, 2, requires_grad=True)
y = x + 2

# --- the document's code ---
print(x.is_leaf, y.is_leaf) # True False
