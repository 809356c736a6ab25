# paddle.sum / paddle.max with axis and keepdim (Paddle 2.0 python/paddle/tensor/math.py docstrings).
import paddle
x = paddle.to_tensor([[0.25, 0.5, 1.5, 2.0], [0.125, 0.75, 1.0, 3.0]])
print(paddle.sum(x).shape)
print(x.sum(axis=0).numpy())
print(x.sum(axis=-1).numpy())
print(x.sum(axis=1, keepdim=True).shape)
y = paddle.to_tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])
print(paddle.sum(y, axis=[1, 2]).numpy())
print(paddle.sum(y, axis=[0, 1]).numpy())
print(x.max().numpy())
print(x.max(axis=-1).numpy())
