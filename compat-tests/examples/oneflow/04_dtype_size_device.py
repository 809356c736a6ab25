# What OneFlow v0.8 prints for dtypes, sizes, devices and integer/bool tensors.
import oneflow as flow
x = flow.ones(2, 3)
print(x.dtype)
print(x.shape)
print(x.device)
print(repr(x.device))
print(x.dtype == flow.float32)
i = flow.arange(4)
print(i, i.dtype)
print(i > 1)
print(flow.tensor([True, False]))
print(flow.zeros(0, 2))
print(x.sum(), f"{x.sum()}")
