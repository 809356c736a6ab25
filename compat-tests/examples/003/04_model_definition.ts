// Seed 003 (a newer OneFlow release), "使用 oneflow.optim 中的优化器类": data and a Module whose w starts from unseeded flow.randn.
import flow, { type Tensor } from "@tsgrad/oneflow";

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
void model; // the cell only builds the model: it prints nothing
