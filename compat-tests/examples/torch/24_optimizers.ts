// Optimizers: SGD with momentum, Adam, param_groups, zero_grad, StepLR, printing an optimizer.
import torch from "@tsgrad/torch";
import { print, float, len, range } from "@tsgrad/py";

torch.manual_seed(0);
const w = torch.tensor([1.0, -2.0], { requires_grad: true });
let opt = torch.optim.SGD([w], { lr: 0.1, momentum: 0.9 });
for (const step of range(3)) {
  opt.zero_grad();
  const loss = w.pow(2n).sum();
  loss.backward();
  opt.step();
  print(step, float(loss.item()), w);
}
print(opt.state_dict()["param_groups"]);
const w2 = torch.tensor([1.0, -2.0], { requires_grad: true });
const adam = torch.optim.Adam([w2], { lr: 0.1 });
print(adam);
for (const step of range(3)) {
  adam.zero_grad();
  const loss = w2.sub(3n).pow(2n).mean();
  loss.backward();
  adam.step();
}
print(w2);
print(w2.grad);
adam.zero_grad();
print(w2.grad);
const model = torch.nn.Linear(3, 1);
opt = torch.optim.SGD(model.parameters(), { lr: 0.01, weight_decay: 1e-4 });
print(opt.param_groups[0]["lr"], len(opt.param_groups[0]["params"]));
for (const g of opt.param_groups) {
  g["lr"] = 0.001;
}
print(opt.param_groups[0]["lr"]);
const sched = torch.optim.lr_scheduler.StepLR(opt, { step_size: 2, gamma: 0.5 });
for (const epoch of range(5)) {
  opt.step();
  sched.step();
  print(epoch, sched.get_last_lr());
}
print(torch.optim.RMSprop([torch.zeros(1, { requires_grad: true })], { lr: 0.01 }));
