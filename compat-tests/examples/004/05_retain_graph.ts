// Seed 004, part 3.2: backward(retain_graph=True).
import paddle from "@tsgrad/paddle";
import { print, format } from "@tsgrad/py";

const x = paddle.to_tensor([1.0, 2.0, 3.0], { stop_gradient: false });
const y = x.add(3);
y.backward({ retain_graph: true }); // 设置retain_graph为True，保留反向计算图 (keep the backward graph)
print(format("Tensor x's grad is: {}", x.grad));
