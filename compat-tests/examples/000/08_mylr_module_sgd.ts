// Seed 000 (an older OneFlow release), §2.5.4: Y = 2*X1 + 3*X2 learned by a Module with flow.optim.SGD, from w = [[1], [1]].
import flow, { type Tensor } from "@tsgrad/oneflow";
import { print, f, range } from "@tsgrad/py";
// seed 000 shows an older OneFlow release (numpy-style printing, f-strings show the tensor repr)
flow.__version_profile__("legacy");

class MyLrModule extends flow.nn.Module {
  constructor(lr: number, iter_count: number) {
    super();
    this.w = new flow.nn.Parameter(flow.tensor([[1n], [1n]], { dtype: flow.float32 }));
    this.lr = lr;
    this.iter_count = iter_count;
  }

  override forward(x: Tensor) {
    return flow.matmul(x, this.w);
  }
}

// train data: Y = 2*X1 + 3*X2 (Python ints in data, made float32 by dtype=)
const x = flow.tensor([[1n, 2n], [2n, 3n], [4n, 6n], [3n, 1n]], { dtype: flow.float32 });
const y = flow.tensor([[8n], [13n], [26n], [9n]], { dtype: flow.float32 });

const model = new MyLrModule(0.01, 500);
const loss = flow.nn.MSELoss({ reduction: "sum" });
const optimizer = flow.optim.SGD(model.parameters(), model.lr);

for (const i of range(0, model.iter_count)) {
  const y_pred = model(x);
  const l = loss(y_pred, y);
  if ((i + 1) % 50 === 0) print(f`${i + 1}/${model.iter_count} loss:${l}`);

  l.backward();
  optimizer.step();
  optimizer.zero_grad();
}

print(f`w: ${model.w}`);
