// argmax/argmin (int64, flattened when axis is None), std/var (unbiased), mean: Paddle 2.0
// docstrings of python/paddle/tensor/search.py and stat.py; full reductions have shape [1].
import paddle from "@tsgrad/paddle";
import { print } from "@tsgrad/py";
const x = paddle.to_tensor([[5n, 8n, 9n, 5n], [0n, 0n, 1n, 7n], [6n, 9n, 2n, 4n]]);
print(paddle.argmax(x));
print(x.argmax({ axis: 1 }).numpy(), x.argmin({ axis: 0 }).numpy());
print(x.argmax({ axis: 1, keepdim: true }).shape);
const y = paddle.to_tensor([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0]]);
print(paddle.std(y));
print(y.var({ axis: 1 }).numpy());
print(y.mean({ axis: 0, keepdim: true }));
