# matmul with transpose_x / transpose_y, elementwise functions and comparisons giving bool
# tensors (Paddle 2.0 python/paddle/tensor/linalg.py and logic.py).
import paddle
x = paddle.to_tensor([[1.0, 2.0], [3.0, 4.0]])
y = paddle.to_tensor([[1.0, 0.0], [1.0, 1.0]])
print(paddle.matmul(x, y))
print(x.matmul(y, transpose_y=True))
print(paddle.matmul(x, y, transpose_x=True).numpy())
print(paddle.multiply(x, y).numpy(), paddle.subtract(x, y).numpy(), paddle.divide(y, x).numpy())
print(paddle.equal(x, y))
print(x.greater_than(y).numpy(), paddle.less_equal(x, y).numpy())
print(paddle.clip(x, min=1.5, max=3.5).numpy())
print(paddle.where(x > 2, x, y).numpy())
