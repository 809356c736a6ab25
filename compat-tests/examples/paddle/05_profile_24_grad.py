# The same program under Paddle 2.4 (the dialect's "2.4" profile): x.grad is a Tensor
# (stop_gradient=False), places print as Place(cpu), a full reduction still has shape [1].
import paddle
x = paddle.to_tensor([[1.0, 2.0], [3.0, 4.0]], stop_gradient=False)
y = (x * x).sum()
print(y)
y.backward()
print(x.grad)
z = paddle.mean(x, axis=1)
print(z.shape, z.stop_gradient)
