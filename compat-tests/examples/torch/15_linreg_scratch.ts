// d2l's linear regression from scratch: synthetic data, a shuffling data iterator, minibatch SGD.
import torch from "@tsgrad/torch";
import type { Tensor } from "@tsgrad/torch";
import { print, f, fmt, float, len, range } from "@tsgrad/py";

function synthetic_data(w: Tensor, b: number, num_examples: number): [Tensor, Tensor] {
  const X = torch.normal(0n, 1n, [num_examples, len(w)]);
  let y = torch.matmul(X, w).add(b);
  y = y.__iadd__(torch.normal(0n, 0.01, y.shape));
  return [X, y.reshape([-1, 1])];
}

torch.manual_seed(0);
const true_w = torch.tensor([2n, -3.4]);
const true_b = 4.2;
const [features, labels] = synthetic_data(true_w, true_b, 1000);
print("features:", features.at(0), "\nlabel:", labels.at(0));

function* data_iter(batch_size: number, features: Tensor, labels: Tensor): Generator<[Tensor, Tensor]> {
  const num_examples = len(features);
  const indices = torch.randperm(num_examples);
  for (const i of range(0, num_examples, batch_size)) {
    const batch_indices = indices.at(`${i}:${Math.min(i + batch_size, num_examples)}`);
    yield [features.at(batch_indices), labels.at(batch_indices)];
  }
}

const batch_size = 10;
for (const [X, y] of data_iter(batch_size, features, labels)) {
  print(X, "\n", y);
  break;
}

const w = torch.normal(0n, 0.01, { size: [2, 1], requires_grad: true });
const b = torch.zeros(1, { requires_grad: true });

function linreg(X: Tensor, w: Tensor, b: Tensor): Tensor {
  return torch.matmul(X, w).add(b);
}

function squared_loss(y_hat: Tensor, y: Tensor): Tensor {
  return y_hat.sub(y.reshape(y_hat.shape)).pow(2n).div(2n);
}

function sgd(params: Tensor[], lr: number, batch_size: number): void {
  torch.no_grad(() => {
    for (const param of params) {
      param.__isub__(param.grad!.__rmul__(lr).div(batch_size));
      param.grad!.zero_();
    }
  });
}

const lr = 0.03;
const num_epochs = 3;
const net = linreg;
const loss = squared_loss;
for (const epoch of range(num_epochs)) {
  for (const [X, y] of data_iter(batch_size, features, labels)) {
    const l = loss(net(X, w, b), y);
    l.sum().backward();
    sgd([w, b], lr, batch_size);
  }
  torch.no_grad(() => {
    const train_l = loss(net(features, w, b), labels);
    print(f`epoch ${epoch + 1}, loss ${fmt(float(train_l.mean()), "f")}`);
  });
}
print(f`w的估计误差: ${true_w.sub(w.reshape(true_w.shape))}`);
print(f`b的估计误差: ${b.__rsub__(true_b)}`);
print(w, b);
