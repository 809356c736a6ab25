# Seed 000 (an older OneFlow release), §2.5.1 "why only a scalar": the loss of the program above, printed again.
# (the statements of the program above that this snippet builds on, re-run silently)
import oneflow as flow
import numpy as np
x =  flow.tensor([1.0,2.0,3.0], requires_grad = True)
y = x*x
loss = flow.nn.MSELoss()
out = loss(x, y)
out.backward()

# --- the snippet ---
out = loss(x,y)
print(out)
