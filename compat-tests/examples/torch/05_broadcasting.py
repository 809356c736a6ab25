import torch

a = torch.arange(3).reshape((3, 1))
b = torch.arange(2).reshape((1, 2))
print(a, b)
print(a + b)
x = torch.ones(5, 3)
y = torch.tensor([1.0, 2.0, 3.0])
print(x * y)
print(x + 1)
print(torch.arange(4) * 0.5)
print(torch.arange(6).reshape(2, 3) - torch.tensor([[10], [20]]))
m = torch.rand(2, 3, generator=torch.Generator().manual_seed(42))
print(m)
print(m - m.mean(dim=0))
print(m / m.sum(dim=1, keepdim=True))
print(torch.broadcast_tensors(torch.ones(2, 1), torch.zeros(3))[0].shape)
try:
    torch.ones(2, 3) + torch.ones(3, 2)
except RuntimeError as e:
    print(e)
