# grad_fn names of a beginner's ops in OneFlow v0.8 (docs/oneflow.md has the source of each).
import oneflow as flow
x = flow.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
print(x)
print(x + x)
print(x - 1)
print(x / 2)
print(x ** 2)
print(x.reshape(4))
print(x.T)
print(x[0])
print(flow.matmul(x, x).mean())
print(x)
