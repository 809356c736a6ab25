// A blog-style nn.Linear + MSELoss + SGD loop printing the loss every 10 epochs.
import torch from "@tsgrad/torch";
import nn from "@tsgrad/torch/nn";
import { print, f, fmt, range } from "@tsgrad/py";
const optim = torch.optim;

torch.manual_seed(42);
const X = torch.randn(100, 1);
const y = X.__rmul__(3n).add(2n).add(torch.randn(100, 1).__rmul__(0.1));

const model = nn.Linear(1, 1);
print(model);
print(model.weight, model.bias);
const criterion = nn.MSELoss();
const optimizer = optim.SGD(model.parameters(), { lr: 0.1 });

for (const epoch of range(100)) {
  optimizer.zero_grad();
  const outputs = model(X);
  const loss = criterion(outputs, y);
  loss.backward();
  optimizer.step();
  if ((epoch + 1) % 10 === 0) {
    print(f`Epoch [${epoch + 1}/100], Loss: ${fmt(loss.item(), ".4f")}`);
  }
}

print(f`weight: ${fmt(model.weight.item(), ".3f")}, bias: ${fmt(model.bias.item(), ".3f")}`);
for (const [name, param] of model.named_parameters()) {
  print(name, param.data);
}
const pred = torch.no_grad(() => model(torch.tensor([[4.0]])));
print(pred);
print(model(torch.tensor([[1.0], [2.0]])));
