// "What is torch.nn really?" on a synthetic MNIST stand-in: the from-scratch logistic model
// (manual log_softmax, fancy-indexed nll, updates under no_grad), then F.cross_entropy,
// nn.Module + nn.Parameter, nn.Linear + optim, TensorDataset/DataLoader, fit() with a numpy
// weighted validation loss, and the CNN built from nn.Sequential with a Lambda layer.
import np from "@tsgrad/numpy";
import torch, { nn, optim } from "@tsgrad/torch";
import type { Tensor } from "@tsgrad/torch";
import F from "@tsgrad/torch/nn/functional";
import { TensorDataset, DataLoader } from "@tsgrad/torch/utils/data";
import { print, f, fmt, range, len, zip, tuple, int } from "@tsgrad/py";

torch.manual_seed(0);
// a synthetic stand-in for MNIST: 10 noisy prototypes, flattened 28x28 images
const protos = torch.rand(10, 784);
const y_train = torch.randint(0, 10, tuple([500]));
const x_train = protos.at(y_train).add(torch.randn(500, 784).__rmul__(0.3)).clamp(0, 1);
const y_valid = torch.randint(0, 10, tuple([200]));
const x_valid = protos.at(y_valid).add(torch.randn(200, 784).__rmul__(0.3)).clamp(0, 1);
const [n, c] = x_train.shape;
print(x_train, y_train);
print(x_train.shape);
print(y_train.min(), y_train.max());

const weights = torch.randn(784, 10).div(Math.sqrt(784));
weights.requires_grad_();
const bias = torch.zeros(10, { requires_grad: true });

function log_softmax(x: Tensor) {
  return x.sub(x.exp().sum(-1).log().unsqueeze(-1));
}

let model: any = function model(xb: Tensor) {
  return log_softmax(xb.matmul(weights).add(bias));
};

const bs = 64;
let xb = x_train.at("0:" + bs);
const preds = model(xb);
print(preds.at(0), preds.shape);

function nll(input: Tensor, target: Tensor) {
  return input.at(range(target.shape[0]), target).mean().neg();
}

let loss_func: any = nll;
let yb = y_train.at("0:" + bs);
print(loss_func(preds, yb));

function accuracy(out: Tensor, yb: Tensor) {
  const preds = torch.argmax(out, { dim: 1 });
  return preds.eq(yb).float().mean();
}

print(accuracy(preds, yb));
const lr = 0.5;
const epochs = 2;
for (const epoch of range(epochs)) {
  for (const i of range(int((n - 1) / bs) + 1)) {
    const start_i = i * bs;
    const end_i = start_i + bs;
    xb = x_train.at(`${start_i}:${end_i}`);
    yb = y_train.at(`${start_i}:${end_i}`);
    const pred = model(xb);
    const loss = loss_func(pred, yb);
    loss.backward();
    torch.no_grad(() => {
      weights.__isub__(weights.grad!.mul(lr));
      bias.__isub__(bias.grad!.mul(lr));
      weights.grad!.zero_();
      bias.grad!.zero_();
    });
  }
}
print(loss_func(model(xb), yb), accuracy(model(xb), yb));

loss_func = F.cross_entropy;

model = function model(xb: Tensor) {
  return xb.matmul(weights).add(bias);
};

print(loss_func(model(xb), yb), accuracy(model(xb), yb));

class Mnist_Logistic extends nn.Module {
  constructor() {
    super();
    this.weights = nn.Parameter(torch.randn(784, 10).div(Math.sqrt(784)));
    this.bias = nn.Parameter(torch.zeros(10));
  }

  override forward(xb: Tensor) {
    return xb.matmul(this.weights).add(this.bias);
  }
}

model = new Mnist_Logistic();
print(loss_func(model(xb), yb));

function fit0() {
  for (const epoch of range(epochs)) {
    for (const i of range(int((n - 1) / bs) + 1)) {
      const start_i = i * bs;
      const end_i = start_i + bs;
      const xb = x_train.at(`${start_i}:${end_i}`);
      const yb = y_train.at(`${start_i}:${end_i}`);
      const pred = model(xb);
      const loss = loss_func(pred, yb);
      loss.backward();
      torch.no_grad(() => {
        for (const p of model.parameters()) {
          p.__isub__(p.grad.mul(lr));
        }
        model.zero_grad();
      });
    }
  }
}

fit0();
print(loss_func(model(xb), yb));

class Mnist_Logistic2 extends nn.Module {
  constructor() {
    super();
    this.lin = nn.Linear(784, 10);
  }

  override forward(xb: Tensor) {
    return this.lin(xb);
  }
}

function get_model(): [any, any] {
  const model = new Mnist_Logistic2();
  return [model, optim.SGD(model.parameters(), { lr: lr })];
}

let opt: any;
[model, opt] = get_model();
print(loss_func(model(xb), yb));
const train_ds = TensorDataset(x_train, y_train);
let train_dl: any = DataLoader(train_ds, { batch_size: bs });
for (const epoch of range(epochs)) {
  for ([xb, yb] of train_dl as Iterable<[Tensor, Tensor]>) {
    const pred = model(xb);
    const loss = loss_func(pred, yb);
    loss.backward();
    opt.step();
    opt.zero_grad();
  }
}
print(loss_func(model(xb), yb));

const valid_ds = TensorDataset(x_valid, y_valid);

function get_data(train_ds: any, valid_ds: any, bs: number) {
  return [
    DataLoader(train_ds, { batch_size: bs, shuffle: true }),
    DataLoader(valid_ds, { batch_size: bs * 2 }),
  ];
}

function loss_batch(model: any, loss_func: any, xb: Tensor, yb: Tensor, opt: any = null): [number, number] {
  const loss = loss_func(model(xb), yb);
  if (opt !== null) {
    loss.backward();
    opt.step();
    opt.zero_grad();
  }
  return [loss.item(), len(xb)];
}

function fit(epochs: number, model: any, loss_func: any, opt: any, train_dl: any, valid_dl: any) {
  for (const epoch of range(epochs)) {
    model.train();
    for (const [xb, yb] of train_dl as Iterable<[Tensor, Tensor]>) {
      loss_batch(model, loss_func, xb, yb, opt);
    }
    model.eval();
    const [losses, nums] = torch.no_grad(() =>
      zip(...[...valid_dl].map(([xb, yb]: [Tensor, Tensor]) => loss_batch(model, loss_func, xb, yb))),
    );
    const val_loss = np.sum(np.multiply(losses, nums)) / np.sum(nums);
    print(epoch, f`${fmt(val_loss, ".4f")}`);
  }
}

let valid_dl: any;
[train_dl, valid_dl] = get_data(train_ds, valid_ds, bs);
[model, opt] = get_model();
fit(epochs, model, loss_func, opt, train_dl, valid_dl);

class Lambda extends nn.Module {
  constructor(func: (x: Tensor) => Tensor) {
    super();
    this.func = func;
  }

  override forward(x: Tensor) {
    return this.func(x);
  }
}

function preprocess(x: Tensor) {
  return x.view(-1, 1, 28, 28);
}

model = nn.Sequential(
  new Lambda(preprocess),
  nn.Conv2d(1, 4, { kernel_size: 3, stride: 2, padding: 1 }),
  nn.ReLU(),
  nn.Conv2d(4, 10, { kernel_size: 3, stride: 2, padding: 1 }),
  nn.ReLU(),
  nn.AdaptiveAvgPool2d(1),
  new Lambda((x) => x.view(x.size(0), -1)),
);
print(model);
opt = optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
fit(epochs, model, loss_func, opt, train_dl, valid_dl);
print(model(x_valid.at(":3")).argmax(1), y_valid.at(":3"));
