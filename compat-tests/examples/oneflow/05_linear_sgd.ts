// nn.Linear (matmul, then `res += bias`: python/oneflow/nn/modules/linear.py) trained one SGD step.
import flow from "@tsgrad/oneflow";
import { print } from "@tsgrad/py";

const m = flow.nn.Linear(2, 1);
flow.no_grad(() => {
  m.weight.copy_(flow.tensor([[1.0, -1.0]]));
  m.bias.fill_(0.5);
});
print(m);
const x = flow.tensor([[1.0, 2.0], [3.0, 5.0]]);
const y = flow.tensor([[0.0], [1.0]]);
const out = m(x);
print(out);
const loss = flow.nn.MSELoss()(out, y);
print(loss);
const opt = flow.optim.SGD(m.parameters(), { lr: 0.1 });
loss.backward();
print(m.weight.grad, m.bias.grad);
opt.step();
print(m.weight);
print(m.bias);
