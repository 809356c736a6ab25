// paddle.sum / paddle.max with axis and keepdim (Paddle 2.0 python/paddle/tensor/math.py docstrings).
import paddle from "@tsgrad/paddle";
import { print } from "@tsgrad/py";
const x = paddle.to_tensor([[0.25, 0.5, 1.5, 2.0], [0.125, 0.75, 1.0, 3.0]]);
print(paddle.sum(x).shape);
print(x.sum({ axis: 0 }).numpy());
print(x.sum({ axis: -1 }).numpy());
print(x.sum({ axis: 1, keepdim: true }).shape);
const y = paddle.to_tensor([[[1n, 2n], [3n, 4n]], [[5n, 6n], [7n, 8n]]]);
print(paddle.sum(y, { axis: [1, 2] }).numpy());
print(paddle.sum(y, { axis: [0, 1] }).numpy());
print(x.max().numpy());
print(x.max({ axis: -1 }).numpy());
