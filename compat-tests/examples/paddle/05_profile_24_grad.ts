// The same program under Paddle 2.4 (the dialect's "2.4" profile): x.grad is a Tensor
// (stop_gradient=False), places print as Place(cpu), a full reduction still has shape [1].
import paddle from "@tsgrad/paddle";
import { print } from "@tsgrad/py";
paddle.__version_profile__("2.4");
const x = paddle.to_tensor([[1.0, 2.0], [3.0, 4.0]], { stop_gradient: false });
const y = x.mul(x).sum();
print(y);
y.backward();
print(x.grad);
const z = paddle.mean(x, { axis: 1 });
print(z.shape, z.stop_gradient);
