// Custom nn.Module subclasses (d2l's MLP, MySequential, FixedHiddenMLP), apply() and nn.init.
import torch from "@tsgrad/torch";
import type { Tensor } from "@tsgrad/torch";
import nn from "@tsgrad/torch/nn";
import F from "@tsgrad/torch/nn/functional";
import { print, len, list, str, type } from "@tsgrad/py";

class Net extends nn.Module {
  constructor() {
    super();
    this.hidden = nn.Linear(20, 256);
    this.out = nn.Linear(256, 10);
  }

  override forward(X: Tensor) {
    return this.out(F.relu(this.hidden(X)));
  }
}

torch.manual_seed(0);
const net = new Net();
print(net);
const X = torch.rand(2, 20);
print(net(X).shape);
print(net(X).at(0, ":3"));
const params = list(net.parameters()) as Tensor[];
print(len(params));
print(params[0].size());

class MySequential extends nn.Module {
  constructor(...args: any[]) {
    super();
    for (const [idx, module] of args.entries()) {
      this._modules[str(idx)] = module;
    }
  }

  override forward(X: Tensor) {
    for (const block of this._modules.values()) {
      X = block!(X);
    }
    return X;
  }
}

const net2 = new MySequential(nn.Linear(20, 256), nn.ReLU(), nn.Linear(256, 10));
print(net2);
print(net2(X).shape);

class FixedHiddenMLP extends nn.Module {
  constructor() {
    super();
    this.rand_weight = torch.rand([20, 20], { requires_grad: false });
    this.linear = nn.Linear(20, 20);
  }

  override forward(X: Tensor) {
    X = this.linear(X);
    X = F.relu(torch.mm(X, this.rand_weight).add(1n));
    X = this.linear(X);
    while (X.abs().sum().gt(1n).__bool__()) {
      X = X.__itruediv__(2n);
    }
    return X.sum();
  }
}

const net3 = new FixedHiddenMLP();
print(net3(X));
print(net3);
print(net.hidden.weight.grad);
const out = net(X).sum();
out.backward();
print(net.out.bias.grad);
print(net.state_dict()["out.bias"].shape);
function init_normal(m: any) {
  if (type(m) === nn.Linear) {
    nn.init.normal_(m.weight, { mean: 0n, std: 0.01 });
    nn.init.zeros_(m.bias);
  }
}
net.apply(init_normal);
print(net.hidden.weight.at(0, ":4"), net.hidden.bias.at(0));
function init_constant(m: any) {
  if (type(m) === nn.Linear) {
    nn.init.constant_(m.weight, 1);
    nn.init.zeros_(m.bias);
  }
}
net.apply(init_constant);
print(net.hidden.weight.data.at(0), net.hidden.bias.data.at(0));
nn.init.xavier_uniform_(net.out.weight);
print(net.out.weight.at(0, ":3"));
