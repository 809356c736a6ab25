// Seed 004, part 4, example two: e = (a * b) * d; the intermediate c keeps its gradient in Paddle 2.0.
import paddle from "@tsgrad/paddle";
import { print, format } from "@tsgrad/py";

const a = paddle.to_tensor(2.0, { stop_gradient: false });
const b = paddle.to_tensor(5.0, { stop_gradient: false });
const c = a.mul(b);
const d = paddle.to_tensor(4.0, { stop_gradient: false });
const e = c.mul(d);
e.backward();
print(format("Tensor a's grad is: {}", a.grad));
print(format("Tensor b's grad is: {}", b.grad));
print(format("Tensor c's grad is: {}", c.grad));
print(format("Tensor d's grad is: {}", d.grad));
