# Seed 002, §2.5: changing x.data changes the value without autograd recording it.
# --- not in the document's snippet; needed to run it ---
import torch

# --- the document's code ---
x = torch.ones(1,requires_grad=True)

print(x.data) # 还是一个tensor
print(x.data.requires_grad) # 但是已经是独立于计算图之外

y = 2 * x
x.data *= 100 # 只改变了值，不会记录在计算图，所以不会影响梯度传播

y.backward()
print(x) # 更改data的值也会影响tensor的值
print(x.grad)
