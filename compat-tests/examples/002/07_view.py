# Seed 002, §2.5: a non-scalar z obtained through view.
# --- not in the document's snippet; needed to run it ---
import torch

# --- the document's code ---
x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
y = 2 * x
z = y.view(2, 2)
print(z)
