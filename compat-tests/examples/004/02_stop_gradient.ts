// Seed 004, part 3.1: stop_gradient is True for user tensors unless set.
import paddle from "@tsgrad/paddle";
import { print } from "@tsgrad/py";

const a = paddle.to_tensor([1.0, 2.0, 3.0]);
const b = paddle.to_tensor([1.0, 2.0, 3.0], { stop_gradient: false }); // 将b设置为需要计算梯度的属性 (b needs gradients)
print(a.stop_gradient);
print(b.stop_gradient);
