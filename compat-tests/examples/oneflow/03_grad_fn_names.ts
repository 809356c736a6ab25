// grad_fn names of a beginner's ops in OneFlow v0.8 (docs/oneflow.md has the source of each).
import flow from "@tsgrad/oneflow";
import { print } from "@tsgrad/py";

const x = flow.tensor([[1.0, 2.0], [3.0, 4.0]], { requires_grad: true });
print(x);
print(x.add(x));
print(x.sub(1));
print(x.div(2));
print(x.pow(2));
print(x.reshape(4));
print(x.T);
print(x.at(0));
print(flow.matmul(x, x).mean());
print(x);
