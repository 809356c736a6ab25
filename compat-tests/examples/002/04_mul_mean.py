# Seed 002, §1.3: a longer chain, z = y * y * 3 and its mean.
# --- not in the document's snippet; needed to run it ---
import torch

# --- earlier snippets this one builds on, re-run silently ---
x = torch.ones(2, 2, requires_grad=True)
y = x + 2

# --- the document's code ---
z = y * y * 3
out = z.mean()
print(z, out)
