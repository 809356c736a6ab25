// d2l's softmax regression from scratch: softmax, cross_entropy by fancy indexing, accuracy.
import torch from "@tsgrad/torch";
import type { Tensor } from "@tsgrad/torch";
import { print, f, fmt, float, len, range } from "@tsgrad/py";

let X = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
print(X.sum(0, { keepdim: true }), X.sum(1, { keepdim: true }));

function softmax(X: Tensor): Tensor {
  const X_exp = torch.exp(X);
  const partition = X_exp.sum(1, { keepdim: true });
  return X_exp.div(partition);
}

torch.manual_seed(0);
X = torch.normal(0n, 1n, [2, 5]);
const X_prob = softmax(X);
print(X_prob, X_prob.sum(1));

const y = torch.tensor([0n, 2n]);
const y_hat = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]]);
print(y_hat.at([0, 1], y));

function cross_entropy(y_hat: Tensor, y: Tensor): Tensor {
  return torch.log(y_hat.at(range(len(y_hat)), y)).neg();
}

print(cross_entropy(y_hat, y));

function accuracy(y_hat: Tensor, y: Tensor): number {
  if (len(y_hat.shape) > 1 && y_hat.shape[1] > 1) {
    y_hat = y_hat.argmax({ axis: 1 });
  }
  const cmp = y_hat.type(y.dtype).eq(y);
  return float(cmp.type(y.dtype).sum());
}

print(accuracy(y_hat, y) / len(y));

const [num_inputs, num_outputs] = [4, 3];
const W = torch.normal(0n, 0.01, { size: [num_inputs, num_outputs], requires_grad: true });
const b = torch.zeros(num_outputs, { requires_grad: true });

function net(X: Tensor): Tensor {
  return softmax(torch.matmul(X.reshape([-1, W.shape[0]]), W).add(b));
}

const features = torch.randn(30, 4);
const labels = torch.randint(0, 3, [30]);
print(labels);
const lr = 0.1;
for (const epoch of range(5)) {
  const l = cross_entropy(net(features), labels);
  l.mean().backward();
  torch.no_grad(() => {
    W.__isub__(W.grad.__rmul__(lr));
    b.__isub__(b.grad.__rmul__(lr));
    W.grad.zero_();
    b.grad.zero_();
  });
  print(f`epoch ${epoch + 1}, loss ${fmt(float(l.mean()), ".6f")}, acc ${fmt(accuracy(net(features), labels) / len(labels), ".3f")}`);
}
print(W);
print(b);
