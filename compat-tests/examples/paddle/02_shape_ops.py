# reshape (0 copies a dim, -1 infers), transpose(perm), flatten, unsqueeze, split, concat, stack:
# shapes from the Paddle 2.0 docstrings of python/paddle/tensor/manipulation.py.
import paddle
x = paddle.ones([2, 4, 6])
print(paddle.reshape(x, shape=[6, 8]).shape)
print(x.reshape([-1, 0, 3, 2]).shape)
print(paddle.transpose(paddle.ones([2, 3, 4]), perm=[1, 0, 2]).shape)
print(paddle.flatten(paddle.ones([2, 3, 4, 4]), start_axis=1, stop_axis=2).shape)
z = paddle.ones([5, 10])
print(z.unsqueeze(axis=0).shape, paddle.unsqueeze(z, axis=[0, 2]).shape)
s = paddle.ones([3, 9, 5])
out0, out1, out2 = paddle.split(s, num_or_sections=3, axis=1)
print(out0.shape, out1.shape, out2.shape)
out0, out1, out2 = s.split(num_or_sections=[2, 3, -1], axis=1)
print(out0.shape, out1.shape, out2.shape)
a = paddle.to_tensor([[1, 2, 3], [4, 5, 6]])
print(paddle.concat([a, a], axis=1).shape, paddle.stack([a, a], axis=0).shape)
print(a.t().shape, a.squeeze().shape, paddle.ones([1, 3, 1]).squeeze(axis=0).shape)
