// d2l's concise linear regression: nn.Sequential(nn.Linear), init through .data, MSELoss, SGD.
import torch, { nn } from "@tsgrad/torch";
import { print, f, fmt, range } from "@tsgrad/py";

torch.manual_seed(1);
const true_w = torch.tensor([2n, -3.4]);
const true_b = 4.2;
const X = torch.normal(0n, 1n, [1000, 2]);
let y = torch.matmul(X, true_w).add(true_b);
y = y.__iadd__(torch.normal(0n, 0.01, y.shape));
const labels = y.reshape([-1, 1]);

const net = nn.Sequential(nn.Linear(2, 1));
print(net);
print(net[0].weight.data.normal_(0n, 0.01));
print(net[0].bias.data.fill_(0n));
const loss = nn.MSELoss();
const trainer = torch.optim.SGD(net.parameters(), { lr: 0.03 });
print(trainer);
const num_epochs = 3;
for (const epoch of range(num_epochs)) {
  const perm = torch.randperm(1000);
  for (const i of range(0, 1000, 10)) {
    const idx = perm.at(`${i}:${i + 10}`);
    const l = loss(net(X.at(idx)), labels.at(idx));
    trainer.zero_grad();
    l.backward();
    trainer.step();
  }
  const l = loss(net(X), labels);
  print(f`epoch ${epoch + 1}, loss ${fmt(l, "f")}`);
}
const w = net[0].weight.data;
print("w的估计误差：", true_w.sub(w.reshape(true_w.shape)));
const b = net[0].bias.data;
print("b的估计误差：", b.__rsub__(true_b));
print(net.state_dict());
