// The PyTorch "Learn the Basics" optimization tutorial (and the save/load step after it) on a
// synthetic FashionMNIST stand-in: DataLoader with shuffle, next(iter(loader)), SGD with
// momentum, train_loop/test_loop with the tutorial's `{loss:>7f}` lines.
import torch, { nn } from "@tsgrad/torch";
import type { Tensor } from "@tsgrad/torch";
import { TensorDataset, DataLoader } from "@tsgrad/torch/utils/data";
import { print, f, fmt, len, range, enumerate, next, iter, tuple } from "@tsgrad/py";

torch.manual_seed(42);
// a synthetic stand-in for FashionMNIST: 10 classes of noisy 28x28 prototypes
const protos = torch.rand(10, 28, 28);
const train_labels = torch.randint(0, 10, tuple([320]));
const train_images = protos.at(train_labels).add(torch.randn(320, 28, 28).__rmul__(0.5));
const test_labels = torch.randint(0, 10, tuple([128]));
const test_images = protos.at(test_labels).add(torch.randn(128, 28, 28).__rmul__(0.5));
const training_data = TensorDataset(train_images, train_labels);
const test_data = TensorDataset(test_images, test_labels);

const learning_rate = 1e-3;
const batch_size = 64;
const epochs = 3;

const train_dataloader = DataLoader(training_data, { batch_size: batch_size, shuffle: true });
const test_dataloader = DataLoader(test_data, { batch_size: batch_size });
const [train_features, train_labels_batch] = next(iter(train_dataloader)) as [Tensor, Tensor];
print(f`Feature batch shape: ${train_features.size()}`);
print(f`Labels batch shape: ${train_labels_batch.size()}`);
print(train_labels_batch.at(":8"));
print(len(train_dataloader), len(test_dataloader), len(training_data));

class NeuralNetwork extends nn.Module {
  constructor() {
    super();
    this.flatten = nn.Flatten();
    this.linear_relu_stack = nn.Sequential(
      nn.Linear(28 * 28, 512),
      nn.ReLU(),
      nn.Linear(512, 512),
      nn.ReLU(),
      nn.Linear(512, 10),
    );
  }

  override forward(x: Tensor) {
    x = this.flatten(x);
    const logits = this.linear_relu_stack(x);
    return logits;
  }
}

const model = new NeuralNetwork();
const loss_fn = nn.CrossEntropyLoss();
const optimizer = torch.optim.SGD(model.parameters(), { lr: learning_rate, momentum: 0.9 });
print(optimizer);

function train_loop(dataloader: any, model: any, loss_fn: any, optimizer: any) {
  const size = len(dataloader.dataset);
  model.train();
  for (const [batch, [X, y]] of enumerate(dataloader) as Iterable<[number, [Tensor, Tensor]]>) {
    const pred = model(X);
    let loss = loss_fn(pred, y);
    loss.backward();
    optimizer.step();
    optimizer.zero_grad();
    if (batch % 2 === 0) {
      let current: number;
      [loss, current] = [loss.item(), batch * batch_size + len(X)];
      print(f`loss: ${fmt(loss, ">7f")}  [${fmt(current, ">5d")}/${fmt(size, ">5d")}]`);
    }
  }
}

function test_loop(dataloader: any, model: any, loss_fn: any) {
  model.eval();
  const size = len(dataloader.dataset);
  const num_batches = len(dataloader);
  let [test_loss, correct] = [0, 0];
  torch.no_grad(() => {
    for (const [X, y] of dataloader as Iterable<[Tensor, Tensor]>) {
      const pred = model(X);
      test_loss += loss_fn(pred, y).item();
      correct += pred.argmax(1).eq(y).type(torch.float).sum().item();
    }
  });
  test_loss /= num_batches;
  correct /= size;
  print(f`Test Error: \n Accuracy: ${fmt(100 * correct, ">0.1f")}%, Avg loss: ${fmt(test_loss, ">8.4f")} \n`);
}

for (const t of range(epochs)) {
  print(f`Epoch ${t + 1}\n-------------------------------`);
  train_loop(train_dataloader, model, loss_fn, optimizer);
  test_loop(test_dataloader, model, loss_fn);
}
print("Done!");

torch.save(model.state_dict(), "/tmp/tsgrad_30_model_weights.pth");
const model2 = new NeuralNetwork();
print(model2.load_state_dict(torch.load("/tmp/tsgrad_30_model_weights.pth")));
model2.eval();
const x = test_images.at(":4");
torch.no_grad(() => {
  print(torch.equal(model(x), model2(x)));
  print(model2(x).argmax(1), test_labels.at(":4"));
});
