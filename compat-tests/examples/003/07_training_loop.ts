// Seed 003 (a newer OneFlow release), "训练": the training loop, then the learned w (w starts from unseeded flow.randn).
import flow, { type Tensor } from "@tsgrad/oneflow";
import { print, f, range } from "@tsgrad/py";

// --- earlier cells of this section (using oneflow.optim), re-run silently ---
const x = flow.tensor([[1n, 2n], [2n, 3n], [4n, 6n], [3n, 1n]], { dtype: flow.float32 });
const y = flow.tensor([[8n], [13n], [26n], [9n]], { dtype: flow.float32 });

class MyLrModule extends flow.nn.Module {
  constructor(lr: number, iter_count: number) {
    super();
    this.w = new flow.nn.Parameter(flow.randn(2, 1, { dtype: flow.float32 }));
    this.lr = lr;
    this.iter_count = iter_count;
  }

  override forward(x: Tensor) {
    return flow.matmul(x, this.w);
  }
}

const model = new MyLrModule(0.01, 500);
const loss = flow.nn.MSELoss({ reduction: "sum" });
const optimizer = flow.optim.SGD(model.parameters(), model.lr);

// --- this cell ---
for (const i of range(0, model.iter_count)) {
  const y_pred = model(x);
  const l = loss(y_pred, y);
  if ((i + 1) % 50 === 0) {
    print(f`${i + 1}/${model.iter_count} loss:${l}`);
  }

  optimizer.zero_grad();
  l.backward();
  optimizer.step();
}

print(f`\nw: ${model.w}`);
