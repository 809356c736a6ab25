// Seed 004, part 3.3: add_n, sum, backward, gradient() and clear_grad().
import paddle from "@tsgrad/paddle";
import np from "@tsgrad/numpy";
import { print, format, range } from "@tsgrad/py";

const x = np.ones([2, 2], np.float32);
const inputs2 = [];

for (const _ of range(10)) {
  const tmp = paddle.to_tensor(x);
  tmp.stop_gradient = false;
  inputs2.push(tmp);
}

const ret2 = paddle.add_n(inputs2);
const loss2 = paddle.sum(ret2);

loss2.backward();
print(format("Before clear {}", loss2.gradient()));

loss2.clear_grad();
print(format("After clear {}", loss2.gradient()));
