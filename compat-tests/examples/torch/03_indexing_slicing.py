import torch

x = torch.arange(20).reshape(4, 5)
print(x)
print(x[0])
print(x[-1])
print(x[1, 2])
print(x[:, 1])
print(x[1:3])
print(x[1:3, ::2])
print(x[..., -1])
print(x[:, None, 0].shape)
print(x[[0, 2]])
print(x[[0, 1], [1, 3]])
print(x[x > 12])
print(x[1][2].item())
t = torch.ones(4, 4)
t[:, 1] = 0
print(t)
t[0, :] = 5
print(t)
t[1:3, 1:3] = torch.tensor([[7.0, 8.0], [9.0, 10.0]])
print(t)
t[t > 6] = -1
print(t)
print(f"First row: {t[0]}")
print(f"First column: {t[:, 0]}")
print(f"Last column: {t[..., -1]}")
y = x[1]
y[0] = 100
print(x)
idx = torch.tensor([3, 0])
print(x[idx])
print(x.index_select(1, torch.tensor([0, 4])))
print(torch.gather(x, 1, torch.tensor([[0], [1], [2], [3]])))
