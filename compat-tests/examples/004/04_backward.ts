// Seed 004, part 3.2: z = x ** 2 + 4 * y (a vector), z.backward() seeds ones.
import paddle from "@tsgrad/paddle";
import { print, format } from "@tsgrad/py";

const x = paddle.to_tensor([1.0, 2.0, 3.0], { stop_gradient: false });
const y = paddle.to_tensor([4.0, 5.0, 6.0], { stop_gradient: false });
const z = x.pow(2).add(y.__rmul__(4));

z.backward();
print(format("Tensor x's grad is: {}", x.grad));
print(format("Tensor y's grad is: {}", y.grad));
