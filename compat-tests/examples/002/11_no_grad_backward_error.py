# Seed 002, §2.5: y2 does not require grad, so y2.backward() raises.
# The document gives this call inline in its text, and shows the error it raises.
# --- not in the document's snippet; needed to run it ---
import torch

# --- earlier snippet this one builds on, re-run silently ---
x = torch.tensor(1.0, requires_grad=True)
y1 = x ** 2 
with torch.no_grad():
    y2 = x ** 3
y3 = y1 + y2

# --- the document's code ---
y2.backward()
