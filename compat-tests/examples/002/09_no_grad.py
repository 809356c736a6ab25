# Seed 002, §2.5: what is computed inside torch.no_grad() is not tracked.
# --- not in the document's snippet; needed to run it ---
import torch

# --- the document's code ---
x = torch.tensor(1.0, requires_grad=True)
y1 = x ** 2 
with torch.no_grad():
    y2 = x ** 3
y3 = y1 + y2
    
print(x.requires_grad)
print(y1, y1.requires_grad) # True
print(y2, y2.requires_grad) # False
print(y3, y3.requires_grad) # True
