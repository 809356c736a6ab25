# argmax/argmin (int64, flattened when axis is None), std/var (unbiased), mean: Paddle 2.0
# docstrings of python/paddle/tensor/search.py and stat.py; full reductions have shape [1].
import paddle
x = paddle.to_tensor([[5, 8, 9, 5], [0, 0, 1, 7], [6, 9, 2, 4]])
print(paddle.argmax(x))
print(x.argmax(axis=1).numpy(), x.argmin(axis=0).numpy())
print(x.argmax(axis=1, keepdim=True).shape)
y = paddle.to_tensor([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0]])
print(paddle.std(y))
print(y.var(axis=1).numpy())
print(y.mean(axis=0, keepdim=True))
