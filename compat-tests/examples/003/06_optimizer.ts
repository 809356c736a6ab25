// Seed 003 (a newer OneFlow release), "构造 optimizer": SGD over the model's parameters with its lr; the cell prints nothing.
import flow, { type Tensor } from "@tsgrad/oneflow";

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

// --- this cell ---
const optimizer = flow.optim.SGD(model.parameters(), model.lr);
void [x, y, loss, optimizer];
