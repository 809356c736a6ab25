// Seed 004, part 3.1: setting stop_gradient (re-runs the previous block's `a` silently).
import paddle from "@tsgrad/paddle";
import { print } from "@tsgrad/py";
const a = paddle.to_tensor([1.0, 2.0, 3.0]);

a.stop_gradient = false;
print(a.stop_gradient);
