// The PyTorch basics tutorial's train_loop/test_loop over a TensorDataset and DataLoader.
import torch, { nn } from "@tsgrad/torch";
import type { Tensor } from "@tsgrad/torch";
import { TensorDataset, DataLoader } from "@tsgrad/torch/utils/data";
import { print, f, fmt, len, range, enumerate } from "@tsgrad/py";

torch.manual_seed(0);
const X = torch.randn(200, 4);
const true_w = torch.tensor([[1.0], [-2.0], [0.5], [3.0]]);
const y = X.matmul(true_w).gt(0n).long().squeeze(1);
print(y.at(":10"), y.sum());

const dataset = TensorDataset(X, y);
print(len(dataset));
print(dataset[0]);
const loader = DataLoader(dataset, { batch_size: 50, shuffle: true });

const model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 2));
const loss_fn = nn.CrossEntropyLoss();
const optimizer = torch.optim.Adam(model.parameters(), { lr: 1e-2 });

function train_loop(dataloader: any, model: any, loss_fn: any, optimizer: any) {
  const size = len(dataloader.dataset);
  model.train();
  for (const [batch, [X, y]] of enumerate(dataloader)) {
    const pred = model(X);
    let loss = loss_fn(pred, y);
    loss.backward();
    optimizer.step();
    optimizer.zero_grad();
    if (batch % 2 === 0) {
      let current: number;
      [loss, current] = [loss.item(), (batch + 1) * len(X)];
      print(f`loss: ${fmt(loss, ">7.4f")}  [${fmt(current, ">5d")}/${fmt(size, ">5d")}]`);
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
  print(f`Test Error: \n Accuracy: ${fmt(100 * correct, ">0.1f")}%, Avg loss: ${fmt(test_loss, ">8f")} \n`);
}

for (const t of range(3)) {
  print(f`Epoch ${t + 1}\n-------------------------------`);
  train_loop(loader, model, loss_fn, optimizer);
  test_loop(DataLoader(dataset, { batch_size: 64 }), model, loss_fn);
}
print("Done!");
