// Seed 004, part 4, example one: c = a * b with b.stop_gradient=True.
import paddle from "@tsgrad/paddle";
import { print, format } from "@tsgrad/py";

const a = paddle.to_tensor(2.0, { stop_gradient: false });
const b = paddle.to_tensor(5.0, { stop_gradient: true });
const c = a.mul(b);
c.backward();
print(format("Tensor a's grad is: {}", a.grad));
print(format("Tensor b's grad is: {}", b.grad));
